import EventLog

/// The application service: replays visits from the store and turns commands into appended events.
///
/// It holds no state of its own; the store does the I/O and `Decide` and `Visit.apply` the thinking.
public struct Planner: Sendable {
  public let store: EventStore

  public init(store: EventStore) { self.store = store }

  /// A replayed visit with the log state it was built from.
  public struct Loaded: Sendable {
    public var visit: Visit
    /// Seq and hash of the last event replayed: the anchor of anything rendered from it.
    public var head: StreamHead
    /// What the store noticed on the way (a torn tail).
    public var warnings: [EventLogWarning]
  }

  /// A visit's stream read, checked and decoded once, ready to be folded up to any point: for
  /// commands that need the visit at several points (`diff`, `agenda --changes-since`).
  public struct History: Sendable {
    public let visit: String
    public let records: [EventRecord]
    /// The event of each record, decoded once.
    public let events: [Event]
    public let warnings: [EventLogWarning]
    let file: String

    /// The visit as it stood at `point` (now when nil).
    ///
    /// - Throws: `PlanningError.notYetScheduled` when it did not exist yet at `point`.
    public func state(at point: Point? = nil) throws -> Loaded {
      let limit = try point?.limit(in: records, visit: visit) ?? .all
      var state: Visit?
      var head = StreamHead()
      for (r, e) in zip(records, events) where limit.admits(r) {
        try Planner.fold(&state, e, r, visit: visit, file: file)
        head = StreamHead(seq: r.seq, hash: r.hash, recorded: r.recorded)
      }
      guard let v = state else {
        if let point { throw PlanningError.notYetScheduled(visit: visit, point: point.description) }
        throw PlanningError.visitNotFound(visit)
      }
      return Loaded(visit: v, head: head, warnings: warnings)
    }
  }

  /// Reads and decodes a visit's whole stream.
  ///
  /// - Throws: `PlanningError.visitNotFound`, `.unreadableEvent`; `EventLogError` for a damaged store.
  public func history(_ visit: String) throws -> History {
    guard store.contains(visit) else { throw PlanningError.visitNotFound(visit) }
    let (records, warnings) = try store.read(visit)
    let file = store.path(of: visit)
    let events = try records.map { r throws(PlanningError) in try EventCodec.decode(r, file: file) }
    return History(visit: visit, records: records, events: events, warnings: warnings, file: file)
  }

  /// A visit as it stands now or at `point`.
  ///
  /// - Throws: `PlanningError.visitNotFound` when there is no such visit (`.notYetScheduled` when
  ///   not yet at `point`), `EventLogError` for a damaged store.
  public func load(_ visit: String, at point: Point? = nil) throws -> Loaded {
    try history(visit).state(at: point)
  }

  /// Every visit in the store, now or at `point` (visits not yet scheduled then are left out).
  public func loadAll(at point: Point? = nil) throws -> [Loaded] {
    var all: [Loaded] = []
    for name in try store.streamNames() {
      do {
        all.append(try load(name, at: point))
      } catch PlanningError.notYetScheduled {
        continue
      } catch PlanningError.visitNotFound {
        continue
      }
    }
    return all
  }

  /// What `execute` did.
  public struct Outcome: Sendable {
    public var append: AppendResult
    public var events: [Event]
  }

  /// Checks `command` against the visit's current state and appends the resulting events, under
  /// the store's write lock so that no other writer can come between check and write.
  ///
  /// - Throws: `PlanningError` for a refused command, `EventLogError` for version conflicts, lock
  ///   time-outs and damaged streams.
  public func execute(
    _ command: Command, visit: String, actor: String, reason: String? = nil, expected: ExpectedVersion = .any
  ) throws -> Outcome {
    var decided: [Event] = []
    let result = try store.append(
      to: visit, expected: expected, initial: Visit?.none,
      fold: { state, record in try Self.fold(&state, record, visit: visit, file: store.path(of: visit)) },
      decide: { state, _ in
        decided = try Decide.decide(command, visit: visit, state: state)
        return try decided.map { try EventCodec.newEvent($0, actor: actor, reason: reason) }
      })
    return Outcome(append: result, events: decided)
  }

  /// The projection fold over records: decode, then start or apply.
  public static func fold(
    _ state: inout Visit?, _ record: EventRecord, visit: String, file: String = "event"
  ) throws(PlanningError) {
    try fold(&state, try EventCodec.decode(record, file: file), record, visit: visit, file: file)
  }

  /// The fold for an event already decoded from `record`: start the visit or apply the event.
  public static func fold(
    _ state: inout Visit?, _ event: Event, _ record: EventRecord, visit: String, file: String = "event"
  ) throws(PlanningError) {
    let meta = EventMeta(record)
    if state == nil {
      guard let v = Visit.start(id: visit, with: event, meta: meta) else {
        throw .unreadableEvent(
          at: "\(file):\(record.seq)",
          reason: "a visit's first event must be VisitScheduled, not \(record.type)")
      }
      state = v
    } else if case .visitScheduled = event {
      throw .unreadableEvent(at: "\(file):\(record.seq)", reason: "VisitScheduled again after seq 1")
    } else {
      state?.apply(event, meta: meta)
    }
  }
}
