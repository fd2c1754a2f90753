// The people: who takes part and who attends which appointment.

public struct AttendeeRegistered: EventPayload {
  public static let eventType = "AttendeeRegistered"
  public static let schemaVersion = 1
  public var event: Event { .attendeeRegistered(self) }
  public static let personalFields = ["personal"]
  public var personalSubject: String { person }

  public var person: String
  public var side: Side
  public var personal: PersonalData
  /// The order of precedence within the side (1 highest); absent when not ranked.
  public var rank: Int?
  public init(person: String, side: Side, personal: PersonalData, rank: Int? = nil) {
    self.person = person
    self.side = side
    self.personal = personal
    self.rank = rank
  }

  public func apply(to visit: inout Visit, meta: EventMeta) {
    visit.attendees[person] = Attendee(id: person, side: side, personal: personal, rank: rank)
  }

  public func audit(_ c: AuditContext) -> AuditFacts {
    let old = c.before?.attendees[person]
    let p = personal
    let status = change("status", old.map { _ in "withdrawn" }, "registered")
    let sideChange = change("side", old?.side.rawValue, side.rawValue)
    let rankChange = change("rank", old?.rank.map(String.init), rank.map(String.init))
    // Erased values are not shown, not even as "changed": only that there were some.
    if p.isErased || old?.personal.isErased == true {
      return AuditFacts(
        .person(person, p),
        [
          status, sideChange, rankChange,
          AuditEntry.FieldChange(field: "personal", old: nil, new: nil, erased: true),
        ])
    }
    return AuditFacts(
      .person(person, p),
      [
        status, sideChange, rankChange,
        change("name", old?.personal.name, p.name), change("function", old?.personal.function, p.function),
        change("organization", old?.personal.organization, p.organization),
        change("email", old?.personal.email, p.email), change("phone", old?.personal.phone, p.phone),
        change("diet", old?.personal.diet, p.diet), change("access", old?.personal.access, p.access),
        change("languages", old?.personal.languages.flatMap(list), p.languages.flatMap(list)),
      ])
  }
}

public struct AttendeeWithdrawn: EventPayload {
  public static let eventType = "AttendeeWithdrawn"
  public static let schemaVersion = 1
  public var event: Event { .attendeeWithdrawn(self) }

  public var person: String
  public init(person: String) { self.person = person }

  public func apply(to visit: inout Visit, meta: EventMeta) {
    visit.attendees.update(person) { $0.withdrawn = true }
    visit.appointments.updateAll { a in
      if a.attendees.contains(person) {
        a.attendees.removeAll { $0 == person }
        a.updated = meta.recorded
      }
    }
  }

  public func audit(_ c: AuditContext) -> AuditFacts {
    let left = c.before?.appointments.filter { $0.attendees.contains(person) }.map(\.id) ?? []
    return AuditFacts(
      c.person(person),
      [
        AuditEntry.FieldChange(field: "status", old: "registered", new: "withdrawn"),
        left.isEmpty ? nil : AuditEntry.FieldChange(field: "appointments", old: list(left), new: nil),
      ])
  }
}

public struct AttendeeAssigned: EventPayload {
  public static let eventType = "AttendeeAssigned"
  public static let schemaVersion = 1
  public var event: Event { .attendeeAssigned(self) }

  public var appointment: String
  public var person: String
  public init(appointment: String, person: String) {
    self.appointment = appointment
    self.person = person
  }

  public func apply(to visit: inout Visit, meta: EventMeta) {
    visit.appointments.update(appointment) { a in
      if !a.attendees.contains(person) { a.attendees.append(person) }
      a.updated = meta.recorded
    }
  }

  public func audit(_ c: AuditContext) -> AuditFacts {
    AuditFacts(
      c.appointment(appointment), related: [c.person(person)],
      [AuditEntry.FieldChange(field: "attendee", old: nil, new: person)])
  }
}

public struct AttendeeUnassigned: EventPayload {
  public static let eventType = "AttendeeUnassigned"
  public static let schemaVersion = 1
  public var event: Event { .attendeeUnassigned(self) }

  public var appointment: String
  public var person: String
  public init(appointment: String, person: String) {
    self.appointment = appointment
    self.person = person
  }

  public func apply(to visit: inout Visit, meta: EventMeta) {
    visit.appointments.update(appointment) {
      $0.attendees.removeAll { $0 == person }
      $0.updated = meta.recorded
    }
  }

  public func audit(_ c: AuditContext) -> AuditFacts {
    AuditFacts(
      c.appointment(appointment), related: [c.person(person)],
      [AuditEntry.FieldChange(field: "attendee", old: person, new: nil)])
  }
}

/// A person's personal data was erased from the visit (Art. 17 GDPR): the vault's values are
/// overwritten; what is not personal — their id, side and assignments — stays.
public struct PersonErased: EventPayload {
  public static let eventType = "PersonErased"
  public static let schemaVersion = 1
  public var event: Event { .personErased(self) }

  public var person: String
  public init(person: String) { self.person = person }

  public func apply(to visit: inout Visit, meta: EventMeta) {
    visit.attendees.update(person) { $0.personal = .erasedValues }
  }

  public func audit(_ c: AuditContext) -> AuditFacts {
    AuditFacts(
      .person(person, .erasedValues),
      [AuditEntry.FieldChange(field: "personal", old: nil, new: nil, erased: true)])
  }
}
