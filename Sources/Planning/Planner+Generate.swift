import EventLog

/// What `generate` should make.
public struct GenerateRequest: Sendable, Equatable {
  public var visits: Int
  public var eventsPerVisit: Int
  public var seed: UInt64

  public init(visits: Int, eventsPerVisit: Int, seed: UInt64) {
    self.visits = visits
    self.eventsPerVisit = eventsPerVisit
    self.seed = seed
  }

  /// The id of the `index`-th visit (from 1): `gen-00001`.
  public static func visitID(_ index: Int) -> String {
    let digits = String(index)
    return "gen-" + String(repeating: "0", count: max(0, 5 - digits.count)) + digits
  }
}

extension Planner {
  /// Fills an empty store with synthetic visits for benchmarks and load tests: each visit's
  /// commands are decided by the rules (`Decide.decide`) against the visit as it stands, and its
  /// events appended in one append, each command's events as their own batch with their own time of
  /// recording. The same seed gives the same commands, times, actors and reasons; ids and salts are
  /// the store's (a caller wanting identical files gives it a fixed id and salt maker).
  ///
  /// - Parameter progress: called after each visit with the number written so far.
  /// - Returns: the number of events written.
  /// - Throws: `PlanningError` (`.store` when the store fails).
  public func generate(_ request: GenerateRequest, progress: (Int) -> Void = { _ in }) throws -> Int {
    try lifted { try store.create() }
    var total = 0
    for index in 1...max(1, request.visits) where request.visits > 0 {
      let id = GenerateRequest.visitID(index)
      var synthetic = SyntheticVisit(id: id, seed: request.seed, index: index)
      var events: [NewEvent] = []
      var recorded = Timestamp(milliseconds: 0)
      var attempts = 0
      while events.count < request.eventsPerVisit && attempts < request.eventsPerVisit * 20 {
        attempts += 1
        guard let command = synthetic.next(),
          let decided = try? synthetic.decide(command)
        else { continue }
        if let v = synthetic.visit, events.isEmpty {
          // Planning starts some weeks before the visit, in office hours.
          recorded = Timestamp(
            milliseconds: (v.from.dayNumber - Int64(synthetic.rng.int(30...90))) * 86_400_000 + 7 * 3_600_000)
        }
        recorded = Timestamp(milliseconds: recorded.milliseconds + Int64(synthetic.rng.int(1...240)) * 60_000)
        let actor = synthetic.rng.pick(SyntheticVisit.staff)
        let reason = synthetic.rng.chance(15) ? "Agreed with the partner's office" : nil
        for (i, e) in decided.enumerated() {
          var new = try EventCodec.newEvent(e, actor: actor, reason: reason)
          new.recorded = recorded
          new.continues = i < decided.count - 1
          events.append(new)
        }
      }
      let batch = events
      _ = try lifted { try store.append(to: id, expected: .noStream, batch) }
      total += events.count
      progress(index)
    }
    return total
  }
}
