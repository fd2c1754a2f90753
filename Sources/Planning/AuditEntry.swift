import EventLog

/// One entry of the audit trail: an event with who, when and why, the thing it touched, and the
/// field-level changes it made, computed against the state just before it.
public struct AuditEntry: Sendable, Equatable {
  /// What an event touched.
  public struct Subject: Sendable, Equatable {
    /// `visit`, `site`, `appointment`, `person`, `mou`, `task`, `note` or `agenda`.
    public var kind: String
    public var id: String
    /// Its title or name as it stood before the event (or after, for new things).
    public var label: String
  }

  /// One field's old and new value, as text (nil: absent).
  public struct FieldChange: Sendable, Equatable {
    public var field: String
    public var old: String?
    public var new: String?

    public init(field: String, old: String?, new: String?) {
      self.field = field
      self.old = old
      self.new = new
    }
  }

  public var visit: String
  public var meta: EventMeta
  public var type: String
  public var event: Event
  public var subject: Subject
  /// Further things the event touched (the person of an assignment).
  public var related: [Subject]
  public var changes: [FieldChange]
  /// The visit's zone, for wording times.
  public var timezone: String

  /// The entry for `event`, given the visit as it stood before it (nil before `VisitScheduled`).
  public init(visit: String, before: Visit?, event: Event, meta: EventMeta, type: String) {
    self.visit = visit
    self.meta = meta
    self.type = type
    self.event = event
    related = []
    timezone = before?.timezone ?? "UTC"
    func ch(_ field: String, _ old: String?, _ new: String?) -> FieldChange? {
      old == new ? nil : FieldChange(field: field, old: old, new: new)
    }
    func list(_ xs: [String]) -> String? { xs.isEmpty ? nil : xs.joined(separator: "; ") }
    let v = before
    func appointment(_ id: String) -> Subject {
      Subject(kind: "appointment", id: id, label: v?.appointments[id]?.title ?? id)
    }
    func person(_ id: String) -> Subject {
      Subject(kind: "person", id: id, label: v?.attendees[id]?.personal.name ?? id)
    }
    func task(_ id: String) -> Subject { Subject(kind: "task", id: id, label: v?.task(id)?.title ?? id) }
    let t = v
    switch event {
    case .visitScheduled(let e):
      timezone = e.timezone
      subject = Subject(kind: "visit", id: visit, label: e.title)
      changes = [
        ch("title", nil, e.title), ch("partner", nil, e.partner), ch("from", nil, e.from.description),
        ch("to", nil, e.to.description), ch("timezone", nil, e.timezone),
        ch("direction", nil, e.direction.rawValue),
        ch("program", nil, e.program), ch("topics", nil, list(e.topics)),
        ch("organizers", nil, list(e.organizers)),
        ch("travelBuffer", nil, e.travelBuffer.map(String.init)),
      ].compactMap { $0 }
    case .visitRescheduled(let e):
      subject = Subject(kind: "visit", id: visit, label: t?.title ?? visit)
      changes = [
        ch("from", t?.from.description, e.from.description), ch("to", t?.to.description, e.to.description),
      ]
      .compactMap { $0 }
    case .visitCancelled:
      subject = Subject(kind: "visit", id: visit, label: t?.title ?? visit)
      changes = [FieldChange(field: "status", old: t?.status.rawValue, new: VisitStatus.cancelled.rawValue)]
    case .siteAdded(let e):
      subject = Subject(kind: "site", id: e.site, label: e.name)
      changes = [
        ch("name", nil, e.name), ch("organization", nil, e.organization), ch("address", nil, e.address),
        ch("note", nil, e.note),
      ]
      .compactMap { $0 }
    case .appointmentScheduled(let e):
      subject = Subject(kind: "appointment", id: e.appointment, label: e.title)
      changes = [
        ch("title", nil, e.title), ch("kind", nil, e.kind.rawValue), ch("start", nil, e.start.description),
        ch("end", nil, e.end.description), ch("timezone", nil, e.timezone), ch("site", nil, e.site),
        ch("hosts", nil, list(e.hosts)), ch("note", nil, e.note),
      ].compactMap { $0 }
    case .appointmentMoved(let e):
      subject = appointment(e.appointment)
      let a = t?.appointments[e.appointment]
      changes = [
        ch("start", a?.start.description, e.start.description),
        ch("end", a?.end.description, e.end.description),
      ]
      .compactMap { $0 }
    case .appointmentCancelled(let e):
      subject = appointment(e.appointment)
      changes = [FieldChange(field: "status", old: "scheduled", new: "cancelled")]
    case .attendeeRegistered(let e):
      subject = Subject(kind: "person", id: e.person, label: e.personal.name)
      let old = t?.attendees[e.person]
      let p = e.personal
      changes = [
        ch("status", old.map { _ in "withdrawn" }, "registered"),
        ch("side", old?.side.rawValue, e.side.rawValue),
        ch("name", old?.personal.name, p.name), ch("function", old?.personal.function, p.function),
        ch("organization", old?.personal.organization, p.organization),
        ch("email", old?.personal.email, p.email),
        ch("phone", old?.personal.phone, p.phone), ch("diet", old?.personal.diet, p.diet),
        ch("access", old?.personal.access, p.access),
      ].compactMap { $0 }
    case .attendeeWithdrawn(let e):
      subject = person(e.person)
      let left = t?.appointments.filter { $0.attendees.contains(e.person) }.map(\.id) ?? []
      changes =
        [FieldChange(field: "status", old: "registered", new: "withdrawn")]
        + (left.isEmpty ? [] : [FieldChange(field: "appointments", old: list(left), new: nil)])
    case .attendeeAssigned(let e):
      subject = appointment(e.appointment)
      related = [person(e.person)]
      changes = [FieldChange(field: "attendee", old: nil, new: e.person)]
    case .attendeeUnassigned(let e):
      subject = appointment(e.appointment)
      related = [person(e.person)]
      changes = [FieldChange(field: "attendee", old: e.person, new: nil)]
    case .mouSigned(let e):
      subject = Subject(kind: "mou", id: e.mou, label: e.title)
      changes = [
        ch("title", nil, e.title), ch("signatories", nil, list(e.signatories)),
        ch("date", nil, e.date?.description),
        ch("place", nil, e.place), ch("commitments", nil, list(e.commitments)),
      ].compactMap { $0 }
    case .taskAdded(let e):
      subject = Subject(kind: "task", id: e.task, label: e.title)
      changes = [ch("title", nil, e.title), ch("owner", nil, e.owner), ch("due", nil, e.due?.description)]
        .compactMap { $0 }
    case .taskAssigned(let e):
      subject = task(e.task)
      changes = [FieldChange(field: "owner", old: t?.task(e.task)?.owner, new: e.owner)]
    case .taskDueSet(let e):
      subject = task(e.task)
      changes = [FieldChange(field: "due", old: t?.task(e.task)?.due?.description, new: e.due.description)]
    case .taskCompleted(let e):
      subject = task(e.task)
      changes = [FieldChange(field: "status", old: TaskStatus.open.rawValue, new: TaskStatus.done.rawValue)]
    case .taskReopened(let e):
      subject = task(e.task)
      changes = [FieldChange(field: "status", old: TaskStatus.done.rawValue, new: TaskStatus.open.rawValue)]
    case .noteAdded(let e):
      subject = Subject(kind: "note", id: String(meta.seq), label: "")
      changes = [FieldChange(field: "text", old: nil, new: e.text)]
    case .agendaPublished(let e):
      subject = Subject(kind: "agenda", id: String(e.version), label: t?.title ?? visit)
      changes = [
        ch("version", t.map { String($0.publishedVersion) }, String(e.version)), ch("note", nil, e.note),
      ].compactMap { $0 }
    }
  }

  /// Whether the entry concerns the entity with `id` (as subject or related).
  public func concerns(_ id: String) -> Bool {
    subject.id == id && subject.kind != "note" && subject.kind != "agenda" || related.contains { $0.id == id }
  }
}
