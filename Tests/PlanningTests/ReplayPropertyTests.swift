import EventLog
import Foundation
import TestSupport
import Testing

@testable import Planning

/// A clock for the store that moves one second each time it is read.
final class SteppingClock: @unchecked Sendable {
  private let lock = NSLock()
  private var milliseconds: Int64
  private(set) var last: Timestamp

  init(start: Int64) {
    milliseconds = start
    last = Timestamp(milliseconds: start)
  }

  func now() -> Timestamp {
    lock.lock()
    defer { lock.unlock() }
    milliseconds += 1000
    last = Timestamp(milliseconds: milliseconds)
    return last
  }

  var current: Timestamp {
    lock.lock()
    defer { lock.unlock() }
    return last
  }
}

/// Makes commands that are likely (not certain) to be accepted for the visit as it stands.
struct CommandGenerator {
  var rng: SplitMix64

  static let sites = ["rathaus", "zoo", "werk", "hafen"]
  static let appointments = ["a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8"]
  static let persons = ["p1", "p2", "p3", "p4", "p5", "p6"]
  static let tasks = ["t1", "t2", "t3", "t4", "visit-report"]
  static let mous = ["m1", "m2", "m3"]
  static let hosts = ["Mayor", "Senator", "Dr. Weber", "Frau Schulz", "Prof. Öztürk"]
  static let zones = ["Europe/Berlin", "Europe/Berlin", "America/New_York", "UTC", "Asia/Kolkata"]
  static let texts = [
    "Empfang im Rathaus", "Grüße aus Kraków", "first line\nsecond line", "tab\tseparated",
    "quote \" and backslash \\", "🇵🇱 delegation 🎉", "𝄞 music", "  padded  ", "a/b <b>html</b> & more",
    "line\u{2028}separator", "née e\u{301}", "Straße", "x",
  ]
  static let diets = ["vegetarian", "vegan", " vegetarian ", "halal", "no nuts"]
  static let access = ["wheelchair", "step-free", "hearing loop"]
  static let languages = ["de", "en", "tw", "pl"]
  static let travel = ["arrival-1", "arrival-2", "departure-1"]
  static let gifts = ["plate", "book", "pin"]

  mutating func text() -> String { rng.pick(Self.texts) }
  mutating func maybeText(_ percent: Int = 50) -> String? { rng.chance(percent) ? text() : nil }

  mutating func schedule() -> Command {
    // Late March to early May 2022: crosses the spring clock change in Europe.
    let from = LocalDate(year: 2022, month: 3, day: 20).adding(days: rng.int(0...40))
    let to = from.adding(days: rng.int(0...4))
    return .schedule(
      ScheduleVisit(
        title: text(), partner: text(), from: from.description, to: to.description,
        timezone: rng.pick(Self.zones),
        direction: rng.pick(Direction.allCases), program: maybeText(), topics: rng.subset(Self.texts, max: 2),
        organizers: rng.subset(["Protocol", "Mayor's office"], max: 2),
        travelBuffer: rng.chance(50) ? nil : rng.pick([0, 10, 15, 30, 60])))
  }

  /// A time on one of the visit's days (or, now and then, the day after).
  mutating func slot(_ v: Visit) -> (String, String) {
    let days = Int(v.to.dayNumber - v.from.dayNumber)
    let date = v.from.adding(days: rng.int(0...(days + (rng.chance(5) ? 1 : 0))))
    let start = LocalDateTime(date: date, minutes: rng.int(0...23) * 60 + rng.pick([0, 15, 30, 45]))
    let length = rng.pick([15, 30, 45, 60, 90, 120, 180])
    let endMinutes = start.minutes + length
    let end = LocalDateTime(date: date.adding(days: endMinutes / 1440), minutes: endMinutes % 1440)
    return (start.description, end.description)
  }

  mutating func next(for v: Visit) -> Command {
    let existingAppointments = v.appointments.items.map(\.id)
    let appointmentIDs =
      existingAppointments.isEmpty || rng.chance(10) ? Self.appointments : existingAppointments
    let people = v.attendees.items.map(\.id)
    let personIDs = people.isEmpty || rng.chance(10) ? Self.persons : people
    let derived = v.tasks.map(\.id)
    let taskIDs = derived.isEmpty || rng.chance(15) ? Self.tasks : derived
    switch rng.int(0...107) {
    case 0..<2:
      // Cancelled early, a sequence would do little else: cancel only a visit with some history.
      if rng.chance(25) && v.version > 25 { return .cancel }
      let from = v.from.adding(days: rng.int(-2...1))
      return .reschedule(
        from: from.description, to: max(from, v.to.adding(days: rng.int(-1...2))).description)
    case 2..<8:
      return .addSite(
        SiteAdded(
          site: rng.pick(Self.sites), name: text(), organization: maybeText(), address: maybeText(),
          note: maybeText(20)))
    case 8..<24:
      let (start, end) = slot(v)
      let site = v.sites.items.isEmpty || rng.chance(30) ? nil : rng.pick(v.sites.items.map(\.id))
      return .addAppointment(
        AddAppointment(
          appointment: rng.pick(Self.appointments), title: text(), kind: rng.pick(AppointmentKind.allCases),
          start: start, end: end, timezone: rng.chance(15) ? rng.pick(Self.zones) : nil, site: site,
          hosts: rng.subset(Self.hosts, max: 2), note: maybeText(20)))
    case 24..<30:
      let (start, end) = slot(v)
      return .moveAppointment(appointment: rng.pick(appointmentIDs), start: start, end: end)
    case 30..<33:
      return .cancelAppointment(rng.pick(appointmentIDs))
    case 33..<43:
      return .addAttendee(
        AttendeeRegistered(
          person: rng.pick(Self.persons), side: rng.pick(Side.allCases),
          personal: PersonalData(
            name: text(), function: maybeText(30), organization: maybeText(30),
            email: rng.chance(30) ? "someone@example.org" : nil, phone: rng.chance(20) ? "+49 30 1234" : nil,
            diet: rng.chance(40) ? rng.pick(Self.diets) : nil,
            access: rng.chance(20) ? rng.pick(Self.access) : nil,
            languages: rng.chance(50) ? rng.subset(Self.languages, max: 2) : nil),
          rank: rng.chance(40) ? rng.int(1...4) : nil))
    case 43..<46:
      if rng.chance(30) { return .erasePerson(rng.pick(personIDs)) }
      return .withdrawAttendee(rng.pick(personIDs))
    case 46..<60:
      let persons = rng.subset(personIDs, max: 3)
      return .assign(
        appointment: rng.pick(appointmentIDs), persons: persons.isEmpty ? [rng.pick(personIDs)] : persons)
    case 60..<64:
      let assigned = v.appointments.items.flatMap(\.attendees)
      return .unassign(
        appointment: rng.pick(appointmentIDs), persons: [rng.pick(assigned.isEmpty ? personIDs : assigned)])
    case 64..<68:
      let mou = rng.pick(Self.mous)
      // Signing a planned MoU may leave out what stays as planned.
      if v.mous[mou]?.isPlanned == true && rng.chance(50) {
        return .signMou(SignMou(mou: mou, title: nil, signatories: [], place: maybeText(30)))
      }
      return (rng.chance(40) ? Command.planMou : Command.signMou)(
        SignMou(
          mou: mou, title: text(),
          signatories: rng.subset(Self.hosts + ["Anna Nowak"], max: 3),
          date: rng.chance(50) ? v.from.adding(days: rng.int(0...2)).description : nil, place: maybeText(),
          commitments: rng.subset(Self.texts, max: 2)))
    case 68..<74:
      return .addTask(
        AddTask(
          task: rng.pick(Self.tasks), title: text(), owner: maybeText(),
          due: rng.chance(50) ? v.to.adding(days: rng.int(-3...20)).description : nil))
    case 74..<78:
      return .assignTask(task: rng.pick(taskIDs), owner: text())
    case 78..<82:
      return .setDue(task: rng.pick(taskIDs), due: v.to.adding(days: rng.int(-5...40)).description)
    case 82..<88:
      return .completeTask(rng.pick(taskIDs))
    case 88..<91:
      return .reopenTask(rng.pick(taskIDs))
    case 91..<93:
      return .note(text(), internal: rng.chance(30))
    case 93..<96:
      return correction(for: v, appointmentIDs: appointmentIDs, personIDs: personIDs, taskIDs: taskIDs)
    case 96..<100:
      return .publish(note: maybeText(30))
    case 100..<104:
      let at = LocalDateTime(date: v.from.adding(days: rng.int(-2...2)), minutes: rng.int(0...1439))
      return .addTravel(
        AddTravel(
          travel: rng.pick(Self.travel), persons: rng.subset(personIDs, max: 3),
          direction: rng.pick(TravelDirection.allCases),
          at: at.description, mode: rng.chance(60) ? rng.pick(TravelMode.allCases) : nil,
          number: maybeText(30),
          from: maybeText(30), to: maybeText(30),
          pickup: rng.chance(30) ? rng.pick(personIDs) : maybeText(20),
          note: maybeText(20)))
    case 104..<106:
      return .cancelTravel(rng.pick(Self.travel))
    default:
      return .recordGift(
        RecordGift(
          gift: rng.pick(Self.gifts), description: text(), direction: rng.pick(GiftDirection.allCases),
          from: rng.chance(40) ? rng.pick(personIDs) : text(),
          to: rng.chance(40) ? rng.pick(personIDs) : text(),
          value: rng.chance(50) ? rng.pick(["120", "120.5", "99,90", "0", "1e3", "12.345"]) : nil,
          disposition: maybeText(40)))
    }
  }
}

extension CommandGenerator {
  /// One of the corrections, with values sometimes the same as before (refused: no change),
  /// sometimes empty (an optional field removed, a required one refused).
  mutating func correction(for v: Visit, appointmentIDs: [String], personIDs: [String], taskIDs: [String])
    -> Command
  {
    func value() -> String? { rng.chance(50) ? nil : rng.chance(15) ? "" : text() }
    switch rng.int(0...4) {
    case 0:
      return .updateVisit(
        UpdateVisit(
          title: rng.chance(30) ? text() : nil, titleDe: value(), program: value(),
          topics: rng.chance(20) ? rng.subset(Self.texts, max: 2) : nil))
    case 1:
      return .updateSite(
        UpdateSite(
          site: rng.pick(Self.sites), name: rng.chance(40) ? text() : nil, address: value(), note: value()))
    case 2:
      let site = v.sites.items.isEmpty || rng.chance(30) ? nil : rng.pick(v.sites.items.map(\.id))
      return .updateAppointment(
        UpdateAppointment(
          appointment: rng.pick(appointmentIDs), title: rng.chance(30) ? text() : nil, titleDe: value(),
          site: site, noSite: site == nil && rng.chance(20),
          kind: rng.chance(20) ? rng.pick(AppointmentKind.allCases) : nil,
          hosts: rng.chance(25) ? rng.subset(Self.hosts, max: 2) : nil, note: value(), internalNote: value()))
    case 3:
      return .updateAttendee(
        UpdateAttendee(
          person: rng.pick(personIDs), side: rng.chance(30) ? rng.pick(Side.allCases) : nil,
          name: rng.chance(40) ? text() : nil, function: value(),
          diet: rng.chance(30) ? rng.pick(Self.diets) : nil, access: value(),
          rank: rng.chance(20) ? rng.int(1...4) : nil, clearRank: rng.chance(10),
          languages: rng.chance(20) ? rng.subset(Self.languages, max: 2) : nil))
    default:
      return .retitleTask(task: rng.pick(taskIDs), title: text())
    }
  }
}

/// A temporary store directory, removed by `remove()`.
struct TemporaryStore {
  let directory: String
  let clock: SteppingClock
  let planner: Planner

  init() throws {
    directory =
      FileManager.default.temporaryDirectory.appendingPathComponent("visits-replay-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let clock = SteppingClock(start: 1_650_000_000_000)
    self.clock = clock
    planner = Planner(
      store: FileEventStore(
        directory: directory, clock: { clock.now() },
        makeID: { stream, seq in
          "00000000-0000-4000-8000-" + String(String(seq + 1_000_000_000_000).suffix(12))
        }))
  }

  func remove() { try? FileManager.default.removeItem(atPath: directory) }
}

/// What one generated sequence left behind in memory.
struct ReplayRun {
  /// The visit after each event, by seq (index 0 unused).
  var snapshots: [Visit?] = [nil]
  /// Seq of the last event of each batch, with the time the store recorded it.
  var batches: [(lastSeq: Int, recorded: Timestamp)] = []
  var accepted = 0
  var refused = 0
  var model: Visit? { snapshots.last ?? nil }
}

@Suite("Replay: what was decided comes back, step by step")
struct ReplayPropertyTests {
  /// Sequences run through `Planner.execute` and a real store. Each append re-reads and re-hashes
  /// the whole stream and each prefix load reads it again, so one sequence costs about a second in
  /// a debug build; set `VISITS_REPLAY_SEQUENCES=200` for a long run.
  static let storeSequences = Int(ProcessInfo.processInfo.environment["VISITS_REPLAY_SEQUENCES"] ?? "") ?? 6
  /// Sequences run through the event codec (canonical JSON and back) and `Planner.fold` in memory.
  static let codecSequences = 200
  static let codecChunks = 8

  static func seed(_ index: Int) -> UInt64 { 0x5EED_0000 + UInt64(index) }

  /// Runs one generated sequence through `Planner.execute` and the in-memory fold side by side.
  ///
  /// - Parameter refusedEvery: every how many-th refused command is also sent to the service.
  static func run(seed: UInt64, planner: Planner, clock: SteppingClock, refusedEvery: Int = 3) throws
    -> ReplayRun
  {
    var generator = CommandGenerator(rng: SplitMix64(seed: seed))
    var run = ReplayRun()
    let target = generator.rng.int(30...80)
    var attempts = 0
    while run.accepted < target, attempts < target * 4 {
      attempts += 1
      let state = run.model
      let command = state.map { generator.next(for: $0) } ?? generator.schedule()
      let actor = generator.rng.pick(["anna", "jan", "protocol-office"])
      let reason = generator.rng.chance(30) ? generator.text() : nil
      let decided: [Event]
      do throws(PlanningError) {
        decided = try Decide.decide(command, visit: "v", state: state)
      } catch {
        // A refused command is refused the same way by the service, and nothing is appended.
        run.refused += 1
        if run.refused % refusedEvery == 0 {
          #expect(throws: error) {
            try planner.write(WriteRequest(visit: "v", command: command, actor: actor, reason: reason))
          }
        }
        continue
      }
      let outcome = try planner.write(
        WriteRequest(visit: "v", command: command, actor: actor, reason: reason))
      #expect(outcome.events == decided)
      #expect(
        outcome.firstSeq == run.snapshots.count, "seed \(seed): a refused command appended something")
      #expect(outcome.lastSeq == outcome.firstSeq + decided.count - 1)
      let recorded = clock.current
      for (i, event) in decided.enumerated() {
        let meta = EventMeta(
          seq: outcome.firstSeq + i, recorded: recorded, actor: actor, reason: reason)
        if var v = run.model {
          v.apply(event, meta: meta)
          run.snapshots.append(v)
        } else {
          run.snapshots.append(try #require(Visit.start(id: "v", with: event, meta: meta)))
        }
      }
      run.batches.append((outcome.lastSeq, recorded))
      run.accepted += 1
    }
    return run
  }

  /// Everything the read side shows, for comparing two visits through their projections.
  struct Projections: Equatable {
    var itinerary: Itinerary
    var attendees: AttendeeList
    var perAppointment: [AttendeeList]
    var tasks: TaskList
    var warnings: [PlanWarning]
    var catalog: CatalogEntry

    init(_ v: Visit) {
      itinerary = Itinerary(v)
      attendees = AttendeeList(v)
      perAppointment = v.appointments.items.map { AttendeeList(v, appointment: $0) }
      tasks = TaskList([v], today: v.to.adding(days: 10), filter: .all)
      warnings = v.warnings
      catalog = CatalogEntry(v)
    }
  }

  /// Invariants any visit built by accepted commands has.
  static func checkInvariants(_ v: Visit, seed: UInt64) {
    let ids = v.tasks.map(\.id)
    #expect(Set(ids).count == ids.count, "task ids repeat (seed \(seed)): \(ids)")
    for id in ids {
      #expect(isValidStreamName(id), "task id \(id) is not a slug (seed \(seed))")
      #expect(v.task(id)?.id == id)
    }
    // A task id a manual task may take is one no derived task can have: the shortcut of
    // `isTaskIDInUse` agrees with the whole set.
    for id in v.taskIDsInUse {
      #expect(v.isTaskIDInUse(id), "seed \(seed): \(id)")
      #expect(
        v.manualTasks[id] != nil || Visit.derivedTaskPrefixes.contains { id.hasPrefix($0) },
        "seed \(seed): derived task id \(id) begins with none of the prefixes")
    }
    if v.status == .planned {
      for a in v.activeAppointments {
        #expect(
          Decide.within(a.startInstant, a.endInstant, from: v.from, to: v.to, v.timezone),
          "appointment \(a.id) lies outside the visit (seed \(seed))")
        #expect(a.endInstant > a.startInstant)
      }
    }
    for a in v.appointments.items {
      #expect(a.attendees.allSatisfy { v.attendees[$0]?.withdrawn == false }, "seed \(seed)")
      #expect(Set(a.attendees).count == a.attendees.count)
    }
    let days = Itinerary(v).days.map(\.date)
    #expect(days.first == v.from)
    #expect(days.last == v.to)
    #expect(days.count == Int(v.to.dayNumber - v.from.dayNumber) + 1)
    let active = Set(v.activeAppointments.map(\.id))
    #expect(v.warnings.allSatisfy { $0.appointments.allSatisfy(active.contains) })
  }

  @Test(
    "random valid command sequences replay from the store to the same visit", arguments: 0..<storeSequences)
  func replayThroughTheStore(index: Int) throws {
    let store = try TemporaryStore()
    defer { store.remove() }
    let seed = Self.seed(index)
    let run = try Self.run(seed: seed, planner: store.planner, clock: store.clock)
    let model = try #require(run.model, "seed \(seed) scheduled nothing")
    let events = run.snapshots.count - 1
    #expect(run.accepted >= 30)
    #expect(events >= run.accepted)

    // (a) The replayed visit is the one built step by step.
    let loaded = try store.planner.load("v")
    #expect(loaded.visit == model, "seed \(seed)")
    #expect(loaded.head.seq == events)
    #expect(loaded.visit.version == events)

    // (b) Every prefix loads and equals the state after that event.
    #expect(throws: PlanningError.notYetScheduled(visit: "v", point: "seq:0")) {
      try store.planner.load("v", at: .seq(0))
    }
    for n in 1...events {
      let atN = try store.planner.load("v", at: .seq(n)).visit
      #expect(atN == run.snapshots[n], "seed \(seed), seq:\(n)")
    }
    #expect(try store.planner.load("v", at: .seq(events + 10)).visit == model)
    // A point in time admits whole batches: the state after the batch recorded then.
    for batch in run.batches where batch.lastSeq % 5 == 0 || batch.lastSeq == events {
      let atTime = try store.planner.load("v", at: .instant(batch.recorded)).visit
      #expect(atTime == run.snapshots[batch.lastSeq], "seed \(seed), at \(batch.recorded)")
    }
    // An agenda version admits everything up to its publication.
    for (seq, snapshot) in run.snapshots.enumerated() {
      guard let snapshot, let p = snapshot.publications.last, p.meta.seq == seq else { continue }
      #expect(
        try store.planner.load("v", at: .published(p.version)).visit == snapshot,
        "seed \(seed), v:\(p.version)")
    }

    // (d) --as-of seq:N equals the projection of a store that holds only the first N events: its
    // file cut after line N, at the end of a batch (a store cut inside a batch answers from the
    // batch before, by design).
    let lines = try Data(contentsOf: URL(fileURLWithPath: store.planner.store.location(of: "v")))
      .split(separator: 0x0A, omittingEmptySubsequences: false)
    let step = max(1, run.batches.count / 12)
    for batch in run.batches.enumerated().filter({ $0.offset % step == 0 }).map(\.element) {
      let n = batch.lastSeq
      let prefix = try TemporaryStore()
      defer { prefix.remove() }
      var bytes = Data()
      for line in lines.prefix(n) { bytes += line + [0x0A] }
      try bytes.write(to: URL(fileURLWithPath: prefix.planner.store.location(of: "v")))
      // The personal values the lines commit to live in the vault: the cut store keeps it whole
      // (entries no line refers to are ignored).
      try FileManager.default.copyItem(
        atPath: store.directory + "/.vault", toPath: prefix.directory + "/.vault")
      let short = try prefix.planner.load("v")
      #expect(short.warnings.isEmpty)
      let asOf = try store.planner.load("v", at: .seq(n))
      #expect(short.visit == asOf.visit, "seed \(seed), seq:\(n)")
      #expect(short.head == asOf.head, "seed \(seed), seq:\(n)")
      #expect(Projections(short.visit) == Projections(asOf.visit), "seed \(seed), seq:\(n)")
    }

    // (c) The read side agrees.
    #expect(Projections(loaded.visit) == Projections(model), "seed \(seed)")
    Self.checkInvariants(model, seed: seed)
  }

  /// The record the store would hold for `event`, as a reader gets it back: payload (and sealed
  /// personal values, from the vault) through canonical JSON and the parser.
  static func record(_ event: Event, meta: EventMeta) throws -> EventRecord {
    let new = try EventCodec.newEvent(event, actor: meta.actor, reason: meta.reason)
    func reparsed(_ o: [String: JSONValue]) throws -> [String: JSONValue] {
      try #require(try JSONParser.parse(CanonicalJSON.encode(.object(o))).objectValue)
    }
    var r = EventRecord(
      seq: meta.seq, id: "e\(meta.seq)", type: new.type, version: new.version, recorded: meta.recorded,
      actor: meta.actor, reason: meta.reason, data: try reparsed(new.data), prev: "")
    r.unsealed = try reparsed(new.sealed.mapValues(\.value))
    #expect(
      new.type != "AttendeeRegistered" || (new.data["personal"] == nil && r.unsealed["personal"] != nil))
    return r
  }

  @Test(
    "random valid command sequences replay through the codec to the same visit", arguments: 0..<codecChunks)
  func replayThroughTheCodec(chunk: Int) throws {
    var totals = (accepted: 0, refused: 0)
    var kinds = Set<String>()
    var refusedRules = Set<String>()
    for index in stride(from: chunk, to: Self.codecSequences, by: Self.codecChunks) {
      let seed = Self.seed(1000 + index)
      var generator = CommandGenerator(rng: SplitMix64(seed: seed))
      let target = generator.rng.int(30...80)
      var model: Visit?
      var replayed: Visit?
      var seq = 0
      var accepted = 0
      var attempts = 0
      while accepted < target, attempts < target * 4 {
        attempts += 1
        let command = model.map { generator.next(for: $0) } ?? generator.schedule()
        let events: [Event]
        do throws(PlanningError) {
          events = try Decide.decide(command, visit: "v", state: model)
        } catch {
          totals.refused += 1
          if case .rule(let rule, _, _) = error { refusedRules.insert(rule.rawValue) }
          continue
        }
        accepted += 1
        let recorded = Timestamp(milliseconds: 1_650_000_000_000 + Int64(attempts) * 1000)
        let actor = generator.rng.pick(["anna", "jan"])
        let reason = generator.rng.chance(30) ? generator.text() : nil
        for event in events {
          seq += 1
          kinds.insert(event.typeName)
          let meta = EventMeta(seq: seq, recorded: recorded, actor: actor, reason: reason)
          if model == nil {
            model = Visit.start(id: "v", with: event, meta: meta)
          } else {
            model?.apply(event, meta: meta)
          }
          try Planner.fold(&replayed, try Self.record(event, meta: meta), visit: "v")
          #expect(replayed == model, "seed \(seed), seq \(seq), \(event)")
        }
      }
      totals.accepted += accepted
      let v = try #require(model)
      #expect(Projections(try #require(replayed)) == Projections(v), "seed \(seed)")
      Self.checkInvariants(v, seed: seed)
    }
    // The generator must do real work, with some refusals, or the property says little.
    let sequencesInChunk = (Self.codecSequences - chunk + Self.codecChunks - 1) / Self.codecChunks
    #expect(totals.accepted >= sequencesInChunk * 30)
    #expect(
      kinds == Set(EventRegistry.types.map { $0.eventType }), "event types never produced in chunk \(chunk)")
    #expect(
      refusedRules.isSuperset(of: [
        "unique-id", "within-visit", "already-assigned", "already-done", "visit-cancelled",
      ]),
      "rules never met in chunk \(chunk): \(refusedRules)")
  }

  @Test func generatorIsDeterministic() {
    var a = SplitMix64(seed: 42)
    var b = SplitMix64(seed: 42)
    let xs = (0..<5).map { _ in a.next() }
    #expect(xs == (0..<5).map { _ in b.next() })
    #expect(Set(xs).count == 5)
    // The reference value of SplitMix64 for seed 0.
    var zero = SplitMix64(seed: 0)
    #expect(zero.next() == 0xE220_A839_7B1D_CDAF)
  }
}
