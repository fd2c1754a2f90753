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
    /// For a person: whether their data has been erased (the label is empty then).
    public var erased = false
    /// The label in German, where the thing has a German title (appointments, derived tasks).
    public var labelDe: String?

    public init(kind: String, id: String, label: String, erased: Bool = false, labelDe: String? = nil) {
      self.kind = kind
      self.id = id
      self.label = label
      self.erased = erased
      self.labelDe = labelDe
    }

    /// A person under their name as it stood.
    static func person(_ id: String, _ personal: PersonalData?) -> Subject {
      Subject(kind: "person", id: id, label: personal?.name ?? id, erased: personal?.isErased ?? false)
    }

    /// The name as outputs show it, for a person.
    public var name: PersonName { erased ? .erased : .named(label) }
  }

  /// One field's old and new value, as text (nil: absent).
  public struct FieldChange: Sendable, Equatable {
    public var field: String
    public var old: String?
    public var new: String?
    /// The values were personal data that has been erased since: neither is known any more.
    public var erased: Bool

    public init(field: String, old: String?, new: String?, erased: Bool = false) {
      self.field = field
      self.old = old
      self.new = new
      self.erased = erased
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
    let facts = event.payload.audit(AuditContext(visit: visit, before: before, meta: meta))
    subject = facts.subject
    related = facts.related
    changes = facts.changes
    timezone = before?.timezone ?? (event.payload as? VisitScheduled)?.timezone ?? "UTC"
  }

  /// Whether the entry concerns the entity with `id` (as subject or related).
  public func concerns(_ id: String) -> Bool {
    subject.id == id && subject.kind != "note" && subject.kind != "agenda" || related.contains { $0.id == id }
  }
}

/// What an event did, as its payload tells the audit trail.
public struct AuditFacts: Sendable, Equatable {
  public var subject: AuditEntry.Subject
  public var related: [AuditEntry.Subject]
  public var changes: [AuditEntry.FieldChange]

  /// - Parameter changes: nil entries (fields that did not change) are left out.
  init(
    _ subject: AuditEntry.Subject, related: [AuditEntry.Subject] = [], _ changes: [AuditEntry.FieldChange?]
  ) {
    self.subject = subject
    self.related = related
    self.changes = changes.compactMap { $0 }
  }
}

/// The visit as it stood before an event, with the names the audit trail gives what it touched.
public struct AuditContext: Sendable {
  /// The visit's id.
  public let visit: String
  /// The visit before the event (nil before `VisitScheduled`).
  public let before: Visit?
  public let meta: EventMeta

  /// The visit, under its title as it stood (or `label`).
  func visitSubject(label: String? = nil) -> AuditEntry.Subject {
    AuditEntry.Subject(kind: "visit", id: visit, label: label ?? before?.title ?? visit)
  }

  func appointment(_ id: String) -> AuditEntry.Subject {
    let a = before?.appointments[id]
    return AuditEntry.Subject(kind: "appointment", id: id, label: a?.title ?? id, labelDe: a?.titleDe)
  }

  func person(_ id: String) -> AuditEntry.Subject { .person(id, before?.attendees[id]?.personal) }

  func task(_ id: String) -> AuditEntry.Subject {
    let t = before?.task(id)
    return AuditEntry.Subject(kind: "task", id: id, label: t?.title ?? id, labelDe: t?.titleDe)
  }
}

/// A field's change, or nil when old and new are the same.
func change(_ field: String, _ old: String?, _ new: String?) -> AuditEntry.FieldChange? {
  old == new ? nil : AuditEntry.FieldChange(field: field, old: old, new: new)
}

/// A list as one audit value, items separated by "; " (nil when empty).
func list(_ items: [String]) -> String? { items.isEmpty ? nil : items.joined(separator: "; ") }
