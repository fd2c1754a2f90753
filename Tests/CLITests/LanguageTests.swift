import Foundation
import Testing

/// With `--lang de` every fixed word of every read command's output is German, with `--lang en`
/// English. Each read command and format runs against the sample store in `events/`; its
/// human-facing text must not contain a label word of the other language (whole words, case
/// matters).
///
/// What is not checked for words, and why:
/// - user content (titles, names, notes) is shown as entered: the word lists hold no word that
///   occurs in the sample store's content (`wordsAreNotContent` checks that);
/// - the follow-up task titles Planning derives ("Thank-you letter…") are not labels of
///   Publishing: the lists avoid their words;
/// - JSON: property names and enum values are the format, not words: the JSON outputs must be the
///   same in both languages, except the audit trail's `summary` sentences, which are checked;
/// - iCalendar: property names and values (`STATUS:CONFIRMED`, `PRODID`) are the format; the
///   `DESCRIPTION` labels and `CATEGORIES` are checked;
/// - HTML: tags, attributes and the style sheet are markup; the text between tags is checked;
/// - CSV: the data cells (ISO times, event types, ids) hold no listed word; all cells are checked.
@Suite("Every output in one language")
struct LanguageTests {
  /// A copy of the sample store with the modes a store has (a checkout's are wider, and `verify`
  /// would warn about them, in English: the store's own warnings are not translated).
  static let events: String = {
    let copy = NSTemporaryDirectory() + "visits-language-" + UUID().uuidString
    try? FileManager.default.copyItem(
      atPath: repositoryRoot.appendingPathComponent("events").path, toPath: copy)
    chmod(copy, 0o700)
    for name in (try? FileManager.default.subpathsOfDirectory(atPath: copy)) ?? [] {
      var isDirectory: ObjCBool = false
      _ = FileManager.default.fileExists(atPath: copy + "/" + name, isDirectory: &isDirectory)
      chmod(copy + "/" + name, isDirectory.boolValue ? 0o700 : 0o600)
    }
    return copy
  }()

  /// English label words: none may appear in German output.
  static let englishWords = [
    "as of event", "head", "registered", "withdrawn", "scheduled", "rescheduled", "owner", "due",
    "unassigned", "Monday", "Tuesday", "Wednesday", "Mon", "Attendees", "Appointments", "Dates",
    "Direction", "Topics", "Organised", "Notes", "Accessibility", "OVERDUE", "Overdue", "Hosts",
    "Interpreters", "Staff", "Contacts", "Phone", "why", "incoming", "outgoing", "planned", "done",
    "Title", "Side", "Diet", "Kind", "ok", "recorded", "summary", "previously",
    "cancelled", "now", "meal", "site visit", "Personal", "Place", "Thank-you", "countersigned",
    "Internal note",
  ]

  /// German label words: none may appear in English output.
  static let germanWords = [
    "Stand", "Ereignis", "Prüfsumme", "angemeldet", "abgemeldet", "zuständig", "fällig", "zugewiesen",
    "Montag", "Dienstag", "Mittwoch", "Mo", "Teilnehmende", "Termine", "Zeitraum", "Richtung", "Themen",
    "Notizen", "Barrierefreiheit", "Verpflegung", "ÜBERFÄLLIG", "Überfällig", "Gastgebende",
    "Dolmetschende", "Organisationsteam", "Ansprechpersonen", "Telefon", "warum", "eingehend", "geplant",
    "offen", "erledigt", "Titel", "Seite", "Art", "Ernährung", "Ordnung", "Ereignisse",
    "Erfasst", "Zusammenfassung", "Begründung", "bisher", "verschoben", "abgesagt", "jetzt", "Präsentation",
    "Besuchsprogramm", "Uhr", "Mai", "Beginn", "Dankschreiben", "Gegengezeichnete", "Interner Hinweis",
    "Kennung", "Ablauf",
  ]

  /// How an output is read for words.
  enum Kind: Sendable {
    case text, csv, html, calendar
    /// The same in both languages.
    case json
    /// JSON whose `summary` values are sentences in the language.
    case auditJSON
  }

  /// One read command in one format.
  struct Output: Sendable, CustomTestStringConvertible {
    var args: [String]
    var kind: Kind
    var testDescription: String { args.joined(separator: " ") }

    init(_ args: String, _ kind: Kind = .text) {
      self.args = args.split(separator: " ").map(String.init)
      self.kind = kind
    }
  }

  /// Every read command and every format it offers.
  static let outputs: [Output] = [
    Output("list"), Output("list --format json", .json),
    Output("show pittsburgh-2022"), Output("show icc-brussels-2023"),
    Output("show pittsburgh-2022 --format json", .json),
    Output("itinerary pittsburgh-2022"), Output("itinerary dortmund-in-pittsburgh-2022"),
    Output("itinerary pittsburgh-2022 --format json", .json),
    Output("itinerary pittsburgh-2022 --format md"),
    Output("attendees pittsburgh-2022"), Output("attendees pittsburgh-2022 --appointment reception"),
    Output("attendees pittsburgh-2022 --format json", .json),
    Output("attendees pittsburgh-2022 --format csv", .csv),
    Output("tasks --status all"), Output("tasks --status all --format json", .json),
    Output("tasks --status all --format csv", .csv),
    Output("check pittsburgh-2022"), Output("check icc-brussels-2023"),
    Output("check pittsburgh-2022 --format json", .json),
    Output("audit"), Output("audit --format json", .auditJSON), Output("audit --format csv", .csv),
    Output("history pittsburgh-2022 reception"), Output("history pittsburgh-2022 pgh-delegate-3"),
    Output("history pittsburgh-2022 reception --format csv", .csv),
    Output("diff pittsburgh-2022 --from v:1"), Output("diff pittsburgh-2022 --from v:1 --format json", .json),
    Output("agenda pittsburgh-2022"), Output("agenda pittsburgh-2022 --format md"),
    Output("agenda pittsburgh-2022 --format html", .html),
    Output("agenda pittsburgh-2022 --for pgh-delegate-3"),
    Output("agenda pittsburgh-2022 --for pgh-delegate-3 --format html", .html),
    Output("agenda pittsburgh-2022 --changes-since v:1"),
    Output("agenda pittsburgh-2022 --changes-since v:1 --format md"),
    Output("agenda pittsburgh-2022 --changes-since v:1 --format html", .html),
    Output("agenda icc-brussels-2023"),
    Output("calendar pittsburgh-2022", .calendar),
    Output("calendar pittsburgh-2022 --for thomas-westphal", .calendar),
    Output("log pittsburgh-2022"), Output("log dortmund-in-pittsburgh-2022"),
    Output("agenda icc-brussels-2023 --audience internal"),
    Output("agenda icc-brussels-2023 --audience internal --format html", .html),
    Output("itinerary icc-brussels-2023 --audience internal"), Output("show icc-brussels-2023"),
    Output("calendar icc-brussels-2023 --audience internal", .calendar),
    Output("audit icc-brussels-2023"), Output("history icc-brussels-2023 kickoff"),
    Output("seating pittsburgh-2022 reception"),
    Output("seating pittsburgh-2022 reception --format csv", .csv),
    Output("seating pittsburgh-2022 reception --format html", .html),
    Output("transfers pittsburgh-2022"), Output("transfers pittsburgh-2022 --format csv", .csv),
    Output("agenda pittsburgh-2022 --audience internal"),
    Output("agenda pittsburgh-2022 --audience internal --format html", .html),
    Output("gifts --year 2022"), Output("gifts --format csv", .csv), Output("gifts --format json", .json),
    Output("show pittsburgh-2022 --as-of 2022-06-01"),
    // The head when agenda version 2 was published (seq 183), before any later change to the sample.
    Output("verify"), Output("verify pittsburgh-2022 --anchor 69b282b4e2bb"),
  ]

  struct Rendered: Sendable {
    var code: Int32
    var out: String
    var err: String
  }

  /// `visits --lang LANG ARGS` over the sample store, judged on a fixed day.
  static func render(_ o: Output, _ language: String) -> Rendered {
    do {
      let r = try runVisits(
        ["--store", events, "--lang", language, "--today", "2023-01-01"] + o.args,
        environment: ["PATH": "/usr/bin:/bin"])
      return Rendered(code: r.code, out: r.out, err: r.err)
    } catch {
      return Rendered(code: -1, out: "", err: "\(error)")
    }
  }

  /// The part of an output a reader reads as words in the language (see the suite's comment).
  static func prose(_ text: String, _ kind: Kind) -> String {
    switch kind {
    case .text, .csv: return text
    case .json: return ""
    case .auditJSON:
      let entries = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [[String: Any]] ?? []
      return entries.compactMap { $0["summary"] as? String }.joined(separator: "\n")
    case .html:
      let noStyle = text.replacingOccurrences(
        of: "<style>[\\s\\S]*?</style>", with: " ", options: .regularExpression)
      return noStyle.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
    case .calendar:
      let unfolded = text.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n")
      return unfolded.filter { $0.hasPrefix("DESCRIPTION:") || $0.hasPrefix("CATEGORIES:") }
        .map { String($0.drop { $0 != ":" }.dropFirst()) }
        .map { $0.replacingOccurrences(of: "\\n", with: "\n") }.joined(separator: "\n")
    }
  }

  /// The words of `words` that occur in `text` as whole words (not inside a longer word).
  static func occurring(_ words: [String], in text: String) -> [String] {
    words.filter { word in
      let escaped = NSRegularExpression.escapedPattern(for: word)
      return text.range(of: "(?<![\\p{L}\\p{N}])\(escaped)(?![\\p{L}\\p{N}])", options: .regularExpression)
        != nil
    }
  }

  /// Every output rendered in both languages, once for all tests.
  static let rendered: [(output: Output, en: Rendered, de: Rendered)] = outputs.map { o in
    (o, render(o, "en"), render(o, "de"))
  }

  @Test("German output has no English label word", arguments: outputs.indices)
  func german(_ i: Int) {
    let r = Self.rendered[i]
    #expect(r.de.code == 0, "\(r.output.testDescription): \(r.de.err)")
    #expect(r.de.err.isEmpty, "\(r.output.testDescription): \(r.de.err)")
    #expect(!r.de.out.isEmpty)
    let leaks = Self.occurring(Self.englishWords, in: Self.prose(r.de.out, r.output.kind))
    #expect(leaks.isEmpty, "visits --lang de \(r.output.testDescription) says \(leaks)")
  }

  @Test("English output has no German label word", arguments: outputs.indices)
  func english(_ i: Int) {
    let r = Self.rendered[i]
    #expect(r.en.code == 0, "\(r.output.testDescription): \(r.en.err)")
    #expect(!r.en.out.isEmpty)
    let leaks = Self.occurring(Self.germanWords, in: Self.prose(r.en.out, r.output.kind))
    #expect(leaks.isEmpty, "visits --lang en \(r.output.testDescription) says \(leaks)")
  }

  @Test("JSON is the same in both languages (except the audit trail's summaries)")
  func machineFormats() {
    for r in Self.rendered {
      switch r.output.kind {
      case .json: #expect(r.en.out == r.de.out, "\(r.output.testDescription)")
      case .auditJSON, .calendar:
        // Same entries, or same events, whatever the language.
        #expect(r.en.out.components(separatedBy: "\n").count == r.de.out.components(separatedBy: "\n").count)
      case .text, .csv, .html: break
      }
    }
  }

  @Test("every listed word is a label the other language shows, so the lists test something")
  func wordsOccur() {
    let en = Self.rendered.map { Self.prose($0.en.out, $0.output.kind) }.joined(separator: "\n")
    let de = Self.rendered.map { Self.prose($0.de.out, $0.output.kind) }.joined(separator: "\n")
    #expect(Set(Self.occurring(Self.englishWords, in: en)) == Set(Self.englishWords))
    #expect(Set(Self.occurring(Self.germanWords, in: de)) == Set(Self.germanWords))
    #expect(Self.englishWords.count >= 25 && Self.germanWords.count >= 25)
  }

  /// Keys of event data whose values are enum raw values, not content.
  static let enumKeys: Set<String> = ["direction", "kind", "side"]

  @Test("no listed word occurs in the sample store's own content (the string values of its events)")
  func wordsAreNotContent() throws {
    var values: [String] = []
    func collect(_ v: Any) {
      if let s = v as? String {
        values.append(s)
      } else if let a = v as? [Any] {
        a.forEach(collect)
      } else if let o = v as? [String: Any] {
        o.filter { !Self.enumKeys.contains($0.key) }.values.forEach(collect)
      }
    }
    let names = try FileManager.default.contentsOfDirectory(atPath: Self.events).filter {
      $0.hasSuffix(".jsonl")
    }
    for name in names.map({ Self.events + "/" + $0 }) + names.map({ Self.events + "/.vault/" + $0 }) {
      for line in try String(contentsOfFile: name, encoding: .utf8).split(separator: "\n") {
        collect(try JSONSerialization.jsonObject(with: Data(line.utf8)))
      }
    }
    let content = values.joined(separator: "\n")
    #expect(content.count > 10_000)
    #expect(Self.occurring(Self.englishWords + Self.germanWords, in: content).isEmpty)
  }
}
