// The visit itself: scheduled, rescheduled, cancelled; its notes and published agendas.

public struct VisitScheduled: EventPayload {
  public static let eventType = "VisitScheduled"
  public static let schemaVersion = 1
  public var event: Event { .visitScheduled(self) }

  public var title: String
  /// The title in German, for the German agenda; absent when the title serves both.
  public var titleDe: String?
  public var partner: String
  public var from: LocalDate
  public var to: LocalDate
  public var timezone: String
  public var direction: Direction
  public var program: String?
  public var topics: [String]
  public var organizers: [String]
  /// Minutes needed between appointments at different sites; 15 when absent.
  public var travelBuffer: Int?
  /// The visit this one was copied from (`copy-visit`), and that visit's head then.
  public var copiedFrom: CopySource?

  public init(
    title: String, partner: String, from: LocalDate, to: LocalDate, timezone: String = "Europe/Berlin",
    direction: Direction = .incoming, program: String? = nil, topics: [String] = [],
    organizers: [String] = [],
    travelBuffer: Int? = nil, titleDe: String? = nil
  ) {
    self.title = title
    self.titleDe = titleDe
    self.partner = partner
    self.from = from
    self.to = to
    self.timezone = timezone
    self.direction = direction
    self.program = program
    self.topics = topics
    self.organizers = organizers
    self.travelBuffer = travelBuffer
  }

  public func apply(to visit: inout Visit, meta: EventMeta) {
    // A visit starts with this event (`Visit.start`); there is nothing before it to change.
  }

  public func audit(_ c: AuditContext) -> AuditFacts {
    AuditFacts(
      c.visitSubject(label: title),
      [
        change("title", nil, title), change("titleDe", nil, titleDe), change("partner", nil, partner),
        change("from", nil, from.description),
        change("to", nil, to.description), change("timezone", nil, timezone),
        change("direction", nil, direction.rawValue), change("program", nil, program),
        change("topics", nil, list(topics)), change("organizers", nil, list(organizers)),
        change("travelBuffer", nil, travelBuffer.map(String.init)),
        change("copiedFrom", nil, copiedFrom.map { "\($0.visit) (\($0.head.prefix(12)))" }),
      ])
  }
}

/// Where a copied visit came from: the template's id and its head hash when it was copied.
public struct CopySource: Sendable, Equatable, Codable {
  public var visit: String
  public var head: String
  public init(visit: String, head: String) {
    self.visit = visit
    self.head = head
  }
}

public struct VisitRescheduled: EventPayload {
  public static let eventType = "VisitRescheduled"
  public static let schemaVersion = 1
  public var event: Event { .visitRescheduled(self) }

  public var from: LocalDate
  public var to: LocalDate
  public init(from: LocalDate, to: LocalDate) {
    self.from = from
    self.to = to
  }

  public func apply(to visit: inout Visit, meta: EventMeta) {
    visit.from = from
    visit.to = to
  }

  public func audit(_ c: AuditContext) -> AuditFacts {
    AuditFacts(
      c.visitSubject(),
      [
        change("from", c.before?.from.description, from.description),
        change("to", c.before?.to.description, to.description),
      ])
  }
}

public struct VisitCancelled: EventPayload {
  public static let eventType = "VisitCancelled"
  public static let schemaVersion = 1
  public var event: Event { .visitCancelled(self) }

  public init() {}

  public func apply(to visit: inout Visit, meta: EventMeta) {
    visit.status = .cancelled
  }

  public func audit(_ c: AuditContext) -> AuditFacts {
    AuditFacts(
      c.visitSubject(),
      [
        AuditEntry.FieldChange(
          field: "status", old: c.before?.status.rawValue, new: VisitStatus.cancelled.rawValue)
      ])
  }
}

public struct NoteAdded: EventPayload {
  public static let eventType = "NoteAdded"
  public static let schemaVersion = 1
  public var event: Event { .noteAdded(self) }

  public var text: String
  /// True for a note for staff only; absent for one anybody may read.
  public var `internal`: Bool?
  public init(text: String, internal: Bool? = nil) {
    self.text = text
    self.internal = `internal`
  }

  public func apply(to visit: inout Visit, meta: EventMeta) {
    visit.notes.append(Note(text: text, meta: meta, internal: self.internal == true))
  }

  public func audit(_ c: AuditContext) -> AuditFacts {
    AuditFacts(
      AuditEntry.Subject(kind: "note", id: String(c.meta.seq), label: ""),
      [
        AuditEntry.FieldChange(field: "text", old: nil, new: text),
        self.internal == true ? AuditEntry.FieldChange(field: "internal", old: nil, new: "yes") : nil,
      ])
  }
}

public struct AgendaPublished: EventPayload {
  public static let eventType = "AgendaPublished"
  public static let schemaVersion = 1
  public var event: Event { .agendaPublished(self) }

  /// Agenda version: 1 for the first publication, then 2, 3…
  public var version: Int
  public var note: String?
  public init(version: Int, note: String? = nil) {
    self.version = version
    self.note = note
  }

  public func apply(to visit: inout Visit, meta: EventMeta) {
    visit.publications.append(Publication(version: version, note: note, meta: meta))
  }

  public func audit(_ c: AuditContext) -> AuditFacts {
    AuditFacts(
      AuditEntry.Subject(kind: "agenda", id: String(version), label: c.before?.title ?? c.visit),
      [
        change("version", c.before.map { String($0.publishedVersion) }, String(version)),
        change("note", nil, note),
      ])
  }
}
