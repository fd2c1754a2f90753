import EventLog
import Testing

@testable import Planning

/// `Decide.check`: an imported event is accepted exactly when it is what its command records.
@Suite("Checking imported events by the commands' rules")
struct ImportCheckTests {
  /// Every event the synthetic visits decide — the mix of a real visit — passes the check against
  /// the visit as it stood before it: the inverse mapping is right for each of those types.
  @Test func everyDecidedEventPassesItsCheck() throws {
    var types = Set<String>()
    for index in 1...6 {
      var synthetic = SyntheticVisit(id: "v\(index)", seed: 11, index: index)
      var checked = 0
      var attempts = 0
      while checked < 300 && attempts < 3000 {
        attempts += 1
        guard let command = synthetic.next() else { continue }
        let before = synthetic.visit
        guard let events = try? synthetic.decide(command) else { continue }
        var state = before
        for e in events {
          try Decide.check(e, visit: "v\(index)", state: state)
          let meta = fixtureMeta(checked + 1)
          if state == nil {
            state = Visit.start(id: "v\(index)", with: e, meta: meta)
          } else {
            state?.apply(e, meta: meta)
          }
          types.insert(e.typeName)
          checked += 1
        }
      }
      #expect(checked >= 300)
    }
    // The check above must have seen the mix, not one type over and over.
    #expect(types.count >= 15, "\(types.sorted())")
  }

  /// Corrections and removals, whose commands use "" and [] to clear a field, map back exactly.
  @Test(arguments: [
    Command.updateVisit(UpdateVisit(program: "")),
    .updateVisit(UpdateVisit(topics: [], organizers: ["Büro"])),
    .updateSite(UpdateSite(site: "rathaus", organization: "City", note: "Side door")),
    .updateAppointment(UpdateAppointment(appointment: "a1", site: nil, noSite: true, hosts: ["Mayor"])),
    .updateAttendee(UpdateAttendee(person: "p1", side: .host, email: "p1@example.org")),
    .updateAttendee(UpdateAttendee(person: "p1", name: "Anna Nowak", diet: "vegan")),
    .retitleTask(task: "t1", title: "Book the bus"),
    .reopenTask("t2"),
    .setDue(task: "t1", due: "2022-05-30"),
    .shift(from: "a1", minutes: 30),
    .unassign(appointment: "a1", persons: ["p1"]),
    .erasePerson("p2"),
    .publish(note: "first"),
    .note("internal", internal: true),
  ])
  func correctionsMapBack(command: Command) throws {
    var state = try base()
    state.programSet()
    let events = try Decide.decide(command, visit: "v", state: state)
    #expect(!events.isEmpty)
    for e in events {
      try Decide.check(e, visit: "v", state: state)
      state.apply(e, meta: fixtureMeta(20))
    }
  }

  struct Refusal: Sendable, CustomStringConvertible {
    var name: String
    var event: Event
    var expected: PlanningError
    var description: String { name }
  }

  static let refusals: [Refusal] = [
    Refusal(
      name: "a move outside the visit",
      event: .appointmentMoved(
        AppointmentMoved(appointment: "a1", start: at("2022-05-10T10:00"), end: at("2022-05-10T11:00"))),
      expected: .rule(.withinVisit, field: .start, "")),
    Refusal(
      name: "an unknown person assigned", event: assigned("a1", "nobody"),
      expected: .notFound(kind: .person, id: "nobody", visit: "v")),
    Refusal(
      name: "a person assigned twice", event: assigned("a1", "p1"),
      expected: .rule(.alreadyAssigned, field: .person, "")),
    Refusal(
      name: "a publication skipping a version",
      event: .agendaPublished(AgendaPublished(version: 3)), expected: .rule(.asDecided, "")),
    Refusal(
      name: "a note marked internal: false", event: .noteAdded(NoteAdded(text: "x", internal: false)),
      expected: .rule(.asDecided, "")),
    Refusal(
      name: "a correction that changes nothing",
      event: .siteUpdated(SiteUpdated(site: "rathaus", name: "Rathaus Schöneberg")),
      expected: .rule(.noChange, field: .site, "")),
    Refusal(
      name: "a second VisitScheduled", event: scheduled(), expected: .rule(.uniqueID, field: .visit, "")),
    Refusal(
      name: "an empty title", event: taskAdded("t9").retitled(""), expected: .rule(.text, field: .title, "")),
    Refusal(
      name: "a completed task completed again", event: .taskCompleted(TaskCompleted(task: "t2")),
      expected: .rule(.alreadyDone, field: .task, "")),
  ]

  @Test(arguments: refusals)
  func refused(_ r: Refusal) throws {
    let state = try base()
    do {
      try Decide.check(r.event, visit: "v", state: state)
      Issue.record("\(r.name) was accepted")
    } catch {
      switch (error, r.expected) {
      case (.rule(let rule, let field, _), .rule(let expectedRule, let expectedField, _)):
        #expect(rule == expectedRule)
        #expect(field == expectedField)
      default:
        #expect(error == r.expected)
      }
    }
  }

  @Test func aFirstEventOtherThanVisitScheduledNamesNoSuchVisit() {
    #expect(throws: PlanningError.visitNotFound("w")) {
      try Decide.check(.noteAdded(NoteAdded(text: "x")), visit: "w", state: nil)
    }
  }
}

extension Event {
  /// A TaskAdded with another title (for refusals of text rules).
  fileprivate func retitled(_ title: String) -> Event {
    guard case .taskAdded(var e) = self else { return self }
    e.title = title
    return .taskAdded(e)
  }
}

extension Visit {
  /// Gives the fixture visit a programme, so that clearing it is a change.
  fileprivate mutating func programSet() { program = "IURC" }
}
