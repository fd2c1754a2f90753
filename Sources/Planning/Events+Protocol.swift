// The protocol office's own items: travel legs and the gifts register.

/// An arrival or a departure of some of the visit's people.
public struct TravelAdded: EventPayload {
  public static let eventType = "TravelAdded"
  public static let schemaVersion = 1
  public var event: Event { .travelAdded(self) }

  public var travel: String
  /// Person ids of the visit who travel on this leg.
  public var persons: [String]
  public var direction: TravelDirection
  /// When they arrive or leave, in the visit's zone.
  public var at: LocalDateTime
  public var mode: TravelMode?
  /// Flight or train number.
  public var number: String?
  public var from: String?
  public var to: String?
  /// Who picks them up (or sees them off).
  public var pickup: String?
  public var note: String?

  public init(
    travel: String, persons: [String], direction: TravelDirection, at: LocalDateTime, mode: TravelMode? = nil,
    number: String? = nil, from: String? = nil, to: String? = nil, pickup: String? = nil, note: String? = nil
  ) {
    self.travel = travel
    self.persons = persons
    self.direction = direction
    self.at = at
    self.mode = mode
    self.number = number
    self.from = from
    self.to = to
    self.pickup = pickup
    self.note = note
  }

  public func apply(to visit: inout Visit, meta: EventMeta) {
    visit.travel[travel] = Travel(
      id: travel, persons: persons, direction: direction, at: at,
      instant: Zone.instant(of: at, in: visit.timezone) ?? 0, mode: mode, number: number, from: from, to: to,
      pickup: pickup, note: note)
  }

  public func audit(_ c: AuditContext) -> AuditFacts {
    AuditFacts(
      AuditEntry.Subject(kind: "travel", id: travel, label: travel),
      [
        change("direction", nil, direction.rawValue), change("persons", nil, list(persons)),
        change("at", nil, at.description), change("mode", nil, mode?.rawValue), change("number", nil, number),
        change("from", nil, from), change("to", nil, to), change("pickup", nil, pickup),
        change("note", nil, note),
      ])
  }
}

/// A travel leg that no longer happens.
public struct TravelCancelled: EventPayload {
  public static let eventType = "TravelCancelled"
  public static let schemaVersion = 1
  public var event: Event { .travelCancelled(self) }

  public var travel: String
  public init(travel: String) { self.travel = travel }

  public func apply(to visit: inout Visit, meta: EventMeta) {
    visit.travel.update(travel) { $0.cancelled = true }
  }

  public func audit(_ c: AuditContext) -> AuditFacts {
    AuditFacts(
      AuditEntry.Subject(kind: "travel", id: travel, label: travel),
      [AuditEntry.FieldChange(field: "status", old: "planned", new: "cancelled")])
  }
}

/// A protocol gift given or received, for the gifts register.
public struct GiftRecorded: EventPayload {
  public static let eventType = "GiftRecorded"
  public static let schemaVersion = 1
  public var event: Event { .giftRecorded(self) }

  public var gift: String
  public var description: String
  public var direction: GiftDirection
  /// Who gave it and who received it: a person id of the visit or a name or office.
  public var from: String
  public var to: String
  /// The value in euro cents, when known.
  public var value: Int?
  /// What became of it (kept in the mayor's office, handed to the city archive…).
  public var disposition: String?

  public init(
    gift: String, description: String, direction: GiftDirection, from: String, to: String, value: Int? = nil,
    disposition: String? = nil
  ) {
    self.gift = gift
    self.description = description
    self.direction = direction
    self.from = from
    self.to = to
    self.value = value
    self.disposition = disposition
  }

  public func apply(to visit: inout Visit, meta: EventMeta) {
    // The day of the exchange: the day it was recorded, within the visit's days (a gift recorded
    // after the visit was exchanged during it).
    let day = Zone.wallClock(of: meta.recorded.milliseconds / 1000, in: visit.timezone).date
    visit.gifts[gift] = Gift(
      id: gift, description: description, direction: direction, from: from, to: to, value: value,
      disposition: disposition, date: min(max(day, visit.from), visit.to))
  }

  public func audit(_ c: AuditContext) -> AuditFacts {
    AuditFacts(
      AuditEntry.Subject(kind: "gift", id: gift, label: description),
      [
        change("direction", nil, direction.rawValue), change("from", nil, from), change("to", nil, to),
        change("description", nil, description), change("value", nil, value.map(Gift.euros)),
        change("disposition", nil, disposition),
      ])
  }
}

public enum TravelDirection: String, Sendable, Codable, CaseIterable { case arrival, departure }
public enum TravelMode: String, Sendable, Codable, CaseIterable { case flight, train, car, bus, other }
public enum GiftDirection: String, Sendable, Codable, CaseIterable { case given, received }

/// A travel leg as it stands.
public struct Travel: Sendable, Equatable, Codable, Identified {
  public var id: String
  public var persons: [String]
  public var direction: TravelDirection
  public var at: LocalDateTime
  /// `at` as seconds since the epoch.
  public var instant: Int64
  public var mode: TravelMode?
  public var number: String?
  public var from: String?
  public var to: String?
  public var pickup: String?
  public var note: String?
  public var cancelled = false
}

/// A gift in the register.
public struct Gift: Sendable, Equatable, Codable, Identified {
  public var id: String
  public var description: String
  public var direction: GiftDirection
  public var from: String
  public var to: String
  public var value: Int?
  public var disposition: String?
  /// The day of the exchange (see `GiftRecorded.apply`).
  public var date: LocalDate

  /// Cents as "120.00".
  public static func euros(_ cents: Int) -> String {
    let c = abs(cents) % 100
    return "\(cents / 100).\(c < 10 ? "0" : "")\(c)"
  }
}
