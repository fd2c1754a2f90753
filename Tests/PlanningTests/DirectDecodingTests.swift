import EventLog
import Foundation
import TestSupport
import Testing

@testable import Planning

/// `decodedDirectly` must give what `Codable` gives, or nil (then `Codable` decides): on the payloads
/// of random command sequences, and on each of them with a member removed or given a value of
/// every other kind.
@Suite("Payloads read without Codable")
struct DirectDecodingTests {
  /// A value of each kind, to put in place of a member.
  static let kinds: [JSONValue] = [
    .null, .bool(true), .int(3), .int(Int64.max), .string("x"), .string("2022-05-03T10:00"),
    .string("reception"), .string("2022-05-03"), .string("2022-02-30"), .string("host"),
    .string("delegation"), .array([]), .array([.string("a")]), .array([.int(1)]), .object([:]),
    .object(["name": .string("N")]),
  ]

  /// Every payload of the types read directly that the random sequences make, as the log holds them.
  static func payloads() throws -> [(type: any EventPayload.Type, data: [String: JSONValue])] {
    var out: [(type: any EventPayload.Type, data: [String: JSONValue])] = []
    for index in 0..<12 {
      for step in SnapshotCodingTests.steps(seed: 0xD1EC_0000 + UInt64(index), count: 150) {
        let type = Swift.type(of: step.event.payload)
        guard type is DirectType.Type else { continue }
        out.append((type, try EventCodec.data(step.event)))
      }
    }
    return out
  }

  /// What `Codable` makes of `data` as a `type`, if anything.
  static func viaCodable(_ type: any EventPayload.Type, _ data: [String: JSONValue]) -> Event? {
    func decode<T: EventPayload>(_ t: T.Type) -> Event? {
      (try? JSONValueDecoder().decode(t, from: .object(data)))?.event
    }
    return decode(type)
  }

  static func direct(_ type: any EventPayload.Type, _ data: [String: JSONValue]) -> Event? {
    type.decodedDirectly(data)?.event
  }

  /// Each variant of `data`: a member removed, or set to each kind; for `personal`, its members too.
  static func variants(_ data: [String: JSONValue]) -> [[String: JSONValue]] {
    var out: [[String: JSONValue]] = []
    let keys =
      Array(data.keys) + [
        "unknown", "titleDe", "rank", "site", "side", "personal", "cleared", "owner", "due", "internal",
        "organization", "address", "note",
      ]
    for key in keys {
      var removed = data
      removed[key] = nil
      out.append(removed)
      for kind in kinds {
        var changed = data
        changed[key] = kind
        out.append(changed)
      }
    }
    if case .object(let personal)? = data["personal"] {
      for key in Array(personal.keys) + ["languages", "erased", "phone"] {
        for kind in kinds + [.array([.string("de"), .int(2)])] {
          var p = personal
          p[key] = kind
          var changed = data
          changed["personal"] = .object(p)
          out.append(changed)
        }
        var p = personal
        p[key] = nil
        var removed = data
        removed["personal"] = .object(p)
        out.append(removed)
      }
    }
    return out
  }

  @Test("the same event as Codable's, or nil, for generated payloads and every variant of them")
  func agreesWithCodable() throws {
    let payloads = try Self.payloads()
    var seen: Set<String> = []
    var variantsRead = 0
    var variantsLeft = 0
    for (type, data) in payloads {
      seen.insert(type.eventType)
      // A payload as the log holds it is read directly, and as Codable reads it.
      let direct = Self.direct(type, data)
      #expect(direct != nil, "\(type.eventType) \(data)")
      #expect(direct == Self.viaCodable(type, data), "\(type.eventType) \(data)")
      for variant in Self.variants(data) {
        let codable = Self.viaCodable(type, variant)
        if let direct = Self.direct(type, variant) {
          variantsRead += 1
          #expect(direct == codable, "\(type.eventType) \(variant)")
        } else {
          variantsLeft += 1
        }
      }
    }
    #expect(
      seen == [
        "AppointmentScheduled", "AttendeeAssigned", "AttendeeRegistered", "AttendeeUpdated",
        "AppointmentMoved",
        "TaskAdded", "TaskCompleted", "NoteAdded", "SiteAdded", "AgendaPublished", "AppointmentCancelled",
        "AttendeeUnassigned", "AttendeeWithdrawn", "TaskAssigned",
      ])
    #expect(payloads.count >= 200)
    // Both outcomes happen: many variants are still payloads, many are not.
    #expect(variantsRead > 1000)
    #expect(variantsLeft > 1000)
  }

  @Test("every other type is left to Codable")
  func othersUseCodable() throws {
    for type in EventRegistry.types where !(type is DirectType.Type) {
      #expect(type.decodedDirectly(["text": .string("x"), "appointment": .string("a")]) == nil, "\(type)")
    }
  }
}

/// The payload types that are read directly.
private protocol DirectType {}
extension AppointmentScheduled: DirectType {}
extension AttendeeAssigned: DirectType {}
extension AttendeeRegistered: DirectType {}
extension AttendeeUpdated: DirectType {}
extension AppointmentMoved: DirectType {}
extension TaskAdded: DirectType {}
extension TaskCompleted: DirectType {}
extension NoteAdded: DirectType {}
extension SiteAdded: DirectType {}
extension AgendaPublished: DirectType {}
extension AppointmentCancelled: DirectType {}
extension AttendeeUnassigned: DirectType {}
extension AttendeeWithdrawn: DirectType {}
extension TaskAssigned: DirectType {}
