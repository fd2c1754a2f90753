/// What a user asks for. Imperative; dates and times arrive as text so that the decisions check
/// they are real (`2022-02-30` is refused by a rule, not lost in parsing).
public enum Command: Sendable, Equatable {
  case schedule(ScheduleVisit)
  case reschedule(from: String, to: String)
  case cancel
  case addSite(SiteAdded)
  case addAppointment(AddAppointment)
  /// A new start, and an end (nil: the appointment keeps its duration).
  case moveAppointment(appointment: String, start: String, end: String?)
  /// The same appointment so many minutes later (negative: earlier).
  case moveAppointmentBy(appointment: String, minutes: Int)
  /// An appointment and every later one of the same day, so many minutes later, as one change.
  case shift(from: String, minutes: Int)
  case cancelAppointment(String)
  case addAttendee(AttendeeRegistered)
  case withdrawAttendee(String)
  /// People attend an appointment: those named, and every current member of the sides given.
  case assign(appointment: String, persons: [String], sides: [Side] = [])
  /// People no longer attend it: those named, and every member of the sides given who does.
  case unassign(appointment: String, persons: [String], sides: [Side] = [])
  /// `plan-mou`: the details as planned (a title and signatories are needed).
  case planMou(SignMou)
  case addTravel(AddTravel)
  case cancelTravel(String)
  case recordGift(RecordGift)
  /// A new visit from another as a template (`copy-visit`): decided on no state, like `schedule`.
  case copyVisit(CopyVisit)
  case signMou(SignMou)
  case addTask(AddTask)
  case assignTask(task: String, owner: String)
  case setDue(task: String, due: String)
  case completeTask(String)
  case reopenTask(String)
  /// A free note; an internal one is for staff only.
  case note(String, internal: Bool = false)
  case updateVisit(UpdateVisit)
  case updateSite(UpdateSite)
  case updateAppointment(UpdateAppointment)
  case updateAttendee(UpdateAttendee)
  case retitleTask(task: String, title: String)
  /// Erase a person's personal data from the visit (its vault values are erased by the use case).
  case erasePerson(String)
  case publish(note: String?)
}

public struct ScheduleVisit: Sendable, Equatable {
  public var title: String
  public var titleDe: String?
  public var partner: String
  public var from: String
  public var to: String
  public var timezone: String
  public var direction: Direction
  public var program: String?
  public var topics: [String]
  public var organizers: [String]
  public var travelBuffer: Int?
  /// Set by `copy-visit`: the template and its head.
  public var copiedFrom: CopySource? = nil

  public init(
    title: String, partner: String, from: String, to: String, timezone: String = "Europe/Berlin",
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
}

public struct AddAppointment: Sendable, Equatable {
  public var appointment: String
  public var title: String
  public var titleDe: String?
  public var kind: AppointmentKind
  public var start: String
  public var end: String
  /// The zone of start and end; the visit's when nil.
  public var timezone: String?
  public var site: String?
  public var hosts: [String]
  public var note: String?
  public var internalNote: String?

  public init(
    appointment: String, title: String, kind: AppointmentKind = .other, start: String, end: String,
    timezone: String? = nil, site: String? = nil, hosts: [String] = [], note: String? = nil,
    titleDe: String? = nil, internalNote: String? = nil
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
}

public struct SignMou: Sendable, Equatable {
  public var mou: String
  /// Needed for a new MoU; signing a planned one keeps what is not given.
  public var title: String?
  public var signatories: [String]
  public var date: String?
  public var place: String?
  public var commitments: [String]

  public init(
    mou: String, title: String?, signatories: [String], date: String? = nil, place: String? = nil,
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

public struct AddTask: Sendable, Equatable {
  public var task: String
  public var title: String
  public var owner: String?
  public var due: String?

  public init(task: String, title: String, owner: String? = nil, due: String? = nil) {
    self.task = task
    self.title = title
    self.owner = owner
    self.due = due
  }
}

// Corrections. A nil field stays as it is; an empty text (or list) removes an optional field.

public struct UpdateVisit: Sendable, Equatable {
  public var title: String?
  public var titleDe: String?
  public var partner: String?
  public var program: String?
  public var topics: [String]?
  public var organizers: [String]?

  public init(
    title: String? = nil, titleDe: String? = nil, partner: String? = nil, program: String? = nil,
    topics: [String]? = nil, organizers: [String]? = nil
  ) {
    self.title = title
    self.titleDe = titleDe
    self.partner = partner
    self.program = program
    self.topics = topics
    self.organizers = organizers
  }
}

public struct UpdateSite: Sendable, Equatable {
  public var site: String
  public var name: String?
  public var organization: String?
  public var address: String?
  public var note: String?

  public init(
    site: String, name: String? = nil, organization: String? = nil, address: String? = nil,
    note: String? = nil
  ) {
    self.site = site
    self.name = name
    self.organization = organization
    self.address = address
    self.note = note
  }
}

public struct UpdateAppointment: Sendable, Equatable {
  public var appointment: String
  public var title: String?
  public var titleDe: String?
  /// A new site; with `noSite`, the appointment has none any more.
  public var site: String?
  public var noSite: Bool
  public var kind: AppointmentKind?
  public var hosts: [String]?
  public var note: String?
  public var internalNote: String?

  public init(
    appointment: String, title: String? = nil, titleDe: String? = nil, site: String? = nil,
    noSite: Bool = false, kind: AppointmentKind? = nil, hosts: [String]? = nil, note: String? = nil,
    internalNote: String? = nil
  ) {
    self.appointment = appointment
    self.title = title
    self.titleDe = titleDe
    self.site = site
    self.noSite = noSite
    self.kind = kind
    self.hosts = hosts
    self.note = note
    self.internalNote = internalNote
  }
}

public struct UpdateAttendee: Sendable, Equatable {
  public var person: String
  public var side: Side?
  public var name: String?
  public var function: String?
  public var organization: String?
  public var email: String?
  public var phone: String?
  public var diet: String?
  public var access: String?
  /// The new rank (1 highest); `clearRank` removes it.
  public var rank: Int?
  public var clearRank: Bool
  /// The languages as they now are; an empty list removes them.
  public var languages: [String]?

  public init(
    person: String, side: Side? = nil, name: String? = nil, function: String? = nil,
    organization: String? = nil, email: String? = nil, phone: String? = nil, diet: String? = nil,
    access: String? = nil, rank: Int? = nil, clearRank: Bool = false, languages: [String]? = nil
  ) {
    self.rank = rank
    self.clearRank = clearRank
    self.languages = languages
    self.person = person
    self.side = side
    self.name = name
    self.function = function
    self.organization = organization
    self.email = email
    self.phone = phone
    self.diet = diet
    self.access = access
  }
}

public struct AddTravel: Sendable, Equatable {
  public var travel: String
  public var persons: [String]
  public var direction: TravelDirection
  /// A local date and time in the visit's zone.
  public var at: String
  public var mode: TravelMode?
  public var number: String?
  public var from: String?
  public var to: String?
  public var pickup: String?
  public var note: String?

  public init(
    travel: String, persons: [String], direction: TravelDirection, at: String, mode: TravelMode? = nil,
    number: String? = nil, from: String? = nil, to: String? = nil, pickup: String? = nil, note: String? = nil
  ) {
    self.travel = travel
    self.persons = persons
    self.direction = direction
    self.at = at
    self.mode = mode
    self.number = number
    self.from = from
    self.to = to
    self.pickup = pickup
    self.note = note
  }
}

public struct RecordGift: Sendable, Equatable {
  public var gift: String
  public var description: String
  public var direction: GiftDirection
  public var from: String
  public var to: String
  /// An amount in euros ("120", "120.50", "120,50").
  public var value: String?
  public var disposition: String?

  public init(
    gift: String, description: String, direction: GiftDirection, from: String, to: String,
    value: String? = nil,
    disposition: String? = nil
  ) {
    self.gift = gift
    self.description = description
    self.direction = direction
    self.from = from
    self.to = to
    self.value = value
    self.disposition = disposition
  }
}

/// The template and where the copy starts.
public struct CopyVisit: Sendable, Equatable {
  /// The visit copied, as it stands, and its head hash.
  public var source: Visit
  public var head: String
  /// The copy's first day.
  public var from: String
  /// The copy's title; the template's when nil.
  public var title: String?

  public init(source: Visit, head: String, from: String, title: String? = nil) {
    self.source = source
    self.head = head
    self.from = from
    self.title = title
  }
}
