import EventLog

extension Planner {
  /// Writes the visits' events as an import file (`docs/log-format.md`, "Export and import"): one
  /// canonical JSON object per line, with id, actor, reason, recorded and batch marks, and each
  /// sealed value with its commitment and salt, or its tombstone, so that `importEvents` into an
  /// empty store rebuilds the same lines and vault files byte for byte. Holds one visit in memory
  /// at a time.
  ///
  /// - Parameters:
  ///   - visits: the visits, in this order; all of the store's, sorted, when empty.
  ///   - body: called with each line, `\n` included.
  /// - Returns: what the store noticed on the way (torn tails).
  /// - Throws: `PlanningError` (`.visitNotFound`, `.store` for damage).
  @discardableResult
  public func export(_ visits: [String], _ body: ([UInt8]) throws -> Void) throws -> [EventLogWarning] {
    for v in visits { try Self.checkID(v, .visit) }
    guard store.exists else { throw PlanningError.lift(EventLogError.noSuchStore(path: store.name)) }
    let names = visits.isEmpty ? try lifted { try store.streamNames() } : visits
    var warnings: [EventLogWarning] = []
    for visit in names {
      try requireVisit(visit)
      let (records, w) = try lifted { try store.read(visit) }
      // Read after the records: the vault has an entry for every line read.
      let vault = try lifted { try store.vaultValues(of: visit) }
      warnings += w
      for r in records {
        try body(try Self.exportLine(r, stream: visit, vault: vault, file: store.location(of: visit)))
      }
    }
    return warnings
  }

  /// One record as a line of an import file.
  static func exportLine(_ r: EventRecord, stream: String, vault: [String: VaultValue], file: String)
    throws(PlanningError) -> [UInt8]
  {
    var o: [String: JSONValue] = [
      "stream": .string(stream), "type": .string(r.type), "version": .int(Int64(r.version)),
      "id": .string(r.id), "recorded": .string(r.recorded.description), "actor": .string(r.actor),
      "data": .object(r.data),
    ]
    if let reason = r.reason { o["reason"] = .string(reason) }
    if let correlation = r.correlation { o["correlation"] = .string(correlation) }
    if let causation = r.causation { o["causation"] = .string(causation) }
    if r.continues { o["continues"] = .bool(true) }
    var sealed: [String: JSONValue] = [:]
    for (name, commitment) in r.sealed {
      guard let entry = vault[commitment], entry.name == name else {
        throw .unreadableEvent(at: "\(file):\(r.seq)", reason: "vault entry '\(name)' is missing")
      }
      var member: [String: JSONValue] = ["commitment": .string(commitment)]
      if let salt = entry.salt, let value = entry.value {
        member["salt"] = .string(salt)
        member["value"] = value
      } else {
        member["erased"] = .bool(true)
        member["length"] = .int(Int64(entry.length))
      }
      sealed[name] = .object(member)
    }
    if !sealed.isEmpty { o["sealed"] = .object(sealed) }
    return CanonicalJSON.encode(.object(o)) + [0x0A]
  }
}
