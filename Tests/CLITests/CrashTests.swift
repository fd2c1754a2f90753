import Foundation
import TestSupport
import Testing

/// Seeded crash tests: a command is killed with SIGKILL before one step of its writing (every write,
/// truncation, `fsync`, `rename` and `link` of a store file counts; `VISITS_CRASH_AT=N:K`, see
/// `FailPoint`), with K bytes of a write let through, as a power cut in the middle would leave them.
/// Each trial picks the step and K from its seed, so every run kills at the same places. After
/// each kill the next command must repair what the crash left, `verify` must pass, and every
/// acknowledged event must be there exactly once.
@Suite("Crash tests: SIGKILL at a seeded step of writing")
struct CrashTests {
  static let trials = 0..<60

  static let name = "Ama Owusu-Mensah"
  static let email = "ama.owusu@kumasi.example"
  static let phone = "+233 20 555 0147"

  /// Visit `v` (seeded, with Ama) and visit `w` (with Ama too): a store with personal data in two
  /// visits, its caches warm.
  static let template: CLIStore? = {
    let store = CLIStore()
    let steps: [[String]] = [
      ["add-attendee", "v", "ama", "--name", name, "--email", email, "--phone", phone],
      ["schedule", "w", "--title", "W", "--partner", "P", "--from", "2022-06-01", "--to", "2022-06-02"],
      ["add-attendee", "w", "ama", "--name", name, "--email", email],
      ["note", "w", "--text", "first"],
      ["list"], ["show", "v"], ["show", "w"],
    ]
    do {
      try store.seed()
      for s in steps where try store.run(s).code != 0 { return nil }
    } catch { return nil }
    return store
  }()

  /// A copy of `template` to crash in.
  static func copy(of template: CLIStore, caches: Bool = true) throws -> CLIStore {
    let store = CLIStore()
    try FileManager.default.removeItem(atPath: store.directory)
    try FileManager.default.copyItem(atPath: template.directory, toPath: store.directory)
    if !caches { try? FileManager.default.removeItem(atPath: store.directory + "/.cache") }
    return store
  }

  static func killed(_ r: CLIStore.Result) -> Bool { r.code == 9 || r.code == 128 + 9 }

  /// How many steps of writing `args` takes in a copy of `template`: the first step at which it is
  /// not killed any more, less one (found by doubling, then halving).
  static func steps(of args: [String], in template: CLIStore, caches: Bool = true) throws -> Int {
    func dies(at step: Int) throws -> Bool {
      let store = try copy(of: template, caches: caches)
      return killed(try store.run(args, environment: ["VISITS_CRASH_AT": "\(step)"]))
    }
    var high = 1
    while try dies(at: high) { high *= 2 }
    var low = high / 2  // dies at low (or low is 0), lives at high
    while high - low > 1 {
      let mid = (low + high) / 2
      if try dies(at: mid) { low = mid } else { high = mid }
    }
    return low
  }

  /// The complete lines of a stream file (a torn tail left out).
  static func lines(_ store: CLIStore, _ visit: String) -> [Substring] {
    guard let text = try? String(contentsOfFile: store.path(visit), encoding: .utf8) else { return [] }
    return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
  }

  /// Every byte of every file in the store, caches and vault included.
  static func allBytes(_ store: CLIStore) throws -> [UInt8] {
    try store.snapshot(caches: true).sorted { $0.key < $1.key }.flatMap {
      Array($0.key.utf8) + [0x0A] + $0.value
    }
  }

  static func contains(_ haystack: [UInt8], _ needle: String) -> Bool {
    let n = Array(needle.utf8)
    guard haystack.count >= n.count else { return false }
    return (0...(haystack.count - n.count)).contains { i in haystack[i..<(i + n.count)].elementsEqual(n) }
  }

  // MARK: Appends

  static let appends: [[String]] = [
    ["note", "v", "--text", "crashed note"],
    [
      "add-attendee", "v", "kofi", "--name", "Kofi Mensah", "--email", "kofi@example.org", "--phone",
      "+49 231 5550",
    ],
    ["update-attendee", "v", "ama", "--email", "ama.new@kumasi.example"],
    [
      "add-appointment", "v", "tour", "--title", "Tour", "--start", "2022-05-03T10:00", "--end",
      "2022-05-03T11:00", "--site", "hall",
    ],
    ["schedule", "x", "--title", "X", "--partner", "P", "--from", "2022-07-01", "--to", "2022-07-02"],
  ]

  static let appendSteps: [Int] = {
    guard let template else { return [] }
    return appends.map { (try? steps(of: $0, in: template)) ?? 0 }
  }()

  @Test(
    "a single append killed at any step: the next write repairs, verify passes, nothing lost or doubled",
    arguments: trials)
  func append(trial: Int) throws {
    let template = try #require(Self.template)
    var rng = SplitMix64(seed: UInt64(0xC0A5_4000 + trial))
    let which = trial % Self.appends.count
    let args = Self.appends[which]
    let visit = args[1]
    let total = try #require(Self.appendSteps.count == Self.appends.count ? Self.appendSteps[which] : nil)
    try #require(total >= 2, "the command writes in at least two steps")
    let step = rng.int(1...total)
    let bytes = rng.int(0...4096)
    let store = try Self.copy(of: template)
    let before = Self.lines(store, visit)

    let crashed = try store.run(args, environment: ["VISITS_CRASH_AT": "\(step):\(bytes)"])
    #expect(Self.killed(crashed), "step \(step) of \(total): \(crashed.code) \(crashed.err)")

    // The next write to the visit: a note when the crashed command's event is there, else the
    // command again.
    let landed = Self.lines(store, visit).count > before.count
    let next = landed || visit != "x" ? ["note", visit, "--text", "after"] : args
    let r = try store.run(next)
    #expect(r.code == 0, "step \(step):\(bytes): \(next.joined(separator: " ")): \(r.err)")
    let verify = try store.run(["verify"])
    #expect(verify.code == 0, "step \(step):\(bytes): \(verify.err)")

    // What was acknowledged before is there byte for byte; the crashed event at most once.
    let after = Self.lines(store, visit)
    #expect(Array(after.prefix(before.count)) == before, "step \(step):\(bytes)")
    #expect(after.count == before.count + 1 || after.count == before.count + 2, "step \(step):\(bytes)")
    if visit != "x" { #expect(after.last?.contains("\"text\":\"after\"") == true, "step \(step):\(bytes)") }
    #expect(Self.lines(store, "v").count >= Self.lines(template, "v").count)
    #expect(Self.lines(store, "w") == Self.lines(template, "w"))
  }

  // MARK: Import

  /// How many visits, of how many events, the imported file holds.
  static let importVisits = 12
  static let importEvents = 60

  /// An export of generated visits, and the generated store's streams to compare with.
  static let source: (file: String, store: CLIStore)? = {
    let store = CLIStore()
    guard
      (try? store.run([
        "generate", "--visits", "\(importVisits)", "--events-per-visit", "\(importEvents)", "--seed", "7",
      ]))?.code == 0,
      let export = try? store.run(["export"]), export.code == 0
    else { return nil }
    let file = store.directory + ".export.jsonl"
    guard (try? Data(export.out.utf8).write(to: URL(fileURLWithPath: file))) != nil else { return nil }
    return (file, store)
  }()

  static let empty: CLIStore = CLIStore()

  static let importSteps: Int = {
    guard let source else { return 0 }
    return (try? steps(of: ["import", source.file], in: empty)) ?? 0
  }()

  @Test(
    "an import killed at any step: each visit wholly there or wholly absent; run again, the same streams",
    arguments: trials)
  func importFile(trial: Int) throws {
    let source = try #require(Self.source)
    try #require(Self.importSteps >= 2 * Self.importVisits, "each visit takes at least two steps")
    var rng = SplitMix64(seed: UInt64(0x1A90_4000 + trial))
    let step = rng.int(1...Self.importSteps)
    let bytes = rng.int(0...(1 << 16))
    let store = try Self.copy(of: Self.empty)
    let crashed = try store.run(
      ["import", source.file], environment: ["VISITS_CRASH_AT": "\(step):\(bytes)"])
    #expect(Self.killed(crashed), "step \(step) of \(Self.importSteps): \(crashed.code) \(crashed.err)")

    // Each visit reads as none of its events or all of them (`verify` counts what a read reads).
    let visits = try FileManager.default.contentsOfDirectory(atPath: source.store.directory)
      .filter { $0.hasSuffix(".jsonl") }.map { String($0.dropLast(6)) }.sorted()
    #expect(visits.count == Self.importVisits)
    if visits.contains(where: { FileManager.default.fileExists(atPath: store.path($0)) }) {
      let counted = try store.run(["verify"])
      #expect(counted.code == 0, "step \(step):\(bytes): \(counted.err)")
      // "VISIT: ok, N events, head HASH"
      for line in counted.out.split(separator: "\n") {
        let events = line.split(separator: ",").dropFirst().first.flatMap {
          Int($0.trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "")
        }
        #expect(
          events == 0 || events == Self.importEvents, "step \(step):\(bytes): \(line)")
      }
    }

    let again = try store.run(["import", source.file])
    #expect(again.code == 0, "step \(step):\(bytes): \(again.err)")
    // A stream or vault written whole by the killed import and not yet renamed is gone.
    let debris = try store.snapshot().keys.filter { $0.contains(".jsonl.new-") }
    #expect(debris.isEmpty, "step \(step):\(bytes): left behind: \(debris.sorted())")
    let verify = try store.run(["verify"])
    #expect(verify.code == 0, "step \(step):\(bytes): \(verify.err)")
    for v in visits {
      #expect(Self.lines(store, v) == Self.lines(source.store, v), "step \(step):\(bytes): \(v)")
    }
    // Once more changes nothing: import is idempotent by event id.
    let streams = try store.snapshot().filter { $0.key.hasSuffix(".jsonl") }
    #expect(try store.run(["import", source.file]).code == 0)
    #expect(try store.snapshot().filter { $0.key.hasSuffix(".jsonl") } == streams)
  }

  // MARK: Erasure

  static let eraseArgs = ["erase-person", "ama", "--reason", "asked to be forgotten"]

  static let eraseSteps: Int = {
    guard let template else { return 0 }
    return (try? steps(of: eraseArgs, in: template)) ?? 0
  }()

  @Test(
    "an erasure killed at any step: run again, it completes once per visit and no copy of the values is left",
    arguments: trials)
  func erasure(trial: Int) throws {
    let template = try #require(Self.template)
    try #require(Self.eraseSteps >= 4, "two visits take at least two steps each")
    var rng = SplitMix64(seed: UInt64(0xE2A5_4000 + trial))
    let step = rng.int(1...Self.eraseSteps)
    let bytes = rng.int(0...1024)
    let store = try Self.copy(of: template)
    let crashed = try store.run(Self.eraseArgs, environment: ["VISITS_CRASH_AT": "\(step):\(bytes)"])
    #expect(Self.killed(crashed), "step \(step) of \(Self.eraseSteps): \(crashed.code) \(crashed.err)")

    let again = try store.run(Self.eraseArgs)
    #expect(again.code == 0, "step \(step):\(bytes): \(again.err)")
    let verify = try store.run(["verify"])
    #expect(verify.code == 0, "step \(step):\(bytes): \(verify.err)")
    for v in ["v", "w"] {
      let erasures = Self.lines(store, v).filter { $0.contains("\"type\":\"PersonErased\"") }
      #expect(erasures.count == 1, "step \(step):\(bytes): \(v) has \(erasures.count) erasures")
      #expect(Array(Self.lines(store, v).prefix(Self.lines(template, v).count)) == Self.lines(template, v))
    }
    let debris = try store.snapshot(caches: true).keys.filter {
      $0.contains(".new-") && ($0.hasPrefix(".vault/") || $0.contains(".snapshot."))
    }
    #expect(debris.isEmpty, "step \(step):\(bytes): copies left behind: \(debris)")
    let bytesLeft = try Self.allBytes(store)
    for value in [Self.email, Self.phone, Self.name] {
      let left = Self.contains(bytesLeft, value)
      #expect(!left, "step \(step):\(bytes): '\(value)' is still in the store")
    }
  }

  // MARK: Cache rebuild

  static let reads: [[String]] = [["list"], ["show", "v"], ["attendees", "v"], ["tasks", "v"]]

  /// Each read's output on the template with no caches: what a crashed rebuild must not change.
  static let fresh: [String] = {
    guard let template else { return [] }
    return reads.map { args in
      (try? copy(of: template, caches: false)).flatMap { try? $0.run(args).out } ?? ""
    }
  }()

  static let readSteps: [Int] = {
    guard let template else { return [] }
    return reads.map { (try? steps(of: $0, in: template, caches: false)) ?? 0 }
  }()

  @Test(
    "a cache rebuild killed at any step: reads give what they gave, verify passes, an erasure leaves no copy",
    arguments: trials)
  func cacheRebuild(trial: Int) throws {
    let template = try #require(Self.template)
    let which = trial % Self.reads.count
    let total = try #require(Self.readSteps.count == Self.reads.count ? Self.readSteps[which] : nil)
    try #require(total >= 2, "a read with no cache writes one")
    var rng = SplitMix64(seed: UInt64(0xCAC4_4000 + trial))
    let step = rng.int(1...total)
    let bytes = rng.int(0...4096)
    let store = try Self.copy(of: template, caches: false)
    let crashed = try store.run(Self.reads[which], environment: ["VISITS_CRASH_AT": "\(step):\(bytes)"])
    #expect(Self.killed(crashed), "step \(step) of \(total): \(crashed.code) \(crashed.err)")

    for (args, expected) in zip(Self.reads, Self.fresh) {
      let r = try store.run(args)
      #expect(
        r.code == 0 && r.out == expected, "step \(step):\(bytes): \(args.joined(separator: " ")): \(r.err)")
    }
    let verify = try store.run(["verify"])
    #expect(verify.code == 0, "step \(step):\(bytes): \(verify.err)")
    // A temporary copy of a snapshot left by the kill holds personal values: the erasure removes it.
    #expect(try store.run(Self.eraseArgs).code == 0)
    let left = Self.contains(try Self.allBytes(store), Self.email)
    #expect(!left, "step \(step):\(bytes): the e-mail is still in the store")
  }
}
