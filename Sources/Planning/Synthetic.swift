import EventLog

/// A small, fast random number generator (SplitMix64) for synthetic stores: the same seed gives the
/// same numbers on every platform.
struct SplitMix: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
  mutating func int(_ range: ClosedRange<Int>) -> Int {
    range.lowerBound + Int(next() % UInt64(range.count))
  }
  mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }
}

/// The commands of one synthetic visit, chosen against the visit as it stands so that every one is
/// accepted: the mix of a real visit (sites, appointments and moves, attendees with personal data,
/// assignments, tasks, an MoU, notes, publications and a few corrections).
struct SyntheticVisit {
  static let partners = [
    ("Pittsburgh", "America/New_York", "Pittsburgh, PA"), ("Novi Sad", "Europe/Belgrade", "Novi Sad"),
    ("Leeds", "Europe/London", "Leeds"), ("Amiens", "Europe/Paris", "Amiens"),
    ("Kumasi", "Africa/Accra", "Kumasi"), ("Xi'an", "Asia/Shanghai", "Xi'an"),
    ("Netanya", "Asia/Jerusalem", "Netanya"), ("Rostow am Don", "Europe/Moscow", "Rostow am Don"),
    ("Zwickau", "Europe/Berlin", "Zwickau"), ("Trabzon", "Europe/Istanbul", "Trabzon"),
  ]
  static let topics = [
    "Structural change", "Hydrogen", "Smart city", "Universities and research", "Culture", "Youth exchange",
    "Logistics", "Climate adaptation", "Football and sport", "Health economy",
  ]
  static let first = [
    "Anna", "Jonas", "Lea", "Mehmet", "Sofia", "Kwame", "Olga", "Wei", "Noah", "Amara", "Lukas", "Mia",
    "Yusuf", "Hannah", "David", "Elif",
  ]
  static let last = [
    "Schulte", "Becker", "Mensah", "Yılmaz", "Kowalski", "Novak", "Li", "Smith", "Hoffmann", "Owusu",
    "Petrović",
    "Cohen", "Wagner", "Dubois",
  ]
  static let functions = [
    "Mayor", "Deputy mayor", "Councillor", "Head of office", "Professor", "CEO", "Interpreter",
  ]
  static let siteNames = [
    ("Rathaus Dortmund", "Friedensplatz 1, 44135 Dortmund"), ("DEW21", "Ostwall 51, 44135 Dortmund"),
    ("TU Dortmund", "August-Schmidt-Straße 4, 44227 Dortmund"), ("Phoenix West", "Rheinische Straße 173"),
    ("Dortmunder U", "Leonie-Reygers-Terrasse 2"), ("Signal Iduna Park", "Strobelallee 50"),
    ("Hafen Dortmund", "Speicherstraße 23"), ("Zeche Zollern", "Grubenweg 5, 44388 Dortmund"),
  ]
  static let staff = ["jana.hoffmann", "tanja.becker", "m.schulte", "protocol.office"]
  static let kinds: [AppointmentKind] = [.meeting, .siteVisit, .presentation, .meal, .reception, .press]

  let id: String
  var rng: SplitMix
  var visit: Visit?
  var sequence = 0

  init(id: String, seed: UInt64, index: Int) {
    self.id = id
    rng = SplitMix(seed: seed &* 0x1000_0001 &+ UInt64(index))
  }

  /// The next command: the setup of a visit first, then the everyday changes; nil when none fits
  /// (the caller tries again).
  mutating func next() -> Command? {
    sequence += 1
    guard let v = visit else { return schedule() }
    let appointments = v.activeAppointments
    let people = v.activeAttendees
    if v.sites.count < 3 { return addSite(v) }
    if appointments.count < 3 || (rng.chance(18) && appointments.count < 60) { return addAppointment(v) }
    if people.count < 4 || (rng.chance(16) && people.count < 80) { return addAttendee(v) }
    switch rng.int(0...99) {
    case 0..<30:
      let a = rng.pick(appointments)
      let free = people.filter { !a.attendees.contains($0.id) }
      guard let p = free.isEmpty ? nil : rng.pick(free) else { return nil }
      return .assign(appointment: a.id, persons: [p.id])
    case 30..<38:
      let a = rng.pick(appointments)
      let start = Zone.wallClock(of: a.startInstant, in: a.timezone)
      let minutes = rng.pick([-30, -15, 15, 30, 45, 60])
      guard start.clock >= "09:00", start.clock <= "17:00" else { return nil }
      return .moveAppointmentBy(appointment: a.id, minutes: minutes)
    case 38..<46:
      let t = "task-\(sequence)"
      let due = v.to.adding(days: rng.int(7...60))
      return .addTask(
        AddTask(
          task: t, title: "Follow up: \(rng.pick(Self.topics))", owner: rng.pick(Self.staff),
          due: due.description))
    case 46..<52:
      let open = v.manualTasks.filter { $0.status == .open }
      guard let t = open.isEmpty ? nil : rng.pick(open) else { return nil }
      return .completeTask(t.id)
    case 52..<58:
      return .note(
        "Call with the partner's office about \(rng.pick(Self.topics).lowercased()).",
        internal: rng.chance(40))
    case 58..<62:
      return .publish(note: rng.chance(50) ? "Times confirmed with the delegation" : nil)
    case 62..<66:
      guard v.mous.count < 2 else { return nil }
      return .signMou(
        SignMou(
          mou: "mou-\(sequence)", title: "Memorandum on \(rng.pick(Self.topics).lowercased())",
          signatories: ["Oberbürgermeister", "Mayor of \(v.partner)"], date: v.to.description,
          place: "Dortmund", commitments: ["Annual exchange of delegations", "Joint report within a year"]))
    case 66..<72:
      let p = rng.pick(people)
      guard !p.personal.isErased else { return nil }
      return .updateAttendee(
        UpdateAttendee(person: p.id, function: rng.pick(Self.functions), phone: phoneNumber()))
    case 72..<76:
      let a = rng.pick(appointments)
      return .updateAppointment(
        UpdateAppointment(
          appointment: a.id, note: "Room changed (\(sequence))",
          internalNote: "Catering: \(people.count) guests"))
    case 76..<79:
      let s = rng.pick(Array(v.sites))
      return .updateSite(UpdateSite(site: s.id, note: "Entrance via the side door (\(sequence))"))
    case 79..<81:
      guard appointments.count > 4 else { return nil }
      return .cancelAppointment(rng.pick(appointments).id)
    case 81..<83:
      guard people.count > 6 else { return nil }
      return .withdrawAttendee(rng.pick(people).id)
    case 83..<88:
      let a = rng.pick(appointments)
      guard let p = a.attendees.isEmpty ? nil : rng.pick(a.attendees) else { return nil }
      return .unassign(appointment: a.id, persons: [p])
    case 88..<92:
      let open = v.manualTasks.filter { $0.status == .open }
      guard let t = open.isEmpty ? nil : rng.pick(open) else { return nil }
      return .assignTask(task: t.id, owner: rng.pick(Self.staff))
    default:
      return addAppointment(v)
    }
  }

  private mutating func schedule() -> Command {
    let (city, zone, _) = rng.pick(Self.partners)
    let incoming = rng.chance(60)
    let from = LocalDate(year: 2019 + rng.int(0...7), month: rng.int(1...12), day: rng.int(1...28))
    let to = from.adding(days: rng.int(1...4))
    return .schedule(
      ScheduleVisit(
        title: incoming ? "Delegation from \(city)" : "Dortmund delegation to \(city)",
        partner: "City of \(city)", from: from.description, to: to.description,
        timezone: incoming ? "Europe/Berlin" : zone, direction: incoming ? .incoming : .outgoing,
        program: rng.chance(50) ? "Städtepartnerschaft Dortmund–\(city)" : nil,
        topics: [rng.pick(Self.topics), rng.pick(Self.topics)].reduce(into: []) {
          if !$0.contains($1) { $0.append($1) }
        },
        organizers: ["Internationale Beziehungen"]))
  }

  private mutating func addSite(_ v: Visit) -> Command {
    let (name, address) = Self.siteNames[v.sites.count % Self.siteNames.count]
    return .addSite(
      SiteAdded(site: "site-\(v.sites.count + 1)", name: name, organization: nil, address: address))
  }

  private mutating func addAppointment(_ v: Visit) -> Command {
    let day = v.from.adding(days: rng.int(0...Int(v.to.dayNumber - v.from.dayNumber)))
    let hour = rng.int(8...19)
    let minute = rng.pick([0, 15, 30, 45])
    let length = rng.pick([30, 45, 60, 90, 120])
    let endMinutes = hour * 60 + minute + length
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    let kind = rng.pick(Self.kinds)
    let site = rng.chance(85) ? rng.pick(Array(v.sites)).id : nil
    return .addAppointment(
      AddAppointment(
        appointment: "appt-\(sequence)", title: "\(kind.rawValue.capitalized): \(rng.pick(Self.topics))",
        kind: kind, start: "\(day)T\(two(hour)):\(two(minute))",
        end: "\(day)T\(two(endMinutes / 60)):\(two(endMinutes % 60))", site: site,
        hosts: rng.chance(50) ? ["Oberbürgermeister"] : [],
        note: rng.chance(30) ? "Dress code: business" : nil))
  }

  private mutating func addAttendee(_ v: Visit) -> Command {
    let name = "\(rng.pick(Self.first)) \(rng.pick(Self.last))"
    let side: Side = rng.pick([.delegation, .delegation, .delegation, .host, .staff, .interpreter, .press])
    return .addAttendee(
      AttendeeRegistered(
        person: "person-\(sequence)", side: side,
        personal: PersonalData(
          name: name, function: rng.pick(Self.functions), organization: v.partner,
          email: name.lowercased().replacingSpaces + "@example.org", phone: phoneNumber(),
          diet: rng.chance(20) ? rng.pick(["vegetarian", "halal", "no pork", "vegan"]) : nil,
          access: rng.chance(5) ? "wheelchair" : nil)))
  }

  private mutating func phoneNumber() -> String { "+49 231 \(rng.int(100_000...999_999))" }

  /// Decides `command` and applies its events to the visit.
  mutating func decide(_ command: Command) throws(PlanningError) -> [Event] {
    let events = try Decide.decide(command, visit: id, state: visit)
    for e in events {
      let meta = EventMeta(seq: 0, recorded: Timestamp(milliseconds: 0), actor: "")
      if visit == nil {
        visit = Visit.start(id: id, with: e, meta: meta)
      } else {
        visit?.apply(e, meta: meta)
      }
    }
    return events
  }
}

extension String {
  fileprivate var replacingSpaces: String {
    String(map { $0 == " " ? "." : $0 }.filter { $0.isASCII && ($0.isLetter || $0 == ".") })
  }
}
