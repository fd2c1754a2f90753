import EventLog
import Testing

@testable import Planning

// MARK: - Given / when / then helpers (shared by the PlanningTests files)

/// The recorded time of event `seq` in the fixtures: one second per event from 2022-04-01.
func fixtureMeta(_ seq: Int, actor: String = "office") -> EventMeta {
  EventMeta(seq: seq, recorded: Timestamp(milliseconds: 1_648_771_200_000 + Int64(seq) * 1000), actor: actor)
}

/// The visit `v` after `events`, folded with `Visit.start` and `apply` (seq 1, 2, 3…).
func given(_ events: [Event]) -> Visit? {
  guard let first = events.first, var visit = Visit.start(id: "v", with: first, meta: fixtureMeta(1)) else {
    return nil
  }
  for (i, e) in events.dropFirst().enumerated() { visit.apply(e, meta: fixtureMeta(i + 2)) }
  return visit
}

/// Like `given`, but records an issue when the events do not start a visit.
func visit(_ events: [Event], sourceLocation: SourceLocation = #_sourceLocation) throws -> Visit {
  try #require(given(events), sourceLocation: sourceLocation)
}

/// Decides `command` for visit `v`.
func when(_ command: Command, _ state: Visit?) throws(PlanningError) -> [Event] {
  try Decide.decide(command, visit: "v", state: state)
}

func day(_ text: String) -> LocalDate {
  guard let d = LocalDate(text) else {
    Issue.record("fixture date \(text) does not parse")
    return LocalDate(year: 1970, month: 1, day: 1)
  }
  return d
}

func at(_ text: String) -> LocalDateTime {
  guard let t = LocalDateTime(text) else {
    Issue.record("fixture time \(text) does not parse")
    return LocalDateTime(date: LocalDate(year: 1970, month: 1, day: 1), minutes: 0)
  }
  return t
}

/// VisitScheduled: 26–28 April 2022 in Berlin unless told otherwise.
func scheduled(
  from: String = "2022-04-26", to: String = "2022-04-28", timezone: String = "Europe/Berlin",
  travelBuffer: Int? = nil
) -> Event {
  .visitScheduled(
    VisitScheduled(
      title: "Delegation from Kraków", partner: "City of Kraków", from: day(from), to: day(to),
      timezone: timezone,
      travelBuffer: travelBuffer))
}

func siteAdded(_ id: String, name: String? = nil) -> Event {
  .siteAdded(SiteAdded(site: id, name: name ?? "Site \(id)"))
}

func appointment(
  _ id: String, _ start: String, _ end: String, site: String? = nil, kind: AppointmentKind = .meeting,
  hosts: [String] = [], timezone: String = "Europe/Berlin", title: String? = nil
) -> Event {
  .appointmentScheduled(
    AppointmentScheduled(
      appointment: id, title: title ?? "Appointment \(id)", kind: kind, start: at(start), end: at(end),
      timezone: timezone, site: site, hosts: hosts))
}

func registered(
  _ id: String, side: Side = .delegation, name: String? = nil, diet: String? = nil, access: String? = nil
) -> Event {
  .attendeeRegistered(
    AttendeeRegistered(
      person: id, side: side, personal: PersonalData(name: name ?? "Person \(id)", diet: diet, access: access)
    ))
}

func assigned(_ appointment: String, _ person: String) -> Event {
  .attendeeAssigned(AttendeeAssigned(appointment: appointment, person: person))
}

func taskAdded(_ id: String, due: String? = nil, owner: String? = nil) -> Event {
  .taskAdded(TaskAdded(task: id, title: "Task \(id)", owner: owner, due: due.map(day)))
}

/// A visit with one of everything, all active: site `rathaus`, appointment `a1` (26 April
/// 10:00–11:00 at the Rathaus), delegation member `p1` assigned to it, host `p2` not assigned, task `t1`
/// open, task `t2` done, MoU `m1`.
let baseEvents: [Event] = [
  scheduled(),
  siteAdded("rathaus", name: "Rathaus Schöneberg"),
  appointment("a1", "2022-04-26T10:00", "2022-04-26T11:00", site: "rathaus"),
  registered("p1"),
  registered("p2", side: .host),
  assigned("a1", "p1"),
  taskAdded("t1"),
  taskAdded("t2"),
  .taskCompleted(TaskCompleted(task: "t2")),
  .mouSigned(MouSigned(mou: "m1", title: "Partnership", signatories: ["Anna Nowak"])),
]

func base() throws -> Visit { try visit(baseEvents) }

/// The events `command` decides for `state`, or the error it throws.
fileprivate func outcome(_ command: Command, _ state: Visit?) -> Result<[Event], PlanningError> {
  do throws(PlanningError) { return .success(try when(command, state)) } catch { return .failure(error) }
}

// MARK: - Decide

@Suite("Decide: given events, when a command, then events or a refusal")
struct DecideTests {

  // MARK: visitNotFound / schedule

  static let everyCommandButSchedule: [Command] = [
    .reschedule(from: "2022-04-26", to: "2022-04-27"), .cancel,
    .addSite(SiteAdded(site: "s", name: "S")),
    .addAppointment(
      AddAppointment(appointment: "a", title: "A", start: "2022-04-26T10:00", end: "2022-04-26T11:00")),
    .moveAppointment(appointment: "a1", start: "2022-04-26T12:00", end: "2022-04-26T13:00"),
    .cancelAppointment("a1"),
    .addAttendee(AttendeeRegistered(person: "p9", side: .staff, personal: PersonalData(name: "Pia"))),
    .withdrawAttendee("p1"), .assign(appointment: "a1", persons: ["p2"]),
    .unassign(appointment: "a1", persons: ["p1"]),
    .signMou(SignMou(mou: "m2", title: "Culture", signatories: ["Mayor"])),
    .addTask(AddTask(task: "t9", title: "Book hotel")), .assignTask(task: "t1", owner: "Jan"),
    .setDue(task: "t1", due: "2022-05-01"), .completeTask("t1"), .reopenTask("t2"), .note("hello"),
    .publish(note: nil),
  ]

  @Test("every command but schedule needs a scheduled visit", arguments: everyCommandButSchedule)
  func visitNotFound(command: Command) {
    #expect(throws: PlanningError.visitNotFound("v")) { try when(command, nil) }
    #expect(PlanningError.visitNotFound("v").description == "no such visit: v")
  }

  @Test("every command but schedule is accepted on the base visit", arguments: everyCommandButSchedule)
  func baseVisitAcceptsEveryCommand(command: Command) throws {
    let events = try when(command, try base())
    #expect(events.count == 1)
  }

  @Test func scheduleANewVisit() throws {
    let events = try when(
      .schedule(
        ScheduleVisit(
          title: "Delegation from Kraków", partner: "City of Kraków", from: "2022-04-26", to: "2022-04-28",
          direction: .outgoing, program: "Twin cities", topics: ["Mobility"], organizers: ["Protocol"],
          travelBuffer: 20)), nil)
    #expect(
      events == [
        .visitScheduled(
          VisitScheduled(
            title: "Delegation from Kraków", partner: "City of Kraków", from: day("2022-04-26"),
            to: day("2022-04-28"),
            timezone: "Europe/Berlin", direction: .outgoing, program: "Twin cities", topics: ["Mobility"],
            organizers: ["Protocol"], travelBuffer: 20))
      ])
  }

  // MARK: unique-id

  @Test func uniqueIDVisit() throws {
    let command = Command.schedule(
      ScheduleVisit(title: "T", partner: "P", from: "2022-04-26", to: "2022-04-26"))
    #expect(throws: PlanningError.rule(.uniqueID, field: .visit, "visit v already exists")) {
      try when(command, try base())
    }
    // Even a cancelled visit keeps its id.
    #expect(throws: PlanningError.rule(.uniqueID, field: .visit, "visit v already exists")) {
      try when(command, try visit([scheduled(), .visitCancelled(VisitCancelled())]))
    }
  }

  @Test func uniqueIDSite() throws {
    #expect(throws: PlanningError.rule(.uniqueID, field: .site, "site rathaus already exists in visit v")) {
      try when(.addSite(SiteAdded(site: "rathaus", name: "Another Rathaus")), try base())
    }
    let site = SiteAdded(
      site: "zoo", name: "Zoo", organization: "Zoo Berlin AG", address: "Hardenbergplatz 8", note: "Gate 2")
    #expect(try when(.addSite(site), try base()) == [.siteAdded(site)])
  }

  @Test func uniqueIDAppointmentIncludingCancelledOnes() throws {
    let add = Command.addAppointment(
      AddAppointment(appointment: "a1", title: "Lunch", start: "2022-04-26T12:00", end: "2022-04-26T13:00"))
    #expect(
      throws: PlanningError.rule(.uniqueID, field: .appointment, "appointment a1 already exists in visit v")
    ) {
      try when(add, try base())
    }
    let cancelled = try visit(baseEvents + [.appointmentCancelled(AppointmentCancelled(appointment: "a1"))])
    #expect(
      throws: PlanningError.rule(.uniqueID, field: .appointment, "appointment a1 already exists in visit v")
    ) {
      try when(add, cancelled)
    }
  }

  @Test func uniqueIDPersonWhileActive() throws {
    let again = Command.addAttendee(
      AttendeeRegistered(person: "p1", side: .delegation, personal: PersonalData(name: "Piotr Zieliński")))
    #expect(
      throws: PlanningError.rule(.uniqueID, field: .person, "person p1 is already registered for visit v")
    ) {
      try when(again, try base())
    }
  }

  @Test func reRegistrationAfterWithdrawalIsAllowed() throws {
    let e = AttendeeRegistered(
      person: "p1", side: .interpreter, personal: PersonalData(name: "Piotr Zieliński", diet: "vegan"))
    let withdrawn = try visit(baseEvents + [.attendeeWithdrawn(AttendeeWithdrawn(person: "p1"))])
    let events = try when(.addAttendee(e), withdrawn)
    #expect(events == [.attendeeRegistered(e)])

    var after = withdrawn
    after.apply(events[0], meta: fixtureMeta(99))
    let p1 = try #require(after.attendees["p1"])
    #expect(!p1.withdrawn)
    #expect(p1.side == .interpreter)
    #expect(p1.personal.diet == "vegan")
    #expect(after.activeAttendees.map(\.id) == ["p1", "p2"])
    // Withdrawal took p1 off a1; re-registration does not put them back.
    #expect(after.appointments["a1"]?.attendees == [])
  }

  @Test func uniqueIDMou() throws {
    #expect(throws: PlanningError.rule(.uniqueID, field: .mou, "MoU m1 is already signed in visit v")) {
      try when(.signMou(SignMou(mou: "m1", title: "Again", signatories: ["Mayor"])), try base())
    }
    #expect(throws: PlanningError.rule(.uniqueID, field: .mou, "MoU m1 already exists in visit v")) {
      try when(.planMou(SignMou(mou: "m1", title: "Again", signatories: ["Mayor"])), try base())
    }
  }

  @Test func uniqueIDTask() throws {
    #expect(throws: PlanningError.rule(.uniqueID, field: .task, "task t1 already exists in visit v")) {
      try when(.addTask(AddTask(task: "t1", title: "Again")), try base())
    }
    #expect(
      try when(
        .addTask(AddTask(task: "t3", title: "Book rooms", owner: "Jan", due: "2022-04-20")), try base()) == [
          .taskAdded(TaskAdded(task: "t3", title: "Book rooms", owner: "Jan", due: day("2022-04-20")))
        ])
  }

  @Test(
    "a manual task may not take the id of a derived one",
    arguments: [
      "visit-report", "thanks-empfang", "thanks-werk-dr-weber", "mou-m1-copy-anna-nowak",
      "mou-m1-commitment-1",
    ])
  func uniqueIDTaskClashesWithDerived(id: String) throws {
    let state = try visit([
      scheduled(),
      .mouSigned(
        MouSigned(mou: "m1", title: "Partnership", signatories: ["Anna Nowak"], commitments: ["Exchange"])),
      appointment("empfang", "2022-04-26T18:00", "2022-04-26T20:00", kind: .reception),
      siteAdded("werk"),
      appointment(
        "werk", "2022-04-27T09:00", "2022-04-27T11:00", site: "werk", kind: .siteVisit, hosts: ["Dr. Weber"]),
    ])
    #expect(state.task(id) != nil)
    #expect(throws: PlanningError.rule(.uniqueID, field: .task, "task \(id) already exists in visit v")) {
      try when(.addTask(AddTask(task: id, title: "Manual")), state)
    }
  }

  @Test func uniqueIDPersonNamedTwice() throws {
    #expect(throws: PlanningError.rule(.uniqueID, field: .person, "person p2 is named twice")) {
      try when(.assign(appointment: "a1", persons: ["p2", "p2"]), try base())
    }
    #expect(throws: PlanningError.rule(.uniqueID, field: .person, "person p1 is named twice")) {
      try when(.unassign(appointment: "a1", persons: ["p1", "p1"]), try base())
    }
  }

  // MARK: visit-cancelled

  @Test(
    "after cancel, everything but notes is refused",
    arguments: everyCommandButSchedule.filter { $0 != .note("hello") })
  func visitCancelledRefuses(command: Command) throws {
    let cancelled = try visit(baseEvents + [.visitCancelled(VisitCancelled())])
    #expect(throws: PlanningError.rule(.visitCancelled, "visit v is cancelled; only notes can be added")) {
      try when(command, cancelled)
    }
    #expect(
      PlanningError.rule(.visitCancelled, "visit v is cancelled; only notes can be added").description
        == "refused by rule visit-cancelled: visit v is cancelled; only notes can be added")
  }

  @Test func visitCancelledStillTakesNotes() throws {
    let cancelled = try visit(baseEvents + [.visitCancelled(VisitCancelled())])
    #expect(
      try when(.note("Cancelled because of the strike"), cancelled) == [
        .noteAdded(NoteAdded(text: "Cancelled because of the strike"))
      ])
    // …but the note still has to be text.
    #expect(throws: PlanningError.rule(.text, field: .text, "\(field: .text) must not be empty")) {
      try when(.note(" "), cancelled)
    }
  }

  // MARK: erasing a person

  @Test("erasing a person: PersonErased, on a cancelled visit too; their data then reads as erased")
  func erasePerson() throws {
    #expect(try when(.erasePerson("p1"), try base()) == [.personErased(PersonErased(person: "p1"))])
    let cancelled = try visit(baseEvents + [.visitCancelled(VisitCancelled())])
    #expect(try when(.erasePerson("p1"), cancelled) == [.personErased(PersonErased(person: "p1"))])
    let erased = try visit(baseEvents + [.personErased(PersonErased(person: "p1"))])
    #expect(erased.attendees["p1"]?.personal == .erasedValues)
    #expect(erased.attendees["p1"]?.side == .delegation)
    #expect(erased.appointments["a1"]?.attendees == ["p1"], "assignments are not personal data")
    #expect(erased.attendees["p2"]?.personal.name == "Person p2")
  }

  @Test("erasing is refused for someone the visit does not have, and for data already erased")
  func erasePersonRefused() throws {
    #expect(throws: PlanningError.notFound(kind: .person, id: "p9", visit: "v")) {
      try when(.erasePerson("p9"), try base())
    }
    let erased = try visit(baseEvents + [.personErased(PersonErased(person: "p1"))])
    #expect(
      throws: PlanningError.rule(.alreadyErased, field: .person, "the personal data of p1 is already erased")
    ) {
      try when(.erasePerson("p1"), erased)
    }
  }

  @Test func cancelVisit() throws {
    #expect(try when(.cancel, try base()) == [.visitCancelled(VisitCancelled())])
  }

  // MARK: visit-dates

  @Test func visitDatesOnSchedule() {
    #expect(
      throws: PlanningError.rule(
        .visitDates, field: .to, "the visit would end (2022-04-25) before it starts (2022-04-26)")
    ) {
      try when(.schedule(ScheduleVisit(title: "T", partner: "P", from: "2022-04-26", to: "2022-04-25")), nil)
    }
    // 366 days apart is more than a year; 365 is not.
    #expect(throws: PlanningError.rule(.visitDates, field: .to, "a visit lasts at most a year")) {
      try when(.schedule(ScheduleVisit(title: "T", partner: "P", from: "2022-01-01", to: "2023-01-02")), nil)
    }
    #expect(throws: Never.self) {
      try when(.schedule(ScheduleVisit(title: "T", partner: "P", from: "2022-01-01", to: "2023-01-01")), nil)
    }
    #expect(throws: Never.self) {
      try when(.schedule(ScheduleVisit(title: "T", partner: "P", from: "2022-04-26", to: "2022-04-26")), nil)
    }
  }

  @Test func visitDatesOnReschedule() throws {
    #expect(
      throws: PlanningError.rule(
        .visitDates, field: .to, "visit v would end (2022-04-25) before it starts (2022-04-26)")
    ) {
      try when(.reschedule(from: "2022-04-26", to: "2022-04-25"), try base())
    }
    #expect(
      try when(.reschedule(from: "2022-04-25", to: "2022-04-26"), try base()) == [
        .visitRescheduled(VisitRescheduled(from: day("2022-04-25"), to: day("2022-04-26")))
      ])
  }

  @Test func visitDatesRescheduleCannotMakeAVisitLongerThanAYear() throws {
    #expect(throws: PlanningError.rule(.visitDates, field: .to, "a visit lasts at most a year")) {
      try when(.reschedule(from: "2022-04-26", to: "2023-04-27"), try base())
    }
    #expect(throws: Never.self) { try when(.reschedule(from: "2022-04-26", to: "2023-04-26"), try base()) }
  }

  @Test func noChangeOnReschedule() throws {
    #expect(
      throws: PlanningError.rule(
        .noChange, field: .from, "visit v already runs from 2022-04-26 to 2022-04-28")
    ) {
      try when(.reschedule(from: "2022-04-26", to: "2022-04-28"), try base())
    }
  }

  // MARK: end-after-start

  @Test(
    "an appointment must end after it starts",
    arguments: [
      ("2022-04-26T10:00", "2022-04-26T10:00"), ("2022-04-26T10:00", "2022-04-26T09:59"),
      ("2022-04-27T10:00", "2022-04-26T11:00"),
    ])
  func endAfterStart(start: String, end: String) throws {
    #expect(
      throws: PlanningError.rule(
        .endAfterStart, field: .end, "appointment a2 must end after it starts (\(start) – \(end))")
    ) {
      try when(
        .addAppointment(AddAppointment(appointment: "a2", title: "T", start: start, end: end)), try base())
    }
    #expect(
      throws: PlanningError.rule(
        .endAfterStart, field: .end, "appointment a1 must end after it starts (\(start) – \(end))")
    ) {
      try when(.moveAppointment(appointment: "a1", start: start, end: end), try base())
    }
  }

  @Test func endAfterStartOneMinuteIsEnough() throws {
    #expect(throws: Never.self) {
      try when(
        .addAppointment(
          AddAppointment(appointment: "a2", title: "T", start: "2022-04-26T10:00", end: "2022-04-26T10:01")),
        try base())
    }
  }

  @Test func endAfterStartAcrossTheAutumnClockChange() throws {
    // On 30 October 2022 Berlin's clocks go back from 03:00 to 02:00: 01:50 (summer time) to 03:10
    // (winter time) lasts 2 h 20 min, and 02:50 to 02:40 ends before it starts.
    let autumn = try visit([scheduled(from: "2022-10-29", to: "2022-10-31")])
    let events = try when(
      .addAppointment(
        AddAppointment(appointment: "x", title: "Night", start: "2022-10-30T01:50", end: "2022-10-30T03:10")),
      autumn)
    var after = autumn
    after.apply(try #require(events.first), meta: fixtureMeta(2))
    let x = try #require(after.appointments["x"])
    #expect(x.endInstant - x.startInstant == 140 * 60)
    #expect(
      throws: PlanningError.rule(
        .endAfterStart, field: .end,
        "appointment x must end after it starts (2022-10-30T02:50 – 2022-10-30T02:40)")
    ) {
      try when(
        .addAppointment(
          AddAppointment(appointment: "x", title: "Night", start: "2022-10-30T02:50", end: "2022-10-30T02:40")
        ),
        autumn)
    }
  }

  // MARK: within-visit

  @Test(
    "appointments lie within the visit's days, in the visit's zone",
    arguments: [
      // Berlin times (visit zone): midnight to midnight.
      ("2022-04-26T00:00", "2022-04-26T01:00", nil, true),
      ("2022-04-28T23:00", "2022-04-29T00:00", nil, true),
      ("2022-04-25T23:59", "2022-04-26T01:00", nil, false),
      ("2022-04-28T23:00", "2022-04-29T00:01", nil, false),
      ("2022-04-29T10:00", "2022-04-29T11:00", nil, false),
      // New York (UTC-4 in April; Berlin UTC+2): 25 April 18:00 in New York is 26 April 00:00 in Berlin.
      ("2022-04-25T18:00", "2022-04-25T19:00", "America/New_York", true),
      ("2022-04-25T17:59", "2022-04-25T19:00", "America/New_York", false),
      ("2022-04-28T10:00", "2022-04-28T12:00", "America/New_York", true),
      // 28 April 17:00–18:00 in New York is 23:00–24:00 in Berlin: just inside.
      ("2022-04-28T17:00", "2022-04-28T18:00", "America/New_York", true),
      ("2022-04-28T17:30", "2022-04-28T18:30", "America/New_York", false),
      ("2022-04-27T10:00", "2022-04-27T11:00", "UTC", true),
      ("2022-04-28T22:00", "2022-04-28T22:30", "UTC", false),
    ] as [(String, String, String?, Bool)])
  func withinVisit(start: String, end: String, zone: String?, inside: Bool) throws {
    let command = Command.addAppointment(
      AddAppointment(appointment: "call", title: "Call", start: start, end: end, timezone: zone))
    let zoneName = zone ?? "Europe/Berlin"
    // The end's date is named only when it differs from the start's.
    let endClock = end.prefix(10) == start.prefix(10) ? String(end.suffix(5)) : end
    if inside {
      #expect(
        try when(command, try base()) == [
          .appointmentScheduled(
            AppointmentScheduled(
              appointment: "call", title: "Call", start: at(start), end: at(end), timezone: zoneName))
        ])
    } else {
      let expected = PlanningError.rule(
        .withinVisit, field: .start,
        "appointment call (\(start)–\(endClock) \(zoneName)) lies outside visit v (2022-04-26 to 2022-04-28, Europe/Berlin)"
      )
      #expect(throws: expected) { try when(command, try base()) }
    }
  }

  @Test func withinVisitOnMove() throws {
    let error = try #require(
      outcome(
        .moveAppointment(appointment: "a1", start: "2022-04-29T10:00", end: "2022-04-29T11:00"), try base()
      )
      .failure)
    #expect(
      error.description
        == "refused by rule within-visit: appointment a1 (2022-04-29T10:00–11:00 Europe/Berlin) lies outside visit v (2022-04-26 to 2022-04-28, Europe/Berlin)"
    )
  }

  @Test func withinVisitMoveKeepsTheAppointmentsZone() throws {
    // A New York appointment is moved in New York time.
    let state = try visit(
      baseEvents + [appointment("call", "2022-04-26T09:00", "2022-04-26T10:00", timezone: "America/New_York")]
    )
    #expect(
      try when(
        .moveAppointment(appointment: "call", start: "2022-04-25T18:00", end: "2022-04-25T18:30"), state) == [
          .appointmentMoved(
            AppointmentMoved(appointment: "call", start: at("2022-04-25T18:00"), end: at("2022-04-25T18:30")))
        ])
    #expect(
      throws: PlanningError.rule(
        .withinVisit, field: .start,
        "appointment call (2022-04-28T18:00–19:00 America/New_York) lies outside visit v (2022-04-26 to 2022-04-28, Europe/Berlin)"
      )
    ) {
      try when(
        .moveAppointment(appointment: "call", start: "2022-04-28T18:00", end: "2022-04-28T19:00"), state)
    }
  }

  @Test func withinVisitRescheduleWouldLeaveAppointmentsOutside() throws {
    let state = try visit(
      baseEvents + [
        appointment("a0", "2022-04-26T08:00", "2022-04-26T09:00"),
        appointment("late", "2022-04-28T20:00", "2022-04-28T21:00"),
        appointment("gone", "2022-04-26T12:00", "2022-04-26T13:00"),
        .appointmentCancelled(AppointmentCancelled(appointment: "gone")),
      ])
    // Active appointments in order of start; cancelled ones do not count.
    #expect(
      throws: PlanningError.rule(
        .withinVisit, field: .from,
        "appointment(s) a0, a1 would lie outside 2022-04-27–2022-04-29; move or cancel them first")
    ) {
      try when(.reschedule(from: "2022-04-27", to: "2022-04-29"), state)
    }
    #expect(
      throws: PlanningError.rule(
        .withinVisit, field: .from,
        "appointment(s) late would lie outside 2022-04-25–2022-04-27; move or cancel them first")
    ) {
      try when(.reschedule(from: "2022-04-25", to: "2022-04-27"), state)
    }
    #expect(
      try when(.reschedule(from: "2022-04-26", to: "2022-04-30"), state) == [
        .visitRescheduled(VisitRescheduled(from: day("2022-04-26"), to: day("2022-04-30")))
      ])
  }

  @Test func withinVisitRescheduleIgnoresCancelledAppointments() throws {
    let state = try visit(baseEvents + [.appointmentCancelled(AppointmentCancelled(appointment: "a1"))])
    #expect(throws: Never.self) { try when(.reschedule(from: "2022-05-02", to: "2022-05-03"), state) }
  }

  @Test func withinVisitWhenTheClocksSkipMidnight() throws {
    // 11 September 2022 in Santiago de Chile: the clocks jump from 00:00 to 01:00, so the visit's
    // first day begins at 01:00 (04:00 UTC) and the evening before lies outside.
    let santiago = try visit([scheduled(from: "2022-09-11", to: "2022-09-12", timezone: "America/Santiago")])
    #expect(
      throws: PlanningError.rule(
        .withinVisit, field: .start,
        "appointment x (2022-09-10T21:00–22:00 America/Santiago) lies outside visit v (2022-09-11 to 2022-09-12, America/Santiago)"
      )
    ) {
      try when(
        .addAppointment(
          AddAppointment(appointment: "x", title: "X", start: "2022-09-10T21:00", end: "2022-09-10T22:00")),
        santiago)
    }
    #expect(throws: Never.self) {
      try when(
        .addAppointment(
          AddAppointment(appointment: "x", title: "X", start: "2022-09-11T01:00", end: "2022-09-11T02:00")),
        santiago)
    }
    // 13 March 2022 in Havana: midnight is skipped the night after the visit's last day, which
    // still lasts until the jump.
    let havana = try visit([scheduled(from: "2022-03-11", to: "2022-03-12", timezone: "America/Havana")])
    #expect(throws: Never.self) {
      try when(
        .addAppointment(
          AddAppointment(appointment: "x", title: "X", start: "2022-03-12T20:00", end: "2022-03-12T23:59")),
        havana)
    }
    let longer = try visit([
      scheduled(from: "2022-03-11", to: "2022-03-14", timezone: "America/Havana"),
      appointment("x", "2022-03-12T20:00", "2022-03-12T23:30", timezone: "America/Havana"),
    ])
    #expect(
      try when(.reschedule(from: "2022-03-11", to: "2022-03-12"), longer) == [
        .visitRescheduled(VisitRescheduled(from: day("2022-03-11"), to: day("2022-03-12")))
      ])
  }

  // MARK: real-date

  static let notRealDates = [
    "2022-02-30", "2023-02-29", "2022-13-01", "2022-00-10", "2022-04-31", "2022-4-26", "26.04.2022", "",
    "2022-04-26T10:00",
  ]

  struct DateField: Sendable, CustomTestStringConvertible {
    var name: String
    var field: Field
    var make: @Sendable (String) -> Command
    var needsVisit: Bool = true
    var testDescription: String { name }
  }

  static let dateFields: [DateField] = [
    DateField(
      name: "schedule --from", field: .from,
      make: { .schedule(ScheduleVisit(title: "T", partner: "P", from: $0, to: "2024-03-01")) },
      needsVisit: false),
    DateField(
      name: "schedule --to", field: .to,
      make: { .schedule(ScheduleVisit(title: "T", partner: "P", from: "2024-02-28", to: $0)) },
      needsVisit: false),
    DateField(name: "reschedule --from", field: .from, make: { .reschedule(from: $0, to: "2024-03-01") }),
    DateField(name: "reschedule --to", field: .to, make: { .reschedule(from: "2024-02-28", to: $0) }),
    DateField(
      name: "sign-mou --date", field: .date,
      make: { .signMou(SignMou(mou: "m2", title: "T", signatories: ["S"], date: $0)) }),
    DateField(
      name: "add-task --due", field: .due, make: { .addTask(AddTask(task: "t9", title: "T", due: $0)) }),
    DateField(name: "set-due --due", field: .due, make: { .setDue(task: "t1", due: $0) }),
    DateField(
      name: "set-due --due (derived task)", field: .due, make: { .setDue(task: "visit-report", due: $0) }),
  ]

  @Test("dates that do not exist are refused", arguments: dateFields, notRealDates)
  func realDateRefused(field: DateField, text: String) throws {
    // A visit without appointments, so that reschedule checks only the dates.
    let state = field.needsVisit ? try visit([scheduled(), taskAdded("t1")]) : nil
    #expect(
      throws: PlanningError.rule(
        .realDate, field: field.field, "\(field: field.field) \(text) is not a real date (YYYY-MM-DD)")
    ) {
      try when(field.make(text), state)
    }
  }

  @Test("29 February 2024 exists", arguments: dateFields)
  func realDateLeapDayAccepted(field: DateField) throws {
    let state = field.needsVisit ? try visit([scheduled(), taskAdded("t1")]) : nil
    let events = try when(field.make("2024-02-29"), state)
    #expect(events.count == 1)
    switch events.first {
    case .visitScheduled(let e): #expect(e.from == day("2024-02-29") || e.to == day("2024-02-29"))
    case .visitRescheduled(let e): #expect(e.from == day("2024-02-29") || e.to == day("2024-02-29"))
    case .mouSigned(let e): #expect(e.date == day("2024-02-29"))
    case .taskAdded(let e): #expect(e.due == day("2024-02-29"))
    case .taskDueSet(let e): #expect(e.due == LocalDate(year: 2024, month: 2, day: 29))
    default: Issue.record("unexpected events \(events)")
    }
  }

  // MARK: real-time

  static let notRealTimes = [
    "2022-04-26T25:00", "2022-04-26T24:00", "2022-04-26T10:60", "2022-04-26 10:00", "2022-02-30T10:00",
    "2022-04-26T10:00:00", "2022-04-26", "10:00", "",
  ]

  @Test("times that do not exist are refused", arguments: notRealTimes)
  func realTimeRefused(text: String) throws {
    let state = try base()
    let ok = "2022-04-26T12:00"
    let later = "2022-04-26T23:00"
    func message(_ field: Field) -> PlanningError {
      .rule(.realTime, field: field, "\(field: field) \(text) is not a real date and time (YYYY-MM-DDTHH:MM)")
    }
    #expect(throws: message(.start)) {
      try when(.addAppointment(AddAppointment(appointment: "x", title: "X", start: text, end: later)), state)
    }
    #expect(throws: message(.end)) {
      try when(.addAppointment(AddAppointment(appointment: "x", title: "X", start: ok, end: text)), state)
    }
    #expect(throws: message(.start)) {
      try when(.moveAppointment(appointment: "a1", start: text, end: later), state)
    }
    #expect(throws: message(.end)) {
      try when(.moveAppointment(appointment: "a1", start: ok, end: text), state)
    }
  }

  @Test func realTimeSkippedByTheSpringClockChange() throws {
    // On 27 March 2022 Berlin's clocks jump from 02:00 to 03:00.
    let spring = try visit([
      scheduled(from: "2022-03-26", to: "2022-03-28"),
      appointment("a1", "2022-03-26T10:00", "2022-03-26T11:00"),
    ])
    #expect(
      throws: PlanningError.rule(
        .realTime, field: .start,
        "\(field: .start) 2022-03-27T02:30 does not exist in Europe/Berlin (the clocks skip it)")
    ) {
      try when(
        .addAppointment(
          AddAppointment(appointment: "x", title: "X", start: "2022-03-27T02:30", end: "2022-03-27T04:00")),
        spring)
    }
    #expect(
      throws: PlanningError.rule(
        .realTime, field: .end,
        "\(field: .end) 2022-03-27T02:00 does not exist in Europe/Berlin (the clocks skip it)")
    ) {
      try when(
        .addAppointment(
          AddAppointment(appointment: "x", title: "X", start: "2022-03-27T01:30", end: "2022-03-27T02:00")),
        spring)
    }
    #expect(
      throws: PlanningError.rule(
        .realTime, field: .start,
        "\(field: .start) 2022-03-27T02:59 does not exist in Europe/Berlin (the clocks skip it)")
    ) {
      try when(
        .moveAppointment(appointment: "a1", start: "2022-03-27T02:59", end: "2022-03-27T04:00"), spring)
    }
    // 01:59 and 03:00 exist; the hour between them lasts one minute.
    let events = try when(
      .addAppointment(
        AddAppointment(appointment: "x", title: "X", start: "2022-03-27T01:59", end: "2022-03-27T03:00")),
      spring)
    var after = spring
    after.apply(try #require(events.first), meta: fixtureMeta(3))
    let x = try #require(after.appointments["x"])
    #expect(x.endInstant - x.startInstant == 60)
    // The same wall-clock time exists in New York (which changed two weeks earlier).
    #expect(throws: Never.self) {
      try when(
        .addAppointment(
          AddAppointment(
            appointment: "y", title: "Y", start: "2022-03-26T20:30", end: "2022-03-26T21:00",
            timezone: "America/New_York")),
        spring)
    }
  }

  // MARK: time-zone

  @Test(
    "time zones must be IANA names",
    arguments: ["Mars/Olympus", "GMT+2", "CEST", "EST", "Berlin", "", "europe/berlin"])
  func timeZoneRefused(name: String) throws {
    let expected = PlanningError.rule(
      .timeZone, field: .timezone,
      "'\(name)' is not an IANA time zone (such as Europe/Berlin or America/New_York)")
    #expect(throws: expected) {
      try when(
        .schedule(
          ScheduleVisit(title: "T", partner: "P", from: "2022-04-26", to: "2022-04-28", timezone: name)), nil)
    }
    #expect(throws: expected) {
      try when(
        .addAppointment(
          AddAppointment(
            appointment: "x", title: "X", start: "2022-04-26T10:00", end: "2022-04-26T11:00", timezone: name)),
        try base())
    }
  }

  @Test("IANA names are accepted", arguments: ["America/New_York", "UTC", "Europe/Berlin", "Asia/Tokyo"])
  func timeZoneAccepted(name: String) throws {
    let events = try when(
      .schedule(
        ScheduleVisit(title: "T", partner: "P", from: "2022-04-26", to: "2022-04-28", timezone: name)), nil)
    guard case .visitScheduled(let e) = events.first else {
      Issue.record("expected VisitScheduled, got \(events)")
      return
    }
    #expect(e.timezone == name)
  }

  @Test func appointmentZoneDefaultsToTheVisits() throws {
    let tokyo = try visit([scheduled(timezone: "Asia/Tokyo")])
    let events = try when(
      .addAppointment(
        AddAppointment(appointment: "x", title: "X", start: "2022-04-26T10:00", end: "2022-04-26T11:00")),
      tokyo)
    #expect(
      events == [
        .appointmentScheduled(
          AppointmentScheduled(
            appointment: "x", title: "X", start: at("2022-04-26T10:00"), end: at("2022-04-26T11:00"),
            timezone: "Asia/Tokyo"))
      ])
  }

  // MARK: text

  struct TextField: Sendable, CustomTestStringConvertible {
    var name: String
    var field: Field
    var limit: Int
    var make: @Sendable (String) -> Command
    var needsVisit = true
    var testDescription: String { name }
  }

  static func person(_ personal: PersonalData) -> Command {
    .addAttendee(AttendeeRegistered(person: "p9", side: .staff, personal: personal))
  }

  static let textFields: [TextField] = [
    TextField(
      name: "schedule --title-de", field: .titleDe, limit: 200,
      make: {
        .schedule(ScheduleVisit(title: "T", partner: "P", from: "2022-04-26", to: "2022-04-28", titleDe: $0))
      },
      needsVisit: false),
    TextField(
      name: "add-appointment --title-de", field: .titleDe, limit: 200,
      make: {
        .addAppointment(
          AddAppointment(
            appointment: "x", title: "T", start: "2022-04-26T12:00", end: "2022-04-26T13:00", titleDe: $0))
      }),
    TextField(
      name: "schedule --title", field: .title, limit: 200,
      make: { .schedule(ScheduleVisit(title: $0, partner: "P", from: "2022-04-26", to: "2022-04-28")) },
      needsVisit: false),
    TextField(
      name: "schedule --partner", field: .partner, limit: 200,
      make: { .schedule(ScheduleVisit(title: "T", partner: $0, from: "2022-04-26", to: "2022-04-28")) },
      needsVisit: false),
    TextField(
      name: "schedule --program", field: .program, limit: 200,
      make: {
        .schedule(ScheduleVisit(title: "T", partner: "P", from: "2022-04-26", to: "2022-04-28", program: $0))
      }, needsVisit: false),
    TextField(
      name: "schedule --topic", field: .topic, limit: 200,
      make: {
        .schedule(
          ScheduleVisit(
            title: "T", partner: "P", from: "2022-04-26", to: "2022-04-28", topics: ["Mobility", $0]))
      }, needsVisit: false),
    TextField(
      name: "schedule --organizer", field: .organizer, limit: 200,
      make: {
        .schedule(
          ScheduleVisit(title: "T", partner: "P", from: "2022-04-26", to: "2022-04-28", organizers: [$0]))
      }, needsVisit: false),
    TextField(
      name: "add-site --name", field: .name, limit: 200, make: { .addSite(SiteAdded(site: "s", name: $0)) }
    ),
    TextField(
      name: "add-site --organization", field: .organization, limit: 200,
      make: { .addSite(SiteAdded(site: "s", name: "S", organization: $0)) }),
    TextField(
      name: "add-site --address", field: .address, limit: 200,
      make: { .addSite(SiteAdded(site: "s", name: "S", address: $0)) }),
    TextField(
      name: "add-site --note", field: .note, limit: 2000,
      make: { .addSite(SiteAdded(site: "s", name: "S", note: $0)) }),
    TextField(
      name: "add-appointment --title", field: .title, limit: 200,
      make: {
        .addAppointment(
          AddAppointment(appointment: "x", title: $0, start: "2022-04-26T12:00", end: "2022-04-26T13:00"))
      }),
    TextField(
      name: "add-appointment --note", field: .note, limit: 2000,
      make: {
        .addAppointment(
          AddAppointment(
            appointment: "x", title: "X", start: "2022-04-26T12:00", end: "2022-04-26T13:00", note: $0))
      }),
    TextField(
      name: "add-appointment --host", field: .host, limit: 200,
      make: {
        .addAppointment(
          AddAppointment(
            appointment: "x", title: "X", start: "2022-04-26T12:00", end: "2022-04-26T13:00",
            hosts: ["Mayor", $0]))
      }),
    TextField(
      name: "add-attendee --name", field: .name, limit: 200, make: { person(PersonalData(name: $0)) }),
    TextField(
      name: "add-attendee --function", field: .function, limit: 200,
      make: { person(PersonalData(name: "N", function: $0)) }),
    TextField(
      name: "add-attendee --organization", field: .organization, limit: 200,
      make: { person(PersonalData(name: "N", organization: $0)) }),
    TextField(
      name: "add-attendee --email", field: .email, limit: 200,
      make: { person(PersonalData(name: "N", email: $0)) }),
    TextField(
      name: "add-attendee --phone", field: .phone, limit: 200,
      make: { person(PersonalData(name: "N", phone: $0)) }),
    TextField(
      name: "add-attendee --diet", field: .diet, limit: 200,
      make: { person(PersonalData(name: "N", diet: $0)) }),
    TextField(
      name: "add-attendee --access", field: .access, limit: 200,
      make: { person(PersonalData(name: "N", access: $0)) }),
    TextField(
      name: "sign-mou --title", field: .title, limit: 200,
      make: { .signMou(SignMou(mou: "m2", title: $0, signatories: ["S"])) }),
    TextField(
      name: "sign-mou --signatory", field: .signatory, limit: 200,
      make: { .signMou(SignMou(mou: "m2", title: "T", signatories: ["S", $0])) }),
    TextField(
      name: "sign-mou --commitment", field: .commitment, limit: 500,
      make: { .signMou(SignMou(mou: "m2", title: "T", signatories: ["S"], commitments: [$0])) }),
    TextField(
      name: "sign-mou --place", field: .place, limit: 200,
      make: { .signMou(SignMou(mou: "m2", title: "T", signatories: ["S"], place: $0)) }),
    TextField(
      name: "add-task --title", field: .title, limit: 200,
      make: { .addTask(AddTask(task: "t9", title: $0)) }),
    TextField(
      name: "add-task --owner", field: .owner, limit: 200,
      make: { .addTask(AddTask(task: "t9", title: "T", owner: $0)) }),
    TextField(
      name: "assign-task --owner", field: .owner, limit: 200, make: { .assignTask(task: "t1", owner: $0) }),
    TextField(name: "note --text", field: .text, limit: 4000, make: { .note($0) }),
    TextField(name: "publish --note", field: .note, limit: 2000, make: { .publish(note: $0) }),
  ]

  enum BadText: String, Sendable, CaseIterable {
    case empty, whitespace, tooLong, escape, carriageReturn, nul, bell
    func text(limit: Int) -> String {
      switch self {
      case .empty: return ""
      case .whitespace: return " \t\n \u{A0}"
      case .tooLong: return String(repeating: "x", count: limit + 1)
      case .escape: return "Red \u{1B}[31malert"
      case .carriageReturn: return "line\r\nline"
      case .nul: return "a\u{0}b"
      case .bell: return "\u{7}ding"
      }
    }
    func message(_ field: Field, limit: Int) -> RuleMessage {
      switch self {
      case .empty, .whitespace: return "\(field: field) must not be empty"
      case .tooLong: return "\(field: field) is longer than \(limit) characters"
      default: return "\(field: field) contains a control character"
      }
    }
  }

  @Test(
    "text fields refuse empty, blank, too long and control characters", arguments: textFields,
    BadText.allCases)
  func textRefused(field: TextField, bad: BadText) throws {
    let state = field.needsVisit ? try base() : nil
    #expect(
      throws: PlanningError.rule(.text, field: field.field, bad.message(field.field, limit: field.limit))
    ) {
      try when(field.make(bad.text(limit: field.limit)), state)
    }
  }

  @Test(
    "text fields accept newlines, tabs, umlauts and exactly the limit in characters",
    arguments: textFields,
    [
      "Grüße aus Kraków – Straße", "first line\nsecond line", "col\tcol", "  padded  ", "🇵🇱 Delegation",
      "limit",
    ])
  func textAccepted(field: TextField, text: String) throws {
    let state = field.needsVisit ? try base() : nil
    // "limit": as many "ä" (two bytes each) as the limit allows, so the limit counts characters.
    let value = text == "limit" ? String(repeating: "ä", count: field.limit) : text
    let events = try when(field.make(value), state)
    #expect(events.count == 1)
  }

  // MARK: already-assigned / not-assigned

  @Test func alreadyAssigned() throws {
    #expect(
      throws: PlanningError.rule(
        .alreadyAssigned, field: .person, "person p1 is already assigned to appointment a1")
    ) {
      try when(.assign(appointment: "a1", persons: ["p2", "p1"]), try base())
    }
    #expect(
      try when(.assign(appointment: "a1", persons: ["p2"]), try base()) == [
        .attendeeAssigned(AttendeeAssigned(appointment: "a1", person: "p2"))
      ])
  }

  @Test func assignSeveralGivesOneEventEach() throws {
    let state = try visit(baseEvents + [registered("p3", side: .interpreter)])
    #expect(
      try when(.assign(appointment: "a1", persons: ["p3", "p2"]), state) == [
        .attendeeAssigned(AttendeeAssigned(appointment: "a1", person: "p3")),
        .attendeeAssigned(AttendeeAssigned(appointment: "a1", person: "p2")),
      ])
  }

  @Test func notAssigned() throws {
    #expect(
      throws: PlanningError.rule(.notAssigned, field: .person, "person p2 is not assigned to appointment a1")
    ) {
      try when(.unassign(appointment: "a1", persons: ["p2"]), try base())
    }
    #expect(
      try when(.unassign(appointment: "a1", persons: ["p1"]), try base()) == [
        .attendeeUnassigned(AttendeeUnassigned(appointment: "a1", person: "p1"))
      ])
  }

  // MARK: already-done / not-done

  @Test func alreadyDone() throws {
    #expect(throws: PlanningError.rule(.alreadyDone, field: .task, "task t2 is already done")) {
      try when(.completeTask("t2"), try base())
    }
    #expect(try when(.completeTask("t1"), try base()) == [.taskCompleted(TaskCompleted(task: "t1"))])
  }

  @Test func notDone() throws {
    #expect(throws: PlanningError.rule(.notDone, field: .task, "task t1 is still open")) {
      try when(.reopenTask("t1"), try base())
    }
    #expect(try when(.reopenTask("t2"), try base()) == [.taskReopened(TaskReopened(task: "t2"))])
  }

  @Test func alreadyDoneAndNotDoneOnDerivedTasks() throws {
    let state = try base()
    #expect(throws: PlanningError.rule(.notDone, field: .task, "task visit-report is still open")) {
      try when(.reopenTask("visit-report"), state)
    }
    var done = state
    done.apply(try when(.completeTask("visit-report"), state)[0], meta: fixtureMeta(50))
    #expect(throws: PlanningError.rule(.alreadyDone, field: .task, "task visit-report is already done")) {
      try when(.completeTask("visit-report"), done)
    }
    #expect(
      try when(.reopenTask("visit-report"), done) == [.taskReopened(TaskReopened(task: "visit-report"))])
  }

  // MARK: withdrawn

  @Test func withdrawn() throws {
    let state = try visit(baseEvents + [.attendeeWithdrawn(AttendeeWithdrawn(person: "p2"))])
    #expect(throws: PlanningError.rule(.withdrawn, field: .person, "person p2 has withdrawn from visit v")) {
      try when(.assign(appointment: "a1", persons: ["p2"]), state)
    }
    #expect(throws: PlanningError.rule(.withdrawn, field: .person, "person p2 has withdrawn from visit v")) {
      try when(.withdrawAttendee("p2"), state)
    }
    #expect(try when(.withdrawAttendee("p1"), state) == [.attendeeWithdrawn(AttendeeWithdrawn(person: "p1"))])
  }

  // MARK: appointment-cancelled

  @Test(
    "a cancelled appointment cannot be changed",
    arguments: [
      Command.moveAppointment(appointment: "a1", start: "2022-04-26T12:00", end: "2022-04-26T13:00"),
      .cancelAppointment("a1"), .assign(appointment: "a1", persons: ["p2"]),
      .unassign(appointment: "a1", persons: ["p1"]),
    ])
  func appointmentCancelled(command: Command) throws {
    let state = try visit(baseEvents + [.appointmentCancelled(AppointmentCancelled(appointment: "a1"))])
    #expect(
      throws: PlanningError.rule(.appointmentCancelled, field: .appointment, "appointment a1 is cancelled")
    ) {
      try when(command, state)
    }
  }

  // MARK: assigning a whole side

  @Test("--side assigns every current member of the side not yet there, and unassigns those who are")
  func assignSide() throws {
    let state = try visit(
      baseEvents + [
        registered("p3"), registered("p4"), .attendeeWithdrawn(AttendeeWithdrawn(person: "p4")),
        registered("h2", side: .host),
      ])
    // p1 is assigned already, p4 has withdrawn: only p3 is added; a named host comes first.
    #expect(
      try when(.assign(appointment: "a1", persons: ["p2"], sides: [.delegation]), state) == [
        assigned("a1", "p2"), assigned("a1", "p3"),
      ])
    #expect(
      try when(.unassign(appointment: "a1", persons: [], sides: [.delegation]), state) == [
        .attendeeUnassigned(AttendeeUnassigned(appointment: "a1", person: "p1"))
      ])
    #expect(
      throws: PlanningError.rule(
        .persons, field: .side, "nobody of press is left to assign to appointment a1")
    ) { try when(.assign(appointment: "a1", persons: [], sides: [.press]), state) }
  }

  // MARK: moves by a duration, shifts

  @Test("a new start alone keeps the appointment's length")
  func moveKeepsDuration() throws {
    #expect(
      try when(.moveAppointment(appointment: "a1", start: "2022-04-26T14:00", end: nil), try base()) == [
        .appointmentMoved(
          AppointmentMoved(appointment: "a1", start: at("2022-04-26T14:00"), end: at("2022-04-26T15:00")))
      ])
  }

  @Test("--by moves later or earlier; 0 is no change; the new time must lie within the visit")
  func moveBy() throws {
    #expect(
      try when(.moveAppointmentBy(appointment: "a1", minutes: 90), try base()) == [
        .appointmentMoved(
          AppointmentMoved(appointment: "a1", start: at("2022-04-26T11:30"), end: at("2022-04-26T12:30")))
      ])
    #expect(
      try when(.moveAppointmentBy(appointment: "a1", minutes: -15), try base()) == [
        .appointmentMoved(
          AppointmentMoved(appointment: "a1", start: at("2022-04-26T09:45"), end: at("2022-04-26T10:45")))
      ])
    #expect(
      throws: PlanningError.rule(.noChange, field: .by, "moving appointment a1 by 0 minutes changes nothing")
    ) { try when(.moveAppointmentBy(appointment: "a1", minutes: 0), try base()) }
    #expect {
      try when(.moveAppointmentBy(appointment: "a1", minutes: -11 * 60), try base())
    } throws: {
      ($0 as? PlanningError).map { if case .rule(.withinVisit, _, _) = $0 { true } else { false } } ?? false
    }
  }

  @Test("shift moves the appointment and the later ones of its day, as one change, and no other")
  func shift() throws {
    let state = try visit(
      baseEvents + [
        appointment("a0", "2022-04-26T08:00", "2022-04-26T09:00"),
        appointment("a2", "2022-04-26T13:00", "2022-04-26T14:00"),
        appointment("a3", "2022-04-27T10:00", "2022-04-27T11:00"),
      ])
    #expect(
      try when(.shift(from: "a1", minutes: 30), state) == [
        .appointmentMoved(
          AppointmentMoved(appointment: "a1", start: at("2022-04-26T10:30"), end: at("2022-04-26T11:30"))),
        .appointmentMoved(
          AppointmentMoved(appointment: "a2", start: at("2022-04-26T13:30"), end: at("2022-04-26T14:30"))),
      ])
    #expect(throws: PlanningError.rule(.noChange, field: .by, "shifting by 0 minutes changes nothing")) {
      try when(.shift(from: "a1", minutes: 0), state)
    }
    // One appointment pushed past midnight at the visit's end refuses the whole shift.
    let late = try visit(baseEvents + [appointment("late", "2022-04-28T22:00", "2022-04-28T23:30")])
    #expect {
      try when(.shift(from: "late", minutes: 60), late)
    } throws: {
      ($0 as? PlanningError).map { if case .rule(.withinVisit, _, _) = $0 { true } else { false } } ?? false
    }
    #expect(throws: PlanningError.notFound(kind: .appointment, id: "zz", visit: "v")) {
      try when(.shift(from: "zz", minutes: 5), state)
    }
  }

  @Test(
    "durations as people write them",
    arguments: [
      ("+30m", 30), ("-15m", -15), ("+1h30m", 90), ("90m", 90), ("2h", 120), ("+0m", 0),
      ("168h", 7 * 24 * 60),
    ])
  func minutes(text: String, minutes: Int) {
    #expect(Minutes.parse(text) == minutes)
  }

  @Test(
    "what is not a duration",
    arguments: ["", "+", "30", "m", "1d", "+30m15", "30mm", "1m1h", "1h1h", "169h", "- 5m", "+-5m", "½h"])
  func notMinutes(text: String) {
    #expect(Minutes.parse(text) == nil)
  }

  @Test func cancelAppointment() throws {
    #expect(
      try when(.cancelAppointment("a1"), try base()) == [
        .appointmentCancelled(AppointmentCancelled(appointment: "a1"))
      ])
  }

  // MARK: signatories

  @Test func signatories() throws {
    #expect(
      throws: PlanningError.rule(
        .signatories, field: .signatory, "MoU m2 needs at least one \(field: .signatory)")
    ) {
      try when(.signMou(SignMou(mou: "m2", title: "Culture", signatories: [])), try base())
    }
    let sign = SignMou(
      mou: "m2", title: "Culture", signatories: ["Mayor of Berlin", "Mayor of Kraków"], date: "2022-04-27",
      place: "Rotes Rathaus", commitments: ["Youth exchange", "Joint exhibition"])
    #expect(
      try when(.signMou(sign), try base()) == [
        .mouSigned(
          MouSigned(
            mou: "m2", title: "Culture", signatories: ["Mayor of Berlin", "Mayor of Kraków"],
            date: day("2022-04-27"),
            place: "Rotes Rathaus", commitments: ["Youth exchange", "Joint exhibition"]))
      ])
  }

  @Test func signatoryNamedTwice() throws {
    #expect(throws: PlanningError.rule(.signatories, field: .signatory, "MoU m2 names signatory Mayor twice"))
    {
      try when(
        .signMou(SignMou(mou: "m2", title: "Culture", signatories: ["Mayor", "Senator", "Mayor"])), try base()
      )
    }
  }

  // MARK: travel-buffer

  @Test("the travel buffer is 0 to 240 minutes", arguments: [-1, 241, 1000, Int.min])
  func travelBufferRefused(minutes: Int) {
    #expect(
      throws: PlanningError.rule(
        .travelBuffer, field: .travelBuffer,
        "\(field: .travelBuffer) must be 0 to 240 minutes, not \(minutes)")
    ) {
      try when(
        .schedule(
          ScheduleVisit(title: "T", partner: "P", from: "2022-04-26", to: "2022-04-28", travelBuffer: minutes)
        ), nil)
    }
  }

  @Test("the travel buffer is 0 to 240 minutes", arguments: [0, 1, 240])
  func travelBufferAccepted(minutes: Int) throws {
    let events = try when(
      .schedule(
        ScheduleVisit(title: "T", partner: "P", from: "2022-04-26", to: "2022-04-28", travelBuffer: minutes)),
      nil)
    let v = try visit(events)
    #expect(v.travelBuffer == minutes)
  }

  @Test func travelBufferDefaultsTo15() throws {
    let v = try visit(
      try when(.schedule(ScheduleVisit(title: "T", partner: "P", from: "2022-04-26", to: "2022-04-28")), nil))
    #expect(v.travelBuffer == 15)
  }

  // MARK: no-change

  @Test func noChange() throws {
    #expect(
      throws: PlanningError.rule(
        .noChange, field: .start, "appointment a1 is already at 2022-04-26T10:00–11:00")
    ) {
      try when(
        .moveAppointment(appointment: "a1", start: "2022-04-26T10:00", end: "2022-04-26T11:00"), try base())
    }
    // Moving only the end is a change.
    #expect(
      try when(
        .moveAppointment(appointment: "a1", start: "2022-04-26T10:00", end: "2022-04-26T11:30"), try base())
        == [
          .appointmentMoved(
            AppointmentMoved(appointment: "a1", start: at("2022-04-26T10:00"), end: at("2022-04-26T11:30")))
        ])
  }

  // MARK: notFound

  @Test func notFoundSite() throws {
    let expected = PlanningError.notFound(kind: .site, id: "zoo", visit: "v")
    #expect(throws: expected) {
      try when(
        .addAppointment(
          AddAppointment(
            appointment: "x", title: "X", start: "2022-04-26T12:00", end: "2022-04-26T13:00", site: "zoo")),
        try base())
    }
    #expect(expected.description == "no such site in visit v: zoo")
    #expect(throws: Never.self) {
      try when(
        .addAppointment(
          AddAppointment(
            appointment: "x", title: "X", start: "2022-04-26T12:00", end: "2022-04-26T13:00", site: "rathaus")
        ),
        try base())
    }
  }

  @Test(
    "commands on an appointment that does not exist",
    arguments: [
      Command.moveAppointment(appointment: "nope", start: "2022-04-26T12:00", end: "2022-04-26T13:00"),
      .cancelAppointment("nope"), .assign(appointment: "nope", persons: ["p1"]),
      .unassign(appointment: "nope", persons: ["p1"]),
    ])
  func notFoundAppointment(command: Command) throws {
    #expect(throws: PlanningError.notFound(kind: .appointment, id: "nope", visit: "v")) {
      try when(command, try base())
    }
  }

  @Test(
    "commands on a person who does not exist",
    arguments: [
      Command.withdrawAttendee("nobody"), .assign(appointment: "a1", persons: ["p2", "nobody"]),
      .unassign(appointment: "a1", persons: ["nobody"]),
    ])
  func notFoundPerson(command: Command) throws {
    #expect(throws: PlanningError.notFound(kind: .person, id: "nobody", visit: "v")) {
      try when(command, try base())
    }
    #expect(
      PlanningError.notFound(kind: .person, id: "nobody", visit: "v").description
        == "no such person in visit v: nobody")
  }

  @Test(
    "commands on a task that does not exist",
    arguments: [
      Command.assignTask(task: "nope", owner: "Jan"), .setDue(task: "nope", due: "2022-05-01"),
      .completeTask("nope"),
      .reopenTask("nope"),
    ])
  func notFoundTask(command: Command) throws {
    #expect(throws: PlanningError.notFound(kind: .task, id: "nope", visit: "v")) {
      try when(command, try base())
    }
  }

  @Test func derivedTasksOfACancelledAppointmentAreNotFound() throws {
    let state = try visit(
      baseEvents + [
        appointment("empfang", "2022-04-26T18:00", "2022-04-26T20:00", kind: .reception),
        .appointmentCancelled(AppointmentCancelled(appointment: "empfang")),
      ])
    #expect(throws: PlanningError.notFound(kind: .task, id: "thanks-empfang", visit: "v")) {
      try when(.completeTask("thanks-empfang"), state)
    }
  }

  // MARK: publish and note

  @Test func publishCountsVersions() throws {
    let once = try visit(baseEvents + [.agendaPublished(AgendaPublished(version: 1))])
    #expect(try when(.publish(note: nil), try base()) == [.agendaPublished(AgendaPublished(version: 1))])
    #expect(
      try when(.publish(note: "Lunch moved"), once) == [
        .agendaPublished(AgendaPublished(version: 2, note: "Lunch moved"))
      ])
  }
}

extension Result {
  fileprivate var failure: Failure? {
    if case .failure(let e) = self { return e }
    return nil
  }
}
