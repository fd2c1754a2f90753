import EventLog
import Foundation
import TestSupport
import Testing

@testable import Planning

/// The catalog cache behind `list`: cached and fresh listings are the same whatever happens to it.
@Suite("Catalog cache")
struct CatalogCacheTests {
  static func cacheFile(_ store: TemporaryStore) -> String { store.directory + "/.cache/catalog.cache" }

  /// The listing replayed from the log alone, without any cache.
  static func fresh(_ store: TemporaryStore) throws -> [CatalogEntry] {
    try store.planner.store.streamNames().map { CatalogEntry(try store.planner.history($0).state().visit) }
      .sorted { ($0.from, $0.id) < ($1.from, $1.id) }
  }

  /// A damage of the catalog file, or the visits' snapshots deleted under it.
  enum Mishap: Hashable {
    case catalog(CacheDamage)
    case snapshotsDeleted

    static let allCases = CacheDamage.allCases.map(Mishap.catalog) + [.snapshotsDeleted]
  }

  @Test(
    "cached and fresh listings are equal after every write, whatever happens to the cache", arguments: 0..<3)
  func randomSequences(_ index: Int) throws {
    let store = try TemporaryStore()
    defer { store.remove() }
    var generator = CommandGenerator(rng: SplitMix64(seed: 0xCA7A_0000 + UInt64(index)))
    let visits = ["v1", "v2", "v3", "v4"]
    var models: [String: Visit] = [:]
    var stale: Data?
    var foreign: Data?
    var accepted = 0
    var attempts = 0
    var mishaps: [Mishap: Int] = [:]
    while accepted < 40, attempts < 300 {
      attempts += 1
      let visit = generator.rng.pick(visits)
      let command = models[visit].map { generator.next(for: $0) } ?? generator.schedule()
      guard (try? Decide.decide(command, visit: visit, state: models[visit])) != nil else { continue }
      _ = try store.planner.write(WriteRequest(visit: visit, command: command, actor: "anna"))
      accepted += 1
      models[visit] = try store.planner.history(visit).state().visit
      let mishap = generator.rng.pick(Mishap.allCases)
      mishaps[mishap, default: 0] += 1
      let path = Self.cacheFile(store)
      switch mishap {
      case .catalog(let damage):
        try damage.apply(to: path, rng: &generator.rng, keeping: 80, stale: stale, foreign: foreign)
      case .snapshotsDeleted:
        for v in visits {
          try? FileManager.default.removeItem(atPath: store.directory + "/.cache/\(v).snapshot")
        }
      }
      let listed = try store.planner.catalog().value
      #expect(listed == (try Self.fresh(store)), "seed \(index), step \(accepted), after \(mishap)")
      if generator.rng.chance(25) { stale = FileManager.default.contents(atPath: path) }
      if foreign == nil, accepted == 3 {
        let other = try TemporaryStore()
        defer { other.remove() }
        for v in visits {
          _ = try other.planner.write(WriteRequest(visit: v, command: generator.schedule(), actor: "x"))
        }
        _ = try other.planner.catalog()
        foreign = FileManager.default.contents(atPath: Self.cacheFile(other))
      }
    }
    #expect(accepted >= 30)
    #expect(mishaps.count >= 6, "\(mishaps)")
  }

  /// A store with visits `v1` and `v2`, titled "Visit v1" and "Visit v2".
  static func twoVisits() throws -> TemporaryStore {
    let store = try TemporaryStore()
    for v in ["v1", "v2"] {
      _ = try store.planner.write(
        WriteRequest(
          visit: v,
          command: .schedule(
            ScheduleVisit(title: "Visit \(v)", partner: "P", from: "2022-05-02", to: "2022-05-04")),
          actor: "anna"))
    }
    return store
  }

  @Test("an unchanged stream's line comes from the catalog; a write to the stream replays it again")
  func unchangedStreamsAreNotReplayed() throws {
    let store = try Self.twoVisits()
    defer { store.remove() }
    let first = try store.planner.catalog().value
    #expect(first.map(\.title) == ["Visit v1", "Visit v2"])
    // A catalog whose v2 line says something else, properly sealed and stamped: it is believed, so
    // the listing did not replay v2.
    var lines = CatalogCache.load(from: store.planner.store)
    #expect(lines.count == 2)
    lines["v2"]?.entry.title = "From the catalog"
    CatalogCache.save(lines, in: store.planner.store)
    #expect(try store.planner.catalog().value.map(\.title) == ["Visit v1", "From the catalog"])
    // The same line with another stamp is not.
    lines["v2"]?.stamp = "0 0 0.0"
    CatalogCache.save(lines, in: store.planner.store)
    #expect(try store.planner.catalog().value.map(\.title) == ["Visit v1", "Visit v2"])
    // After a write to v2, its line is made anew.
    lines["v2"]?.stamp = try #require(store.planner.store.stamp(of: "v2"))
    CatalogCache.save(lines, in: store.planner.store)
    _ = try store.planner.write(WriteRequest(visit: "v2", command: .note("news"), actor: "anna"))
    #expect(try store.planner.catalog().value.map(\.title) == ["Visit v1", "Visit v2"])
    #expect(try store.planner.catalog().value == (try Self.fresh(store)))
  }

  @Test("a listing keeps the catalog but no snapshot; the first read of a visit makes its snapshot")
  func listingKeepsNoSnapshots() throws {
    let store = try Self.twoVisits()
    defer { store.remove() }
    try FileManager.default.removeItem(atPath: store.directory + "/.cache")
    #expect(try store.planner.catalog().value == (try Self.fresh(store)))
    let kept = try FileManager.default.contentsOfDirectory(atPath: store.directory + "/.cache")
    #expect(kept.contains("catalog.cache"))
    #expect(!kept.contains { $0.hasSuffix(".snapshot") }, "\(kept)")
    _ = try store.planner.load("v1")
    #expect(SnapshotCache.load("v1", from: store.planner.store) != nil)
    #expect(SnapshotCache.load("v2", from: store.planner.store) == nil)
  }
}
