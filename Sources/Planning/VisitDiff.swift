/// What changed in a visit between two of its states: the model behind `diff` and the agenda's
/// "changed since" marks. Pure: both states are replayed by the caller.
public struct VisitDiff: Sendable, Equatable, Codable {
  /// A change to one appointment.
  public struct AppointmentChange: Sendable, Equatable, Codable {
    public typealias Kind = ChangeKind

    public var kind: Kind
    public var id: String
    /// How it stood at the earlier point (nil when added).
    public var old: Appointment?
    /// How it stands at the later point (nil never; for cancelled, the cancelled appointment).
    public var new: Appointment
    /// Names of the fields that differ (`time`, `title`, `site`, `hosts`, `note`, `attendees`, `kind`).
    public var fields: [String]
  }

  /// A change to one follow-up task.
  public struct TaskChange: Sendable, Equatable, Codable {
    public var id: String
    public var old: FollowUpTask?
    public var new: FollowUpTask?
    public var fields: [String]
  }

  /// One field's value before and after (nil: none).
  public struct FieldChange: Sendable, Equatable, Codable {
    public var field: String
    public var old: String?
    public var new: String?

    public init(field: String, old: String?, new: String?) {
      self.field = field
      self.old = old
      self.new = new
    }
  }

  /// Corrections to one site or person that stayed: what changed, old → new.
  public struct Correction: Sendable, Equatable, Codable {
    public var id: String
    /// Its name now.
    public var label: PersonName
    public var changes: [FieldChange]
  }

  public var appointments: [AppointmentChange]
  /// The visit's own details corrected (title, German title, partner, programme, topics, organisers).
  public var details: [FieldChange]
  /// Sites whose details were corrected.
  public var sitesChanged: [Correction]
  /// People still taking part whose side or details were corrected (values of erased people are
  /// not shown, only that they changed).
  public var attendeesChanged: [Correction]
  public var attendeesAdded: [Attendee]
  public var attendeesWithdrawn: [Attendee]
  public var sitesAdded: [Site]
  public var tasks: [TaskChange]
  public var mousSigned: [Mou]
  /// MoUs planned since (and not yet signed).
  public var mousPlanned: [Mou]
  /// New dates, when the visit was rescheduled.
  public var dates: DateChange?
  /// Whether the visit was cancelled in between.
  public var cancelled: Bool

  public var isEmpty: Bool {
    appointments.isEmpty && attendeesAdded.isEmpty && attendeesWithdrawn.isEmpty && sitesAdded.isEmpty
      && tasks.isEmpty && mousSigned.isEmpty && mousPlanned.isEmpty && dates == nil && !cancelled
      && details.isEmpty
      && sitesChanged.isEmpty && attendeesChanged.isEmpty
  }

  /// The changes from `old` (nil: the visit did not exist yet) to `new`.
  public init(from old: Visit?, to new: Visit) {
    attendeesWithdrawn = new.attendees.filter { p in
      p.withdrawn && old?.attendees[p.id].map { !$0.withdrawn } == true
    }
    // Withdrawing takes a person off every appointment; that is said once, not per appointment.
    let gone = Set(attendeesWithdrawn.map(\.id))
    var changes: [AppointmentChange] = []
    for a in new.appointments {
      guard let before = old?.appointments[a.id], !before.cancelled else {
        if !a.cancelled {
          changes.append(AppointmentChange(kind: .added, id: a.id, old: nil, new: a, fields: []))
        }
        continue
      }
      if a.cancelled {
        changes.append(AppointmentChange(kind: .cancelled, id: a.id, old: before, new: a, fields: []))
        continue
      }
      var earlier = before
      earlier.attendees.removeAll { gone.contains($0) }
      let fields = Self.differences(earlier, a)
      guard !fields.isEmpty else { continue }
      changes.append(
        AppointmentChange(
          kind: fields.contains("time") ? .moved : .changed, id: a.id, old: before, new: a, fields: fields))
    }
    appointments = changes.sorted { ($0.new.startInstant, $0.id) < ($1.new.startInstant, $1.id) }
    attendeesAdded = new.attendees.filter { p in
      !p.withdrawn && (old?.attendees[p.id].map { $0.withdrawn } ?? true)
    }
    attendeesWithdrawn = new.attendees.filter { p in
      p.withdrawn && old?.attendees[p.id].map { !$0.withdrawn } == true
    }
    sitesAdded = new.sites.filter { old?.sites.contains($0.id) != true }
    func differing(_ pairs: [(String, String?, String?)]) -> [FieldChange] {
      pairs.compactMap { f, o, n in o == n ? nil : FieldChange(field: f, old: o, new: n) }
    }
    func joined(_ items: [String]) -> String? { items.isEmpty ? nil : items.joined(separator: "; ") }
    if let old {
      details = differing([
        ("title", old.title, new.title), ("titleDe", old.titleDe, new.titleDe),
        ("partner", old.partner, new.partner), ("program", old.program, new.program),
        ("topics", joined(old.topics), joined(new.topics)),
        ("organizers", joined(old.organizers), joined(new.organizers)),
      ])
    } else {
      details = []
    }
    sitesChanged = new.sites.compactMap { s -> Correction? in
      guard let o = old?.sites[s.id] else { return nil }
      let c = differing([
        ("name", o.name, s.name), ("organization", o.organization, s.organization),
        ("address", o.address, s.address), ("note", o.note, s.note),
      ])
      return c.isEmpty ? nil : Correction(id: s.id, label: .named(s.name), changes: c)
    }
    attendeesChanged = new.attendees.compactMap { p -> Correction? in
      guard let o = old?.attendees[p.id], !o.withdrawn, !p.withdrawn else { return nil }
      var c = differing([("side", o.side.rawValue, p.side.rawValue)])
      if o.personal.isErased || p.personal.isErased {
        // Erased values are not shown; that the person was erased is in the audit trail.
      } else {
        let a = o.personal
        let b = p.personal
        c += differing([
          ("name", a.name, b.name), ("function", a.function, b.function),
          ("organization", a.organization, b.organization), ("email", a.email, b.email),
          ("phone", a.phone, b.phone), ("diet", a.diet, b.diet), ("access", a.access, b.access),
        ])
      }
      return c.isEmpty ? nil : Correction(id: p.id, label: p.personal.displayName, changes: c)
    }
    mousSigned = new.mous.filter { m in !m.isPlanned && old?.mous[m.id].map(\.isPlanned) != false }
    mousPlanned = new.mous.filter { m in m.isPlanned && old?.mous.contains(m.id) != true }
    let oldTasks = Dictionary((old?.tasks ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    var taskChanges: [TaskChange] = []
    let newTasks = new.tasks
    for t in newTasks {
      guard let before = oldTasks[t.id] else {
        taskChanges.append(TaskChange(id: t.id, old: nil, new: t, fields: []))
        continue
      }
      var fields: [String] = []
      if before.title != t.title { fields.append("title") }
      if before.owner != t.owner { fields.append("owner") }
      if before.due != t.due { fields.append("due") }
      if before.status != t.status { fields.append("status") }
      if !fields.isEmpty { taskChanges.append(TaskChange(id: t.id, old: before, new: t, fields: fields)) }
    }
    let newIDs = Set(newTasks.map(\.id))
    for t in old?.tasks ?? [] where !newIDs.contains(t.id) {
      taskChanges.append(TaskChange(id: t.id, old: t, new: nil, fields: []))
    }
    tasks = taskChanges
    if let old, old.from != new.from || old.to != new.to {
      dates = DateChange(
        old: DateRange(from: old.from, to: old.to), new: DateRange(from: new.from, to: new.to))
    } else {
      dates = nil
    }
    cancelled = new.status == .cancelled && old?.status != .cancelled
  }

  static func differences(_ a: Appointment, _ b: Appointment) -> [String] {
    var fields: [String] = []
    if a.start != b.start || a.end != b.end || a.timezone != b.timezone { fields.append("time") }
    if a.title != b.title || a.titleDe != b.titleDe { fields.append("title") }
    if a.kind != b.kind { fields.append("kind") }
    if a.site != b.site { fields.append("site") }
    if a.hosts != b.hosts { fields.append("hosts") }
    if a.note != b.note { fields.append("note") }
    if a.internalNote != b.internalNote { fields.append("internalNote") }
    if a.attendees != b.attendees { fields.append("attendees") }
    return fields
  }

}

/// How an appointment changed between two states of a visit.
public enum ChangeKind: String, Sendable, Codable, CaseIterable {
  /// New since the earlier state.
  case added
  /// Its time changed (perhaps more too).
  case moved
  /// Something else changed: title, site, hosts, note or attendees.
  case changed
  /// Cancelled since the earlier state (`old` is how it stood).
  case cancelled
  /// Still on, but a personal agenda's person no longer attends it (personal agendas only).
  case unassigned
}

/// A visit's first and last day.
public struct DateRange: Sendable, Equatable, Codable {
  public var from: LocalDate
  public var to: LocalDate
  public init(from: LocalDate, to: LocalDate) {
    self.from = from
    self.to = to
  }
}

/// A visit's dates before and after a reschedule.
public struct DateChange: Sendable, Equatable, Codable {
  public var old: DateRange
  public var new: DateRange
}
