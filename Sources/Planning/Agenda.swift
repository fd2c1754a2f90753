import EventLog

/// The printable agenda of a visit: what the Lord Mayor's office, the hosts and the guests carry
/// through a visit. Pure: built from a visit (and, for change marks, an earlier state of it);
/// `AgendaRenderer` turns it into text, Markdown or HTML.
///
/// - Days run in the visit's time zone; each appointment keeps the wall-clock time of its venue.
/// - Cancelled appointments are left out, unless the agenda shows changes since an earlier point:
///   then they stay, marked as cancelled, and every other appointment that changed is marked too.
/// - With a person, the agenda is that person's itinerary: only what they attend.
public struct Agenda: Sendable, Codable {
  /// How an appointment changed since the earlier point (only with `since:`).
  public struct Change: Sendable, Equatable, Codable {
    public typealias Kind = ChangeKind

    public var kind: Kind
    /// The appointment as it stood at the earlier point (nil when added).
    public var old: Appointment?
    /// Fields that differ: `time`, `title`, `kind`, `site`, `hosts`, `note`, `attendees`.
    public var fields: [String]
    /// Names of people who joined the appointment since the earlier point.
    public var joined: [PersonName]
    /// Names of people who no longer attend it.
    public var left: [PersonName]
  }

  /// One appointment on the agenda.
  public struct Entry: Sendable, Equatable, Codable {
    /// The appointment; for guests without its internal note.
    public var appointment: Appointment
    /// The hosts as shown: a host that is a person of the visit by their name.
    public var hosts: [PersonName]
    public var site: Site?
    /// Who attends, still taking part, in the order of precedence.
    public var attendees: [Attendee]
    /// The languages the appointment needs (`Visit.languagesNeeded(at:)`); none when not known.
    public var languages: [String] = []
    /// Whether the appointment's zone is not the visit's (so the zone is named).
    public var foreignZone: Bool
    /// The change since the earlier point; nil without `since:` or when it did not change.
    public var change: Change?

    /// Whether the entry is shown struck through (cancelled, or no longer the person's).
    public var struck: Bool { change?.kind == .cancelled || change?.kind == .unassigned }
  }

  public struct Day: Sendable, Equatable, Codable {
    /// The date in the visit's time zone.
    public var date: LocalDate
    public var entries: [Entry]
    /// Arrivals and departures that day (internal agendas only: logistics are for staff).
    public var logistics: [TravelLeg] = []
  }

  /// A member of the organising staff to call or write to.
  public struct Contact: Sendable, Equatable, Codable {
    public var name: PersonName
    public var function: String?
    public var organization: String?
    public var phone: String?
    public var email: String?
  }

  /// The last published agenda version.
  public struct Published: Sendable, Equatable, Codable {
    public var version: Int
    public var recorded: Timestamp
    /// When it was published, as wall-clock time in the visit's zone.
    public var local: LocalDateTime
  }

  /// The summary of changes since an earlier point.
  public struct Changes: Sendable, Equatable, Codable {
    /// The earlier point as the reader named it (`v:1`, `2022-04-28`).
    public var label: String
    /// Whether the visit existed at that point at all.
    public var visitExisted: Bool
    /// How many appointments on this agenda carry each kind of mark.
    public var counts: [Change.Kind: Int]
    /// The visit's dates then and now, when they changed.
    public var dates: DateChange?
    /// Whether the visit was cancelled since.
    public var visitCancelled: Bool
    /// Names of people registered since (whole agendas only).
    public var attendeesAdded: [PersonName]
    /// Names of people withdrawn since (whole agendas only).
    public var attendeesWithdrawn: [PersonName]

    /// Whether nothing on this agenda changed.
    public var isEmpty: Bool {
      counts.values.allSatisfy { $0 == 0 } && dates == nil && !visitCancelled && attendeesAdded.isEmpty
        && attendeesWithdrawn.isEmpty
    }
  }

  public var visitID: String
  public var title: String
  /// The title in German, when one was given.
  public var titleDe: String?
  public var partner: String
  public var from: LocalDate
  public var to: LocalDate
  /// The visit's time zone: the zone of its days.
  public var timezone: String
  public var status: VisitStatus
  public var program: String?
  public var organizers: [String]
  public var topics: [String]
  /// The last published version; nil for a draft.
  public var published: Published?
  /// Whether the programme shown differs from the last published version (changes recorded since
  /// and not yet published). The caller knows: it needs a second replay.
  public var changedSincePublished = false
  /// The person whose itinerary this is (nil: the whole agenda).
  public var person: Attendee?
  /// The person asked for, as given, when the agenda is a personal one.
  public var personQuery: String?
  /// Every day of the visit (and any day outside it that has an appointment), in order.
  public var days: [Day]
  /// Organising staff still taking part, in order of registration.
  public var contacts: [Contact]
  /// The change summary; nil without `since:`.
  public var changes: Changes?
  /// Who the agenda is for: guests (the default) or staff.
  public var audience: Audience
  /// Notes for staff only, in order (internal agendas only).
  public var internalNotes: [Note]
  /// The log state the agenda was built from.
  public var head: StreamHead

  /// - Parameters:
  ///   - person: a person id (or, failing that, a name, compared without regard to case); the
  ///     agenda then holds only the appointments that person attends. An unknown person gives an
  ///     agenda with no appointments and `person == nil`: check `Agenda.person(_:in:)` first.
  ///   - since: the visit as it stood at an earlier point (nil if it did not exist then) and how
  ///     to name that point; appointments then carry change marks and cancelled ones stay.
  ///   - audience: guests (no internal notes, no phone numbers or e-mail addresses) or staff. A
  ///     personal agenda of a delegation member is always the guests' one.
  public init(
    visit all: Visit, head: StreamHead, person: String? = nil, since: (label: String, visit: Visit?)? = nil,
    audience asked: Audience = .guests
  ) {
    let audience = person.flatMap { Self.person($0, in: all) }?.side == .delegation ? .guests : asked
    let visit = all.seen(by: audience)
    let since = since.map { (label: $0.label, visit: $0.visit?.seen(by: audience)) }
    visitID = visit.id
    title = visit.title
    titleDe = visit.titleDe
    partner = visit.partner
    from = visit.from
    to = visit.to
    timezone = visit.timezone
    status = visit.status
    program = visit.program
    organizers = visit.organizers
    topics = visit.topics
    self.head = head
    published = visit.publications.last.map { p in
      Published(
        version: p.version, recorded: p.meta.recorded,
        local: Zone.wallClock(of: Self.seconds(p.meta.recorded), in: visit.timezone))
    }
    personQuery = person
    let who = person.flatMap { Self.person($0, in: visit) }
    self.person = who
    self.audience = audience
    internalNotes = audience == .internal ? visit.notes.filter(\.internal) : []

    // What is on the agenda, with its mark.
    let diff = since.map { VisitDiff(from: $0.visit, to: visit) }
    let marks = Dictionary(
      (diff?.appointments ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    func name(_ id: String) -> PersonName {
      (visit.attendees[id] ?? since?.visit?.attendees[id])?.personal.displayName ?? .named(id)
    }
    let gone = Set(diff?.attendeesWithdrawn.map(\.id) ?? [])
    var entries: [Entry] = []
    for a in visit.appointments {
      let mark = marks[a.id]
      if a.cancelled && mark?.kind != .cancelled { continue }
      var change = mark.flatMap { m -> Change? in
        let before = m.old?.attendees ?? []
        guard m.kind != .added && m.kind != .cancelled else {
          return Change(kind: m.kind, old: m.old, fields: m.fields, joined: [], left: [])
        }
        // People withdrawn from the visit are named once in the summary, not per appointment.
        let joined = a.attendees.filter { !before.contains($0) }
        let left = before.filter { !a.attendees.contains($0) && !gone.contains($0) }
        var fields = m.fields
        if joined.isEmpty && left.isEmpty { fields.removeAll { $0 == "attendees" } }
        guard !fields.isEmpty else { return nil }
        return Change(
          kind: m.kind, old: m.old, fields: fields, joined: joined.map(name),
          left: left.map(name))
      }
      if person != nil {
        guard let p = who else { continue }
        // A person's agenda holds what they attend and what they host.
        let now = a.attendees.contains(p.id) || a.hosts.contains(p.id)
        let then =
          since?.visit?.appointments[a.id].map {
            !$0.cancelled && ($0.attendees.contains(p.id) || $0.hosts.contains(p.id))
          } ?? false
        if a.cancelled {
          guard now || then else { continue }
        } else if !now {
          guard then else { continue }
          change = Change(
            kind: .unassigned, old: since?.visit?.appointments[a.id], fields: change?.fields ?? ["attendees"],
            joined: [], left: [p.personal.displayName])
        } else if since != nil && !then {
          // On the programme before perhaps, but not on this person's: new for them.
          change = Change(kind: .added, old: nil, fields: [], joined: [], left: [])
        }
      }
      entries.append(
        Entry(
          appointment: a, hosts: a.hosts.map(visit.personName), site: a.site.flatMap { visit.sites[$0] },
          attendees: visit.attending(a), languages: visit.languagesNeeded(at: a),
          foreignZone: a.timezone != visit.timezone, change: change))
    }
    entries.sort {
      ($0.appointment.startInstant, $0.appointment.id) < ($1.appointment.startInstant, $1.appointment.id)
    }

    days = visit.byDay(entries) { $0.appointment.startInstant }.map { Day(date: $0.date, entries: $0.items) }
    // Logistics per day; a personal agenda has that person's legs only. (A guests' visit has none.)
    for leg in visit.activeTravel
    where person == nil || who.map({ leg.travel.persons.contains($0.id) }) == true {
      let date = leg.travel.at.date
      if let i = days.firstIndex(where: { $0.date == date }) {
        days[i].logistics.append(leg)
      } else {
        days.append(Day(date: date, entries: [], logistics: [leg]))
        days.sort { $0.date < $1.date }
      }
    }

    contacts = visit.attendeesInPrecedence.filter { $0.side == .staff }.map { p in
      Contact(
        name: p.personal.displayName, function: p.personal.function, organization: p.personal.organization,
        phone: p.personal.phone, email: p.personal.email)
    }

    if let since, let diff {
      var counts: [Change.Kind: Int] = [:]
      for k in Change.Kind.allCases { counts[k] = 0 }
      for e in entries { if let k = e.change?.kind { counts[k, default: 0] += 1 } }
      let whole = person == nil
      changes = Changes(
        label: since.label, visitExisted: since.visit != nil, counts: counts, dates: diff.dates,
        visitCancelled: diff.cancelled,
        attendeesAdded: whole && since.visit != nil ? diff.attendeesAdded.map(\.personal.displayName) : [],
        attendeesWithdrawn: whole ? diff.attendeesWithdrawn.map(\.personal.displayName) : [])
    } else {
      changes = nil
    }
  }

  /// The attendee `query` names in `visit`: by id, else by name (ignoring case); nil if none.
  public static func person(_ query: String, in visit: Visit) -> Attendee? {
    if let p = visit.attendees[query] { return p }
    let q = query.lowercased()
    return visit.attendees.first { !$0.personal.isErased && $0.personal.name.lowercased() == q }
  }

  /// Every entry, day by day.
  public var entries: [Entry] { days.flatMap(\.entries) }

  static func seconds(_ t: Timestamp) -> Int64 {
    t.milliseconds >= 0 ? t.milliseconds / 1000 : (t.milliseconds - 999) / 1000
  }
}
