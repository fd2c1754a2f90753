import EventLog
import Foundation
import Testing

/// Every case of `Tests/Corpus/bad-input.txt` through its door — the command line, `import`, the
/// CGI program — against a copy of one seeded store with warm caches: the expected exit code or
/// status, the message, and every file of the store (caches, vault and secret included) hashed
/// the same before and after.
@Suite("Bad-input corpus")
struct BadInputCorpusTests {
  /// The cases, or none when the corpus does not parse (`parses` then says why).
  static let cases: [CorpusCase] = (try? BadInputCorpus.load()) ?? []

  @Test("the corpus parses")
  func parses() throws {
    let cases = try BadInputCorpus.load()
    // Every `case` line became a case: nothing was skipped by a lenient reading.
    let text = try String(contentsOfFile: BadInputCorpus.path, encoding: .utf8)
    #expect(cases.count == text.components(separatedBy: "\n").filter { $0.hasPrefix("case ") }.count)
  }

  @Test("at least 80 cases, and a fair share for each door")
  func enough() {
    let count = { (door: CorpusCase.Door) in Self.cases.filter { $0.door == door }.count }
    #expect(Self.cases.count >= 80)
    #expect(count(.cli) >= 45)
    #expect(count(.importFile) >= 15)
    #expect(count(.web) >= 20)
  }

  @Test("refused as the corpus says, no byte of the store changed", arguments: cases)
  func refused(_ c: CorpusCase) throws {
    let template = try CorpusTemplate.shared.get()
    let store = try template.copy()
    // The copy keeps the template's warm snapshot of `v`; the catalog's lines are stamped with
    // each stream file's inode and change time, which a copy changes, so `list` renews them.
    let warm = try runVisits(["list"], environment: store.environment)
    try #require(warm.code == 0, "warming the caches: \(warm.err)")
    let before = try storeHashes(store.directory)
    try #require(before.keys.contains(".cache/catalog.cache") && before.keys.contains(".cache/v.snapshot"))
    var context = CorpusContext(store: store.directory, tokens: template.tokens, version: template.version)
    switch c.door {
    case .cli:
      var env = store.environment
      for (k, v) in try BadInputCorpus.environment(c) { env[k] = v }
      let r = try runVisits(
        try BadInputCorpus.arguments(c, context), environment: env.filter { !$0.value.isEmpty })
      try expectOutcome(c, r, context)
    case .importFile:
      context.file = store.directory + "-import.jsonl"
      try Data(try BadInputCorpus.fileBytes(c, context)).write(to: URL(fileURLWithPath: context.file))
      defer { try? FileManager.default.removeItem(atPath: context.file) }
      let r = try runVisits(["import", context.file], environment: store.environment)
      try expectOutcome(c, r, context)
    case .web:
      let r = try webRequest(c, store: store, context)
      #expect(r.status == Int(c.value("status") ?? ""), "\(r.body.prefix(600))")
      let text = decodeEntities(r.body)
      #expect(text.contains(c.value("body") ?? ""), "\(text.prefix(1500))")
      if r.status == 405 { #expect(r.header("Allow") != nil) }
    }
    let after = try storeHashes(store.directory)
    let changed = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
    #expect(changed.isEmpty, "files added, removed or changed: \(changed.joined(separator: ", "))")
  }

  /// The exit code; the one line of standard error; for exit 0, the output.
  func expectOutcome(_ c: CorpusCase, _ r: CLIStore.Result, _ context: CorpusContext) throws {
    #expect(r.code == Int32(c.value("exit") ?? ""), "stderr: \(r.err)")
    if let stdout = c.value("stdout") {
      let prefix = String(
        decoding: try BadInputCorpus.expand(stdout, allowing: ["file"], context), as: UTF8.self)
      #expect(r.err.isEmpty, "stderr: \(r.err)")
      #expect(r.out.hasPrefix(prefix), "stdout: \(r.out)")
      return
    }
    let expected = String(
      decoding: try BadInputCorpus.expand(c.value("stderr") ?? "", allowing: ["file"], context), as: UTF8.self
    )
    #expect(r.err.hasPrefix(expected), "stderr: \(r.err)")
    #expect(
      r.err.hasSuffix("\n") && r.err.split(separator: "\n", omittingEmptySubsequences: false).count == 2,
      "exactly one line: \(r.err)")
  }

  /// Sends a web case's request to the CGI program.
  func webRequest(_ c: CorpusCase, store: CorpusStore, _ context: CorpusContext) throws -> CGIExchange {
    let request = (c.value("request") ?? "").split(separator: " ").map(String.init)
    let body = try BadInputCorpus.expand(
      c.value("form") ?? "", allowing: ["repeat", "byte", "token", "token-new", "token-tim", "version"],
      context)
    var env = [
      "GATEWAY_INTERFACE": "CGI/1.1", "REQUEST_METHOD": request[0], "PATH_INFO": request[1],
      "QUERY_STRING": c.value("query") ?? "", "VISITS_STORE": store.directory, "HTTP_HOST": "localhost:8080",
      "SERVER_NAME": "localhost", "PATH": "/usr/bin:/bin", "CONTENT_LENGTH": String(body.count),
      "CONTENT_TYPE": "application/x-www-form-urlencoded",
    ]
    let user = c.value("user") ?? "jana"
    if user != "none" { env["REMOTE_USER"] = user }
    let origin = c.value("origin") ?? CLIStore.site
    if origin != "none" { env["HTTP_ORIGIN"] = origin }
    for h in c.all("header") {
      let parts = h.split(separator: "=", maxSplits: 1).map(String.init)
      env[parts[0]] = parts.count > 1 ? parts[1] : ""
    }
    let r = try runVisits([], environment: env, input: body)
    #expect(r.err.isEmpty, "the CGI program wrote to standard error: \(r.err)")
    return parseCGI(r.out)
  }
}

/// The store every case starts from, made once: `CLIStore.seed()`'s visit and what the cases need
/// besides, written at a fixed time (so event ids are derived from stream and seq), and the form
/// tokens its secret gives.
final class CorpusTemplate: Sendable {
  static let shared = CorpusTemplate()

  struct Made: Sendable {
    var directory: String
    var tokens: [String: String]
    var version: String

    /// A fresh copy of the template, owner-only as the program makes a store.
    func copy() throws -> CorpusStore {
      let store = CorpusStore()
      try FileManager.default.copyItem(atPath: directory, toPath: store.directory)
      try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: store.directory)
      return store
    }
  }

  private let made: Result<Made, CorpusError>
  /// Keeps the template's directory until the tests end.
  private let holder: CLIStore

  private init() {
    let store = CLIStore()
    holder = store
    do {
      made = .success(try Self.make(store))
    } catch {
      made = .failure(CorpusError(line: 0, message: "making the template store: \(error)"))
    }
  }

  func get() throws -> Made { try made.get() }

  private static func make(_ store: CLIStore) throws -> Made {
    // A fixed time: every event is recorded at it and its id derived from stream and seq, which
    // the import cases name.
    let now = ["VISITS_NOW": "2022-04-01T09:00:00.000Z"]
    try store.seed(environment: now)
    let more: [[String]] = [
      ["add-attendee", "v", "h1", "--name", "Max Host", "--side", "host", "--rank", "1"],
      [
        "plan-mou", "v", "m1", "--title", "Twinning", "--signatory", "p1", "--commitment",
        "Exchange students",
      ],
      ["sign-mou", "v", "m2", "--title", "Climate", "--signatory", "h1"],
      ["publish", "v"],
      ["add-travel", "v", "arr1", "--person", "p1", "--direction", "arrival", "--at", "2022-05-02T08:00"],
      [
        "record-gift", "v", "g1", "--description", "Plate", "--direction", "given", "--from", "h1", "--to",
        "p1",
      ],
      [
        "add-appointment", "v", "lunch", "--title", "Lunch", "--start", "2022-05-03T12:00", "--end",
        "2022-05-03T13:00", "--kind", "meal",
      ],
      ["cancel-appointment", "v", "lunch"],
      ["add-task", "v", "t2", "--title", "Send photos"],
      ["complete-task", "v", "t2"],
    ]
    for args in more {
      let r = try store.run(args, environment: now)
      guard r.code == 0 else { throw CLIFailure(args: args, result: r) }
    }
    let page = try store.cgi("GET", "/v").body
    let tim = try store.cgi("GET", "/v", user: "tim").body
    let dashboard = try store.cgi("GET", "/").body
    let own = store.hiddenFields(page, action: "/v/note")
    let tokens = [
      "token": own["token"] ?? "",
      "token-new": store.hiddenFields(dashboard, action: "/-/schedule")["token"] ?? "",
      "token-tim": store.hiddenFields(tim, action: "/v/note")["token"] ?? "",
    ]
    guard tokens.values.allSatisfy({ $0.count == 64 }), Set(tokens.values).count == 3 else {
      throw CorpusError(line: 0, message: "no form tokens in the pages: \(tokens)")
    }
    for args in [["list"], ["show", "v"]] {
      let r = try store.run(args)
      guard r.code == 0 else { throw CLIFailure(args: args, result: r) }
    }
    return Made(directory: store.directory, tokens: tokens, version: own["expect-version"] ?? "")
  }
}

/// A temporary store directory, made by copying the template.
final class CorpusStore: Sendable {
  let directory = NSTemporaryDirectory() + "visits-corpus-" + UUID().uuidString.lowercased()

  deinit { try? FileManager.default.removeItem(atPath: directory) }

  /// What `CLIStore.run` gives the program: this store, actor `tester`.
  var environment: [String: String] {
    [
      "VISITS_ACTOR": "tester", "PATH": "/usr/bin:/bin", "VISITS_LOCK_TIMEOUT": "10",
      "VISITS_STORE": directory,
    ]
  }
}

/// The SHA-256 of every file under `directory` by its relative path (folders as `/`), hidden
/// ones — caches, vault, secret, lock — included.
func storeHashes(_ directory: String) throws -> [String: String] {
  var hashes: [String: String] = [:]
  guard let walk = FileManager.default.enumerator(atPath: directory) else {
    throw CorpusError(line: 0, message: "cannot list \(directory)")
  }
  for case let name as String in walk {
    var isDirectory: ObjCBool = false
    FileManager.default.fileExists(atPath: directory + "/" + name, isDirectory: &isDirectory)
    hashes[name] =
      isDirectory.boolValue
      ? "/" : SHA256.hexDigest(try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name)))
  }
  return hashes
}

/// The text of an HTML page as a reader sees it, for the entities the pages use.
func decodeEntities(_ html: String) -> String {
  html.replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
    .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
    .replacingOccurrences(of: "&amp;", with: "&")
}
