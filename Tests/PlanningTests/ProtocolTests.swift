import EventLog
import Testing

@testable import Planning

/// A person with a rank and languages.
func ranked(
  _ id: String, side: Side = .delegation, name: String, rank: Int? = nil, languages: [String]? = nil
) -> Event {
  .attendeeRegistered(
    AttendeeRegistered(
      person: id, side: side, personal: PersonalData(name: name, languages: languages), rank: rank))
}

@Suite("Protocol: precedence, seating, languages")
struct PrecedenceTests {
  /// An incoming visit's reception with two hosts, our staff, three guests, an interpreter and the press.
  static let receptionEvents: [Event] =
    [
      scheduled(),
      appointment("reception", "2022-04-26T12:00", "2022-04-26T13:00", kind: .reception, hosts: ["mayor"]),
      ranked("guest-b", name: "Bea Brown", rank: 2),
      ranked("guest-z", name: "Zoe Zed"),
      ranked("guest-a", name: "Al Adams"),
      ranked("head", name: "Ed Head", rank: 1),
      ranked("deputy", side: .host, name: "Dora Deputy", rank: 2),
      ranked("mayor", side: .host, name: "Max Mayor", rank: 1),
      ranked("aide", side: .staff, name: "Ann Aide"),
      ranked("olga", side: .interpreter, name: "Olga"),
      ranked("photo", side: .press, name: "Pat Photo"),
    ]
    + ["guest-b", "guest-z", "guest-a", "head", "deputy", "aide", "olga", "photo"].map {
      assigned("reception", $0)
    }

  @Test("every list of people is ordered by side, then rank (ranked first), then name")
  func order() throws {
    let v = try visit(Self.receptionEvents)
    let expected = ["head", "guest-b", "guest-a", "guest-z", "mayor", "deputy", "aide", "olga", "photo"]
    #expect(v.attendeesInPrecedence.map(\.id) == expected)
    #expect(AttendeeList(v).groups.flatMap { $0.attendees.map(\.id) } == expected)
    // The appointment's own list (the mayor hosts it but is not assigned).
    let reception = try #require(v.appointments["reception"])
    #expect(v.attending(reception).map(\.id) == expected.filter { $0 != "mayor" })
    let agenda = Agenda(visit: v, head: StreamHead(), audience: .internal)
    #expect(agenda.days.first?.entries.first?.attendees.map(\.id) == expected.filter { $0 != "mayor" })
  }

  @Test("seating: principal host, principal guest at the host's right, then the sides alternately")
  func seatingIncoming() throws {
    let v = try visit(Self.receptionEvents)
    let s = Seating(v, appointment: try #require(v.appointments["reception"]))
    #expect(
      s.places.map(\.attendee.id) == ["mayor", "head", "deputy", "guest-b", "aide", "guest-a", "guest-z"])
    #expect(s.places.map(\.number) == Array(1...7))
    #expect(s.places.prefix(4).map(\.role) == [.principalHost, .principalGuest, .hostSide, .guestSide])
    #expect(s.apart.map(\.id) == ["olga", "photo"])
  }

  @Test("seating on an outgoing visit: the partner hosts, our staff sit with our delegation")
  func seatingOutgoing() throws {
    var events = Self.receptionEvents
    events[0] = .visitScheduled(
      VisitScheduled(
        title: "Trip", partner: "P", from: day("2022-04-26"), to: day("2022-04-28"),
        timezone: "Europe/Berlin",
        direction: .outgoing))
    let v = try visit(events)
    let s = Seating(v, appointment: try #require(v.appointments["reception"]))
    #expect(
      s.places.map(\.attendee.id) == ["mayor", "head", "deputy", "guest-b", "guest-a", "guest-z", "aide"])
  }

  @Test("interpreter-needed: a Twi-only speaker and a German-only host, without and with an interpreter")
  func interpreterNeeded() throws {
    let start: [Event] = [
      scheduled(),
      appointment("talk", "2022-04-26T10:00", "2022-04-26T11:00"),
      ranked("kofi", name: "Kofi Mensah", languages: ["tw"]),
      ranked("host", side: .host, name: "Hanna Host", languages: ["de"]),
      ranked("i-en", side: .interpreter, name: "Ian", languages: ["en", "de"]),
      ranked("i-tw", side: .interpreter, name: "Ama", languages: ["tw", "de"]),
      ranked("quiet", side: .host, name: "Nobody Knows"),
      assigned("talk", "kofi"), assigned("talk", "host"), assigned("talk", "quiet"),
    ]
    let v = try visit(start)
    #expect(v.warnings == [warning(.interpreterNeeded, ["talk"], persons: ["kofi", "host"])])
    // An interpreter who does not speak Twi does not help.
    #expect(
      try decided(v, .assign(appointment: "talk", persons: ["i-en"])).warnings.map(\.rule) == [
        .interpreterNeeded
      ])
    // One who speaks both does.
    let bridged = try decided(v, .assign(appointment: "talk", persons: ["i-tw"]))
    #expect(bridged.warnings == [])
    // A host speaking Twi too shares a language with Kofi.
    let multilingual = try decided(
      v, .updateAttendee(UpdateAttendee(person: "host", languages: ["de", "tw"])))
    #expect(multilingual.warnings == [])
    // The agenda says which languages the appointment needs.
    let talk = try #require(v.appointments["talk"])
    #expect(v.languagesNeeded(at: talk) == ["de", "tw"])
    #expect(multilingual.languagesNeeded(at: talk) == ["tw"])
  }

  @Test(
    "rank and languages are checked; languages are lower-case ISO 639-1 codes, each once",
    arguments: [
      (0, ["de"], Rule.rank), (1000, ["de"], .rank), (1, ["deu"], .language), (1, ["D"], .language),
      (1, [""], .language), (1, ["d1"], .language),
    ] as [(Int, [String], Rule)])
  func refusals(rank: Int, languages: [String], rule: Rule) throws {
    #expect {
      try when(
        .addAttendee(
          AttendeeRegistered(
            person: "p9", side: .delegation, personal: PersonalData(name: "N", languages: languages),
            rank: rank)),
        try base())
    } throws: { error in
      guard case .rule(let r, _, _)? = error as? PlanningError else { return false }
      return r == rule
    }
  }

  @Test("a repeated language is kept once; rank corrections change, remove or are no change")
  func corrections() throws {
    let e = try when(
      .addAttendee(
        AttendeeRegistered(
          person: "p9", side: .delegation, personal: PersonalData(name: "N", languages: ["en", "tw", "en"]),
          rank: 3)),
      try base())
    guard case .attendeeRegistered(let r) = e.first else {
      Issue.record("\(e)")
      return
    }
    #expect(r.personal.languages == ["en", "tw"])
    let v = try decided(try base(), .addAttendee(r))
    #expect(
      try when(.updateAttendee(UpdateAttendee(person: "p9", rank: 1)), v) == [
        .attendeeUpdated(AttendeeUpdated(person: "p9", rank: 1))
      ])
    #expect(
      try when(.updateAttendee(UpdateAttendee(person: "p9", clearRank: true)), v) == [
        .attendeeUpdated(AttendeeUpdated(person: "p9", cleared: ["rank"]))
      ])
    #expect(throws: PlanningError.self) {
      try when(.updateAttendee(UpdateAttendee(person: "p9", rank: 3)), v)
    }
    let cleared = try decided(
      v, .updateAttendee(UpdateAttendee(person: "p9", clearRank: true, languages: [])))
    #expect(cleared.attendees["p9"]?.rank == nil)
    #expect(cleared.attendees["p9"]?.personal.languages == nil)
  }
}

@Suite("Protocol: MoUs from draft to signature, the Golden Book")
struct MouLifecycleTests {
  static let plan = SignMou(
    mou: "climate", title: "Climate partnership", signatories: ["Mayor A", "Mayor B"], date: "2022-04-27",
    place: "Rathaus", commitments: ["Exchange experts", "Joint application"])

  @Test("a planned MoU is shown as planned and has no follow-ups; signing it derives them")
  func planThenSign() throws {
    let planned = try decided(try visit([scheduled()]), .planMou(Self.plan))
    #expect(planned.mous["climate"]?.isPlanned == true)
    #expect(planned.tasks.filter { $0.id.hasPrefix("mou-") }.isEmpty)
    // Signing restates nothing: everything stays as planned.
    let events = try when(.signMou(SignMou(mou: "climate", title: nil, signatories: [])), planned)
    #expect(
      events == [
        .mouSigned(
          MouSigned(
            mou: "climate", title: "Climate partnership", signatories: ["Mayor A", "Mayor B"],
            date: day("2022-04-27"), place: "Rathaus", commitments: ["Exchange experts", "Joint application"])
        )
      ])
    let signed = try decided(
      planned, .signMou(SignMou(mou: "climate", title: nil, signatories: [], place: "Online")))
    #expect(signed.mous["climate"]?.isPlanned == false)
    #expect(signed.mous["climate"]?.place == "Online")
    #expect(
      signed.tasks.filter { $0.id.hasPrefix("mou-") }.map(\.id) == [
        "mou-climate-copy-mayor-a", "mou-climate-copy-mayor-b", "mou-climate-commitment-1",
        "mou-climate-commitment-2",
      ])
    // Once signed, it cannot be signed or planned again.
    #expect(throws: PlanningError.rule(.uniqueID, field: .mou, "MoU climate is already signed in visit v")) {
      try when(.signMou(SignMou(mou: "climate", title: nil, signatories: [])), signed)
    }
    #expect(throws: PlanningError.rule(.uniqueID, field: .mou, "MoU climate already exists in visit v")) {
      try when(.planMou(Self.plan), planned)
    }
    // A new MoU signed at once needs its title.
    #expect(throws: PlanningError.rule(.text, field: .title, "a new MoU (other) needs a \(field: .title)")) {
      try when(.signMou(SignMou(mou: "other", title: nil, signatories: ["X"])), planned)
    }
  }

  @Test("a Golden Book entry gets a task to file the photo and the signed page")
  func goldenBook() throws {
    let v = try visit([
      scheduled(),
      appointment("book", "2022-04-26T15:00", "2022-04-26T15:30", kind: .goldenBook, title: "Golden Book"),
    ])
    let task = try #require(v.tasks.first { $0.origin == .goldenBook(appointment: "book") })
    #expect(task.id == "golden-book-book")
    #expect(task.due == day("2022-05-03"))
    #expect(task.title.contains("Golden Book entry 'Golden Book'"))
    #expect(task.titleDe?.contains("Eintragung ins Goldene Buch") == true)
    let cancelled = try decided(v, .cancelAppointment("book"))
    #expect(!cancelled.tasks.contains { $0.id == "golden-book-book" })
  }
}

@Suite("Protocol: travel, gifts, copies")
struct TravelGiftsCopyTests {
  static let start: [Event] = [
    scheduled(),
    appointment("early", "2022-04-26T09:00", "2022-04-26T10:00"),
    appointment("late", "2022-04-28T17:00", "2022-04-28T19:00"),
    appointment("bus", "2022-04-27T08:00", "2022-04-27T08:30", kind: .transfer),
    ranked("kofi", name: "Kofi"), ranked("ama", name: "Ama"), ranked("jana", side: .staff, name: "Jana"),
    assigned("early", "kofi"), assigned("late", "kofi"), assigned("bus", "kofi"), assigned("bus", "ama"),
    assigned("bus", "jana"), assigned("early", "ama"), assigned("late", "ama"),
  ]

  func travel(_ id: String, _ persons: [String], _ direction: TravelDirection, _ at: String) -> Command {
    .addTravel(AddTravel(travel: id, persons: persons, direction: direction, at: at))
  }

  @Test("before-arrival, after-departure and transfer-without-travel, and what clears them")
  func travelWarnings() throws {
    let v = try visit(Self.start)
    // No travel recorded: no travel warnings at all.
    #expect(
      v.warnings.filter { [.beforeArrival, .afterDeparture, .transferWithoutTravel].contains($0.rule) } == [])
    let planned = try decided(
      v, travel("in", ["kofi"], .arrival, "2022-04-26T09:30"),
      travel("out", ["kofi"], .departure, "2022-04-28T18:00"))
    #expect(
      planned.warnings == [
        warning(.beforeArrival, ["early"], persons: ["kofi"]),
        warning(.transferWithoutTravel, ["bus"], persons: ["ama"]),
        warning(.afterDeparture, ["late"], persons: ["kofi"]),
      ])
    // An earlier arrival, a later departure, and Ama's own leg clear them; staff need no leg.
    let fixed = try decided(
      planned, .cancelTravel("in"), travel("in-early", ["kofi"], .arrival, "2022-04-25T20:00"),
      travel("out-late", ["kofi"], .departure, "2022-04-29T08:00"),
      travel("ama-in", ["ama"], .arrival, "2022-04-25T21:00"))
    #expect(fixed.warnings == [])
    #expect(TransferList(fixed).legs.map(\.travel.id) == ["in-early", "ama-in", "out", "out-late"])
    // Logistics reach the internal agenda only, on their day.
    let internalAgenda = Agenda(visit: fixed, head: StreamHead(), audience: .internal)
    #expect(internalAgenda.days.first?.date == day("2022-04-25"))
    #expect(internalAgenda.days.first?.logistics.map(\.travel.id) == ["in-early", "ama-in"])
    #expect(Agenda(visit: fixed, head: StreamHead()).days.allSatisfy { $0.logistics.isEmpty })
  }

  @Test(
    "travel legs are checked",
    arguments: [
      (AddTravel(travel: "t", persons: [], direction: .arrival, at: "2022-04-26T09:00"), Rule.persons),
      (AddTravel(travel: "t", persons: ["kofi"], direction: .arrival, at: "2022-04-10T09:00"), .travelDates),
      (AddTravel(travel: "t", persons: ["kofi"], direction: .arrival, at: "2022-03-27T02:30"), .realTime),
      (
        AddTravel(travel: "t", persons: ["kofi"], direction: .arrival, at: "2022-04-26T09:00", note: " "),
        .text
      ),
    ])
  func travelRefusals(_ c: AddTravel, _ rule: Rule) throws {
    #expect {
      try when(.addTravel(c), try visit(Self.start))
    } throws: { error in
      guard case .rule(let r, _, _)? = error as? PlanningError else { return false }
      return r == rule
    }
  }

  @Test(
    "gift values are euros with up to two decimals",
    arguments: [
      ("120", 12000), ("120.5", 12050), ("120,50", 12050), ("0", 0), ("10000000", 1_000_000_000),
      ("1e3", nil), ("12.345", nil), ("-5", nil), ("", nil), ("1.", nil), ("10000001", nil), ("12.3.4", nil),
    ] as [(String, Int?)])
  func euros(text: String, cents: Int?) throws {
    let e = try? when(
      .recordGift(
        RecordGift(gift: "g", description: "D", direction: .given, from: "a", to: "b", value: text)),
      try base())
    guard case .giftRecorded(let g)? = e?.first else {
      #expect(cents == nil, "\(text) refused")
      return
    }
    #expect(g.value == cents)
  }

  @Test("a gift's date is the day it was recorded, within the visit's days; the register filters by year")
  func giftDate() throws {
    var v = try visit([scheduled()])
    let gift = GiftRecorded(gift: "g", description: "Plate", direction: .received, from: "Mayor", to: "p1")
    for (millis, expected) in [
      (Int64(1_650_700_000_000), "2022-04-26"), (1_650_900_000_000, "2022-04-25T15:20"),
      (1_652_000_000_000, "2022-04-28"),
    ] {
      v.apply(
        .giftRecorded(gift),
        meta: EventMeta(seq: v.version + 1, recorded: Timestamp(milliseconds: millis), actor: "a"))
      let date = try #require(v.gifts["g"]?.date)
      #expect(date >= v.from && date <= v.to, "\(expected)")
    }
    #expect(GiftRegister.rows(of: v, year: 2022).count == 1)
    #expect(GiftRegister.rows(of: v, year: 2021).isEmpty)
    #expect(v.seen(by: .guests).gifts.items.isEmpty)
  }

  @Test("a copy keeps sites and the programme's skeleton, moved by whole days, without people or notes")
  func copy() throws {
    let source = try decided(
      try visit(
        [
          scheduled(), siteAdded("rathaus"),
          appointment(
            "rec", "2022-04-26T11:00", "2022-04-26T12:00", site: "rathaus", hosts: ["p2", "Mayor"]),
          appointment("gone", "2022-04-27T11:00", "2022-04-27T12:00"),
          registered("p2", side: .host, name: "Kai"),
        ]), .cancelAppointment("gone"), .note("private", internal: true))
    let events = try when(
      .copyVisit(CopyVisit(source: source, head: "abc", from: "2023-05-08", title: "Next")), nil)
    let copy = try visit(events)
    #expect(copy.from == day("2023-05-08") && copy.to == day("2023-05-10"))
    #expect(copy.title == "Next")
    #expect(copy.sites.items.map(\.id) == ["rathaus"])
    #expect(copy.activeAppointments.map(\.id) == ["rec"])
    #expect(copy.appointments["rec"]?.start == at("2023-05-08T11:00"))
    #expect(copy.appointments["rec"]?.hosts == ["Mayor"])
    #expect(copy.attendees.items.isEmpty && copy.notes.isEmpty && copy.manualTasks.items.isEmpty)
    guard case .visitScheduled(let s) = events.first else {
      Issue.record("\(events)")
      return
    }
    #expect(s.copiedFrom == CopySource(visit: "v", head: "abc"))
    #expect(throws: PlanningError.rule(.uniqueID, field: .visit, "visit v already exists")) {
      try when(.copyVisit(CopyVisit(source: source, head: "abc", from: "2023-05-08")), source)
    }
  }
}

@Suite("verify replays through the domain")
struct VerifyReplayTests {
  @Test(
    "a record with a sound hash that no read can use is a problem named at its line",
    arguments: [
      ("Evil", 1, ["x": JSONValue.string("y")], "unknown event type 'Evil'"),
      ("NoteAdded", 9, ["text": .string("x")], "newer than this program reads"),
      ("VisitRescheduled", 1, ["from": .string("2022-02-30"), "to": .string("2022-05-04")], "not a date"),
      (
        "VisitScheduled", 1,
        [
          "title": .string("Again"), "partner": .string("P"), "from": .string("2022-05-02"),
          "to": .string("2022-05-04"), "timezone": .string("Europe/Berlin"), "direction": .string("incoming"),
          "topics": .array([]), "organizers": .array([]),
        ], "already exists"
      ),
      (
        "AppointmentScheduled", 1,
        [
          "appointment": .string("a\r\nATTENDEE:mailto:x@example.org"), "title": .string("T"),
          "kind": .string("meeting"), "start": .string("2022-05-02T10:00"),
          "end": .string("2022-05-02T11:00"),
          "timezone": .string("Europe/Berlin"), "hosts": .array([]),
        ], "appointment"
      ),
      (
        "AppointmentScheduled", 1,
        [
          "appointment": .string("a1"), "title": .string("T"), "kind": .string("meeting"),
          "start": .string("2022-05-02T10:00"), "end": .string("2022-05-02T11:00"),
          "timezone": .string("Mars/Olympus"), "hosts": .array([]),
        ], "time zone"
      ),
      (
        "VisitRescheduled", 1, ["from": .string("0000-01-01"), "to": .string("2022-05-04")], "a year"
      ),
    ] as [(String, Int, [String: JSONValue], String)])
  func forged(type: String, version: Int, data: [String: JSONValue], reason: String) throws {
    let store = try TemporaryStore()
    defer { store.remove() }
    _ = try store.planner.write(
      WriteRequest(
        visit: "v",
        command: .schedule(ScheduleVisit(title: "Visit", partner: "P", from: "2022-05-02", to: "2022-05-04")),
        actor: "anna"))
    #expect(try store.planner.verify(["v"]).first?.problems.isEmpty == true)
    _ = try store.planner.store.append(
      to: "v", [NewEvent(type: type, version: version, actor: "forger", data: data)])
    let report = try #require(try store.planner.verify(["v"]).first)
    #expect(report.problems.map(\.line) == [2], "\(report.problems)")
    #expect(report.problems.first?.reason.contains(reason) == true, "\(report.problems)")
  }
}
