/// The decisions on corrections: each checks the new values like the command that first entered
/// them and keeps only what differs, so that the event (and the audit) names exactly what changed.
enum Corrections {
  /// Collects the fields of one correction.
  private struct Edit {
    var cleared: [String] = []
    var changed = false

    /// A text field: nil stays; an empty text removes an optional field (a required one is
    /// refused); any other text is checked and kept when it differs.
    mutating func text(
      _ new: String?, current: String?, _ field: Field, key: String, optional: Bool, limit: Int = 200
    ) throws(PlanningError) -> String? {
      guard let new else { return nil }
      if new.isEmpty && optional {
        if current != nil {
          cleared.append(key)
          changed = true
        }
        return nil
      }
      try Decide.text(new, field, limit: limit)
      guard new != current else { return nil }
      changed = true
      return new
    }

    /// A list field: nil stays; an empty list removes it; else each item is checked.
    mutating func list(_ new: [String]?, current: [String], _ field: Field, key: String)
      throws(PlanningError) -> [String]?
    {
      guard let new else { return nil }
      if new.isEmpty {
        if !current.isEmpty {
          cleared.append(key)
          changed = true
        }
        return nil
      }
      for item in new { try Decide.text(item, field) }
      guard new != current else { return nil }
      changed = true
      return new
    }

    var clearedOrNil: [String]? { cleared.isEmpty ? nil : cleared }
  }

  static func visit(_ c: UpdateVisit, _ v: Visit) throws(PlanningError) -> VisitUpdated {
    var e = Edit()
    let event = VisitUpdated(
      title: try e.text(c.title, current: v.title, .title, key: "title", optional: false),
      titleDe: try e.text(c.titleDe, current: v.titleDe, .titleDe, key: "titleDe", optional: true),
      partner: try e.text(c.partner, current: v.partner, .partner, key: "partner", optional: false),
      program: try e.text(c.program, current: v.program, .program, key: "program", optional: true),
      topics: try e.list(c.topics, current: v.topics, .topic, key: "topics"),
      organizers: try e.list(c.organizers, current: v.organizers, .organizer, key: "organizers"))
    guard e.changed else { throw .rule(.noChange, "visit \(v.id) already has these details") }
    var out = event
    out.cleared = e.clearedOrNil
    return out
  }

  static func site(_ c: UpdateSite, _ v: Visit) throws(PlanningError) -> SiteUpdated {
    guard let s = v.sites[c.site] else { throw .notFound(kind: .site, id: c.site, visit: v.id) }
    var e = Edit()
    var event = SiteUpdated(
      site: c.site, name: try e.text(c.name, current: s.name, .name, key: "name", optional: false),
      organization: try e.text(
        c.organization, current: s.organization, .organization, key: "organization", optional: true),
      address: try e.text(c.address, current: s.address, .address, key: "address", optional: true),
      note: try e.text(c.note, current: s.note, .note, key: "note", optional: true, limit: 2000))
    guard e.changed else { throw .rule(.noChange, field: .site, "site \(c.site) already has these details") }
    event.cleared = e.clearedOrNil
    return event
  }

  static func appointment(_ c: UpdateAppointment, _ v: Visit) throws(PlanningError) -> AppointmentUpdated {
    guard let a = v.appointments[c.appointment] else {
      throw .notFound(kind: .appointment, id: c.appointment, visit: v.id)
    }
    var e = Edit()
    if c.noSite && c.site != nil {
      throw .rule(.text, field: .noSite, "give a new \(field: .site) or \(field: .noSite), not both")
    }
    var site: String?
    if let s = c.site {
      guard v.sites.contains(s) else { throw .notFound(kind: .site, id: s, visit: v.id) }
      if s != a.site {
        site = s
        e.changed = true
      }
    } else if c.noSite && a.site != nil {
      e.cleared.append("site")
      e.changed = true
    }
    var kind: AppointmentKind?
    if let k = c.kind, k != a.kind {
      kind = k
      e.changed = true
    }
    var event = AppointmentUpdated(
      appointment: c.appointment,
      title: try e.text(c.title, current: a.title, .title, key: "title", optional: false),
      titleDe: try e.text(c.titleDe, current: a.titleDe, .titleDe, key: "titleDe", optional: true),
      site: site, kind: kind, hosts: try e.list(c.hosts, current: a.hosts, .host, key: "hosts"),
      note: try e.text(c.note, current: a.note, .note, key: "note", optional: true, limit: 2000),
      internalNote: try e.text(
        c.internalNote, current: a.internalNote, .internalNote, key: "internalNote", optional: true,
        limit: 2000))
    guard e.changed else {
      throw .rule(.noChange, field: .appointment, "appointment \(c.appointment) already has these details")
    }
    event.cleared = e.clearedOrNil
    return event
  }

  static func attendee(_ c: UpdateAttendee, _ p: Attendee, _ v: Visit) throws(PlanningError)
    -> AttendeeUpdated
  {
    var e = Edit()
    let o = p.personal
    let personalGiven =
      [c.name, c.function, c.organization, c.email, c.phone, c.diet, c.access].contains { $0 != nil }
      || c.languages != nil
    var personal: PersonalData?
    if personalGiven {
      guard !o.isErased else {
        throw .rule(
          .alreadyErased, field: .person,
          "the personal data of \(c.person) was erased; it cannot be corrected")
      }
      var n = o
      func apply(_ new: String?, _ current: String?, _ field: Field) throws(PlanningError) -> String? {
        let changed = try e.text(new, current: current, field, key: field.rawValue, optional: true)
        if let changed { return changed }
        return e.cleared.contains(field.rawValue) ? nil : current
      }
      if let name = try e.text(c.name, current: o.name, .name, key: "name", optional: false) { n.name = name }
      n.function = try apply(c.function, o.function, .function)
      n.organization = try apply(c.organization, o.organization, .organization)
      n.email = try apply(c.email, o.email, .email)
      n.phone = try apply(c.phone, o.phone, .phone)
      n.diet = try apply(c.diet, o.diet, .diet)
      n.access = try apply(c.access, o.access, .access)
      if let languages = c.languages {
        let new = try Decide.languages(languages)
        n.languages = new.isEmpty ? nil : new
      }
      if n != o {
        personal = n
        e.changed = true
      }
    }
    var rank: Int?
    if let r = c.rank {
      try Decide.rank(r)
      if r != p.rank {
        rank = r
        e.changed = true
      }
    }
    if c.clearRank && p.rank != nil {
      e.cleared.append("rank")
      e.changed = true
    }
    var side: Side?
    if let s = c.side, s != p.side {
      side = s
      e.changed = true
    }
    guard e.changed else {
      throw .rule(.noChange, field: .person, "person \(c.person) already has these details")
    }
    return AttendeeUpdated(
      person: c.person, side: side, personal: personal, rank: rank,
      cleared: e.cleared.contains("rank") ? ["rank"] : nil)
  }
}
