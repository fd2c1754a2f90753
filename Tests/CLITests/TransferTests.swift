import Foundation
import Testing

/// `export`, `import` and `generate` end to end, with the built binary.
@Suite("export, import and generate")
struct TransferTests {
  var sample: String { repositoryRoot.appendingPathComponent("events").path }

  /// The streams and vault files of a store (not `.lock`), by name.
  func files(_ directory: String) throws -> [String: Data] {
    var out: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: directory) where name.hasSuffix(".jsonl")
    {
      out[name] = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name))
    }
    let vault = directory + "/.vault"
    for name in (try? FileManager.default.contentsOfDirectory(atPath: vault)) ?? [] {
      out[".vault/" + name] = try Data(contentsOf: URL(fileURLWithPath: vault + "/" + name))
    }
    return out
  }

  /// What every read command prints for each visit of a store.
  func reads(_ directory: String, visits: [String]) throws -> [String: String] {
    var out: [String: String] = [:]
    var commands: [[String]] = [["list"], ["tasks", "--status", "all"], ["audit"], ["verify"]]
    for v in visits {
      commands += [
        ["show", v], ["itinerary", v], ["attendees", v], ["agenda", v, "--audience", "internal"],
        ["calendar", v],
        ["tasks", v], ["audit", v, "--format", "json"], ["log", v, "--format", "jsonl"],
      ]
    }
    for c in commands {
      let r = try runVisits(
        ["--store", directory, "--today", "2024-01-15"] + c, environment: ["PATH": "/usr/bin:/bin"])
      #expect(r.code == 0, "\(c): \(r.err)")
      // A checkout's sample store has wider modes than a store the program makes.
      let err = r.err.split(separator: "\n", omittingEmptySubsequences: false).filter {
        !$0.contains("lets others in")
      }
      out[c.joined(separator: " ")] = r.out + err.joined(separator: "\n")
    }
    return out
  }

  /// Exports `source`, imports the file into an empty store, and compares files and reads.
  func roundTrip(_ source: String) throws {
    let work = CLIStore()
    let file = work.directory + "/export.jsonl"
    let target = work.directory + "/rebuilt"
    let exported = try work.run(["--store", source, "export", "-o", file], store: false)
    #expect(exported.code == 0, "\(exported.err)")
    let attributes = try FileManager.default.attributesOfItem(atPath: file)
    #expect((attributes[.posixPermissions] as? Int) == 0o600)
    let imported = try work.run(["--store", target, "import", file], store: false)
    #expect(imported.code == 0, "\(imported.err)")
    let original = try files(source)
    #expect(!original.isEmpty)
    let rebuilt = try files(target)
    #expect(rebuilt.keys.sorted() == original.keys.sorted())
    for (name, bytes) in original { #expect(rebuilt[name] == bytes, "\(name) differs after the round trip") }
    let visits = original.keys.filter { !$0.hasPrefix(".") }.map { String($0.dropLast(6)) }.sorted()
    #expect(try reads(target, visits: visits) == reads(source, visits: visits))
  }

  @Test("export of events/, imported into an empty store, gives the same files and the same reads")
  func sampleRoundTrip() throws {
    // Among them values erased under Art. 17, which come back as the same tombstones.
    let vault = try String(contentsOfFile: sample + "/.vault/pittsburgh-2022.jsonl", encoding: .utf8)
    #expect(vault.contains("\"erased\":true"))
    try roundTrip(sample)
  }

  @Test("a generated store survives the round trip too")
  func generatedRoundTrip() throws {
    let work = CLIStore()
    let store = work.directory + "/generated"
    let r = try work.run(
      ["--store", store, "generate", "--visits", "20", "--events-per-visit", "60", "--seed", "5"],
      store: false)
    #expect(r.code == 0, "\(r.err)")
    try roundTrip(store)
  }

  @Test("generate: the same seed gives the same files, another seed others; the store verifies")
  func generateIsDeterministic() throws {
    let work = CLIStore()
    func make(_ name: String, seed: String) throws -> [String: Data] {
      let r = try work.run(
        [
          "--store", work.directory + "/" + name, "generate", "--visits", "6", "--events-per-visit", "80",
          "--seed", seed,
        ],
        store: false)
      #expect(r.code == 0, "\(r.err)")
      #expect(r.err.isEmpty)  // no progress when standard error is not a terminal
      return try files(work.directory + "/" + name)
    }
    let a = try make("a", seed: "42")
    let b = try make("b", seed: "42")
    let c = try make("c", seed: "43")
    #expect(a.count == 12)  // six streams and six vaults
    #expect(a == b)
    #expect(a != c)
    let verify = try work.run(["--store", work.directory + "/a", "verify"], store: false)
    #expect(verify.code == 0, "\(verify.err)")
    #expect(verify.out.split(separator: "\n").allSatisfy { $0.contains(": ok, 80 events") })
    // The mix of a real visit.
    let log = try String(contentsOfFile: work.directory + "/a/gen-00001.jsonl", encoding: .utf8)
    for type in [
      "VisitScheduled", "SiteAdded", "AppointmentScheduled", "AttendeeRegistered", "AttendeeAssigned",
    ] {
      #expect(log.contains("\"type\":\"\(type)\""), "no \(type)")
    }
    #expect(!log.contains("@example.org"))  // personal data is in the vault, not the line
  }

  @Test("generate refuses a store that is not empty, and bad numbers")
  func generateRefuses() throws {
    let work = CLIStore()
    try work.seed()
    let before = try work.snapshot()
    for args in [
      ["generate", "--visits", "2", "--events-per-visit", "10"],
      ["generate", "--visits", "0", "--events-per-visit", "10", "--store", work.directory + "/x"],
      ["generate", "--visits", "2", "--store", work.directory + "/x"],
    ] {
      let r = try work.run(args)
      #expect(r.code == 64, "\(args): \(r.err)")
      #expect(r.err.split(separator: "\n").count == 1)
    }
    #expect(try work.snapshot() == before)
  }

  @Test("importing a file twice writes nothing the second time")
  func idempotent() throws {
    let work = CLIStore()
    let file = try importFile(
      work,
      [
        #"{"stream":"w","type":"VisitScheduled","id":"00000000-0000-8000-8000-000000000001","data":{"title":"Visit","partner":"Leeds","from":"2022-06-01","to":"2022-06-02","timezone":"Europe/Berlin","direction":"incoming","topics":[],"organizers":[]}}"#,
        #"{"stream":"w","type":"AttendeeRegistered","id":"00000000-0000-8000-8000-000000000002","data":{"person":"p1","side":"delegation","personal":{"name":"Jane Roe","email":"jane@example.org"}}}"#,
        #"{"stream":"w","type":"NoteAdded","id":"00000000-0000-8000-8000-000000000003","actor":"anna","reason":"bulk entry","data":{"text":"Imported by hand"}}"#,
      ])
    let first = try work.run(["import", file])
    #expect(first.code == 0, "\(first.err)")
    #expect(first.out.contains("w: 3 event(s) imported"))
    let written = try work.snapshot()
    let line = try String(contentsOfFile: work.path("w"), encoding: .utf8)
    #expect(!line.contains("Jane Roe"))  // sealed into the vault as by add-attendee
    #expect(line.contains("\"actor\":\"anna\"") && line.contains("\"actor\":\"tester\""))
    let second = try work.run(["import", file])
    #expect(second.code == 0, "\(second.err)")
    #expect(second.out.contains("nothing imported"))
    #expect(try work.snapshot() == written)
    #expect(try work.run(["verify"]).code == 0)
  }

  /// Writes lines to an import file in the store's folder (outside the store itself).
  func importFile(_ work: CLIStore, _ lines: [String]) throws -> String {
    let path = work.directory + "-import-\(UUID().uuidString.prefix(8)).jsonl"
    try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
    return path
  }

  struct Refusal: Sendable, CustomStringConvertible {
    var name: String
    var lines: [String]
    var code: Int32
    /// The line the message names, and words it must contain.
    var line: Int
    var says: String
    var description: String { name }
  }

  static let note = #"{"stream":"v","type":"NoteAdded","data":{"text":"fine"}}"#

  /// An import line scheduling visit `id`.
  static func schedule(_ id: String) -> String {
    #"{"stream":""# + id
      + #"","type":"VisitScheduled","data":{"title":"Visit","partner":"Leeds","from":"2022-06-01","to":"2022-06-02","timezone":"Europe/Berlin","direction":"incoming","topics":[],"organizers":[]}}"#
  }

  /// An import line publishing agenda `version` of visit `id`.
  static func published(_ id: String, _ version: Int) -> String {
    #"{"stream":""# + id + #"","type":"AgendaPublished","data":{"version":"# + "\(version)}}"
  }

  static let refusals: [Refusal] = [
    Refusal(
      name: "malformed JSON", lines: [#"{"stream":"v","type":"#], code: 65, line: 1, says: "not valid JSON"),
    Refusal(
      name: "unknown type", lines: [note, #"{"stream":"v","type":"VisitExploded","data":{}}"#], code: 65,
      line: 2,
      says: "unknown event type 'VisitExploded'"),
    Refusal(
      name: "a move outside the visit",
      lines: [
        #"{"stream":"v","type":"AppointmentMoved","data":{"appointment":"rec","start":"2022-06-01T10:00","end":"2022-06-01T11:00"}}"#
      ], code: 65, line: 1, says: "refused by rule within-visit"),
    Refusal(
      name: "an unknown person assigned",
      lines: [#"{"stream":"v","type":"AttendeeAssigned","data":{"appointment":"rec","person":"nobody"}}"#],
      code: 66, line: 1, says: "no such person in visit v: nobody"),
    Refusal(
      name: "a bad id", lines: [#"{"stream":"v","type":"NoteAdded","id":"NOT-AN-ID","data":{"text":"x"}}"#],
      code: 65, line: 1, says: "is not an event id"),
    Refusal(
      name: "a later line breaking a rule after valid ones, in another visit too",
      lines: [
        #"{"stream":"w","type":"VisitScheduled","data":{"title":"Visit","partner":"Leeds","from":"2022-06-01","to":"2022-06-02","timezone":"Europe/Berlin","direction":"incoming","topics":[],"organizers":[]}}"#,
        note,
        #"{"stream":"v","type":"AgendaPublished","data":{"version":4}}"#,
      ], code: 65, line: 3, says: "refused by rule as-decided"),
    // Visits are checked side by side, 64 at a time; the problem named is still the earliest line's.
    Refusal(
      name: "two visits each with a problem: the earlier line, though its visit comes second",
      lines: [
        schedule("w"), note, #"{"stream":"v","type":"AgendaPublished","data":{"version":4}}"#,
        published("w", 4),
      ],
      code: 65, line: 3, says: "refused by rule as-decided"),
    Refusal(
      name: "a problem in a visit of the second group of visits, before one in the first",
      lines: (1...65).map { schedule("w\($0)") } + [published("w65", 7), published("w1", 7)],
      code: 65, line: 66, says: "refused by rule as-decided"),
    Refusal(
      name: "a rule broken before a line that is not JSON",
      lines: [#"{"stream":"v","type":"AgendaPublished","data":{"version":4}}"#, #"{"stream":"#], code: 65,
      line: 1, says: "refused by rule as-decided"),
    Refusal(
      name: "a line that is not JSON before a rule broken",
      lines: [note, #"{"stream":"#, #"{"stream":"v","type":"AgendaPublished","data":{"version":4}}"#],
      code: 65,
      line: 2, says: "not valid JSON"),
    Refusal(
      name: "an unknown visit", lines: [#"{"stream":"nowhere","type":"NoteAdded","data":{"text":"x"}}"#],
      code: 66, line: 1, says: "no such visit: nowhere"),
    Refusal(
      name: "an unknown member in data",
      lines: [#"{"stream":"v","type":"NoteAdded","data":{"text":"x","colour":"red"}}"#], code: 65, line: 1,
      says: "member 'colour'"),
    Refusal(
      name: "a time of recording before the visit's last event",
      lines: [
        #"{"stream":"v","type":"NoteAdded","recorded":"2000-01-01T00:00:00.000Z","data":{"text":"x"}}"#
      ],
      code: 65, line: 1, says: "is earlier than the event before it"),
    Refusal(
      name: "a batch that never ends",
      lines: [note, #"{"stream":"v","type":"NoteAdded","continues":true,"data":{"text":"x"}}"#], code: 65,
      line: 2, says: "continues"),
    Refusal(
      name: "a sealed value that does not give its commitment",
      lines: [
        #"{"stream":"v","type":"AttendeeRegistered","data":{"person":"p9","side":"delegation"},"sealed":{"personal":{"commitment":"0000000000000000000000000000000000000000000000000000000000000000","salt":"00000000000000000000000000000000","value":{"name":"X"}}}}"#
      ], code: 65, line: 1, says: "do not give the commitment"),
    Refusal(
      name: "the same id twice",
      lines: [
        #"{"stream":"v","type":"NoteAdded","id":"00000000-0000-8000-8000-00000000000a","data":{"text":"x"}}"#,
        #"{"stream":"v","type":"NoteAdded","id":"00000000-0000-8000-8000-00000000000a","data":{"text":"y"}}"#,
      ], code: 65, line: 2, says: "in the file twice"),
  ]

  @Test(arguments: refusals)
  func refused(_ r: Refusal) throws {
    let work = CLIStore()
    try work.seed()
    let file = try importFile(work, r.lines)
    defer { try? FileManager.default.removeItem(atPath: file) }
    let before = try work.snapshot()
    let result = try work.run(["import", file])
    #expect(result.code == r.code, "\(result.err)")
    let lines = result.err.split(separator: "\n")
    #expect(lines.count == 1, "\(result.err)")
    #expect(
      lines.first?.hasPrefix("visits: \(file):\(r.line): ") == true
        || lines.first?.hasPrefix("\(file):\(r.line): ") == true, "\(result.err)")
    #expect(result.err.contains(r.says), "\(result.err)")
    #expect(result.out.isEmpty)
    #expect(try work.snapshot() == before)
  }

  @Test("a missing import file is named (66)")
  func missingFile() throws {
    let work = CLIStore()
    let r = try work.run(["import", work.directory + "/none.jsonl"])
    #expect(r.code == 66)
    #expect(r.err.contains("no such file"))
  }
}
