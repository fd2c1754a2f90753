// Corrections: what a user entered, changed in place of cancelling and adding again. Each names
// only what changed (nil: unchanged); `cleared` names the optional fields that were removed.

public struct VisitUpdated: EventPayload {
  public static let eventType = "VisitUpdated"
  public static let schemaVersion = 1
  public var event: Event { .visitUpdated(self) }

  public var title: String?
  public var titleDe: String?
  public var partner: String?
  public var program: String?
  /// A new list of topics, replacing the old one.
  public var topics: [String]?
  /// A new list of organisers, replacing the old one.
  public var organizers: [String]?
  /// Optional fields removed: `titleDe`, `program`, `topics`, `organizers`.
  public var cleared: [String]?

  public init(
    title: String? = nil, titleDe: String? = nil, partner: String? = nil, program: String? = nil,
    topics: [String]? = nil, organizers: [String]? = nil, cleared: [String]? = nil
  ) {
    self.title = title
    self.titleDe = titleDe
    self.partner = partner
    self.program = program
    self.topics = topics
    self.organizers = organizers
    self.cleared = cleared
  }

  public func apply(to visit: inout Visit, meta: EventMeta) {
    let gone = Set(cleared ?? [])
    if let title { visit.title = title }
    if let titleDe { visit.titleDe = titleDe } else if gone.contains("titleDe") { visit.titleDe = nil }
    if let partner { visit.partner = partner }
    if let program { visit.program = program } else if gone.contains("program") { visit.program = nil }
    if let topics { visit.topics = topics } else if gone.contains("topics") { visit.topics = [] }
    if let organizers {
      visit.organizers = organizers
    } else if gone.contains("organizers") {
      visit.organizers = []
    }
  }

  public func audit(_ c: AuditContext) -> AuditFacts {
    let b = c.before
    let after = b.map { v -> Visit in
      var v = v
      apply(to: &v, meta: c.meta)
      return v
    }
    return AuditFacts(
      c.visitSubject(),
      [
        change("title", b?.title, after?.title), change("titleDe", b?.titleDe, after?.titleDe),
        change("partner", b?.partner, after?.partner), change("program", b?.program, after?.program),
        change("topics", b.flatMap { list($0.topics) }, after.flatMap { list($0.topics) }),
        change("organizers", b.flatMap { list($0.organizers) }, after.flatMap { list($0.organizers) }),
      ])
  }
}

public struct SiteUpdated: EventPayload {
  public static let eventType = "SiteUpdated"
  public static let schemaVersion = 1
  public var event: Event { .siteUpdated(self) }

  public var site: String
  public var name: String?
  public var organization: String?
  public var address: String?
  public var note: String?
  /// Optional fields removed: `organization`, `address`, `note`.
  public var cleared: [String]?

  public init(
    site: String, name: String? = nil, organization: String? = nil, address: String? = nil,
    note: String? = nil, cleared: [String]? = nil
  ) {
    self.site = site
    self.name = name
    self.organization = organization
    self.address = address
    self.note = note
    self.cleared = cleared
  }

  public func apply(to visit: inout Visit, meta: EventMeta) {
    let gone = Set(cleared ?? [])
    visit.sites.update(site) { s in
      if let name { s.name = name }
      s.organization = organization ?? (gone.contains("organization") ? nil : s.organization)
      s.address = address ?? (gone.contains("address") ? nil : s.address)
      s.note = note ?? (gone.contains("note") ? nil : s.note)
    }
    // Where an appointment takes place is part of its calendar entry: a changed site changes it.
    visit.appointments.updateAll { a in
      if a.site == site {
        a.changes += 1
        a.updated = meta.recorded
      }
    }
  }

  public func audit(_ c: AuditContext) -> AuditFacts {
    let old = c.before?.sites[site]
    var new = old
    if var s = new {
      let gone = Set(cleared ?? [])
      if let name { s.name = name }
      s.organization = organization ?? (gone.contains("organization") ? nil : s.organization)
      s.address = address ?? (gone.contains("address") ? nil : s.address)
      s.note = note ?? (gone.contains("note") ? nil : s.note)
      new = s
    }
    return AuditFacts(
      AuditEntry.Subject(kind: "site", id: site, label: old?.name ?? site),
      [
        change("name", old?.name, new?.name), change("organization", old?.organization, new?.organization),
        change("address", old?.address, new?.address), change("note", old?.note, new?.note),
      ])
  }
}

public struct AppointmentUpdated: EventPayload {
  public static let eventType = "AppointmentUpdated"
  public static let schemaVersion = 1
  public var event: Event { .appointmentUpdated(self) }

  public var appointment: String
  public var title: String?
  public var titleDe: String?
  public var site: String?
  public var kind: AppointmentKind?
  /// A new list of hosts, replacing the old one.
  public var hosts: [String]?
  public var note: String?
  public var internalNote: String?
  /// Optional fields removed: `titleDe`, `site`, `hosts`, `note`, `internalNote`.
  public var cleared: [String]?

  public init(
    appointment: String, title: String? = nil, titleDe: String? = nil, site: String? = nil,
    kind: AppointmentKind? = nil, hosts: [String]? = nil, note: String? = nil, internalNote: String? = nil,
    cleared: [String]? = nil
  ) {
    self.appointment = appointment
    self.title = title
    self.titleDe = titleDe
    self.site = site
    self.kind = kind
    self.hosts = hosts
    self.note = note
    self.internalNote = internalNote
    self.cleared = cleared
  }

  /// The appointment with this correction.
  func corrected(_ a: Appointment) -> Appointment {
    let gone = Set(cleared ?? [])
    var a = a
    if let title { a.title = title }
    a.titleDe = titleDe ?? (gone.contains("titleDe") ? nil : a.titleDe)
    a.site = site ?? (gone.contains("site") ? nil : a.site)
    if let kind { a.kind = kind }
    a.hosts = hosts ?? (gone.contains("hosts") ? [] : a.hosts)
    a.note = note ?? (gone.contains("note") ? nil : a.note)
    a.internalNote = internalNote ?? (gone.contains("internalNote") ? nil : a.internalNote)
    return a
  }

  public func apply(to visit: inout Visit, meta: EventMeta) {
    guard let old = visit.appointments[appointment] else { return }
    var a = corrected(old)
    // The calendar keeps the entry's UID and raises its SEQUENCE.
    a.changes += 1
    a.updated = meta.recorded
    visit.appointments[appointment] = a
    // A thank-you task derived from a host keeps its owner, due date and status when the host's
    // name is corrected: its progress moves to the task id the corrected name gives.
    if a.kind == .siteVisit && old.kind == .siteVisit && old.hosts.count == a.hosts.count {
      for (before, after) in zip(old.hosts, a.hosts) where before != after {
        let from = Visit.hostThanksID(appointment: appointment, host: before)
        let to = Visit.hostThanksID(appointment: appointment, host: after)
        if let p = visit.taskProgress.removeValue(forKey: from) { visit.taskProgress[to] = p }
      }
    }
  }

  public func audit(_ c: AuditContext) -> AuditFacts {
    let old = c.before?.appointments[appointment]
    let new = old.map(corrected)
    return AuditFacts(
      c.appointment(appointment),
      [
        change("title", old?.title, new?.title), change("titleDe", old?.titleDe, new?.titleDe),
        change("site", old?.site, new?.site), change("kind", old?.kind.rawValue, new?.kind.rawValue),
        change("hosts", old.flatMap { list($0.hosts) }, new.flatMap { list($0.hosts) }),
        change("note", old?.note, new?.note), change("internalNote", old?.internalNote, new?.internalNote),
      ])
  }
}

/// A person's details corrected: their side, and their personal data as a whole (which, being
/// personal, goes to the vault like the registration's).
public struct AttendeeUpdated: EventPayload {
  public static let eventType = "AttendeeUpdated"
  public static let schemaVersion = 1
  public var event: Event { .attendeeUpdated(self) }
  public static let personalFields = ["personal"]
  public var personalSubject: String { person }

  public var person: String
  public var side: Side?
  /// Every personal value as it now stands; nil when only the side or the rank changed.
  public var personal: PersonalData?
  /// The new rank; `cleared` holds `rank` when it was removed.
  public var rank: Int?
  public var cleared: [String]?

  public init(
    person: String, side: Side? = nil, personal: PersonalData? = nil, rank: Int? = nil,
    cleared: [String]? = nil
  ) {
    self.person = person
    self.side = side
    self.personal = personal
    self.rank = rank
    self.cleared = cleared
  }

  public func apply(to visit: inout Visit, meta: EventMeta) {
    visit.attendees.update(person) { p in
      if let side { p.side = side }
      if let rank { p.rank = rank }
      if cleared?.contains("rank") == true { p.rank = nil }
      // Values erased later come back erased; a person already erased stays so.
      if let personal, !p.personal.isErased { p.personal = personal }
    }
    // Names are on the appointments' attending lists: their calendar entries change.
    if personal != nil {
      visit.appointments.updateAll { a in
        if a.attendees.contains(person) { a.updated = meta.recorded }
      }
    }
  }

  public func audit(_ c: AuditContext) -> AuditFacts {
    let old = c.before?.attendees[person]
    let sideChange = change("side", side.flatMap { _ in old?.side.rawValue }, side?.rawValue)
    let rankGone = cleared?.contains("rank") == true
    let rankChange = change(
      "rank", rank != nil || rankGone ? old?.rank.map(String.init) : nil, rank.map(String.init))
    guard let p = personal else { return AuditFacts(c.person(person), [sideChange, rankChange]) }
    if p.isErased || old?.personal.isErased == true {
      return AuditFacts(
        .person(person, .erasedValues),
        [sideChange, rankChange, AuditEntry.FieldChange(field: "personal", old: nil, new: nil, erased: true)])
    }
    let o = old?.personal
    return AuditFacts(
      .person(person, p),
      [
        sideChange, rankChange, change("name", o?.name, p.name), change("function", o?.function, p.function),
        change("organization", o?.organization, p.organization), change("email", o?.email, p.email),
        change("phone", o?.phone, p.phone), change("diet", o?.diet, p.diet),
        change("access", o?.access, p.access),
        change("languages", o?.languages.flatMap(list), p.languages.flatMap(list)),
      ])
  }
}

/// A task given a new title; a derived task keeps its id, owner, due date and status.
public struct TaskRetitled: EventPayload {
  public static let eventType = "TaskRetitled"
  public static let schemaVersion = 1
  public var event: Event { .taskRetitled(self) }

  public var task: String
  public var title: String
  public init(task: String, title: String) {
    self.task = task
    self.title = title
  }

  public func apply(to visit: inout Visit, meta: EventMeta) {
    if visit.manualTasks.contains(task) {
      visit.manualTasks.update(task) { $0.title = title }
    } else {
      visit.taskProgress[task, default: TaskProgress()].title = title
    }
  }

  public func audit(_ c: AuditContext) -> AuditFacts {
    AuditFacts(c.task(task), [change("title", c.before?.task(task)?.title, title)])
  }
}
