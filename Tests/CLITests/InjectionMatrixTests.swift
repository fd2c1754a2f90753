import EventLog
import Foundation
import TestSupport
import Testing

/// One output of the matrix: how to get it, its format, and the fields it must show.
struct InjectionOutput: Sendable, CustomStringConvertible {
  enum Kind: Sendable { case text, markdown, json, jsonLines, html, calendar, csv }
  enum Request: Sendable {
    case cli([String])
    /// A GET of the web interface: path and query.
    case web(String, String)
  }

  var name: String
  var kind: Kind
  var requests: [Request]
  /// Fields every payload must show up in (a field seen for one payload must be seen for all).
  var fields: Set<InjectionMatrix.Field>
  /// For CSV: how many data rows (without the header), when known.
  var rows: Int? = nil
  /// Fields the output shows for some payloads only (a warning about some appointments, one
  /// appointment's history).
  var partial: Set<InjectionMatrix.Field> = []

  var description: String { name }

  /// The same command for every visit `wNN` (a visit's own fields live there).
  static func perVisit(_ args: (String) -> [String]) -> [Request] {
    InjectionMatrix.readable.map { .cli(args("w" + InjectionMatrix.two($0))) }
  }
  static func perVisitPage(_ path: (String) -> String, _ query: String = "") -> [Request] {
    InjectionMatrix.readable.map { .web(path("w" + InjectionMatrix.two($0)), query) }
  }
}

private let visitFields: Set<InjectionMatrix.Field> = [.visitTitle, .partner, .program, .topic, .organizer]
private let siteFields: Set<InjectionMatrix.Field> = [.siteName, .siteOrganization, .siteAddress, .siteNote]
private let personFields: Set<InjectionMatrix.Field> = [
  .personName, .personFunction, .personOrganization, .personDiet, .personAccess, .personEmail, .personPhone,
]
private let mouFields: Set<InjectionMatrix.Field> = [.mouTitle, .mouSignatory, .mouPlace, .mouCommitment]
private let travelFields: Set<InjectionMatrix.Field> = [
  .travelNumber, .travelFrom, .travelTo, .travelPickup, .travelNote,
]
private let giftFields: Set<InjectionMatrix.Field> = [.giftDescription, .giftFrom, .giftTo, .giftDisposition]
private let agendaFields: Set<InjectionMatrix.Field> = travelFields.union([
  .apptTitle, .siteName, .siteOrganization, .siteAddress, .apptHost, .personName, .apptNote,
  .apptInternalNote,
  .noteInternal, .personFunction, .personOrganization, .personPhone, .personEmail,
])
private let mainFields = Set(InjectionMatrix.Field.allCases).subtracting(visitFields).subtracting([
  .visitTitleDe
])
private let all = InjectionMatrix.readable.count

private let outputs: [InjectionOutput] = [
  // Terminal text.
  .init(name: "list", kind: .text, requests: [.cli(["list"])], fields: [.visitTitle, .partner]),
  .init(
    name: "show", kind: .text, requests: [.cli(["show", "m"])],
    fields: [.apptTitle, .mouTitle, .mouSignatory, .mouCommitment, .noteText, .noteInternal, .actor]),
  .init(
    name: "show wNN", kind: .text, requests: InjectionOutput.perVisit { ["show", $0] }, fields: visitFields),
  .init(
    name: "itinerary", kind: .text, requests: [.cli(["itinerary", "m", "--audience", "internal"])],
    fields: [.apptTitle, .siteName, .siteAddress, .apptHost, .personName, .apptNote, .apptInternalNote]),
  .init(
    name: "attendees", kind: .text, requests: [.cli(["attendees", "m"])],
    fields: [.personName, .personFunction, .personOrganization, .personDiet, .personAccess]),
  .init(
    name: "seating", kind: .text, requests: [.cli(["seating", "m", "all"])],
    fields: [.personName, .personFunction, .personOrganization]),
  .init(
    name: "transfers", kind: .text, requests: [.cli(["transfers", "m"])],
    fields: travelFields.union([.personName])),
  .init(name: "gifts", kind: .text, requests: [.cli(["gifts"])], fields: giftFields),
  .init(
    name: "tasks", kind: .text, requests: [.cli(["tasks", "--status", "all", "--today", "2022-05-10"])],
    fields: [.taskTitle, .taskOwner, .mouSignatory, .mouCommitment, .apptHost]),
  .init(
    name: "check", kind: .text, requests: [.cli(["check", "m"])], fields: [],
    partial: [.apptTitle, .personName]),
  .init(
    name: "audit", kind: .text, requests: [.cli(["audit"])],
    fields: Set(InjectionMatrix.Field.allCases).subtracting([.publishNote])),
  .init(
    name: "history", kind: .text,
    requests: [.cli(["history", "m", "a" + InjectionMatrix.two(InjectionMatrix.readable[0])])], fields: [],
    partial: Set(InjectionMatrix.Field.allCases)),
  .init(name: "log", kind: .text, requests: [.cli(["log", "m"])], fields: mainFields),
  .init(
    name: "diff", kind: .text, requests: [.cli(["diff", "m", "--from", "seq:2"])],
    fields: [.apptTitle, .siteName, .personName, .mouTitle, .taskTitle]),
  .init(
    name: "agenda", kind: .text, requests: [.cli(["agenda", "m", "--audience", "internal"])],
    fields: agendaFields),
  .init(
    name: "agenda de", kind: .text, requests: [.cli(["agenda", "m", "--lang", "de"])], fields: [.apptTitleDe]),
  .init(
    name: "agenda md", kind: .markdown,
    requests: [.cli(["agenda", "m", "--audience", "internal", "--format", "md"])],
    fields: agendaFields),
  .init(
    name: "agenda md wNN", kind: .markdown,
    requests: InjectionOutput.perVisit { ["agenda", $0, "--format", "md", "--lang", "de"] },
    fields: [.visitTitleDe, .partner, .program, .topic, .organizer]),
  .init(
    name: "itinerary md", kind: .markdown,
    requests: [.cli(["itinerary", "m", "--audience", "internal", "--format", "md"])],
    fields: [.apptTitle, .siteName, .siteAddress, .apptHost, .personName, .apptNote, .apptInternalNote]),
  // JSON.
  .init(
    name: "list json", kind: .json, requests: [.cli(["list", "--format", "json"])],
    fields: [.visitTitle, .partner]),
  .init(
    name: "show json", kind: .json, requests: [.cli(["show", "m", "--format", "json"])],
    fields: siteFields.union(mouFields).union([.noteText, .noteInternal, .publishNote, .actor])),
  .init(
    name: "itinerary json", kind: .json,
    requests: [.cli(["itinerary", "m", "--audience", "internal", "--format", "json"])],
    fields: [.apptTitle, .apptTitleDe, .siteName, .siteAddress, .apptHost, .apptNote, .apptInternalNote]),
  .init(
    name: "attendees json", kind: .json, requests: [.cli(["attendees", "m", "--format", "json"])],
    fields: personFields),
  .init(
    name: "tasks json", kind: .json,
    requests: [.cli(["tasks", "--status", "all", "--today", "2022-05-10", "--format", "json"])],
    fields: [.taskTitle, .taskOwner]),
  .init(
    name: "gifts json", kind: .json, requests: [.cli(["gifts", "--format", "json"])], fields: giftFields),
  .init(
    name: "audit json", kind: .json, requests: [.cli(["audit", "--format", "json"])],
    fields: Set(InjectionMatrix.Field.allCases).subtracting([.publishNote])),
  .init(
    name: "diff json", kind: .json, requests: [.cli(["diff", "m", "--from", "seq:2", "--format", "json"])],
    fields: [.apptTitle]),
  .init(
    name: "export", kind: .jsonLines, requests: [.cli(["export"])],
    fields: Set(InjectionMatrix.Field.allCases)),
  // HTML.
  .init(
    name: "agenda html", kind: .html,
    requests: [.cli(["agenda", "m", "--audience", "internal", "--format", "html"])],
    fields: agendaFields),
  .init(
    name: "agenda html wNN", kind: .html,
    requests: InjectionOutput.perVisit { ["agenda", $0, "--format", "html", "--lang", "de"] },
    fields: [.visitTitleDe, .partner, .program, .topic, .organizer]),
  .init(
    name: "seating html", kind: .html, requests: [.cli(["seating", "m", "all", "--format", "html"])],
    fields: [.personName, .personFunction, .personOrganization]),
  // iCalendar.
  .init(
    name: "calendar", kind: .calendar, requests: [.cli(["calendar", "m", "--audience", "internal"])],
    fields: [.apptTitle, .siteName, .siteAddress, .apptHost, .personName, .apptNote, .apptInternalNote]),
  .init(
    name: "calendar de", kind: .calendar, requests: [.cli(["calendar", "m", "--lang", "de"])],
    fields: [.apptTitleDe]),
  .init(
    name: "calendar wNN", kind: .calendar, requests: InjectionOutput.perVisit { ["calendar", $0] },
    fields: [.visitTitle]),
  // CSV.
  .init(
    name: "attendees csv", kind: .csv, requests: [.cli(["attendees", "m", "--format", "csv"])],
    fields: personFields, rows: all),
  .init(
    name: "seating csv", kind: .csv, requests: [.cli(["seating", "m", "all", "--format", "csv"])],
    fields: [.personName, .personFunction, .personOrganization], rows: all),
  .init(
    name: "transfers csv", kind: .csv, requests: [.cli(["transfers", "m", "--format", "csv"])],
    fields: travelFields.union([.personName]), rows: all),
  .init(
    name: "gifts csv", kind: .csv, requests: [.cli(["gifts", "--format", "csv"])], fields: giftFields,
    rows: all),
  .init(
    name: "tasks csv", kind: .csv,
    requests: [.cli(["tasks", "--status", "all", "--today", "2022-05-10", "--format", "csv"])],
    fields: [.taskTitle, .taskOwner, .mouSignatory, .mouCommitment, .apptHost]),
  .init(
    name: "audit csv", kind: .csv, requests: [.cli(["audit", "--format", "csv"])],
    fields: Set(InjectionMatrix.Field.allCases).subtracting([.publishNote])),
  .init(
    name: "history csv", kind: .csv,
    requests: [
      .cli(["history", "m", "a" + InjectionMatrix.two(InjectionMatrix.readable[0]), "--format", "csv"])
    ],
    fields: [], partial: Set(InjectionMatrix.Field.allCases)),
  // The web interface.
  .init(name: "web dashboard", kind: .html, requests: [.web("/", "")], fields: [.visitTitle, .partner]),
  .init(
    name: "web visit", kind: .html, requests: [.web("/m", "")],
    // The page shows places by name and address, MoUs by title, signatories and commitments.
    fields: mainFields.subtracting([
      .publishNote, .reason, .personDiet, .personAccess, .personEmail, .personPhone, .siteOrganization,
      .siteNote, .mouPlace,
    ])),
  .init(
    name: "web visit wNN", kind: .html, requests: InjectionOutput.perVisitPage { "/" + $0 },
    fields: [.visitTitle, .partner]),
  .init(
    name: "web agenda", kind: .html, requests: [.web("/m/agenda", "audience=internal")],
    fields: agendaFields),
  .init(
    name: "web audit", kind: .html, requests: [.web("/m/audit", "")],
    fields: mainFields.subtracting([.publishNote])),
  .init(
    name: "web diff", kind: .html, requests: [.web("/m/diff", "from=seq:2")], fields: [.apptTitle, .siteName]),
  .init(
    name: "web review", kind: .html, requests: [.web("/m/review", "")], fields: [],
    partial: [.apptTitle, .personName]),
  .init(
    name: "web attendees.csv", kind: .csv, requests: [.web("/m/attendees.csv", "")], fields: personFields,
    rows: all),
  .init(
    name: "web tasks.csv", kind: .csv, requests: [.web("/m/tasks.csv", "")], fields: [.taskTitle, .taskOwner]),
  .init(
    name: "web calendar.ics", kind: .calendar, requests: [.web("/m/calendar.ics", "audience=internal")],
    fields: [.apptTitle, .siteName, .apptNote, .apptInternalNote]),
]

/// The documents an output produced, and its standard error; each output runs once.
final class InjectionRuns: @unchecked Sendable {
  static let shared = InjectionRuns()
  private let lock = NSLock()
  private var done: [String: [(doc: String, err: String, status: Int32)]] = [:]

  func documents(_ o: InjectionOutput) throws -> [(doc: String, err: String, status: Int32)] {
    lock.lock()
    let cached = done[o.name]
    lock.unlock()
    if let cached { return cached }
    let s = try InjectionMatrix.store.get()
    var docs: [(String, String, Int32)] = []
    for r in o.requests {
      switch r {
      case .cli(let args):
        let out = try s.run(args, environment: ["VISITS_NOW": InjectionMatrix.now])
        docs.append((out.out, out.err, out.code))
      case .web(let path, let query):
        let page = try s.cgi("GET", path, query: query)
        docs.append((page.body, "", page.status == 200 ? 0 : Int32(page.status)))
      }
    }
    lock.lock()
    done[o.name] = docs
    lock.unlock()
    return docs
  }
}

@Suite("Injection matrix: every payload in every field through every output")
struct InjectionMatrixTests {
  // MARK: Ways in

  /// A benign command for `field` with the value in it, in a store with visit `g` and person `pp`.
  static func command(for field: InjectionMatrix.Field, _ value: String) -> [String] {
    let v = [field.flag, value]
    switch field {
    case .visitTitle, .visitTitleDe, .partner, .program, .topic, .organizer:
      var args = ["schedule", "x", "--from", "2022-05-02", "--to", "2022-05-04"]
      if field != .visitTitle { args += ["--title", "T"] }
      if field != .partner { args += ["--partner", "P"] }
      return args + v
    case .siteName, .siteOrganization, .siteAddress, .siteNote:
      return ["add-site", "g", "sx"] + (field == .siteName ? [] : ["--name", "N"]) + v
    case .apptTitle, .apptTitleDe, .apptHost, .apptNote, .apptInternalNote:
      return ["add-appointment", "g", "ax", "--start", "2022-05-02T10:00", "--end", "2022-05-02T11:00"]
        + (field == .apptTitle ? [] : ["--title", "T"]) + v
    case .personName, .personFunction, .personOrganization, .personDiet, .personAccess, .personEmail,
      .personPhone:
      return ["add-attendee", "g", "px"] + (field == .personName ? [] : ["--name", "N"]) + v
    case .mouTitle, .mouSignatory, .mouPlace, .mouCommitment:
      return ["sign-mou", "g", "mx"] + (field == .mouTitle ? [] : ["--title", "T"])
        + (field == .mouSignatory ? [] : ["--signatory", "S"]) + v
    case .taskTitle, .taskOwner:
      return ["add-task", "g", "tx"] + (field == .taskTitle ? [] : ["--title", "T"]) + v
    case .noteText: return ["note", "g"] + v
    case .noteInternal: return ["note", "g", "--internal"] + v
    case .travelNumber, .travelFrom, .travelTo, .travelPickup, .travelNote:
      return [
        "add-travel", "g", "rx", "--person", "pp", "--direction", "arrival", "--at", "2022-05-02T08:00",
      ] + v
    case .giftDescription, .giftFrom, .giftTo, .giftDisposition:
      var args = ["record-gift", "g", "gx", "--direction", "given"]
      if field != .giftDescription { args += ["--description", "D"] }
      if field != .giftFrom { args += ["--from", "F"] }
      if field != .giftTo { args += ["--to", "T"] }
      return args + v
    case .publishNote: return ["publish", "g"] + v
    case .reason, .actor: return ["note", "g", "--text", "x"] + v
    }
  }

  /// Every field for one payload of each kind of control character (CR, ESC, DEL, C1); for the
  /// others of the same kinds, one field of each command (each run is a process: time).
  static func refusalFields(_ p: InjectionMatrix.Payload) -> [InjectionMatrix.Field] {
    ["CR", "ANSI", "DEL", "NEL"].contains(p.name)
      ? InjectionMatrix.Field.allCases
      : [
        .visitTitle, .siteName, .apptTitle, .personName, .mouTitle, .taskTitle, .noteText, .noteInternal,
        .travelNumber, .giftDescription, .publishNote, .reason, .actor,
      ]
  }

  @Test(
    "a payload a command refuses: its exit code and one line naming the option, nothing written",
    arguments: InjectionMatrix.payloads.indices.filter { p in
      InjectionMatrix.Field.allCases.contains {
        InjectionMatrix.entry(InjectionMatrix.payloads[p], $0) != .accepted
      }
    })
  func refusals(_ p: Int) throws {
    let payload = InjectionMatrix.payloads[p]
    let s = CLIStore()
    try InjectionMatrix.run(
      s, ["schedule", "g", "--title", "G", "--partner", "P", "--from", "2022-05-02", "--to", "2022-05-04"])
    try InjectionMatrix.run(s, ["add-attendee", "g", "pp", "--name", "P"])
    let before = try s.snapshot(caches: true)
    for field in Self.refusalFields(payload) {
      guard case .refused(let code) = InjectionMatrix.entry(payload, field) else { continue }
      let args = Self.command(for: field, InjectionMatrix.value(p, field))
      let r = try s.run(args, environment: ["VISITS_NOW": InjectionMatrix.now])
      #expect(r.code == code, "\(payload.name) in \(field): exit \(r.code), \(r.err)")
      let lines = r.err.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
      #expect(
        lines.count == 1 && r.err.hasPrefix("visits: "),
        "\(payload.name) in \(field): \(r.err.debugDescription)")
      #expect(r.err.contains(field.flag), "\(payload.name) in \(field): \(r.err)")
      #expect(
        !r.err.unicodeScalars.contains { InjectionMatrix.unsafeForTerminal($0) },
        "\(payload.name) in \(field)")
      #expect(r.out.isEmpty, "\(payload.name) in \(field): \(r.out)")
    }
    #expect(try s.snapshot(caches: true) == before, "\(payload.name): a refused command changed the store")
  }

  @Test("which payloads the command line takes: the rule of docs/cli.md, field by field")
  func entries() {
    // Spelled out, so that a change of the rule shows here.
    let refusedEverywhere: Set<String> = [
      "CR", "CRLF", "ANSI", "OSC-title", "OSC-8-link", "DEL", "NEL", "CSI", "formula-CR",
    ]
    for (p, payload) in InjectionMatrix.payloads.enumerated() {
      for f in InjectionMatrix.Field.allCases {
        let expected: InjectionMatrix.Entry
        if payload.name == "NUL" {
          expected = .noArgument
        } else if refusedEverywhere.contains(payload.name) {
          expected = .refused(f == .reason || f == .actor ? 64 : 65)
        } else if f == .actor && ["LF", "formula-tab", "markdown-lines"].contains(payload.name) {
          expected = .refused(64)
        } else {
          expected = .accepted
        }
        #expect(InjectionMatrix.entry(payload, f) == expected, "\(payload.name) in \(f)")
      }
      // The main store holds it through the commands, or the store of forged records holds it.
      #expect(InjectionMatrix.readable.contains(p) != InjectionMatrix.forgedOnly.contains(p))
    }
  }

  // MARK: Forged records

  static let forgedReads: [[String]] = [
    ["show"], ["itinerary"], ["attendees"], ["agenda"], ["agenda", "--format", "html"], ["calendar"],
    ["tasks"], ["audit"], ["transfers"], ["gifts"], ["check"], ["verify"],
  ]

  @Test(
    "a forged record with a value its command refuses is refused at its line by every read, the message safe",
    arguments: InjectionMatrix.forgedOnly)
  func forgedRefused(_ p: Int) throws {
    let s = try InjectionMatrix.forged.get()
    let name = InjectionMatrix.payloads[p].name
    for (visit, line) in [("f" + InjectionMatrix.two(p), 2), ("w" + InjectionMatrix.two(p), 1)] {
      for read in Self.forgedReads {
        let r = try s.run([read[0], visit] + read.dropFirst())
        let what = "\(name): \(read.joined(separator: " ")) \(visit)"
        #expect(r.code == 65, "\(what): exit \(r.code)")
        #expect(r.err.contains("\(visit).jsonl:\(line): "), "\(what): \(r.err.debugDescription)")
        #expect(!r.err.unicodeScalars.contains(where: InjectionMatrix.unsafeForTerminal), "\(what)")
        #expect(!r.out.unicodeScalars.contains(where: InjectionMatrix.unsafeForTerminal), "\(what)")
        if read[0] != "verify" {
          #expect(r.err.split(separator: "\n").count == 1, "\(what): \(r.err.debugDescription)")
        }
      }
      // The raw log shows the record as stored, its values made safe for the terminal.
      let log = try s.run(["log", visit])
      #expect(!log.out.unicodeScalars.contains(where: InjectionMatrix.unsafeForTerminal), "\(name): log")
      #expect(!log.err.unicodeScalars.contains(where: InjectionMatrix.unsafeForTerminal), "\(name): log")
      let page = try s.cgi("GET", "/" + visit)
      #expect(page.status >= 400, "\(name): the page of \(visit) answers \(page.status)")
      #expect(!page.body.unicodeScalars.contains(where: InjectionMatrix.unsafeForTerminal), "\(name): page")
    }
  }

  // MARK: Ways out

  @Test("every payload comes out safely", arguments: outputs)
  func output(_ o: InjectionOutput) throws {
    let docs = try InjectionRuns.shared.documents(o)
    var seen: [InjectionMatrix.Field: Set<Int>] = [:]
    // Data formats carry the value exactly at least once (a catering summary trims it); rendered
    // formats render it safely wherever it appears.
    let exactOnce = [.json, .jsonLines, .csv].contains(o.kind)
    var exact: [InjectionMatrix.Field: Set<Int>] = [:]
    for (doc, err, status) in docs {
      #expect(status == 0, "\(o): exit \(status): \(err)")
      for line in err.split(separator: "\n") {
        #expect(line.hasPrefix("visits: "), "\(o): standard error \(line.debugDescription)")
      }
      #expect(
        !err.unicodeScalars.contains { InjectionMatrix.unsafeForTerminal($0) },
        "\(o): standard error \(err.debugDescription)")
      for (p, f, before) in try occurrences(o, doc) {
        seen[f, default: []].insert(p)
        let payload = InjectionMatrix.payloads[p].text
        let expected: String
        switch o.kind {
        case .text: expected = InjectionMatrix.terminal(InjectionMatrix.lastLine(payload))
        case .markdown: expected = InjectionMatrix.markdown(InjectionMatrix.lastLine(payload))
        case .html: expected = InjectionMatrix.html(InjectionMatrix.lastLine(payload))
        case .json, .jsonLines, .csv: expected = payload
        case .calendar: expected = InjectionMatrix.calendarText(payload)
        }
        let safe = InjectionMatrix.ends(before, with: expected + " ")
        if safe { exact[f, default: []].insert(p) }
        let shown = String(decoding: before.suffix(expected.utf8.count + 20), as: UTF8.self)
        #expect(
          safe || exactOnce,
          "\(o): \(InjectionMatrix.payloads[p].name) in \(f) came out as \(shown.debugDescription)")
      }
      try structure(o, doc)
    }
    for (f, payloads) in seen where exactOnce {
      let inexact = payloads.subtracting(exact[f] ?? [])
      #expect(
        inexact.isEmpty,
        "\(o): \(f) never exact for \(inexact.sorted().map { InjectionMatrix.payloads[$0].name })")
    }
    for f in o.fields.union(seen.keys).subtracting(o.partial) {
      let missing = Set(InjectionMatrix.readable).subtracting(seen[f] ?? [])
      #expect(
        missing.isEmpty,
        "\(o): \(f) missing for \(missing.sorted().map { InjectionMatrix.payloads[$0].name })")
    }
  }

  /// The values in a document, as the format carries them.
  func occurrences(_ o: InjectionOutput, _ doc: String) throws -> [(
    p: Int, f: InjectionMatrix.Field, before: [UInt8]
  )] {
    switch o.kind {
    case .text, .markdown, .calendar:
      // iCalendar unfolded and unescaped as written (the parsed form is checked by `parsed`).
      let text = o.kind == .calendar ? unescapeCalendar(doc.replacingOccurrences(of: "\r\n ", with: "")) : doc
      return InjectionMatrix.occurrences(in: text)
    case .html:
      // As written, but the stylesheet (its running header holds the title as a CSS string).
      return InjectionMatrix.occurrences(in: withoutStyle(doc).page)
    case .json, .jsonLines:
      let lines = o.kind == .json ? [doc] : doc.split(separator: "\n").map(String.init)
      var found: [(Int, InjectionMatrix.Field, [UInt8])] = []
      for line in lines {
        let value = try JSONSerialization.jsonObject(with: Data(line.utf8), options: [.fragmentsAllowed])
        for s in strings(value) { found += InjectionMatrix.occurrences(in: s) }
      }
      return found
    case .csv:
      return try csvCells(doc).flatMap { $0 }.flatMap { InjectionMatrix.occurrences(in: $0) }
    }
  }

  /// A page without its `<style>` element, and the element's content.
  func withoutStyle(_ doc: String) -> (page: String, style: String) {
    guard let open = doc.range(of: "<style>"),
      let close = doc.range(of: "</style>", range: open.upperBound..<doc.endIndex)
    else { return (doc, "") }
    return (
      String(doc[..<open.lowerBound] + doc[close.upperBound...]),
      String(doc[open.upperBound..<close.lowerBound])
    )
  }

  /// Every string in a parsed JSON value.
  func strings(_ v: Any) -> [String] {
    if let s = v as? String { return [s] }
    if let a = v as? [Any] { return a.flatMap(strings) }
    if let o = v as? [String: Any] { return o.values.flatMap(strings) + Array(o.keys) }
    return []
  }

  /// iCalendar TEXT unescaped: `\\`, `\;`, `\,`, `\n`.
  func unescapeCalendar(_ s: String) -> String {
    var out = String.UnicodeScalarView()
    var escape = false
    for u in s.unicodeScalars {
      if escape {
        out.append(u == "n" || u == "N" ? "\n" : u)
        escape = false
      } else if u == "\\" {
        escape = true
      } else {
        out.append(u)
      }
    }
    return String(out)
  }

  /// The format's own rules, on the raw document.
  func structure(_ o: InjectionOutput, _ doc: String) throws {
    switch o.kind {
    case .text, .html:
      let bad = Set(
        doc.unicodeScalars.filter(InjectionMatrix.unsafeForTerminal).map { String($0.value, radix: 16) })
      #expect(bad.isEmpty, "\(o): unsafe characters \(bad.sorted())")
      if o.kind == .html {
        #expect(!doc.lowercased().contains("<script"), "\(o): a <script> element")
        // Data in the stylesheet is a CSS string: it can end neither the string nor the element.
        #expect(!withoutStyle(doc).style.contains("<"), "\(o): markup in the stylesheet")
        #expect(
          !doc.contains("onmouseover=\"") && !doc.contains("onmouseover='"), "\(o): an attribute from data")
      }
    case .markdown:
      let bad = Set(
        doc.unicodeScalars.filter(InjectionMatrix.unsafeForTerminal).map { String($0.value, radix: 16) })
      #expect(bad.isEmpty, "\(o): unsafe characters \(bad.sorted())")
      // A value cannot start a line of its own: the payload's lines stay escaped.
      for line in doc.split(separator: "\n") {
        let t = line.drop { $0 == " " }
        for start in ["# Heading", "- item", "> quote"] {
          #expect(!t.hasPrefix(start), "\(o): a value started a Markdown line: \(line)")
        }
      }
    case .json, .jsonLines: break
    case .calendar:
      let lines = doc.components(separatedBy: "\r\n")
      #expect(lines.last == "", "\(o): the last line does not end in CRLF")
      for line in lines {
        #expect(line.utf8.count <= 75, "\(o): a line of \(line.utf8.count) octets")
        let bad = line.unicodeScalars.filter { ($0.value < 0x20) || (0x7F...0x9F).contains($0.value) }
        #expect(bad.isEmpty, "\(o): control characters \(bad.map { String($0.value, radix: 16) }) in \(line)")
      }
      let properties = Set(
        doc.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n").compactMap {
          $0.split(whereSeparator: { $0 == ":" || $0 == ";" }).first.map(String.init)
        })
      let known: Set<String> = [
        "BEGIN", "END", "VERSION", "PRODID", "CALSCALE", "X-WR-CALNAME", "TZID", "DTSTART", "TZOFFSETFROM",
        "TZOFFSETTO", "TZNAME", "UID", "DTSTAMP", "DTEND", "SUMMARY", "LOCATION", "DESCRIPTION", "CATEGORIES",
        "STATUS", "SEQUENCE",
      ]
      #expect(properties.subtracting(known).isEmpty, "\(o): properties \(properties.subtracting(known))")
    case .csv:
      let rows = try csvCells(doc)
      let width = rows.first?.count ?? 0
      for (i, row) in rows.enumerated() {
        #expect(row.count == width, "\(o): row \(i) has \(row.count) cells, the header \(width)")
        for cell in row {
          if let first = cell.unicodeScalars.first {
            #expect(
              !"=+-@\t\r".unicodeScalars.contains(first), "\(o): row \(i): a formula \(cell.debugDescription)"
            )
          }
        }
      }
      if let n = o.rows { #expect(rows.count == n + 1, "\(o): \(rows.count - 1) rows, not \(n)") }
    }
  }

  /// RFC 4180 cells, by a plain reference reader (Python's `csv` reads them too, in `parsed`).
  func csvCells(_ doc: String) throws -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var cell = String.UnicodeScalarView()
    var quoted = false
    var scalars = Array(doc.unicodeScalars)[...]
    while let u = scalars.popFirst() {
      if quoted {
        if u == "\"" {
          if scalars.first == "\"" {
            cell.append("\"")
            scalars.removeFirst()
          } else {
            quoted = false
          }
        } else {
          cell.append(u)
        }
      } else if u == "\"" && cell.isEmpty {
        quoted = true
      } else if u == "," {
        row.append(String(cell))
        cell = String.UnicodeScalarView()
      } else if u == "\r" && scalars.first == "\n" {
        scalars.removeFirst()
        row.append(String(cell))
        rows.append(row)
        row = []
        cell = String.UnicodeScalarView()
      } else {
        #expect(u != "\r" && u != "\n" && u != "\"", "a bare \(u.escaped(asASCII: true)) outside quotes")
        cell.append(u)
      }
    }
    #expect(row.isEmpty && cell.isEmpty && !quoted, "the CSV does not end with CRLF")
    return rows
  }
}

/// The documents as other programs read them: Python's `csv`, `html.parser` and `icalendar`.
@Suite("Injection matrix: read back by Python")
struct InjectionMatrixClientTests {
  static let reader = #"""
    import csv, json, re, sys
    from html.parser import HTMLParser

    class Page(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.tags, self.attrs, self.texts, self.data, self.style = [], [], [], '', False
        def flush(self):
            if self.data and not self.style: self.texts.append(self.data)
            self.data = ''
        def handle_starttag(self, tag, attrs):
            self.flush()
            self.tags.append(tag)
            self.style = tag == 'style'
            for name, value in attrs:
                self.attrs.append(name)
                if value: self.texts.append(value)
        def handle_endtag(self, tag):
            self.flush()
            self.style = False
        def handle_data(self, data): self.data += data

    def text(raw):
        return re.sub(r'\\([\\;,nN])', lambda m: '\n' if m.group(1) in 'nN' else m.group(1), raw)

    out = []
    kind = sys.argv[1]
    for path in sys.argv[2:]:
        if kind == 'csv':
            with open(path, newline='', encoding='utf-8') as f:
                out.append({'rows': list(csv.reader(f, strict=True))})
        elif kind == 'html':
            p = Page()
            with open(path, encoding='utf-8') as f:
                p.feed(f.read())
            p.close()
            p.flush()
            out.append({'tags': p.tags, 'attrs': p.attrs, 'texts': p.texts})
        else:
            import icalendar
            with open(path, 'rb') as f:
                cal = icalendar.Calendar.from_ical(f.read())
            components = [c.name for c in cal.walk()]
            events, texts = [], [text(str(cal.get('X-WR-CALNAME', '')))]
            for ev in cal.walk('VEVENT'):
                events.append(sorted(ev.keys()))
                for name in ('SUMMARY', 'LOCATION', 'DESCRIPTION'):
                    if name in ev: texts.append(str(ev[name]))
            errors = [str(e) for c in cal.walk() for e in getattr(c, 'errors', [])]
            out.append({'components': components, 'events': events, 'texts': texts, 'errors': errors})
    print(json.dumps(out))
    """#

  struct Read: Decodable {
    var rows: [[String]]?
    var tags: [String]?
    var attrs: [String]?
    var texts: [String]?
    var components: [String]?
    var events: [[String]]?
    var errors: [String]?
  }

  static let python = Tools.hasPythonModule("html.parser") && Tools.hasPythonModule("csv")

  func read(_ o: InjectionOutput, _ kind: String) throws -> [(Read, String)] {
    let docs = try InjectionRuns.shared.documents(o).map(\.doc)
    let paths = try docs.map { try Tools.temporaryFile($0, suffix: "." + kind) }
    defer { paths.forEach { try? FileManager.default.removeItem(atPath: $0) } }
    let r = try Tools.python(Self.reader, [kind] + paths)
    try #require(r.code == 0, "\(o): python: \(r.err)")
    let read = try JSONDecoder().decode([Read].self, from: Data(r.out.utf8))
    try #require(read.count == docs.count)
    return Array(zip(read, docs))
  }

  /// Every value in `texts` renders its payload as `expected` says, and every payload shows.
  func values(_ o: InjectionOutput, _ texts: [String], _ expected: (String) -> String) {
    var seen: [InjectionMatrix.Field: Set<Int>] = [:]
    for (p, f, before) in texts.flatMap({ InjectionMatrix.occurrences(in: $0) }) {
      seen[f, default: []].insert(p)
      let e = expected(InjectionMatrix.payloads[p].text)
      let shown = String(decoding: before.suffix(e.utf8.count + 20), as: UTF8.self)
      #expect(
        InjectionMatrix.ends(before, with: e + " "),
        "\(o): \(InjectionMatrix.payloads[p].name) in \(f) read as \(shown.debugDescription)"
      )
    }
    for f in o.fields.subtracting(o.partial) {
      let missing = Set(InjectionMatrix.readable).subtracting(seen[f] ?? [])
      #expect(
        missing.isEmpty,
        "\(o): \(f) missing for \(missing.sorted().map { InjectionMatrix.payloads[$0].name })")
    }
  }

  @Test(
    "Python's csv reads the rows our reader reads; html.parser finds no element or attribute from data",
    .enabled(if: python, "skipped: python3 is missing (needed to read CSV and HTML back)"),
    arguments: outputs.filter { $0.kind == .csv || $0.kind == .html })
  func csvAndHTML(_ o: InjectionOutput) throws {
    if o.kind == .csv {
      for (read, doc) in try read(o, "csv") {
        #expect(read.rows == (try InjectionMatrixTests().csvCells(doc)), "\(o): Python reads other rows")
      }
      return
    }
    var texts: [String] = []
    for (read, _) in try read(o, "html") {
      let tags = Set(read.tags ?? [])
      #expect(!tags.contains("script") && !tags.contains("b"), "\(o): elements \(tags.sorted())")
      let handlers = (read.attrs ?? []).filter { $0.hasPrefix("on") }
      #expect(handlers.isEmpty, "\(o): attributes \(handlers)")
      texts += read.texts ?? []
    }
    values(o, texts) { InjectionMatrix.terminal(InjectionMatrix.lastLine($0)) }
  }

  @Test(
    "Python's icalendar reads every value back, with no property or component from data",
    .enabled(if: Tools.hasPythonModule("icalendar"), "skipped: python3 module icalendar is missing"),
    arguments: outputs.filter { $0.kind == .calendar })
  func calendar(_ o: InjectionOutput) throws {
    var texts: [String] = []
    for (read, doc) in try read(o, "ics") {
      #expect(read.errors == [], "\(o): \(read.errors ?? [])")
      let components = Set(read.components ?? [])
      #expect(
        components.isSubset(of: ["VCALENDAR", "VTIMEZONE", "STANDARD", "DAYLIGHT", "VEVENT"]),
        "\(o): components \(components.sorted())")
      let events = read.events ?? []
      #expect(events.count == doc.components(separatedBy: "BEGIN:VEVENT").count - 1, "\(o)")
      let allowed: Set<String> = [
        "UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "LOCATION", "DESCRIPTION", "CATEGORIES", "STATUS",
        "SEQUENCE",
      ]
      for e in events { #expect(Set(e).isSubset(of: allowed), "\(o): properties \(e)") }
      texts += read.texts ?? []
    }
    values(o, texts, InjectionMatrix.calendarText)
  }
}
