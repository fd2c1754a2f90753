import EventLog
import Foundation
import Planning
import TestSupport

/// The injection matrix: payloads × free-text fields × outputs. One store holds every payload the
/// commands accept in every field, put in through the commands, and every output must show each
/// safely. What they refuse (and what no argument can carry, NUL) is forged straight into the
/// streams of a second store with a valid hash chain: every read must refuse such a record at its
/// line, as the command refused the value, with a message that shows it safely. Each stored value is `payload + " " + marker`, the marker
/// (`ZQ07F12QZ`: payload 7, field 12) being letters and digits that every format leaves alone, so a
/// check can find each value in an output and compare what precedes the marker with the payload
/// as that format must render it.
enum InjectionMatrix {
  struct Payload: Sendable {
    var name: String
    var text: String
  }

  static let payloads: [Payload] = [
    Payload(name: "script", text: "<script>alert(1)</script>"),
    Payload(name: "double-quote", text: "\" onmouseover=\"x"),
    Payload(name: "single-quote", text: "' onmouseover='x"),
    Payload(name: "entity", text: "&amp; &lt;b&gt;"),
    Payload(name: "ampersand", text: "Tom & Jerry"),
    Payload(name: "CR", text: "a\rb"),
    Payload(name: "LF", text: "a\nb"),
    Payload(name: "CRLF", text: "a\r\nb"),
    Payload(name: "ANSI", text: "\u{1B}[31mred\u{1B}[0m"),
    Payload(name: "OSC-title", text: "\u{1B}]0;title\u{07}t"),
    Payload(name: "OSC-8-link", text: "\u{1B}]8;;http://evil\u{1B}\\click\u{1B}]8;;\u{1B}\\"),
    Payload(name: "RLO", text: "abc\u{202E}fed"),
    Payload(name: "isolates", text: "\u{2066}a\u{2067}b\u{2068}c\u{2069}d"),
    Payload(name: "bidi-marks", text: "x\u{200E}y\u{200F}z\u{061C}w"),
    Payload(name: "LS", text: "a\u{2028}b"),
    Payload(name: "PS", text: "a\u{2029}b"),
    Payload(name: "NUL", text: "a\u{0}b"),
    Payload(name: "DEL", text: "a\u{7F}b"),
    Payload(name: "NEL", text: "a\u{85}b"),
    Payload(name: "CSI", text: "a\u{9B}31mb"),
    Payload(name: "formula-equals", text: "=HYPERLINK(\"http://x\";\"y\")"),
    Payload(name: "formula-plus", text: "+1"),
    Payload(name: "formula-minus", text: "-2+3"),
    Payload(name: "formula-at", text: "@SUM(A1)"),
    Payload(name: "formula-tab", text: "\t=1"),
    Payload(name: "formula-CR", text: "\r=1"),
    Payload(name: "markdown-lines", text: "x\n# Heading\n- item\n> quote [l](http://e) `c` *b*"),
  ]

  /// Every free-text field a command stores. `w`: a visit's own fields, one visit `wNN` per
  /// payload; the others live in the main visit `m`, one site, person, appointment… per payload.
  enum Field: String, CaseIterable, Sendable {
    case visitTitle, visitTitleDe, partner, program, topic, organizer
    case siteName, siteOrganization, siteAddress, siteNote
    case apptTitle, apptTitleDe, apptHost, apptNote, apptInternalNote
    case personName, personFunction, personOrganization, personDiet, personAccess, personEmail, personPhone
    case mouTitle, mouSignatory, mouPlace, mouCommitment
    case taskTitle, taskOwner
    case noteText, noteInternal
    case travelNumber, travelFrom, travelTo, travelPickup, travelNote
    case giftDescription, giftFrom, giftTo, giftDisposition
    case publishNote
    case reason, actor

    var index: Int { Field.allCases.firstIndex(of: self) ?? 0 }

    /// The option that carries the field on the command line.
    var flag: String {
      switch self {
      case .visitTitle, .apptTitle, .mouTitle, .taskTitle: return "--title"
      case .visitTitleDe, .apptTitleDe: return "--title-de"
      case .partner: return "--partner"
      case .program: return "--program"
      case .topic: return "--topic"
      case .organizer: return "--organizer"
      case .siteName, .personName: return "--name"
      case .siteOrganization, .personOrganization: return "--organization"
      case .siteAddress: return "--address"
      case .siteNote, .apptNote, .travelNote, .publishNote: return "--note"
      case .apptHost: return "--host"
      case .apptInternalNote: return "--internal-note"
      case .personFunction: return "--function"
      case .personDiet: return "--diet"
      case .personAccess: return "--access"
      case .personEmail: return "--email"
      case .personPhone: return "--phone"
      case .mouSignatory: return "--signatory"
      case .mouPlace: return "--place"
      case .mouCommitment: return "--commitment"
      case .taskOwner: return "--owner"
      case .noteText, .noteInternal: return "--text"
      case .travelNumber: return "--number"
      case .travelFrom, .giftFrom: return "--from"
      case .travelTo, .giftTo: return "--to"
      case .travelPickup: return "--pickup"
      case .giftDescription: return "--description"
      case .giftDisposition: return "--disposition"
      case .reason: return "--reason"
      case .actor: return "--actor"
      }
    }
  }

  /// What the command line does with a payload in a field.
  enum Entry: Equatable, CustomStringConvertible {
    case accepted
    /// Refused with this exit code, nothing written.
    case refused(Int32)
    /// An argument cannot hold it at all (NUL): only a forged record brings it in.
    case noArgument

    var description: String {
      switch self {
      case .accepted: return "accepted"
      case .refused(let code): return "refused (\(code))"
      case .noArgument: return "not an argument"
      }
    }
  }

  /// The documented rule: text values and `--reason` take no control character but tab and line
  /// feed (a value 65, rule `text`; the reason 64); `--actor` takes none at all (64).
  static func entry(_ p: Payload, _ f: Field) -> Entry {
    if p.text.unicodeScalars.contains("\u{0}") { return .noArgument }
    let control = p.text.unicodeScalars.filter { $0.properties.generalCategory == .control }
    switch f {
    case .actor: return control.isEmpty ? .accepted : .refused(64)
    case .reason: return control.allSatisfy { $0 == "\n" || $0 == "\t" } ? .accepted : .refused(64)
    default: return control.allSatisfy { $0 == "\n" || $0 == "\t" } ? .accepted : .refused(65)
    }
  }

  static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
  static func marker(_ p: Int, _ f: Field) -> String { "ZQ\(two(p))F\(two(f.index))QZ" }
  static func value(_ p: Int, _ f: Field) -> String { payloads[p].text + " " + marker(p, f) }

  /// Whether every field of payload `p` but the actor goes in through the commands.
  static func viaCommands(_ p: Int) -> Bool {
    Field.allCases.allSatisfy { $0 == .actor || entry(payloads[p], $0) == .accepted }
  }

  /// The payloads the main store holds (through the commands) and every output shows.
  static let readable = payloads.indices.filter(viaCommands)
  /// The payloads only a forged record brings in: in the store of `forged`, refused by every read.
  static let forgedOnly = payloads.indices.filter { !viaCommands($0) }

  static func day(_ p: Int) -> String { "2022-05-0\(2 + p % 5)" }
  static func hour(_ p: Int) -> String { two(8 + p / 5) }

  // MARK: Expected renderings

  /// What a terminal must never receive from data: C0 controls but line feed, DEL, C1, the
  /// bidirectional controls, and the line and paragraph separators.
  static func unsafeForTerminal(_ u: Unicode.Scalar) -> Bool {
    let v = u.value
    return (v < 0x20 && v != 0x0A) || (0x7F...0x9F).contains(v) || u.properties.isBidiControl
      || v == 0x2028 || v == 0x2029
  }

  /// The reference of `terminalSafe`: every unsafe scalar (and line feed) as a space.
  static func terminal(_ s: String) -> String {
    String(String.UnicodeScalarView(s.unicodeScalars.map { unsafeForTerminal($0) || $0 == "\n" ? " " : $0 }))
  }

  /// The reference of `markdownSafe`.
  static func markdown(_ s: String) -> String {
    var out = ""
    for c in terminal(s).unicodeScalars {
      if "\\`*_{}[]()<>#+-.!|&".unicodeScalars.contains(c) { out += "\\" }
      out.unicodeScalars.append(c)
    }
    return out
  }

  /// HTML text as the pages must write it: terminal-safe, then `& < > " '` as entities.
  static func html(_ s: String) -> String {
    var out = ""
    for c in terminal(s).unicodeScalars {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.unicodeScalars.append(c)
      }
    }
    return out
  }

  /// An iCalendar TEXT value as a client reads it back: control characters but line feed removed.
  static func calendarText(_ s: String) -> String {
    String(
      String.UnicodeScalarView(
        s.unicodeScalars.filter { u in
          let v = u.value
          return u == "\n" || !(v < 0x20 || (0x7F...0x9F).contains(v))
        }))
  }

  /// The last line of a value: agendas and pages break notes into lines at CR, LF and CRLF.
  static func lastLine(_ s: String) -> String {
    guard let i = s.unicodeScalars.lastIndex(where: { $0 == "\n" || $0 == "\r" }) else { return s }
    return String(s.unicodeScalars[s.unicodeScalars.index(after: i)...])
  }

  // MARK: Finding values

  /// Every marker in `text` with the UTF-8 bytes before it, as `(payload, field, prefix)`.
  static func occurrences(in text: String) -> [(p: Int, f: Field, before: [UInt8])] {
    let bytes = Array(text.utf8)
    var found: [(Int, Field, [UInt8])] = []
    var i = 0
    // "ZQ" dd "F" dd "QZ": 9 bytes.
    while i + 9 <= bytes.count {
      if bytes[i] == 0x5A, bytes[i + 1] == 0x51, bytes[i + 4] == 0x46, bytes[i + 7] == 0x51,
        bytes[i + 8] == 0x5A,
        let p = Int(String(decoding: bytes[(i + 2)..<(i + 4)], as: UTF8.self)),
        let f = Int(String(decoding: bytes[(i + 5)..<(i + 7)], as: UTF8.self)),
        p < payloads.count, f < Field.allCases.count
      {
        found.append((p, Field.allCases[f], Array(bytes[max(0, i - 400)..<i])))
        i += 9
      } else {
        i += 1
      }
    }
    return found
  }

  static func ends(_ before: [UInt8], with expected: String) -> Bool {
    let e = Array(expected.utf8)
    return before.count >= e.count && Array(before.suffix(e.count)) == e
  }

  // MARK: The store

  /// The store every output is read from, built once.
  static let store: Result<CLIStore, any Error> = Result { try build() }

  static let now = "2022-05-03T09:00:00.000Z"
  static let nowMilliseconds: Int64 = 1_651_568_400_000

  static func run(_ s: CLIStore, _ args: [String]) throws {
    let r = try s.run(args, environment: ["VISITS_NOW": now])
    guard r.code == 0 else { throw CLIFailure(args: args, result: r) }
  }

  private static func build() throws -> CLIStore {
    let s = CLIStore()
    try run(
      s, ["schedule", "m", "--title", "Main", "--partner", "P", "--from", "2022-05-02", "--to", "2022-05-06"])
    try run(
      s,
      [
        "add-appointment", "m", "all", "--title", "All", "--kind", "reception", "--start", "2022-05-02T18:00",
        "--end", "2022-05-02T19:00",
      ])
    let commanded = payloads.indices.filter(viaCommands)
    for p in commanded {
      let actor = entry(payloads[p], .actor) == .accepted ? value(p, .actor) : "tester"
      for args in commands(p) {
        try run(s, ["--actor", actor, "--reason", value(p, .reason)] + args)
      }
    }
    try run(s, ["assign", "m", "all"] + commanded.map { "p\(two($0))" })

    let log = FileEventStore(
      directory: s.directory, clock: { Timestamp(milliseconds: nowMilliseconds) },
      makeID: { _, _ in UUID().uuidString.lowercased() })
    for p in payloads.indices {
      if viaCommands(p) {
        // Only the actor was refused: a note by that actor brings it in.
        if entry(payloads[p], .actor) != .accepted {
          _ = try log.append(
            to: "m",
            [
              try EventCodec.newEvent(
                .noteAdded(NoteAdded(text: "by actor \(p)")), actor: value(p, .actor),
                reason: value(p, .reason))
            ])
        }
        continue
      }
    }
    return s
  }

  /// The store of forged records, with one visit `fNN` per payload only they bring in: a sound
  /// `VisitScheduled`, then the events the commands would record with the payload in every field
  /// (refused at line 2, the first of them); and a visit `wNN` whose `VisitScheduled` has it
  /// (refused at line 1).
  static let forged: Result<CLIStore, any Error> = Result {
    let s = CLIStore()
    let log = FileEventStore(
      directory: s.directory, clock: { Timestamp(milliseconds: nowMilliseconds) },
      makeID: { _, _ in UUID().uuidString.lowercased() })
    for p in forgedOnly {
      let sound = VisitScheduled(
        title: "F", partner: "P", from: LocalDate(year: 2022, month: 5, day: 2),
        to: LocalDate(year: 2022, month: 5, day: 6))
      _ = try log.append(
        to: "f\(two(p))", [try EventCodec.newEvent(.visitScheduled(sound), actor: "forger", reason: nil)])
      _ = try log.append(
        to: "f\(two(p))",
        try forgedEvents(p, publication: 1).map {
          try EventCodec.newEvent($0, actor: value(p, .actor), reason: value(p, .reason))
        })
      _ = try log.append(
        to: "w\(two(p))",
        [try EventCodec.newEvent(.visitScheduled(visitScheduled(p)), actor: "forger", reason: nil)])
    }
    return s
  }

  /// The commands that put payload `p` into every field.
  static func commands(_ p: Int) -> [[String]] {
    let id = two(p)
    func v(_ f: Field) -> [String] { [f.flag, value(p, f)] }
    return [
      ["add-site", "m", "s\(id)"] + v(.siteName) + v(.siteOrganization) + v(.siteAddress) + v(.siteNote),
      ["add-attendee", "m", "p\(id)", "--side", "staff"] + v(.personName) + v(.personFunction)
        + v(.personOrganization) + v(.personDiet) + v(.personAccess) + v(.personEmail) + v(.personPhone),
      [
        "add-appointment", "m", "a\(id)", "--start", "\(day(p))T\(hour(p)):00", "--end",
        "\(day(p))T\(hour(p)):45",
        "--site", "s\(id)", "--kind", "site-visit",
      ] + v(.apptTitle) + v(.apptTitleDe) + v(.apptHost) + v(.apptNote) + v(.apptInternalNote),
      ["sign-mou", "m", "mo\(id)", "--date", "2022-05-03"] + v(.mouTitle) + v(.mouSignatory) + v(.mouPlace)
        + v(.mouCommitment),
      ["add-task", "m", "t\(id)", "--due", "2022-05-08"] + v(.taskTitle) + v(.taskOwner),
      ["note", "m"] + v(.noteText),
      ["note", "m", "--internal"] + v(.noteInternal),
      [
        "add-travel", "m", "r\(id)", "--person", "p\(id)", "--direction", "arrival", "--at",
        "\(day(p))T07:00",
        "--mode", "train",
      ] + v(.travelNumber) + v(.travelFrom) + v(.travelTo) + v(.travelPickup) + v(.travelNote),
      ["record-gift", "m", "g\(id)", "--direction", "given", "--value", "10"] + v(.giftDescription)
        + v(.giftFrom)
        + v(.giftTo) + v(.giftDisposition),
      ["publish", "m"] + v(.publishNote),
      ["schedule", "w\(id)", "--from", "2022-05-02", "--to", "2022-05-06"] + v(.visitTitle) + v(.visitTitleDe)
        + v(.partner) + v(.program) + v(.topic) + v(.organizer),
    ]
  }

  static func visitScheduled(_ p: Int) -> VisitScheduled {
    VisitScheduled(
      title: value(p, .visitTitle), partner: value(p, .partner),
      from: LocalDate(year: 2022, month: 5, day: 2),
      to: LocalDate(year: 2022, month: 5, day: 6), program: value(p, .program), topics: [value(p, .topic)],
      organizers: [value(p, .organizer)], titleDe: value(p, .visitTitleDe))
  }

  /// The events the commands would record for payload `p`, had they accepted it.
  static func forgedEvents(_ p: Int, publication: Int) throws -> [Event] {
    let id = two(p)
    func v(_ f: Field) -> String { value(p, f) }
    guard let date = LocalDate(day(p)), let start = LocalDateTime("\(day(p))T\(hour(p)):00"),
      let end = LocalDateTime("\(day(p))T\(hour(p)):45"), let arrival = LocalDateTime("\(day(p))T07:00")
    else {
      throw CLIFailure(args: ["forge", id], result: CLIStore.Result(code: 0, out: "", err: "bad time"))
    }
    return [
      .siteAdded(
        SiteAdded(
          site: "s\(id)", name: v(.siteName), organization: v(.siteOrganization), address: v(.siteAddress),
          note: v(.siteNote))),
      .attendeeRegistered(
        AttendeeRegistered(
          person: "p\(id)", side: .staff,
          personal: PersonalData(
            name: v(.personName), function: v(.personFunction), organization: v(.personOrganization),
            email: v(.personEmail), phone: v(.personPhone), diet: v(.personDiet), access: v(.personAccess)))),
      .appointmentScheduled(
        AppointmentScheduled(
          appointment: "a\(id)", title: v(.apptTitle), kind: .siteVisit, start: start, end: end,
          timezone: "Europe/Berlin", site: "s\(id)", hosts: [v(.apptHost)], note: v(.apptNote),
          titleDe: v(.apptTitleDe), internalNote: v(.apptInternalNote))),
      .attendeeAssigned(AttendeeAssigned(appointment: "all", person: "p\(id)")),
      .mouSigned(
        MouSigned(
          mou: "mo\(id)", title: v(.mouTitle), signatories: [v(.mouSignatory)],
          date: LocalDate(year: 2022, month: 5, day: 3), place: v(.mouPlace), commitments: [v(.mouCommitment)]
        )),
      .taskAdded(
        TaskAdded(
          task: "t\(id)", title: v(.taskTitle), owner: v(.taskOwner), due: date.adding(days: 6 - p % 5))),
      .noteAdded(NoteAdded(text: v(.noteText))),
      .noteAdded(NoteAdded(text: v(.noteInternal), internal: true)),
      .travelAdded(
        TravelAdded(
          travel: "r\(id)", persons: ["p\(id)"], direction: .arrival, at: arrival, mode: .train,
          number: v(.travelNumber), from: v(.travelFrom), to: v(.travelTo), pickup: v(.travelPickup),
          note: v(.travelNote))),
      .giftRecorded(
        GiftRecorded(
          gift: "g\(id)", description: v(.giftDescription), direction: .given, from: v(.giftFrom),
          to: v(.giftTo), value: 1000, disposition: v(.giftDisposition))),
      .agendaPublished(AgendaPublished(version: publication, note: v(.publishNote))),
    ]
  }
}
