import EventLog

/// The declaration of one event type: the payload struct conforms, names its type and schema
/// version once, and says how it changes a visit and what the audit trail says it did. Encoding,
/// decoding, upcasting, the projection fold and the audit's naming are driven from here.
public protocol EventPayload: Codable, Sendable, Equatable {
  /// The type name written to the log (`VisitScheduled`); never change it for a written type.
  static var eventType: String { get }
  /// The payload schema version this program writes and the newest it reads.
  static var schemaVersion: Int { get }
  /// The event that carries this payload.
  var event: Event { get }

  /// Folds the event into the visit (the projection). Pure: decisions have already checked the
  /// rules, so an event that names something unknown changes nothing rather than being trusted.
  func apply(to visit: inout Visit, meta: EventMeta)

  /// What the event did, against the visit as it stood before it: its subject and old → new.
  func audit(_ context: AuditContext) -> AuditFacts

  /// Members of the payload that hold personal data. They never enter a log line: the store keeps
  /// them in its vault and the line carries a salted commitment (record format 2). Empty for most.
  static var personalFields: [String] { get }

  /// The person whose data `personalFields` hold (the vault files it under this id).
  var personalSubject: String { get }

  /// Brings a payload written under an older schema version up to `schemaVersion`.
  ///
  /// This is the one place upcasting goes: when a type's payload changes incompatibly, raise its
  /// `schemaVersion` and implement this in the payload's extension, turning the old fields into
  /// the new ones (one step per version). No type has needed it yet, so the default refuses.
  ///
  /// - Returns: the payload as the current schema version has it.
  /// - Throws: a message saying why it cannot be brought up to date.
  static func upcast(_ data: [String: JSONValue], from version: Int) throws(UpcastFailure) -> [String:
    JSONValue]

  /// The payload read straight from its JSON object (current schema version), without `Codable`:
  /// written for the types replay meets most (`DirectDecoding.swift`). Nil — the default, and for a
  /// payload not as this type writes it — leaves it to `Codable` and its messages.
  static func decodedDirectly(_ data: [String: JSONValue]) -> Self?

  /// Decodes a payload of this type (already at the current schema version) into its event: a
  /// requirement so that each type's is compiled for that type (called through the registry's
  /// metatypes, the generic one made `Self?`'s metadata at run time for every event).
  static func decodeEvent(_ data: [String: JSONValue]) throws -> Event
}

/// Why an older payload could not be brought up to the current schema version.
public struct UpcastFailure: Error, Sendable, Equatable {
  public var reason: String
  public init(_ reason: String) { self.reason = reason }
}

extension EventPayload {
  public static var personalFields: [String] { [] }
  public var personalSubject: String { "" }

  public static func upcast(_ data: [String: JSONValue], from version: Int) throws(UpcastFailure)
    -> [String: JSONValue]
  {
    throw UpcastFailure("no upcaster from version \(version) to \(schemaVersion)")
  }

  public static func decodedDirectly(_ data: [String: JSONValue]) -> Self? { nil }

  public static func decodeEvent(_ data: [String: JSONValue]) throws -> Event {
    if let payload = decodedDirectly(data) { return payload.event }
    return try JSONValueDecoder().decode(Self.self, from: .object(data)).event
  }

  /// The payload as a JSON object.
  func encoded() throws -> [String: JSONValue] {
    try JSONValueEncoder().encode(self).objectValue ?? [:]
  }
}
