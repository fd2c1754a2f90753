import EventLog
import Foundation
import Testing

@testable import Planning

/// The use cases over the in-memory store: what the CLI and the web interface both call.
@Suite("Use cases")
struct UseCaseTests {
  final class Clock: @unchecked Sendable {
    private var ms: Int64 = 1_650_000_000_000
    private let lock = NSLock()
    func now() -> Timestamp {
      lock.lock()
      defer { lock.unlock() }
      ms += 60_000
      return Timestamp(milliseconds: ms)
    }
  }

  static func planner(exists: Bool = true) -> Planner {
    let clock = Clock()
    return Planner(
      store: InMemoryEventStore(exists: exists, clock: { clock.now() }, makeID: { s, n in "\(s)-\(n)" }))
  }

  static let schedule = Command.schedule(
    ScheduleVisit(title: "Delegation from Kumasi", partner: "Kumasi", from: "2026-03-02", to: "2026-03-04"))

  /// A visit `v` with a site, a reception with one guest assigned, and a published agenda.
  static func planned() throws -> Planner {
    let p = planner()
    let commands: [Command] = [
      schedule,
      .addSite(SiteAdded(site: "rathaus", name: "Rathaus")),
      .addAppointment(
        AddAppointment(
          appointment: "reception", title: "Reception", kind: .reception, start: "2026-03-02T10:00",
          end: "2026-03-02T11:00", site: "rathaus")),
      .addAttendee(
        AttendeeRegistered(person: "kofi", side: .delegation, personal: PersonalData(name: "Kofi Mensah"))),
      .assign(appointment: "reception", persons: ["kofi"]),
      .publish(note: nil),
      .moveAppointment(appointment: "reception", start: "2026-03-02T10:30", end: "2026-03-02T11:30"),
    ]
    for c in commands { _ = try p.write(WriteRequest(visit: "v", command: c, actor: "jana")) }
    return p
  }

  /// A read and the error it must throw.
  struct Probe: Sendable, CustomTestStringConvertible {
    var error: PlanningError
    var read: @Sendable (Planner) throws -> Void
    init(_ read: @escaping @Sendable (Planner) throws -> Void, _ error: PlanningError) {
      self.read = read
      self.error = error
    }
    var testDescription: String { error.description }
  }

  @Test("a write returns the events decided and where they were stored")
  func write() throws {
    let p = Self.planner()
    let r = try p.write(WriteRequest(visit: "v", command: Self.schedule, actor: "jana", reason: "invitation"))
    #expect((r.firstSeq, r.lastSeq, r.alreadyStored) == (1, 1, false))
    #expect(r.eventTypes == ["VisitScheduled"])
    #expect(r.headHash == (try p.store.head(of: "v")).hash)
    let record = try p.store.read("v").records[0]
    #expect((record.actor, record.reason) == ("jana", "invitation"))
  }

  @Test(
    "a new visit in a store that does not exist yet: refused, nothing is made; accepted, the store is made")
  func scheduleIntoMissingStore() throws {
    let p = Self.planner(exists: false)
    let bad = Command.schedule(ScheduleVisit(title: "T", partner: "P", from: "2026-03-04", to: "2026-03-02"))
    #expect(throws: PlanningError.self) { try p.write(WriteRequest(visit: "v", command: bad, actor: "jana")) }
    #expect(!p.store.exists)
    try p.write(WriteRequest(visit: "v", command: Self.schedule, actor: "jana"))
    #expect(p.store.exists)
  }

  @Test(
    "who, why and which visit are checked before anything is read or written",
    arguments: [
      (WriteRequest(visit: "V!", command: schedule, actor: "jana"), Field.visit),
      (WriteRequest(visit: "v", command: schedule, actor: ""), .actor),
      (WriteRequest(visit: "v", command: schedule, actor: String(repeating: "a", count: 201)), .actor),
      (WriteRequest(visit: "v", command: schedule, actor: "jana\u{1B}[2J"), .actor),
      (WriteRequest(visit: "v", command: schedule, actor: "jana", reason: ""), .reason),
      (
        WriteRequest(
          visit: "v", command: schedule, actor: "jana", reason: String(repeating: "r", count: 2001)), .reason
      ),
    ])
  func invalidInput(request: WriteRequest, field: Field) throws {
    let p = Self.planner()
    #expect {
      try p.write(request)
    } throws: { error in
      guard case .invalidInput(let f, _, _)? = error as? PlanningError else { return false }
      return f == field
    }
    #expect(try p.store.streamNames().isEmpty)
  }

  @Test("a stale version is a conflict on the visit, and nothing is written")
  func versionConflict() throws {
    let p = try Self.planned()
    let before = try p.store.read("v").records
    #expect(throws: PlanningError.versionConflict(visit: "v", expected: .exactly(3), actual: 7)) {
      try p.write(WriteRequest(visit: "v", command: .note("late"), actor: "tim", expected: .exactly(3)))
    }
    #expect(try p.store.read("v").records == before)
    #expect(
      PlanningError.versionConflict(visit: "v", expected: .noStream, actual: 7).description
        == "version conflict on v: expected no visit yet, but the visit is at version 7")
  }

  @Test("a rule's message names its field the way the adapter asks")
  func fieldNaming() throws {
    let p = try Self.planned()
    do {
      try p.write(
        WriteRequest(
          visit: "v",
          command: .moveAppointment(appointment: "reception", start: "2026-03-02T25:00", end: "x"),
          actor: "jana"))
      Issue.record("a time that does not exist was accepted")
    } catch let e as PlanningError {
      guard case .rule(.realTime, let field, _) = e else {
        Issue.record("unexpected \(e)")
        return
      }
      #expect(field == .start)
      #expect(
        e.description
          == "refused by rule real-time: start 2026-03-02T25:00 is not a real date and time (YYYY-MM-DDTHH:MM)"
      )
      #expect(
        e.message { "[\($0.rawValue) field]" }
          == "refused by rule real-time: [start field] 2026-03-02T25:00 is not a real date and time (YYYY-MM-DDTHH:MM)"
      )
    }
  }

  @Test("reads return the value, the head it was built from, and the store's warnings")
  func reads() throws {
    let p = try Self.planned()
    let head = try p.store.head(of: "v")
    let visit = try p.visit("v")
    #expect(visit.head == head)
    #expect(visit.value.appointments["reception"]?.start == LocalDateTime("2026-03-02T10:30"))
    #expect(
      try p.visit("v", asOf: .published(1)).value.appointments["reception"]?.start
        == LocalDateTime("2026-03-02T10:00"))
    #expect(try p.catalog().value.map(\.id) == ["v"])
    #expect(try p.itinerary("v").value.days.count == 3)
    #expect(try p.attendees("v", appointment: "reception").value.groups.map(\.side) == [.delegation])
    #expect(try p.tasks(nil, today: LocalDate(year: 2026, month: 3, day: 5)).value.rows.isEmpty == false)
    #expect(try p.log("v", asOf: .seq(2)).value.map(\.seq) == [1, 2])
    let agenda = try p.agenda("v", person: "kofi", changesSince: .published(1)).value
    #expect(agenda.person?.id == "kofi")
    #expect(agenda.changedSincePublished)
    #expect(agenda.entries.first?.change?.kind == .moved)
    let diff = try p.diff("v", from: .published(1)).value.diff
    #expect(diff.appointments.map(\.kind) == [.moved])
  }

  @Test(
    "what does not exist is named",
    arguments: [
      Probe({ p in _ = try p.visit("nope") }, PlanningError.visitNotFound("nope")),
      Probe(
        { p in _ = try p.attendees("v", appointment: "gala") },
        .notFound(kind: .appointment, id: "gala", visit: "v")),
      Probe({ p in _ = try p.agenda("v", person: "ama") }, .notFound(kind: .person, id: "ama", visit: "v")),
      Probe({ p in _ = try p.calendar("v", person: "ama") }, .notFound(kind: .person, id: "ama", visit: "v")),
      Probe(
        { p in try p.history("v", entity: "gala") { _ in } }, .notFound(kind: .entity, id: "gala", visit: "v")
      ),
      Probe(
        { p in _ = try p.visit("v", asOf: .published(9)) },
        .notFound(kind: .agendaVersion, id: "9", visit: "v")),
      Probe({ p in _ = try p.visit("v", asOf: .seq(0)) }, .notYetScheduled(visit: "v", point: "seq:0")),
    ])
  func notFound(probe: Probe) throws {
    let p = try Self.planned()
    #expect(throws: probe.error) { try probe.read(p) }
  }

  @Test(
    "seq:N and v:N count within one visit: reads across visits refuse them, naming the field",
    arguments: [
      Probe(
        { p in _ = try p.catalog(asOf: .seq(3)) },
        PlanningError.invalidPoint(field: .asOf, text: "seq:3", reason: .needsVisit)),
      Probe(
        { p in _ = try p.tasks(nil, today: LocalDate(year: 2026, month: 1, day: 1), asOf: .published(1)) },
        .invalidPoint(field: .asOf, text: "v:1", reason: .needsVisit)),
      Probe(
        { p in try p.audit(AuditQuery(since: .seq(1))) { _ in } },
        .invalidPoint(field: .since, text: "seq:1", reason: .needsVisit)),
      Probe(
        { p in try p.audit(AuditQuery(until: .published(1))) { _ in } },
        .invalidPoint(field: .until, text: "v:1", reason: .needsVisit)),
      Probe(
        { _ in _ = try Point.parse("tomorrow", field: .changesSince) },
        .invalidPoint(field: .changesSince, text: "tomorrow", reason: .malformed)),
    ])
  func pointsNeedAVisit(probe: Probe) throws {
    let p = try Self.planned()
    #expect(throws: probe.error) { try probe.read(p) }
    // With the visit named, the same points are answered.
    _ = try p.visit("v", asOf: .seq(3))
    try p.audit(AuditQuery(visit: "v", since: .seq(1), until: .published(1))) { _ in }
  }

  @Test("audit and history stream entries; --as-of bounds them like --until")
  func audit() throws {
    let p = try Self.planned()
    var all: [Int] = []
    try p.audit(AuditQuery(visit: "v")) { all.append($0.meta.seq) }
    #expect(all == Array(1...7))
    var bounded: [Int] = []
    try p.audit(AuditQuery(visit: "v", since: .seq(2), asOf: .published(1))) { bounded.append($0.meta.seq) }
    #expect(bounded == [3, 4, 5, 6])
    var reception: [String] = []
    try p.history("v", entity: "reception") { reception.append($0.type) }
    #expect(reception == ["AppointmentScheduled", "AttendeeAssigned", "AppointmentMoved"])
  }

  @Test("an anchor is confirmed while the log extends it, and refused when it is not there or malformed")
  func anchors() throws {
    let p = try Self.planned()
    let records = try p.store.read("v").records
    let (check, report) = try p.verifyAnchor("v", anchor: String(records[2].hash.prefix(12)))
    #expect((check.seq, check.later, check.headHash) == (3, 4, records[6].hash))
    #expect(report.problems.isEmpty)
    #expect(throws: PlanningError.anchorNotFound(visit: "v", anchor: "abcdefabcdef")) {
      try p.verifyAnchor("v", anchor: "abcdefabcdef")
    }
    #expect {
      try p.verifyAnchor("v", anchor: "XYZ")
    } throws: { error in
      guard case .invalidInput(.anchor, _, _)? = error as? PlanningError else { return false }
      return true
    }
    #expect(try p.verify([]).map(\.count) == [7])
  }

  @Test("erasing a person over the in-memory store: the event, then the vault; again changes nothing")
  func erasePerson() throws {
    let p = try Self.planned()
    let first = try p.erasePerson("kofi", actor: "dpo", reason: "request")
    #expect(first == [Erasure(visit: "v", person: "kofi", seq: 8, erasedValues: 1)])
    let records = try p.store.read("v").records
    #expect(records[3].erased == ["personal"] && records[3].unsealed.isEmpty)
    #expect(try p.visit("v").value.attendees["kofi"]?.personal.isErased == true)
    #expect(
      try p.visit("v", asOf: .seq(4)).value.attendees["kofi"]?.personal.isErased == true, "in the past too")
    #expect(
      try p.erasePerson("kofi", actor: "dpo") == [
        Erasure(visit: "v", person: "kofi", seq: nil, erasedValues: 0)
      ])
    #expect(throws: PlanningError.personNotFound("ama")) { try p.erasePerson("ama", actor: "dpo") }
    let record = try p.personRecord("kofi").value
    #expect(record.visits.first?.erased?.actor == "dpo")
    #expect(record.visits.first?.records.first?.personal == .erasedValues)
  }
}
