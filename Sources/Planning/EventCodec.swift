import EventLog

extension PersonalData {
  /// `erasedValues` as a payload member.
  static let erasedJSON: JSONValue = .object(["name": .string(""), "erased": .bool(true)])
}

/// Maps events to log records and back, through the declarations in `EventRegistry`.
public enum EventCodec {
  /// The payload of an event as a JSON object.
  public static func data(_ e: Event) throws -> [String: JSONValue] { try e.payload.encoded() }

  /// A new log event for `e`, stamped with who and why, at its type's current schema version; its
  /// personal members go to the vault (`EventPayload.personalFields`), not into the line.
  ///
  /// - Throws: `PlanningError.unregisteredEvent` for a type missing from `EventRegistry.types`.
  public static func newEvent(_ e: Event, actor: String, reason: String?, correlation: String? = nil) throws
    -> NewEvent
  {
    let type = Swift.type(of: e.payload)
    guard EventRegistry.byName[type.eventType] != nil else {
      throw PlanningError.unregisteredEvent(type.eventType)
    }
    var data = try data(e)
    var sealed: [String: SealedInput] = [:]
    for name in type.personalFields {
      if let value = data.removeValue(forKey: name) {
        sealed[name] = SealedInput(subject: e.payload.personalSubject, value: value)
      }
    }
    return NewEvent(
      type: type.eventType, version: type.schemaVersion, actor: actor, reason: reason,
      correlation: correlation, data: data, sealed: sealed)
  }

  /// The event a record holds, its payload brought up to the current schema version.
  ///
  /// - Throws: `PlanningError.unreadableEvent` naming `file:line` (line = seq), the type and version,
  ///   for an unknown type, a newer schema version, or a payload that does not fit its type.
  public static func decode(_ r: EventRecord, file: String = "event") throws(PlanningError) -> Event {
    try decode(r, file: file, registry: EventRegistry.byName)
  }

  /// `decode(_:file:)` against a given set of declarations (tests use one with an older schema).
  static func decode(_ r: EventRecord, file: String, registry: [String: any EventPayload.Type])
    throws(PlanningError) -> Event
  {
    func at() -> String { "\(file):\(r.seq)" }
    // Worded only for a message: most records are read without one.
    func name() -> String { printable(r.type) }
    guard let type = registry[r.type] else {
      throw .unreadableEvent(at: at(), reason: "unknown event type '\(name())' (version \(r.version))")
    }
    guard r.version <= type.schemaVersion else {
      throw .unreadableEvent(
        at: at(),
        reason: "\(name()) version \(r.version) is newer than this program reads (\(type.schemaVersion))")
    }
    // Sealed members (format 2) come back from the vault into the payload they were taken from;
    // an erased one (every personal member is a `PersonalData`) comes back as its erased values.
    var data = r.unsealed.isEmpty ? r.data : r.data.merging(r.unsealed) { line, _ in line }
    for name in r.erased where data[name] == nil { data[name] = PersonalData.erasedJSON }
    if r.version < type.schemaVersion {
      do {
        data = try type.upcast(data, from: r.version)
      } catch {
        throw .unreadableEvent(at: at(), reason: "\(name()) version \(r.version): \(error.reason)")
      }
    }
    do {
      return try type.decodeEvent(data)
    } catch {
      throw .unreadableEvent(
        at: at(), reason: "\(name()) version \(r.version): " + describeCodingError(error))
    }
  }
}
