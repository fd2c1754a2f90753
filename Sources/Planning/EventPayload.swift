import EventLog

/// The declaration of one event type: the payload struct conforms and names its type and schema
/// version once. Encoding, decoding, upcasting and the audit's naming are driven from here.
public protocol EventPayload: Codable, Sendable, Equatable {
  /// The type name written to the log (`VisitScheduled`); never change it for a written type.
  static var eventType: String { get }
  /// The payload schema version this program writes and the newest it reads.
  static var schemaVersion: Int { get }
  /// The event that carries this payload.
  var event: Event { get }

  /// Brings a payload written under an older schema version up to `schemaVersion`.
  ///
  /// This is the one place upcasting goes: when a type's payload changes incompatibly, raise its
  /// `schemaVersion` and implement this in the payload's extension, turning the old fields into
  /// the new ones (one step per version). No type has needed it yet, so the default refuses.
  ///
  /// - Returns: the payload as the current schema version has it.
  /// - Throws: a message saying why it cannot be brought up to date.
  static func upcast(_ data: [String: JSONValue], from version: Int) throws(UpcastFailure) -> [String: JSONValue]
}

/// Why an older payload could not be brought up to the current schema version.
public struct UpcastFailure: Error, Sendable, Equatable {
  public var reason: String
  public init(_ reason: String) { self.reason = reason }
}

extension EventPayload {
  public static func upcast(_ data: [String: JSONValue], from version: Int) throws(UpcastFailure)
    -> [String: JSONValue]
  {
    throw UpcastFailure("no upcaster from version \(version) to \(schemaVersion)")
  }

  /// Decodes a payload of this type (already at the current schema version) into its event.
  static func decodeEvent(_ data: [String: JSONValue]) throws -> Event {
    try JSONValueDecoder().decode(Self.self, from: .object(data)).event
  }

  /// The payload as a JSON object.
  func encoded() throws -> [String: JSONValue] {
    try JSONValueEncoder().encode(self).objectValue ?? [:]
  }
}
