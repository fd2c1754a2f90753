import EventLog

/// The use cases: one entry point per command and per read, taking typed input and returning typed
/// results or `PlanningError`. The CLI and the web interface are adapters over it.
///
/// It holds no state of its own; the store does the I/O, `Decide` and `Visit.apply` the thinking.
/// Reads are in `Planner+Reads.swift`, writes in `Planner+Writes.swift`, the audit trail in
/// `Planner+Audit.swift` and integrity checks in `Planner+Integrity.swift`.
public struct Planner: Sendable {
  public let store: any EventStore

  public init(store: any EventStore) { self.store = store }

  /// A replayed visit with the log state it was built from.
  public struct Loaded: Sendable {
    public var visit: Visit
    /// Seq and hash of the last event replayed: the anchor of anything rendered from it.
    public var head: StreamHead
    /// What the store noticed on the way (a torn tail).
    public var warnings: [EventLogWarning]
  }

  /// A visit's stream read, checked and decoded once, ready to be folded up to any point: for
  /// reads that need the visit at several points (`diff`, `agenda --changes-since`).
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
    public func state(at point: Point? = nil) throws(PlanningError) -> Loaded {
      let limit = try point?.limit(in: records, visit: visit) ?? .all
      var state: Visit?
      var head = StreamHead()
      for (r, e) in zip(records, events) where limit.admits(r) {
        try Planner.fold(&state, e, r, visit: visit, file: file)
        head = StreamHead(seq: r.seq, hash: r.hash, recorded: r.recorded)
      }
      guard let v = state else {
        if let point { throw .notYetScheduled(visit: visit, point: point.description) }
        throw .visitNotFound(visit)
      }
      return Loaded(visit: v, head: head, warnings: warnings)
    }

    /// The visit as it stood at `point`, or nil when it was not yet scheduled then.
    public func stateIfScheduled(at point: Point) throws(PlanningError) -> Visit? {
      do {
        return try state(at: point).visit
      } catch {
        if case .notYetScheduled = error { return nil }
        throw error
      }
    }
  }

  /// Reads and decodes a visit's whole stream.
  ///
  /// - Throws: `PlanningError` (`.visitNotFound`, `.unreadableEvent`, `.store` for a damaged store).
  public func history(_ visit: String) throws -> History {
    try requireVisit(visit)
    let (records, warnings) = try lifted { try store.read(visit) }
    let file = store.location(of: visit)
    let events = try records.map { r throws(PlanningError) in try EventCodec.decode(r, file: file) }
    return History(visit: visit, records: records, events: events, warnings: warnings, file: file)
  }

  /// A visit as it stands now or at `point`.
  ///
  /// - Throws: `PlanningError.visitNotFound` when there is no such visit (`.notYetScheduled` when
  ///   not yet at `point`), `.store` for a damaged store.
  public func load(_ visit: String, at point: Point? = nil) throws -> Loaded {
    if let point { return try history(visit).state(at: point) }
    try requireVisit(visit)
    return try current(visit)
  }

  /// The visit as it stands now: from its snapshot, folding only what was appended since, or from
  /// the start when there is no usable snapshot; the snapshot is renewed once it lags behind
  /// (`SnapshotCache.isWorthSaving`), unless `keep` is false (`list` keeps its own cache, the
  /// catalog, and writing a snapshot of every visit would be most of a first listing's time).
  func current(_ visit: String, keep: Bool = true) throws -> Loaded {
    let file = store.location(of: visit)
    if let (snapshot, position) = SnapshotCache.load(visit, from: store) {
      var state: Visit? = snapshot
      if let read = try lifted({
        try store.forEach(in: visit, after: position) { r in
          try Self.fold(&state, r, visit: visit, file: file)
        }
      }), let v = state {
        if keep, SnapshotCache.isWorthSaving(from: position, to: read.position) {
          SnapshotCache.save(v, at: read.position, in: store)
        }
        return Loaded(visit: v, head: read.position.head, warnings: read.warnings)
      }
    }
    var state: Visit?
    guard
      let read = try lifted({
        try store.forEach(in: visit, after: nil) { r in try Self.fold(&state, r, visit: visit, file: file) }
      }), let v = state
    else { throw PlanningError.visitNotFound(visit) }
    if keep { SnapshotCache.save(v, at: read.position, in: store) }
    return Loaded(visit: v, head: read.position.head, warnings: read.warnings)
  }

  /// Every visit in the store, now or at `point` (visits not yet scheduled then are left out).
  ///
  /// - Throws: `PlanningError.invalidPoint` for `seq:N` or `v:N`, which count within one visit.
  func loadAll(at point: Point?, field: Field) throws -> [Loaded] {
    try eachVisit(at: point, field: field) { $0 }
  }

  /// `transform` of every visit in the store, now or at `point` (visits not yet scheduled then
  /// are left out), in the order of their ids. Visits are replayed side by side, and each is let
  /// go as soon as `transform` has made what the caller needs of it, so memory holds that, not
  /// the visits.
  ///
  /// - Throws: `PlanningError.invalidPoint` for `seq:N` or `v:N`, which count within one visit.
  func eachVisit<T: Sendable>(at point: Point?, field: Field, _ transform: @escaping @Sendable (Loaded) -> T)
    throws -> [T]
  {
    try point?.requireVisit(field: field, visit: nil)
    let names = try lifted({ try store.streamNames() })
    let planner = self
    let made = try Self.inParallel(names) { name -> T? in
      do {
        return transform(try planner.load(name, at: point))
      } catch PlanningError.notYetScheduled {
        return nil
      } catch PlanningError.visitNotFound {
        return nil
      }
    }
    return made.compactMap { $0 }
  }

  /// Checks that a visit id is a slug and the visit exists — and, before that, that the store
  /// does: a mistyped `--store` says "no such store", not "no such visit".
  func requireVisit(_ visit: String) throws {
    try Self.checkID(visit, .visit)
    guard store.exists else { throw PlanningError.lift(EventLogError.noSuchStore(path: store.name)) }
    guard store.contains(visit) else { throw PlanningError.visitNotFound(visit) }
  }

  /// Runs a store call, turning its errors into `PlanningError` (see `PlanningError.lift`).
  func lifted<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch { throw PlanningError.lift(error) }
  }

  /// Checks that an identifier is a slug, `[a-z0-9][a-z0-9-]{0,63}`.
  ///
  /// - Throws: `PlanningError.invalidInput` naming the field.
  public static func checkID(_ value: String, _ field: Field) throws(PlanningError) {
    guard isValidStreamName(value) else {
      throw .invalidInput(
        field: field, value: value,
        expected: "use lower-case letters, digits and '-' (at most 64, starting with a letter or digit)")
    }
  }

  /// The projection fold over records: decode, then start or apply.
  public static func fold(
    _ state: inout Visit?, _ record: EventRecord, visit: String, file: String = "event"
  ) throws(PlanningError) {
    try fold(&state, try EventCodec.decode(record, file: file), record, visit: visit, file: file)
  }

  /// The fold for an event already decoded from `record`: check it by its command's rules against
  /// the visit before it, then start the visit or apply the event.
  ///
  /// Every read checks what it folds, as `verify` and `import` do (`Decide.check`): a record forged
  /// with a valid hash — an appointment id with a line break, a zone that is none, a reschedule to
  /// year 0 — is refused at its line instead of reaching an agenda or a calendar. A record whose
  /// personal values were erased holds none to check (no command records an erased name), and an
  /// erasure is replayed on a visit that already reads as erased: those two are folded unchecked.
  /// (Snapshots hold visits folded this way, so a cached read checks only what follows them.)
  public static func fold(
    _ state: inout Visit?, _ event: Event, _ record: EventRecord, visit: String, file: String = "event"
  ) throws(PlanningError) {
    var erasure = false
    if case .personErased = event { erasure = true }
    if record.erased.isEmpty && !erasure {
      do {
        try Decide.check(event, visit: visit, state: state)
      } catch {
        throw .unreadableEvent(
          at: "\(file):\(record.seq)", reason: "not what its command records: \(error)")
      }
    }
    let meta = EventMeta(record)
    // Matched, not compared with nil: `state == nil` copied the whole visit for every event.
    guard case .some = state else {
      guard let v = Visit.start(id: visit, with: event, meta: meta) else {
        throw .unreadableEvent(
          at: "\(file):\(record.seq)",
          reason: "a visit's first event must be VisitScheduled, not \(printable(record.type))")
      }
      state = v
      return
    }
    if case .visitScheduled = event {
      throw .unreadableEvent(at: "\(file):\(record.seq)", reason: "VisitScheduled again after seq 1")
    }
    state?.apply(event, meta: meta)
  }
}
