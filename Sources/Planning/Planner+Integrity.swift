import EventLog

/// Where an anchor printed on an agenda or itinerary stands in today's log.
public struct AnchorCheck: Sendable, Equatable {
  public var visit: String
  public var anchor: String
  /// The event the anchor names.
  public var seq: Int
  public var recorded: Timestamp
  /// How many events the log has gained since.
  public var later: Int
  public var headHash: String
}

extension Planner {
  /// Checks every byte of the named visits' streams (all when empty), one report each (`verify`);
  /// a stream whose bytes are sound is then replayed through the domain, so that a record no read
  /// can use (an unknown event type or schema version, a date such as 2022-02-30, a second
  /// `VisitScheduled`) is a problem named at its line too.
  public func verify(_ visits: [String]) throws -> [StreamReport] {
    for v in visits { try Self.checkID(v, .visit) }
    let names = visits.isEmpty ? try lifted { try store.streamNames() } : visits
    let streams = store
    let check: @Sendable (String) throws -> StreamReport = { name in
      var report = try streams.verify(name)
      if report.problems.isEmpty, let problem = try Self.replayProblem(name, in: streams) {
        report.problems.append(problem)
      }
      return report
    }
    do {
      return try Self.inParallel(names, check)
    } catch {
      throw PlanningError.lift(error)
    }
  }

  /// The first record of a stream that the domain cannot fold, if any.
  static func replayProblem(_ name: String, in store: any EventStore) throws -> StreamProblem? {
    let file = store.location(of: name)
    var state: Visit?
    var found: StreamProblem?
    _ = try store.forEach(in: name) { r in
      guard found == nil else { return }
      do {
        let event = try EventCodec.decode(r, file: file)
        // What the rules of its command record, so a forged value (an id with a line break, a
        // zone that is none) is found as an import would find it. A record whose personal values
        // were erased holds none to check (no command records an erased name), and an erasure is
        // replayed on a visit that already reads as erased: those two are folded unchecked.
        var erasure = false
        if case .personErased = event { erasure = true }
        if r.erased.isEmpty && !erasure { try Decide.check(event, visit: name, state: state) }
        try fold(&state, event, r, visit: name, file: file)
      } catch PlanningError.unreadableEvent(_, let reason) {
        found = StreamProblem(file: file, line: r.seq, reason: reason)
      } catch let error as PlanningError {
        found = StreamProblem(file: file, line: r.seq, reason: "not what its command records: \(error)")
      }
    }
    return found
  }

  /// What `verify` says of the store as a whole (modes that let others in).
  public func storeWarnings() -> [EventLogWarning] { store.storeWarnings }

  /// Whether the log state an anchor names (12 to 64 hex digits of a record's hash) is still a
  /// prefix of the visit's intact log: what was printed from it has not been rewritten since.
  ///
  /// - Returns: the check, and the stream's report (its warnings and problems).
  /// - Throws: `PlanningError.invalidInput` for a malformed anchor, `.anchorOnDamagedStream` or
  ///   `.anchorNotFound`.
  public func verifyAnchor(_ visit: String, anchor: String) throws -> (AnchorCheck, StreamReport) {
    try Self.checkID(visit, .visit)
    guard (12...64).contains(anchor.utf8.count),
      anchor.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
    else {
      throw PlanningError.invalidInput(
        field: .anchor, value: anchor, expected: "12 to 64 lower-case hex digits")
    }
    let report = try lifted { try store.verify(visit) }
    guard report.problems.isEmpty else {
      throw PlanningError.anchorOnDamagedStream(visit: visit, report: report)
    }
    var found: EventRecord?
    _ = try lifted {
      try store.forEach(in: visit) { r in if found == nil && r.hash.hasPrefix(anchor) { found = r } }
    }
    guard let r = found else { throw PlanningError.anchorNotFound(visit: visit, anchor: anchor) }
    return (
      AnchorCheck(
        visit: visit, anchor: anchor, seq: r.seq, recorded: r.recorded, later: report.count - r.seq,
        headHash: report.headHash),
      report
    )
  }
}
