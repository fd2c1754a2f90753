/// Everything that can happen to a visit. Past tense; `docs/events.md` documents each type.
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

public struct VisitScheduled: Sendable, Equatable, Codable {
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

public struct VisitRescheduled: Sendable, Equatable, Codable {
  public var from: LocalDate
  public var to: LocalDate
  public init(from: LocalDate, to: LocalDate) {
    self.from = from
    self.to = to
  }
}

public struct VisitCancelled: Sendable, Equatable, Codable {
  public init() {}
}

public struct SiteAdded: Sendable, Equatable, Codable {
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

public struct AppointmentScheduled: Sendable, Equatable, Codable {
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

public struct AppointmentMoved: Sendable, Equatable, Codable {
  public var appointment: String
  public var start: LocalDateTime
  public var end: LocalDateTime
  public init(appointment: String, start: LocalDateTime, end: LocalDateTime) {
    self.appointment = appointment
    self.start = start
    self.end = end
  }
}

public struct AppointmentCancelled: Sendable, Equatable, Codable {
  public var appointment: String
  public init(appointment: String) { self.appointment = appointment }
}

public struct AttendeeRegistered: Sendable, Equatable, Codable {
  public var person: String
  public var side: Side
  public var personal: PersonalData
  public init(person: String, side: Side, personal: PersonalData) {
    self.person = person
    self.side = side
    self.personal = personal
  }
}

public struct AttendeeWithdrawn: Sendable, Equatable, Codable {
  public var person: String
  public init(person: String) { self.person = person }
}

public struct AttendeeAssigned: Sendable, Equatable, Codable {
  public var appointment: String
  public var person: String
  public init(appointment: String, person: String) {
    self.appointment = appointment
    self.person = person
  }
}

public struct AttendeeUnassigned: Sendable, Equatable, Codable {
  public var appointment: String
  public var person: String
  public init(appointment: String, person: String) {
    self.appointment = appointment
    self.person = person
  }
}

public struct MouSigned: Sendable, Equatable, Codable {
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

public struct TaskAdded: Sendable, Equatable, Codable {
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

public struct TaskAssigned: Sendable, Equatable, Codable {
  public var task: String
  public var owner: String
  public init(task: String, owner: String) {
    self.task = task
    self.owner = owner
  }
}

public struct TaskDueSet: Sendable, Equatable, Codable {
  public var task: String
  public var due: LocalDate
  public init(task: String, due: LocalDate) {
    self.task = task
    self.due = due
  }
}

public struct TaskCompleted: Sendable, Equatable, Codable {
  public var task: String
  public init(task: String) { self.task = task }
}

public struct TaskReopened: Sendable, Equatable, Codable {
  public var task: String
  public init(task: String) { self.task = task }
}

public struct NoteAdded: Sendable, Equatable, Codable {
  public var text: String
  public init(text: String) { self.text = text }
}

public struct AgendaPublished: Sendable, Equatable, Codable {
  /// Agenda version: 1 for the first publication, then 2, 3…
  public var version: Int
  public var note: String?
  public init(version: Int, note: String? = nil) {
    self.version = version
    self.note = note
  }
}
