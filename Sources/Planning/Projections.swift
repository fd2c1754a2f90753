/// The itinerary: the visit day by day in its own time zone, appointments in order.
public struct Itinerary: Sendable, Equatable, Codable {
  public struct Item: Sendable, Equatable, Codable {
    public var appointment: Appointment
    public var site: Site?
    /// Assigned attendees still taking part, in order of assignment.
    public var attendees: [Attendee]
    /// Warnings that name this appointment.
    public var warnings: [PlanWarning]
    /// Whether the appointment's zone is not the visit's (so the zone must be named).
    public var foreignZone: Bool
  }

  public struct Day: Sendable, Equatable, Codable {
    public var date: LocalDate
    public var items: [Item]
  }

  public var visit: Visit
  public var days: [Day]
  public var warnings: [PlanWarning]
  public var audience: Audience

  /// - Parameter audience: for guests (the default) without internal notes or contact data.
  public init(_ visit: Visit, audience: Audience = .guests) {
    let v = visit.seen(by: audience)
    self.visit = v
    self.audience = audience
    let all = v.warnings
    warnings = all
    let items = v.activeAppointments.map { a in
      Item(
        appointment: a, site: a.site.flatMap { v.sites[$0] },
        attendees: v.attending(a),
        warnings: all.filter { $0.appointments.contains(a.id) }, foreignZone: a.timezone != v.timezone)
    }
    days = v.byDay(items) { $0.appointment.startInstant }.map { Day(date: $0.date, items: $0.items) }
  }
}

extension Visit {
  /// The visit as `audience` may see it: for guests without internal notes (the visit's and the
  /// appointments') and without anybody's e-mail address or phone number; for staff, as it is.
  public func seen(by audience: Audience) -> Visit {
    guard audience == .guests else { return self }
    var v = self
    v.notes.removeAll(where: \.internal)
    // Logistics and the gifts register are for staff.
    v.travel = Keyed()
    v.gifts = Keyed()
    v.appointments.updateAll { $0.internalNote = nil }
    v.attendees.updateAll { p in
      p.personal.email = nil
      p.personal.phone = nil
    }
    return v
  }

  /// Items grouped by the day, in the visit's zone, on which they start; every day of the visit is
  /// listed even when empty, and days outside it only when something falls on them.
  public func byDay<T>(_ items: [T], start: (T) -> Int64) -> [(date: LocalDate, items: [T])] {
    var byDate: [LocalDate: [T]] = [:]
    for item in items { byDate[Zone.wallClock(of: start(item), in: timezone).date, default: []].append(item) }
    var dates = Set(byDate.keys)
    var d = from
    while d <= to {
      dates.insert(d)
      d = d.adding(days: 1)
    }
    return dates.sorted().map { ($0, byDate[$0] ?? []) }
  }
}

/// Who takes part, by side, with the catering and accessibility summaries.
public struct AttendeeList: Sendable, Equatable, Codable {
  public struct Group: Sendable, Equatable, Codable {
    public var side: Side
    public var attendees: [Attendee]
  }

  public struct Need: Sendable, Equatable, Codable {
    /// The need as entered (a diet such as "vegetarian", or an accessibility need).
    public var need: String
    /// Names of the people who have it.
    public var people: [String]
  }

  public var visit: Visit
  /// Set when the list is for one appointment.
  public var appointment: Appointment?
  public var groups: [Group]
  /// Dietary needs with how many people have each, for catering.
  public var catering: [Need]
  /// Accessibility needs, for venues and transport.
  public var accessibility: [Need]

  /// - Parameter appointment: limit the list to the people assigned to this appointment.
  public init(_ v: Visit, appointment: Appointment? = nil) {
    visit = v
    self.appointment = appointment
    let people =
      appointment.map { v.attending($0) } ?? v.attendeesInPrecedence
    groups = Side.allCases.compactMap { side in
      let members = people.filter { $0.side == side }
      return members.isEmpty ? nil : Group(side: side, attendees: members)
    }
    func summarise(_ need: (PersonalData) -> String?) -> [Need] {
      var order: [String] = []
      var names: [String: [String]] = [:]
      for p in people {
        guard let n = need(p.personal)?.trimmingWhitespace, !n.isEmpty else { continue }
        let key = String(n)
        if names[key] == nil { order.append(key) }
        names[key, default: []].append(p.personal.name)
      }
      return order.sorted().map { Need(need: $0, people: names[$0] ?? []) }
    }
    catering = summarise(\.diet)
    accessibility = summarise(\.access)
  }
}

/// Follow-up tasks of one or more visits, with overdue judged against a given day.
public struct TaskList: Sendable, Equatable, Codable {
  public enum Filter: String, Sendable, Codable, CaseIterable { case open, done, all }

  public struct Row: Sendable, Equatable, Codable {
    public var visit: String
    public var task: FollowUpTask
    /// Open and due before `today`.
    public var overdue: Bool
  }

  public var today: LocalDate
  public var rows: [Row]

  public init(_ visits: [Visit], today: LocalDate, filter: Filter = .open, overdueOnly: Bool = false) {
    self.today = today
    rows = visits.flatMap { v in
      v.tasks.map { t in
        Row(visit: v.id, task: t, overdue: t.status == .open && (t.due.map { $0 < today } ?? false))
      }
    }.filter { r in
      switch filter {
      case .open: return r.task.status == .open
      case .done: return r.task.status == .done
      case .all: return true
      }
    }.filter { !overdueOnly || $0.overdue }
      .sorted(by: Self.order)
  }

  /// Rows already chosen (of several visits), in the list's order.
  public init(rows: [Row], today: LocalDate) {
    self.today = today
    self.rows = rows.sorted(by: Self.order)
  }

  /// Dated tasks first by due date, then undated; then by visit and id.
  static func order(_ a: Row, _ b: Row) -> Bool {
    let da = a.task.due?.dayNumber ?? Int64.max
    let db = b.task.due?.dayNumber ?? Int64.max
    return (da, a.visit, a.task.id) < (db, b.visit, b.task.id)
  }
}

/// One line of the visit catalog.
public struct CatalogEntry: Sendable, Equatable, Codable {
  public var id: String
  public var title: String
  /// The title in German, when one was given.
  public var titleDe: String?
  public var partner: String
  public var from: LocalDate
  public var to: LocalDate
  public var timezone: String
  public var direction: Direction
  public var status: VisitStatus
  public var appointments: Int
  public var attendees: Int
  public var openTasks: Int
  public var version: Int
  public var publishedVersion: Int

  public init(_ v: Visit) {
    id = v.id
    title = v.title
    titleDe = v.titleDe
    partner = v.partner
    from = v.from
    to = v.to
    timezone = v.timezone
    direction = v.direction
    status = v.status
    appointments = v.activeAppointments.count
    attendees = v.attendees.count { !$0.withdrawn }
    openTasks = v.openTaskCount
    version = v.version
    publishedVersion = v.publishedVersion
  }

  /// A line as kept by the catalog cache.
  init(
    id: String, title: String, titleDe: String?, partner: String, from: LocalDate, to: LocalDate,
    timezone: String, direction: Direction, status: VisitStatus, appointments: Int, attendees: Int,
    openTasks: Int, version: Int, publishedVersion: Int
  ) {
    self.id = id
    self.title = title
    self.titleDe = titleDe
    self.partner = partner
    self.from = from
    self.to = to
    self.timezone = timezone
    self.direction = direction
    self.status = status
    self.appointments = appointments
    self.attendees = attendees
    self.openTasks = openTasks
    self.version = version
    self.publishedVersion = publishedVersion
  }
}

/// A travel leg with its people's names, as the transfers list and the internal agenda show it.
public struct TravelLeg: Sendable, Equatable, Codable {
  public var travel: Travel
  public var people: [PersonName]
  /// Who picks them up: a person of the visit by name, else as entered.
  public var pickup: PersonName?

  public init(_ t: Travel, in v: Visit) {
    travel = t
    // Those who withdrew since no longer travel.
    people = t.persons.compactMap { v.attendees[$0] }.filter { !$0.withdrawn }.sorted(by: Attendee.precedes)
      .map(\.personal.displayName)
    pickup = t.pickup.map(v.personName)
  }
}

extension Visit {
  /// Travel legs not cancelled, in time order.
  public var activeTravel: [TravelLeg] {
    travel.filter { !$0.cancelled }.sorted { ($0.instant, $0.id) < ($1.instant, $1.id) }.map {
      TravelLeg($0, in: self)
    }
  }
}

/// Every arrival, departure and pick-up of a visit, in time order (`transfers`).
public struct TransferList: Sendable, Equatable, Codable {
  public var visit: Visit
  public var legs: [TravelLeg]

  public init(_ v: Visit) {
    visit = v
    legs = v.activeTravel
  }
}

/// The gifts register across visits (`gifts`): the annual report.
public struct GiftRegister: Sendable, Equatable, Codable {
  public struct Row: Sendable, Equatable, Codable {
    public var visit: String
    public var visitTitle: String
    public var visitTitleDe: String?
    public var gift: Gift
    /// Giver and receiver: a person of the visit by name, else as entered.
    public var from: PersonName
    public var to: PersonName
  }

  public var rows: [Row]

  /// The gifts of one visit, of the year `year` when given.
  public static func rows(of v: Visit, year: Int?) -> [Row] {
    v.gifts.filter { year == nil || $0.date.year == year }.map { g in
      Row(
        visit: v.id, visitTitle: v.title, visitTitleDe: v.titleDe, gift: g, from: v.personName(g.from),
        to: v.personName(g.to))
    }
  }

  /// Rows of many visits, by date, then visit, then gift.
  public init(rows: [Row]) {
    self.rows = rows.sorted { ($0.gift.date, $0.visit, $0.gift.id) < ($1.gift.date, $1.visit, $1.gift.id) }
  }
}
