// The programme: sites and appointments.

public struct SiteAdded: EventPayload {
  public static let eventType = "SiteAdded"
  public static let schemaVersion = 1
  public var event: Event { .siteAdded(self) }

  public var site: String
  public var name: String
  public var organization: String?
  public var address: String?
  public var note: String?
  public init(
    site: String, name: String, organization: String? = nil, address: String? = nil, note: String? = nil
  ) {
    self.site = site
    self.name = name
    self.organization = organization
    self.address = address
    self.note = note
  }

  public func apply(to visit: inout Visit, meta: EventMeta) {
    visit.sites[site] = Site(id: site, name: name, organization: organization, address: address, note: note)
  }

  public func audit(_ c: AuditContext) -> AuditFacts {
    AuditFacts(
      AuditEntry.Subject(kind: "site", id: site, label: name),
      [
        change("name", nil, name), change("organization", nil, organization), change("address", nil, address),
        change("note", nil, note),
      ])
  }
}

public struct AppointmentScheduled: EventPayload {
  public static let eventType = "AppointmentScheduled"
  public static let schemaVersion = 1
  public var event: Event { .appointmentScheduled(self) }

  public var appointment: String
  public var title: String
  /// The title in German, for the German agenda; absent when the title serves both.
  public var titleDe: String?
  public var kind: AppointmentKind
  public var start: LocalDateTime
  public var end: LocalDateTime
  /// The zone of `start` and `end` (the visit's unless the appointment names another).
  public var timezone: String
  public var site: String?
  public var hosts: [String]
  public var note: String?
  /// A note for staff only.
  public var internalNote: String?
  public init(
    appointment: String, title: String, kind: AppointmentKind = .other, start: LocalDateTime,
    end: LocalDateTime,
    timezone: String, site: String? = nil, hosts: [String] = [], note: String? = nil, titleDe: String? = nil,
    internalNote: String? = nil
  ) {
    self.internalNote = internalNote
    self.appointment = appointment
    self.title = title
    self.titleDe = titleDe
    self.kind = kind
    self.start = start
    self.end = end
    self.timezone = timezone
    self.site = site
    self.hosts = hosts
    self.note = note
  }

  public func apply(to visit: inout Visit, meta: EventMeta) {
    visit.appointments[appointment] = Appointment(
      id: appointment, title: title, kind: kind, start: start, end: end, timezone: timezone, site: site,
      hosts: hosts, note: note, updated: meta.recorded,
      startInstant: Zone.instant(of: start, in: timezone) ?? start.naiveSeconds,
      endInstant: Zone.instant(of: end, in: timezone) ?? end.naiveSeconds, titleDe: titleDe,
      internalNote: internalNote)
  }

  public func audit(_ c: AuditContext) -> AuditFacts {
    AuditFacts(
      AuditEntry.Subject(kind: "appointment", id: appointment, label: title, labelDe: titleDe),
      [
        change("title", nil, title), change("titleDe", nil, titleDe), change("kind", nil, kind.rawValue),
        change("start", nil, start.description),
        change("end", nil, end.description), change("timezone", nil, timezone), change("site", nil, site),
        change("hosts", nil, list(hosts)), change("note", nil, note),
        change("internalNote", nil, internalNote),
      ])
  }
}

public struct AppointmentMoved: EventPayload {
  public static let eventType = "AppointmentMoved"
  public static let schemaVersion = 1
  public var event: Event { .appointmentMoved(self) }

  public var appointment: String
  public var start: LocalDateTime
  public var end: LocalDateTime
  public init(appointment: String, start: LocalDateTime, end: LocalDateTime) {
    self.appointment = appointment
    self.start = start
    self.end = end
  }

  public func apply(to visit: inout Visit, meta: EventMeta) {
    visit.appointments.update(appointment) { a in
      a.start = start
      a.end = end
      a.startInstant = Zone.instant(of: start, in: a.timezone) ?? start.naiveSeconds
      a.endInstant = Zone.instant(of: end, in: a.timezone) ?? end.naiveSeconds
      a.changes += 1
      a.updated = meta.recorded
    }
  }

  public func audit(_ c: AuditContext) -> AuditFacts {
    let a = c.before?.appointments[appointment]
    return AuditFacts(
      c.appointment(appointment),
      [
        change("start", a?.start.description, start.description),
        change("end", a?.end.description, end.description),
      ])
  }
}

public struct AppointmentCancelled: EventPayload {
  public static let eventType = "AppointmentCancelled"
  public static let schemaVersion = 1
  public var event: Event { .appointmentCancelled(self) }

  public var appointment: String
  public init(appointment: String) { self.appointment = appointment }

  public func apply(to visit: inout Visit, meta: EventMeta) {
    visit.appointments.update(appointment) {
      $0.cancelled = true
      $0.updated = meta.recorded
    }
  }

  public func audit(_ c: AuditContext) -> AuditFacts {
    AuditFacts(
      c.appointment(appointment),
      [AuditEntry.FieldChange(field: "status", old: "scheduled", new: "cancelled")])
  }
}
