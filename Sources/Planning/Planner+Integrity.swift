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
      var replay = Replay(visit: name, file: streams.location(of: name))
      return try streams.verify(name) { replay.problem(with: $0) }
    }
    do {
      return try Self.inParallel(names, check)
    } catch {
      throw PlanningError.lift(error)
    }
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

/// A visit folded record by record as `verify` reads its stream, checking each record as an
/// import would: it must decode, and be what its command's rules record against the visit so far.
struct Replay {
  let visit: String
  let file: String
  var state: Visit?

  init(visit: String, file: String) {
    self.visit = visit
    self.file = file
  }

  /// Why the record cannot be folded, or nil when it can (and then it is).
  mutating func problem(with r: EventRecord) -> String? {
    do {
      // The fold checks the record by its command's rules too.
      try Planner.fold(&state, r, visit: visit, file: file)
      return nil
    } catch .unreadableEvent(_, let reason) {
      return reason
    } catch {
      return "\(error)"
    }
  }
}
