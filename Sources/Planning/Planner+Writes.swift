import EventLog

/// A change to one visit, as an adapter hands it over: the command with who, why and the version
/// the writer saw.
public struct WriteRequest: Sendable, Equatable {
  public var visit: String
  public var command: Command
  /// Who makes the change: the CLI's `--actor`, the web server's logged-in user.
  public var actor: String
  public var reason: String?
  public var expected: ExpectedVersion
  /// Refuse the change when it adds a plan warning (a conflict, a gap…), instead of reporting it.
  public var strict: Bool

  public init(
    visit: String, command: Command, actor: String, reason: String? = nil, expected: ExpectedVersion = .any,
    strict: Bool = false
  ) {
    self.strict = strict
    self.visit = visit
    self.command = command
    self.actor = actor
    self.reason = reason
    self.expected = expected
  }
}

/// What a write did.
public struct WriteResult: Sendable, Equatable {
  public var visit: String
  /// The events decided (the original ones for a retried batch).
  public var events: [Event]
  /// Seq of the first and last event of the batch.
  public var firstSeq: Int
  public var lastSeq: Int
  /// The visit's head hash afterwards.
  public var headHash: String
  /// Every event id was stored already: nothing was written.
  public var alreadyStored: Bool
  /// A torn tail that the write removed first, if any.
  public var repairs: [EventLogWarning]
  /// Plan warnings the change added (with `strict` it is refused instead).
  public var newWarnings: [PlanWarning] = []
  /// The visit after the change, for wording the warnings.
  public var visitAfter: Visit?

  /// The type names of the events, in order.
  public var eventTypes: [String] { events.map(\.typeName) }
}

extension Planner {
  /// The most characters an actor may have.
  public static let actorLimit = 200
  /// The most characters a reason may have.
  public static let reasonLimit = 2000

  /// Checks `request.command` against the visit's current state and appends the resulting events,
  /// under the store's write lock so that no other writer can come between check and write. A new
  /// visit in a store that does not exist yet is checked before the store is made, so a refusal
  /// leaves nothing behind.
  ///
  /// - Throws: `PlanningError`: `.invalidInput` for the visit id, actor or reason, `.rule` for a
  ///   refused command, `.versionConflict`, `.store` for lock time-outs and damaged streams.
  public func write(_ request: WriteRequest) throws -> WriteResult {
    let visit = request.visit
    try Self.checkID(visit, .visit)
    try Self.checkActor(request.actor)
    try Self.checkReason(request.reason)
    if case .schedule = request.command, !store.exists {
      _ = try Decide.decide(request.command, visit: visit, state: nil)
      try lifted { try store.create() }
    }
    var decided: [Event] = []
    var added: [PlanWarning] = []
    var after: Visit?
    let file = store.location(of: visit)
    let snapshot = SnapshotCache.load(visit, from: store)
    var before: Visit?
    let result = try lifted {
      try store.append(
        to: visit, expected: request.expected, initial: Visit?.none,
        resume: snapshot.map { ($0.position, Optional($0.visit)) },
        fold: { state, record in try Self.fold(&state, record, visit: visit, file: file) },
        decide: { state, head in
          before = state
          decided = try Decide.decide(request.command, visit: visit, state: state)
          (added, after) = Self.warningsAdded(by: decided, to: state, visit: visit, head: head)
          if request.strict && !added.isEmpty {
            throw PlanningError.rule(
              .strict,
              "the change would add \(added.count) plan warning(s) (\(added.map(\.rule.rawValue).joined(separator: ", "))); nothing was written"
            )
          }
          return try decided.map {
            try EventCodec.newEvent($0, actor: request.actor, reason: request.reason)
          }
        })
    }
    // The state after the write, as a replay will fold it, becomes the visit's snapshot.
    if !result.alreadyStored, let position = result.position, position.seq == result.lastSeq,
      SnapshotCache.isWorthSaving(from: snapshot?.position, to: position)
    {
      var state = before
      for (i, e) in decided.enumerated() {
        let meta = EventMeta(
          seq: result.firstSeq + i, recorded: position.recorded, actor: request.actor, reason: request.reason)
        if state == nil {
          state = Visit.start(id: visit, with: e, meta: meta)
        } else {
          state?.apply(e, meta: meta)
        }
      }
      if let state { SnapshotCache.save(state, at: position, in: store) }
    }
    return WriteResult(
      visit: visit, events: decided, firstSeq: result.firstSeq, lastSeq: result.lastSeq,
      headHash: result.headHash, alreadyStored: result.alreadyStored, repairs: result.repairs,
      newWarnings: result.alreadyStored ? [] : added, visitAfter: after)
  }

  /// The plan warnings that events add to a visit: those of the visit after them that it did not
  /// have before.
  static func warningsAdded(by events: [Event], to state: Visit?, visit: String, head: StreamHead)
    -> ([PlanWarning], Visit?)
  {
    var after = state
    for (i, e) in events.enumerated() {
      let meta = EventMeta(seq: head.seq + 1 + i, recorded: head.recorded, actor: "")
      if after == nil {
        after = Visit.start(id: visit, with: e, meta: meta)
      } else {
        after?.apply(e, meta: meta)
      }
    }
    if let state, let after, state.givesSameWarnings(as: after) { return ([], after) }
    let before = Set(state?.warnings ?? [])
    return ((after?.warnings ?? []).filter { !before.contains($0) }, after)
  }

  /// An actor: 1 to 200 characters, not only white space, no control characters.
  public static func checkActor(_ actor: String) throws(PlanningError) {
    guard !actor.trimmingWhitespace.isEmpty, actor.count <= actorLimit,
      !actor.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
    else {
      throw .invalidInput(
        field: .actor, value: actor,
        expected: "1 to \(actorLimit) characters, not only spaces, no control characters")
    }
  }

  /// A reason, when given: 1 to 2000 characters, not only white space, no control characters but
  /// tab and line feed (an escape sequence or a carriage return would come out raw in the audit).
  public static func checkReason(_ reason: String?) throws(PlanningError) {
    guard let reason else { return }
    guard !reason.trimmingWhitespace.isEmpty, reason.count <= reasonLimit,
      !reason.unicodeScalars.contains(where: {
        $0.properties.generalCategory == .control && $0 != "\n" && $0 != "\t"
      })
    else {
      throw .invalidInput(
        field: .reason, value: reason,
        expected:
          "1 to \(reasonLimit) characters, not only spaces, no control characters but tab and line feed")
    }
  }
}
