import EventLog

/// A visit as its events have made it: the state decisions are checked against and projections read.
public struct Visit: Sendable, Equatable, Codable {
  public let id: String
  public var title: String
  /// The title in German, when one was given.
  public var titleDe: String?
  public var partner: String
  public var from: LocalDate
  public var to: LocalDate
  public var timezone: String
  public var direction: Direction
  public var program: String?
  public var topics: [String]
  public var organizers: [String]
  /// Minutes needed between appointments at different sites.
  public var travelBuffer: Int
  public var status: VisitStatus
  public var sites = Keyed<Site>()
  public var appointments = Keyed<Appointment>()
  public var attendees = Keyed<Attendee>()
  public var mous = Keyed<Mou>()
  /// Arrivals and departures.
  public var travel = Keyed<Travel>()
  /// The gifts register's entries of this visit.
  public var gifts = Keyed<Gift>()
  /// Tasks added by hand; derived tasks come from `followUps`.
  public var manualTasks = Keyed<FollowUpTask>()
  /// Owner, due date and status given to derived tasks, by task id.
  public var taskProgress: [String: TaskProgress] = [:]
  public var notes: [Note] = []
  public var publications: [Publication] = []
  /// Seq of the last event applied: the visit's version.
  public var version = 0
  public var scheduled: EventMeta
  public var lastChange: EventMeta

  public static let defaultTravelBuffer = 15

  init(id: String, scheduled e: VisitScheduled, meta: EventMeta) {
    self.id = id
    title = e.title
    titleDe = e.titleDe
    partner = e.partner
    from = e.from
    to = e.to
    timezone = e.timezone
    direction = e.direction
    program = e.program
    topics = e.topics
    organizers = e.organizers
    travelBuffer = e.travelBuffer ?? Self.defaultTravelBuffer
    status = .planned
    scheduled = meta
    lastChange = meta
    version = meta.seq
  }

  /// Appointments not cancelled, in order of start.
  public var activeAppointments: [Appointment] {
    appointments.filter { !$0.cancelled }.sorted { ($0.startInstant, $0.id) < ($1.startInstant, $1.id) }
  }

  /// Attendees not withdrawn, in order of registration.
  public var activeAttendees: [Attendee] { attendees.filter { !$0.withdrawn } }

  /// The people taking part, in the order of precedence (`Attendee.precedes`).
  public var attendeesInPrecedence: [Attendee] { activeAttendees.sorted(by: Attendee.precedes) }

  /// The people attending an appointment, in the order of precedence.
  public func attending(_ a: Appointment) -> [Attendee] {
    a.attendees.compactMap { attendees[$0] }.filter { !$0.withdrawn }.sorted(by: Attendee.precedes)
  }

  /// The last agenda version published, or 0.
  public var publishedVersion: Int { publications.last?.version ?? 0 }
}

/// Who recorded an event, when, why, and where it stands in the stream.
public struct EventMeta: Sendable, Equatable, Codable {
  public var seq: Int
  public var recorded: Timestamp
  public var actor: String
  public var reason: String?

  public init(seq: Int, recorded: Timestamp, actor: String, reason: String? = nil) {
    self.seq = seq
    self.recorded = recorded
    self.actor = actor
    self.reason = reason
  }

  public init(_ r: EventRecord) {
    self.init(seq: r.seq, recorded: r.recorded, actor: r.actor, reason: r.reason)
  }
}

public struct Site: Sendable, Equatable, Codable, Identified {
  public var id: String
  public var name: String
  public var organization: String?
  public var address: String?
  public var note: String?
}

public struct Appointment: Sendable, Equatable, Codable, Identified {
  public var id: String
  public var title: String
  public var kind: AppointmentKind
  public var start: LocalDateTime
  public var end: LocalDateTime
  public var timezone: String
  public var site: String?
  public var hosts: [String]
  public var note: String?
  public var cancelled = false
  /// Person ids assigned, in order of assignment.
  public var attendees: [String] = []
  /// How often the time or place changed since scheduling (the iCalendar SEQUENCE).
  public var changes = 0
  /// When the appointment or who attends it last changed (the iCalendar DTSTAMP).
  public var updated: Timestamp
  /// Start and end as seconds since the epoch.
  public var startInstant: Int64
  public var endInstant: Int64
  /// The title in German, when one was given.
  public var titleDe: String? = nil
  /// A note for staff only: never on a guests' agenda, itinerary or calendar.
  public var internalNote: String? = nil
}

public struct Attendee: Sendable, Equatable, Codable, Identified {
  public var id: String
  public var side: Side
  public var personal: PersonalData
  public var withdrawn = false
  /// The order of precedence within the side: 1 is the highest; nil when not ranked.
  public var rank: Int?

  /// The order of precedence of every list of people: by side (delegation, host, staff,
  /// interpreter, press), then by rank (ranked people first, 1 highest), then by name and id.
  public static func precedes(_ a: Attendee, _ b: Attendee) -> Bool {
    if a.side != b.side { return Side.order(a.side) < Side.order(b.side) }
    switch (a.rank, b.rank) {
    case (let x?, let y?) where x != y: return x < y
    case (.some, nil): return true
    case (nil, .some): return false
    default:
      let (m, n) = (a.personal.name.lowercased(), b.personal.name.lowercased())
      return m != n ? m < n : a.id < b.id
    }
  }
}

extension Side {
  /// The place of a side in lists of people.
  static func order(_ side: Side) -> Int { Side.allCases.firstIndex(of: side) ?? 0 }
}

public struct Mou: Sendable, Equatable, Codable, Identified {
  public var id: String
  public var title: String
  public var signatories: [String]
  public var date: LocalDate?
  public var place: String?
  public var commitments: [String]
  /// When it was signed (or, while planned, when it was planned).
  public var signed: EventMeta
  /// True while it is only planned (`plan-mou`); absent once signed.
  public var planned: Bool? = nil

  public var isPlanned: Bool { planned == true }
}

/// Where a follow-up task comes from.
public enum TaskOrigin: Sendable, Equatable, Codable {
  /// Added with `add-task`.
  case manual
  /// A countersigned copy of an MoU for one signatory.
  case mouCopy(mou: String, signatory: String)
  /// One commitment of an MoU (number from 1).
  case mouCommitment(mou: String, number: Int)
  /// A thank-you letter after a reception.
  case receptionThanks(appointment: String)
  /// A thank-you letter to one host of a site visit.
  case hostThanks(appointment: String, host: String)
  /// Filing the photo and the signed page of a Golden Book entry.
  case goldenBook(appointment: String)
  /// The report at the end of the visit.
  case visitReport
}

public struct FollowUpTask: Sendable, Equatable, Codable, Identified {
  public var id: String
  public var title: String
  /// The title in German, for a derived task (a manual one has the title it was given).
  public var titleDe: String? = nil
  public var owner: String?
  public var due: LocalDate?
  public var status: TaskStatus = .open
  public var origin: TaskOrigin = .manual
}

/// What was done to a derived task: owner, due date, status.
public struct TaskProgress: Sendable, Equatable, Codable {
  /// A title given to the derived task in place of the one its origin gives.
  public var title: String?
  public var owner: String?
  public var due: LocalDate?
  public var status: TaskStatus = .open
}

public struct Note: Sendable, Equatable, Codable {
  public var text: String
  public var meta: EventMeta
  /// For staff only: never on a guests' agenda, itinerary or calendar.
  public var `internal` = false
}

public struct Publication: Sendable, Equatable, Codable {
  public var version: Int
  public var note: String?
  public var meta: EventMeta
}
