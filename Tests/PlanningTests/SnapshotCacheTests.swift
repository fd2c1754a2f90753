import EventLog
import Foundation
import TestSupport
import Testing

@testable import Planning

/// The snapshot cache: cached and fresh results are the same whatever happens to the cache.
@Suite("Snapshot cache")
struct SnapshotCacheTests {
  static func cacheFile(_ store: TemporaryStore) -> String { store.directory + "/.cache/v.snapshot" }

  /// The visit replayed from the log alone, without any cache.
  static func fresh(_ store: TemporaryStore) throws -> Visit {
    try store.planner.history("v").state().visit
  }

  /// Schedules visit `v` (2–4 May 2022) in `store`.
  static func schedule(_ store: TemporaryStore) throws {
    _ = try store.planner.write(
      WriteRequest(
        visit: "v",
        command: .schedule(ScheduleVisit(title: "Visit", partner: "P", from: "2022-05-02", to: "2022-05-04")),
        actor: "anna"))
  }

  @Test(
    "cached and fresh visits are equal after every write, whatever happens to the cache", arguments: 0..<4)
  func randomSequences(_ index: Int) throws {
    let store = try TemporaryStore()
    defer { store.remove() }
    var generator = CommandGenerator(rng: SplitMix64(seed: 0xCAC4E_0000 + UInt64(index)))
    var model: Visit?
    var stale: Data?
    var foreign: Data?
    var accepted = 0
    var attempts = 0
    var mishaps: [CacheDamage: Int] = [:]
    while accepted < 40, attempts < 200 {
      attempts += 1
      let command = model.map { generator.next(for: $0) } ?? generator.schedule()
      guard (try? Decide.decide(command, visit: "v", state: model)) != nil else { continue }
      _ = try store.planner.write(WriteRequest(visit: "v", command: command, actor: "anna"))
      accepted += 1
      // Something happens to the cache; the next read must not care.
      let mishap = generator.rng.pick(CacheDamage.allCases)
      mishaps[mishap, default: 0] += 1
      let path = Self.cacheFile(store)
      try mishap.apply(to: path, rng: &generator.rng, keeping: 100, stale: stale, foreign: foreign)
      let loaded = try store.planner.load("v").visit
      let replayed = try Self.fresh(store)
      #expect(loaded == replayed, "seed \(index), step \(accepted), after \(mishap)")
      model = replayed
      // Keep an old snapshot of this visit, and one of a visit whose log is another.
      if generator.rng.chance(20) { stale = FileManager.default.contents(atPath: path) }
      if foreign == nil, accepted == 5 {
        let other = try TemporaryStore()
        defer { other.remove() }
        _ = try other.planner.write(
          WriteRequest(
            visit: "v",
            command: .schedule(
              ScheduleVisit(title: "Another", partner: "P", from: "2022-05-02", to: "2022-05-03")),
            actor: "x"))
        _ = try other.planner.load("v")
        foreign = FileManager.default.contents(atPath: Self.cacheFile(other))
      }
    }
    #expect(accepted >= 30)
    #expect(mishaps.count >= 5, "\(mishaps)")
  }

  @Test("an unchanged visit is read from its snapshot: no event payload is decoded")
  func noDecoding() throws {
    let store = try TemporaryStore()
    defer { store.remove() }
    try Self.schedule(store)
    _ = try store.planner.write(WriteRequest(visit: "v", command: .note("A note"), actor: "anna"))
    _ = try store.planner.write(WriteRequest(visit: "v", command: .note("Last"), actor: "anna"))
    // A read without a snapshot leaves one at the head.
    try FileManager.default.removeItem(atPath: store.directory + "/.cache")
    let cached = try store.planner.load("v")
    #expect(FileManager.default.fileExists(atPath: Self.cacheFile(store)))
    // Damage the middle line's payload (same length): only a read that decodes it can notice.
    let path = store.directory + "/v.jsonl"
    let bytes = try #require(FileManager.default.contents(atPath: path))
    let text = String(decoding: bytes, as: UTF8.self)
    try Data(text.replacingOccurrences(of: "A note", with: "B note").utf8).write(
      to: URL(fileURLWithPath: path))
    #expect(try store.planner.load("v").visit == cached.visit)
    // Without the cache the damage is found, as verify always finds it.
    try FileManager.default.removeItem(atPath: store.directory + "/.cache")
    #expect(throws: PlanningError.self) { try store.planner.load("v") }
    #expect(try store.planner.verify(["v"]).first?.problems.isEmpty == false)
  }

  @Test("a reader that folded the visit before an erasure cannot put the erased values back in a snapshot")
  func erasureRace() throws {
    let store = try TemporaryStore()
    defer { store.remove() }
    let email = "ama.owusu@kumasi.example"
    try Self.schedule(store)
    _ = try store.planner.write(
      WriteRequest(
        visit: "v",
        command: .addAttendee(
          AttendeeRegistered(
            person: "ama", side: .delegation, personal: PersonalData(name: "Ama", email: email))),
        actor: "anna"))
    // A slow reader has the visit as it stood, with her e-mail address …
    try FileManager.default.removeItem(atPath: store.directory + "/.cache")
    let before = try store.planner.load("v")
    let position = StreamPosition(
      seq: before.head.seq, hash: before.head.hash, recorded: before.head.recorded,
      length: try #require(FileManager.default.contents(atPath: store.directory + "/v.jsonl")).count)
    // … the erasure runs, and only then does the reader try to keep its snapshot.
    _ = try store.planner.erasePerson("ama", actor: "dpo")
    SnapshotCache.save(before.visit, at: position, in: store.planner.store)
    let walk = try #require(FileManager.default.enumerator(atPath: store.directory))
    for case let name as String in walk {
      let data = FileManager.default.contents(atPath: store.directory + "/" + name) ?? Data()
      #expect(data.range(of: Data(email.utf8)) == nil, "\(name) holds the erased e-mail address")
    }
    // Before the erasure, the same save keeps the snapshot (the test can tell the two apart).
    let other = try TemporaryStore()
    defer { other.remove() }
    try Self.schedule(other)
    let loaded = try other.planner.load("v")
    try FileManager.default.removeItem(atPath: other.directory + "/.cache/v.snapshot")
    let length = try #require(FileManager.default.contents(atPath: other.directory + "/v.jsonl")).count
    SnapshotCache.save(
      loaded.visit,
      at: StreamPosition(
        seq: loaded.head.seq, hash: loaded.head.hash, recorded: loaded.head.recorded, length: length),
      in: other.planner.store)
    #expect(FileManager.default.fileExists(atPath: other.directory + "/.cache/v.snapshot"))
  }

  @Test("a log rewritten under its snapshot (same id, other events) is read from the start")
  func rewrittenLog() throws {
    let store = try TemporaryStore()
    defer { store.remove() }
    func schedule(_ title: String) throws {
      _ = try store.planner.write(
        WriteRequest(
          visit: "v",
          command: .schedule(ScheduleVisit(title: title, partner: "P", from: "2022-05-02", to: "2022-05-04")),
          actor: "anna"))
    }
    try schedule("First")
    _ = try store.planner.write(WriteRequest(visit: "v", command: .note("one"), actor: "anna"))
    try FileManager.default.removeItem(atPath: store.directory + "/.cache")
    _ = try store.planner.load("v")
    let kept = try #require(FileManager.default.contents(atPath: Self.cacheFile(store)))
    // The stream is replaced by another one with more events (its second line ends where the old
    // one's did: only the record there tells them apart); the old snapshot comes back.
    try FileManager.default.removeItem(atPath: store.directory + "/v.jsonl")
    try schedule("Other")
    for text in ["two", "three", "four"] {
      _ = try store.planner.write(WriteRequest(visit: "v", command: .note(text), actor: "anna"))
    }
    try kept.write(to: URL(fileURLWithPath: Self.cacheFile(store)))
    #expect(SnapshotCache.load("v", from: store.planner.store)?.position.seq == 2)
    let loaded = try store.planner.load("v").visit
    #expect(loaded.title == "Other")
    #expect(loaded == (try Self.fresh(store)))
    // The same for a write: it decides on the visit as the log has it.
    try kept.write(to: URL(fileURLWithPath: Self.cacheFile(store)))
    _ = try store.planner.write(WriteRequest(visit: "v", command: .note("five"), actor: "anna"))
    #expect(try store.planner.load("v").visit.notes.map(\.text) == ["two", "three", "four", "five"])
  }

  @Test("writes resume from the snapshot and renew it once it lags behind; it is always a true state")
  func writeKeepsTheSnapshot() throws {
    let store = try TemporaryStore()
    defer { store.remove() }
    try Self.schedule(store)
    var renewed = Set<Int>()
    for i in 0..<(SnapshotCache.refreshAfter * 2 + 5) {
      _ = try store.planner.write(
        WriteRequest(visit: "v", command: .note("Note \(i)"), actor: "anna", reason: "r\(i)"))
      let kept = try #require(SnapshotCache.load("v", from: store.planner.store))
      renewed.insert(kept.position.seq)
      #expect(i + 2 - kept.position.seq < SnapshotCache.refreshAfter)
      #expect(kept.visit == (try store.planner.history("v").state(at: .seq(kept.position.seq)).visit))
    }
    #expect(renewed.count == 3, "\(renewed.sorted())")
  }
}

/// What can happen to a cache file between two steps; both cache suites put their caches through
/// it, and a read after it must not care.
enum CacheDamage: CaseIterable {
  case none, deleted, truncated, flippedByte, stale, foreign

  /// Does it to the file at `path`: a flipped byte lies past the first `keeping` bytes (its
  /// header); `stale` and `foreign` are earlier copies to put back, nothing when nil.
  func apply(to path: String, rng: inout SplitMix64, keeping: Int, stale: Data?, foreign: Data?) throws {
    let url = URL(fileURLWithPath: path)
    switch self {
    case .none: break
    case .deleted: try? FileManager.default.removeItem(atPath: path)
    case .truncated:
      if let d = FileManager.default.contents(atPath: path) { try d.prefix(d.count / 2).write(to: url) }
    case .flippedByte:
      if var d = FileManager.default.contents(atPath: path), d.count > 2 * keeping {
        d[rng.int(keeping...(d.count - 1))] ^= 0x01
        try d.write(to: url)
      }
    case .stale: if let stale { try stale.write(to: url) }
    case .foreign: if let foreign { try foreign.write(to: url) }
    }
  }
}
