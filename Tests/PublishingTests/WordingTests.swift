import EventLog
import Planning
import Testing

@testable import Publishing

@Suite("Every typed label and phrase has its text in English and German")
struct WordingTests {
  /// Keys whose text is empty on purpose, as "Type.case language".
  static let intentionallyEmpty: Set<String> = ["AgendaLabel.oClock en"]

  /// Keys whose word is the same in both languages.
  static let sameInBothLanguages: Set<String> = [
    "Label.partner", "Label.sideDelegation", "AgendaLabel.partner", "AgendaLabel.version", "AgendaLabel.name",
    "AgendaLabel.organization", "ExportLabel.name", "ExportLabel.organization", "ExportLabel.status",
  ]

  static var allKeys: [String] {
    Label.allCases.map(name) + AgendaLabel.allCases.map(name) + ExportLabel.allCases.map(name)
      + AuditLabel.allCases.map(name) + FieldLabel.allCases.map(name)
  }

  static func name(_ key: some Wording) -> String { "\(type(of: key)).\(key)" }

  /// Non-empty in both languages (unless listed as empty), and German differs from English
  /// (unless listed as the same word).
  func check(_ key: some Wording) {
    let name = Self.name(key)
    for language in Language.allCases {
      let text = key.text(language)
      if Self.intentionallyEmpty.contains("\(name) \(language)") {
        #expect(text.isEmpty, "\(name) should be empty in \(language)")
      } else {
        #expect(!text.isEmpty, "\(name) has no text in \(language)")
      }
    }
    let (en, de) = key.wording
    if Self.sameInBothLanguages.contains(name) {
      #expect(de == en, "\(name) is listed as the same word in both languages")
    } else {
      #expect(de != en, "\(name) is the same in German as in English: '\(en)'")
    }
  }

  @Test(arguments: Label.allCases) func label(_ key: Label) { check(key) }
  @Test(arguments: AgendaLabel.allCases) func agendaLabel(_ key: AgendaLabel) { check(key) }
  @Test(arguments: ExportLabel.allCases) func exportLabel(_ key: ExportLabel) { check(key) }
  @Test(arguments: AuditLabel.allCases) func auditLabel(_ key: AuditLabel) { check(key) }
  @Test(arguments: FieldLabel.allCases) func fieldLabel(_ key: FieldLabel) { check(key) }

  @Test("audit fields: English is the name the event gives, German a word; an unknown name stays")
  func fieldNames() {
    for key in FieldLabel.allCases { #expect(key.text(.en) == key.rawValue) }
    #expect(Labels(.de).field("status") == "Status" && Labels(.de).field("side") == "Seite")
    #expect(Labels(.de).field("no-such-field") == "no-such-field")
    #expect(Labels(.de).value("registered", of: "status") == "angemeldet")
    #expect(Labels(.de).value("interpreter", of: "side") == "Dolmetschende")
    #expect(Labels(.de).value("site-visit", of: "kind") == "Besichtigung")
    #expect(Labels(.de).value("2022-05-02", of: "due") == "02.05.2022")
    #expect(Labels(.de).value("2022-05-02T09:30", of: "start") == "02.05.2022, 09:30")
    #expect(Labels(.en).value("2022-05-02T09:30", of: "start") == "2022-05-02 09:30")
    #expect(Labels(.de).value("2022-05-02", of: "title") == "2022-05-02")
    #expect(Labels(.de).value("not-a-side", of: "side") == "not-a-side")
  }

  @Test("times of recording are wall-clock times in the visit's zone, or UTC and said so")
  func moments() {
    let t = Timestamp(milliseconds: 1_650_544_200_000)  // 2022-04-21T12:30:00Z
    #expect(Labels(.de).moment(t, in: "Europe/Berlin") == "21.04.2022, 14:30")
    #expect(Labels(.en).moment(t, in: "Europe/Berlin") == "2022-04-21 14:30")
    #expect(Labels(.de).moment(t, in: nil) == "21.04.2022, 12:30 UTC")
    #expect(Labels(.de).numeric(LocalDate(year: 2022, month: 5, day: 2)) == "02.05.2022")
  }

  @Test("the lists of exceptions name existing keys only")
  func exceptionsExist() {
    let keys = Set(Self.allKeys)
    for name in Self.sameInBothLanguages { #expect(keys.contains(name), "no key \(name)") }
    for entry in Self.intentionallyEmpty {
      #expect(keys.contains(String(entry.prefix { $0 != " " })), "no key \(entry)")
    }
  }

  @Test("\"o'clock\" is empty in English and \" Uhr\" in German")
  func oClock() {
    #expect(AgendaLabel.oClock.text(.en) == "")
    #expect(AgendaLabel.oClock.text(.de) == " Uhr")
  }

  @Test("each value of a domain enum has its own word")
  func domainWords() {
    #expect(Set(Side.allCases.map(Label.init)).count == Side.allCases.count)
    #expect(Set(AppointmentKind.allCases.map(Label.init)).count == AppointmentKind.allCases.count)
    #expect(Set(Direction.allCases.map(Label.init)).count == Direction.allCases.count)
    #expect(Set([VisitStatus.planned, .cancelled].map(Label.init)).count == 2)
    #expect(Set([TaskStatus.open, .done].map(Label.init)).count == 2)
    #expect(Set(ChangeKind.allCases.map(AgendaLabel.init)).count == ChangeKind.allCases.count)
  }

  @Test("the changed fields VisitDiff names are words; an unknown name is shown as it is")
  func fields() {
    let names = ["time", "title", "kind", "site", "hosts", "note", "attendees"]
    #expect(Set(names.compactMap(AgendaLabel.init(field:))).count == names.count)
    #expect(Labels(.de).fields(["time", "attendees"]) == "Zeit, Teilnehmende")
    #expect(Labels(.en).fields(["kind", "no-such-field"]) == "type, no-such-field")
  }

  // MARK: Phrases

  static let day = LocalDate(year: 2022, month: 5, day: 2)
  static let nine = LocalDateTime(date: day, minutes: 9 * 60)
  static let ten = LocalDateTime(date: day, minutes: 10 * 60)
  static let dates = DateRange(from: day, to: LocalDate(year: 2022, month: 5, day: 4))

  /// One example of every phrase; `ordinal` makes a new case fail to compile until it has one.
  static let phrases: [Phrase] = [
    .visitScheduled(title: "V", dates: dates), .visitRescheduled(from: dates, to: dates), .visitCancelled,
    .siteAdded("S"), .appointmentScheduled("A", start: nine, end: ten),
    .appointmentMoved("A", oldStart: nine, oldEnd: ten, start: nine, end: ten), .appointmentCancelled("A"),
    .attendeeRegistered(name: "P", side: .host), .attendeeWithdrawn(name: "P"),
    .attendeeAssigned(person: "P", appointment: "A"), .attendeeUnassigned(person: "P", appointment: "A"),
    .mouSigned("M", signatories: ["X", "Y"]), .taskAdded("T"), .taskAssigned("T", owner: "O"),
    .taskDueSet("T", due: day), .taskCompleted("T"), .taskReopened("T"),
    .noteAdded(excerpt: "N", internal: false),
    .agendaPublished(version: 2), .diffHeading(title: "V", from: "v:1", to: "now"),
    .doubleBooked(persons: "P", appointments: ["A", "B"]),
    .parallelSites(appointments: ["A", "B"], persons: "P"),
    .travelBuffer(minutes: 5, appointments: ["A", "B"], buffer: 15), .noDelegation(appointment: "A"),
    .personErased(person: "p1"), .streamIntact(stream: "v", events: 3, head: "ab"),
    .streamDamaged(stream: "v", problems: 1, readable: 2),
    .anchorConfirmed(
      stream: "v", anchor: "ab", seq: 2, recorded: Timestamp(milliseconds: 0), later: 1, head: "abc"),
    .noteAdded(excerpt: "N", internal: true), .visitUpdated,
    .siteUpdated("S"), .appointmentUpdated("A"), .attendeeUpdated(name: "P"), .taskRetitled("T", title: "U"),
    .mouPlanned("M", signatories: ["S"]), .interpreterNeeded(appointment: "A", persons: "P (tw), Q (de)"),
    .travelAdded(
      arrival: true, at: LocalDateTime(date: LocalDate(year: 2022, month: 5, day: 1), minutes: 600),
      persons: 2),
    .travelCancelled("t1"), .giftRecorded("Plate", given: true),
    .beforeArrival(appointment: "A", persons: "P"),
    .afterDeparture(appointment: "A", persons: "P"), .transferWithoutTravel(appointment: "A", persons: "P"),
  ]

  static func ordinal(_ p: Phrase) -> Int {
    switch p {
    case .visitScheduled: return 0
    case .visitRescheduled: return 1
    case .visitCancelled: return 2
    case .siteAdded: return 3
    case .appointmentScheduled: return 4
    case .appointmentMoved: return 5
    case .appointmentCancelled: return 6
    case .attendeeRegistered: return 7
    case .attendeeWithdrawn: return 8
    case .attendeeAssigned: return 9
    case .attendeeUnassigned: return 10
    case .mouSigned: return 11
    case .taskAdded: return 12
    case .taskAssigned: return 13
    case .taskDueSet: return 14
    case .taskCompleted: return 15
    case .taskReopened: return 16
    case .noteAdded: return 17
    case .agendaPublished: return 18
    case .diffHeading: return 19
    case .doubleBooked: return 20
    case .parallelSites: return 21
    case .travelBuffer: return 22
    case .noDelegation: return 23
    case .personErased: return 24
    case .streamIntact: return 25
    case .streamDamaged: return 26
    case .anchorConfirmed: return 27
    case .visitUpdated: return 28
    case .siteUpdated: return 29
    case .appointmentUpdated: return 30
    case .attendeeUpdated: return 31
    case .taskRetitled: return 32
    case .mouPlanned: return 33
    case .interpreterNeeded: return 34
    case .travelAdded: return 35
    case .travelCancelled: return 36
    case .giftRecorded: return 37
    case .beforeArrival: return 38
    case .afterDeparture: return 39
    case .transferWithoutTravel: return 40
    }
  }

  @Test("every phrase has an example")
  func everyPhrase() {
    #expect(Set(Self.phrases.map(Self.ordinal)) == Set(0...40))
    #expect(Self.phrases.count == 42)
  }

  @Test(arguments: phrases) func phrase(_ p: Phrase) {
    let (en, de) = p.wording
    #expect(!en.isEmpty)
    #expect(!de.isEmpty)
    #expect(en != de)
    #expect(p.text(.en) == en && p.text(.de) == de)
  }

  @Test("values are written out in the phrase's language")
  func phraseValues() {
    let moved = Phrase.appointmentMoved(
      "A", oldStart: Self.nine, oldEnd: Self.ten, start: Self.ten,
      end: LocalDateTime(date: Self.day, minutes: 660))
    #expect(moved.text(.en) == "moved 'A' from Mon 2 May 09:00–10:00 to 10:00–11:00")
    #expect(moved.text(.de) == "verschob „A“ von Mo. 2. Mai 09:00–10:00 auf 10:00–11:00")
    #expect(
      Phrase.attendeeRegistered(name: "P", side: .interpreter).text(.de) == "meldete P an (Dolmetschende)")
    #expect(
      Phrase.travelBuffer(minutes: 5, appointments: ["A", "B"], buffer: 15).text(.de).contains("A und B"))
  }
}
