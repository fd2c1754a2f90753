/// Everything that can happen to a visit. Past tense; `docs/events.md` documents each type.
///
/// Each type is declared once, by its payload struct's `EventPayload` conformance (name in the log,
/// schema version) and its entry in `EventRegistry.types`; encoding, decoding, the audit's naming
/// and the docs check all read that declaration.
public enum Event: Sendable, Equatable {
  case visitScheduled(VisitScheduled)
  case visitRescheduled(VisitRescheduled)
  case visitCancelled(VisitCancelled)
  case siteAdded(SiteAdded)
  case appointmentScheduled(AppointmentScheduled)
  case appointmentMoved(AppointmentMoved)
  case appointmentCancelled(AppointmentCancelled)
  case attendeeRegistered(AttendeeRegistered)
  case attendeeWithdrawn(AttendeeWithdrawn)
  case attendeeAssigned(AttendeeAssigned)
  case attendeeUnassigned(AttendeeUnassigned)
  case mouSigned(MouSigned)
  case taskAdded(TaskAdded)
  case taskAssigned(TaskAssigned)
  case taskDueSet(TaskDueSet)
  case taskCompleted(TaskCompleted)
  case taskReopened(TaskReopened)
  case noteAdded(NoteAdded)
  case agendaPublished(AgendaPublished)
}

extension Event {
  /// The payload, which knows its type's name and schema version.
  public var payload: any EventPayload {
    switch self {
    case .visitScheduled(let p): return p
    case .visitRescheduled(let p): return p
    case .visitCancelled(let p): return p
    case .siteAdded(let p): return p
    case .appointmentScheduled(let p): return p
    case .appointmentMoved(let p): return p
    case .appointmentCancelled(let p): return p
    case .attendeeRegistered(let p): return p
    case .attendeeWithdrawn(let p): return p
    case .attendeeAssigned(let p): return p
    case .attendeeUnassigned(let p): return p
    case .mouSigned(let p): return p
    case .taskAdded(let p): return p
    case .taskAssigned(let p): return p
    case .taskDueSet(let p): return p
    case .taskCompleted(let p): return p
    case .taskReopened(let p): return p
    case .noteAdded(let p): return p
    case .agendaPublished(let p): return p
    }
  }

  /// The type name written to the log, such as `VisitScheduled`.
  public var typeName: String { type(of: payload).eventType }
}

/// Every event type this program reads and writes. A type missing here cannot be written
/// (`EventCodec.newEvent` refuses it) nor read; `docs/events.md` must list exactly these.
public enum EventRegistry {
  public static let types: [any EventPayload.Type] = [
    VisitScheduled.self,
    VisitRescheduled.self,
    VisitCancelled.self,
    SiteAdded.self,
    AppointmentScheduled.self,
    AppointmentMoved.self,
    AppointmentCancelled.self,
    AttendeeRegistered.self,
    AttendeeWithdrawn.self,
    AttendeeAssigned.self,
    AttendeeUnassigned.self,
    MouSigned.self,
    TaskAdded.self,
    TaskAssigned.self,
    TaskDueSet.self,
    TaskCompleted.self,
    TaskReopened.self,
    NoteAdded.self,
    AgendaPublished.self,
  ]

  /// The declaration of each type, by name.
  static let byName: [String: any EventPayload.Type] = Dictionary(
    uniqueKeysWithValues: types.map { ($0.eventType, $0) })
}

public struct VisitScheduled: EventPayload {
  public static let eventType = "VisitScheduled"
  public static let schemaVersion = 1
  public var event: Event { .visitScheduled(self) }

  public var title: String
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

  public init(
    title: String, partner: String, from: LocalDate, to: LocalDate, timezone: String = "Europe/Berlin",
    direction: Direction = .incoming, program: String? = nil, topics: [String] = [],
    organizers: [String] = [],
    travelBuffer: Int? = nil
  ) {
    self.title = title
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
}

public struct VisitCancelled: EventPayload {
  public static let eventType = "VisitCancelled"
  public static let schemaVersion = 1
  public var event: Event { .visitCancelled(self) }

  public init() {}
}

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
}

public struct AppointmentScheduled: EventPayload {
  public static let eventType = "AppointmentScheduled"
  public static let schemaVersion = 1
  public var event: Event { .appointmentScheduled(self) }

  public var appointment: String
  public var title: String
  public var kind: AppointmentKind
  public var start: LocalDateTime
  public var end: LocalDateTime
  /// The zone of `start` and `end` (the visit's unless the appointment names another).
  public var timezone: String
  public var site: String?
  public var hosts: [String]
  public var note: String?
  public init(
    appointment: String, title: String, kind: AppointmentKind = .other, start: LocalDateTime,
    end: LocalDateTime,
    timezone: String, site: String? = nil, hosts: [String] = [], note: String? = nil
  ) {
    self.appointment = appointment
    self.title = title
    self.kind = kind
    self.start = start
    self.end = end
    self.timezone = timezone
    self.site = site
    self.hosts = hosts
    self.note = note
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
}

public struct AppointmentCancelled: EventPayload {
  public static let eventType = "AppointmentCancelled"
  public static let schemaVersion = 1
  public var event: Event { .appointmentCancelled(self) }

  public var appointment: String
  public init(appointment: String) { self.appointment = appointment }
}

public struct AttendeeRegistered: EventPayload {
  public static let eventType = "AttendeeRegistered"
  public static let schemaVersion = 1
  public var event: Event { .attendeeRegistered(self) }

  public var person: String
  public var side: Side
  public var personal: PersonalData
  public init(person: String, side: Side, personal: PersonalData) {
    self.person = person
    self.side = side
    self.personal = personal
  }
}

public struct AttendeeWithdrawn: EventPayload {
  public static let eventType = "AttendeeWithdrawn"
  public static let schemaVersion = 1
  public var event: Event { .attendeeWithdrawn(self) }

  public var person: String
  public init(person: String) { self.person = person }
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
}

public struct MouSigned: EventPayload {
  public static let eventType = "MouSigned"
  public static let schemaVersion = 1
  public var event: Event { .mouSigned(self) }

  public var mou: String
  public var title: String
  public var signatories: [String]
  public var date: LocalDate?
  public var place: String?
  public var commitments: [String]
  public init(
    mou: String, title: String, signatories: [String], date: LocalDate? = nil, place: String? = nil,
    commitments: [String] = []
  ) {
    self.mou = mou
    self.title = title
    self.signatories = signatories
    self.date = date
    self.place = place
    self.commitments = commitments
  }
}

public struct TaskAdded: EventPayload {
  public static let eventType = "TaskAdded"
  public static let schemaVersion = 1
  public var event: Event { .taskAdded(self) }

  public var task: String
  public var title: String
  public var owner: String?
  public var due: LocalDate?
  public init(task: String, title: String, owner: String? = nil, due: LocalDate? = nil) {
    self.task = task
    self.title = title
    self.owner = owner
    self.due = due
  }
}

public struct TaskAssigned: EventPayload {
  public static let eventType = "TaskAssigned"
  public static let schemaVersion = 1
  public var event: Event { .taskAssigned(self) }

  public var task: String
  public var owner: String
  public init(task: String, owner: String) {
    self.task = task
    self.owner = owner
  }
}

public struct TaskDueSet: EventPayload {
  public static let eventType = "TaskDueSet"
  public static let schemaVersion = 1
  public var event: Event { .taskDueSet(self) }

  public var task: String
  public var due: LocalDate
  public init(task: String, due: LocalDate) {
    self.task = task
    self.due = due
  }
}

public struct TaskCompleted: EventPayload {
  public static let eventType = "TaskCompleted"
  public static let schemaVersion = 1
  public var event: Event { .taskCompleted(self) }

  public var task: String
  public init(task: String) { self.task = task }
}

public struct TaskReopened: EventPayload {
  public static let eventType = "TaskReopened"
  public static let schemaVersion = 1
  public var event: Event { .taskReopened(self) }

  public var task: String
  public init(task: String) { self.task = task }
}

public struct NoteAdded: EventPayload {
  public static let eventType = "NoteAdded"
  public static let schemaVersion = 1
  public var event: Event { .noteAdded(self) }

  public var text: String
  public init(text: String) { self.text = text }
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
}
