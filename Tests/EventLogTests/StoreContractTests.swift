import Foundation
import Testing

@testable import EventLog

/// A clock a test can set; each reading advances it by `step` milliseconds.
final class ManualClock: @unchecked Sendable {
  private let lock = NSLock()
  private var value: Int64
  var step: Int64

  init(_ start: Int64 = 1_650_000_000_000, step: Int64 = 1000) {
    value = start
    self.step = step
  }

  func set(_ ms: Int64) {
    lock.lock()
    defer { lock.unlock() }
    value = ms
  }

  func now() -> Timestamp {
    lock.lock()
    defer { lock.unlock() }
    value += step
    return Timestamp(milliseconds: value)
  }
}

/// The implementations of `EventStore` that the contract covers.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
  case file, memory
  var testDescription: String { rawValue }

  /// A new, empty store of this kind with its own clock; the returned object removes its files.
  func make(exists: Bool = true) -> ContractStore { ContractStore(self, exists: exists) }
}

final class ContractStore: @unchecked Sendable {
  let store: any EventStore
  let clock = ManualClock()
  private let directory: String?

  init(_ kind: StoreKind, exists: Bool) {
    let clock = self.clock
    let makeID: @Sendable (String, Int) -> String = { stream, seq in "\(stream)-\(seq)" }
    switch kind {
    case .file:
      let dir = NSTemporaryDirectory() + "visits-contract-" + UUID().uuidString.lowercased()
      if exists { try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
      directory = dir
      store = FileEventStore(directory: dir, lockTimeout: 5, clock: { clock.now() }, makeID: makeID)
    case .memory:
      directory = nil
      store = InMemoryEventStore(exists: exists, clock: { clock.now() }, makeID: makeID)
    }
  }

  deinit { if let directory { try? FileManager.default.removeItem(atPath: directory) } }

  /// Appends `n` one-event batches to `stream`.
  func fill(_ stream: String, _ n: Int) throws {
    for i in 0..<n { try store.append(to: stream, [note("note \(i)")]) }
  }

  /// Everything the store holds, for "nothing changed" checks: every stream's records.
  func snapshot() throws -> [String: [EventRecord]] {
    var all: [String: [EventRecord]] = [:]
    for name in try store.streamNames() { all[name] = try store.read(name).records }
    return all
  }
}

/// The contract every `EventStore` keeps, run against the file store and the in-memory store
/// alike (the way RailsEventStore runs one adapter suite against every repository).
@Suite("Store contract")
struct StoreContractTests {
  @Test(
    "appended records are dense, chained and sealed; head and names follow", arguments: StoreKind.allCases)
  func appendAndRead(kind: StoreKind) throws {
    let s = kind.make()
    #expect(try s.store.streamNames().isEmpty)
    #expect(!s.store.contains("b"))
    let r = try s.store.append(to: "b", expected: .noStream, [note("1"), note("2"), note("3")])
    try s.fill("a", 2)
    #expect((r.firstSeq, r.lastSeq, r.alreadyStored) == (1, 3, false))
    let records = try s.store.read("b").records
    #expect(records.map(\.seq) == [1, 2, 3])
    #expect(records.map(\.continues) == [true, true, false])
    #expect(records[0].prev == EventRecord.genesisHash)
    for (x, y) in zip(records, records.dropFirst()) { #expect(y.prev == x.hash) }
    #expect(r.headHash == records[2].hash)
    let head = try s.store.head(of: "b")
    #expect((head.seq, head.hash, head.recorded) == (3, records[2].hash, records[2].recorded))
    #expect(try s.store.streamNames() == ["a", "b"])
    #expect(s.store.contains("a") && s.store.contains("b"))
    let report = try s.store.verify("b")
    #expect((report.count, report.headHash, report.problems) == (3, records[2].hash, []))
  }

  @Test(
    "expected version is checked, and a conflict writes nothing",
    arguments: StoreKind.allCases,
    [
      (ExpectedVersion.any, 2, true), (.exactly(2), 2, true), (.exactly(1), 2, false), (.noStream, 2, false),
      (.noStream, 0, true), (.exactly(3), 0, false),
    ] as [(ExpectedVersion, Int, Bool)])
  func expectedVersion(kind: StoreKind, case c: (expected: ExpectedVersion, existing: Int, ok: Bool)) throws {
    let s = kind.make()
    try s.fill("v", c.existing)
    let before = try s.snapshot()
    if c.ok {
      #expect(try s.store.append(to: "v", expected: c.expected, [note("x")]).lastSeq == c.existing + 1)
    } else {
      #expect(throws: EventLogError.versionConflict(stream: "v", expected: c.expected, actual: c.existing)) {
        try s.store.append(to: "v", expected: c.expected, [note("x")])
      }
      #expect(try s.snapshot() == before)
    }
  }

  @Test(
    "a retried batch returns its first position and writes nothing; a partial one is refused",
    arguments: StoreKind.allCases)
  func idempotent(kind: StoreKind) throws {
    let s = kind.make()
    try s.fill("v", 2)
    let first = try s.store.append(to: "v", [note("a", id: "id-a"), note("b", id: "id-b")])
    try s.fill("v", 1)
    let before = try s.snapshot()
    let again = try s.store.append(
      to: "v", expected: .exactly(1), [note("a", id: "id-a"), note("b", id: "id-b")])
    #expect(again.alreadyStored)
    #expect((again.firstSeq, again.lastSeq) == (first.firstSeq, first.lastSeq))
    #expect(throws: EventLogError.partialDuplicate(stream: "v", ids: ["id-a"])) {
      try s.store.append(to: "v", [note("a", id: "id-a"), note("c", id: "id-c")])
    }
    #expect(try s.snapshot() == before)
  }

  @Test(
    "decide sees the folded state and the head; a refusal or an empty decision writes nothing",
    arguments: StoreKind.allCases)
  func foldAndDecide(kind: StoreKind) throws {
    struct Refused: Error {}
    let s = kind.make()
    try s.fill("v", 3)
    let before = try s.snapshot()
    var seen: (count: Int, head: StreamHead)?
    let r = try s.store.append(
      to: "v", expected: .any, initial: 0, fold: { n, _ in n += 1 },
      decide: { n, head in
        seen = (n, head)
        return []
      })
    #expect(seen?.count == 3)
    #expect(seen?.head == (try s.store.head(of: "v")))
    #expect((r.firstSeq, r.lastSeq, r.alreadyStored) == (4, 3, false))
    #expect(throws: Refused.self) {
      try s.store.append(
        to: "v", expected: .any, initial: 0, fold: { _, _ in }, decide: { _, _ in throw Refused() })
    }
    #expect(try s.snapshot() == before)
    // A refusal for a new stream leaves no stream behind.
    #expect(throws: Refused.self) {
      try s.store.append(
        to: "w", expected: .any, initial: 0, fold: { _, _ in }, decide: { _, _ in throw Refused() })
    }
    #expect(!s.store.contains("w"))
  }

  @Test("invalid events are refused before anything is written", arguments: StoreKind.allCases)
  func invalidEvents(kind: StoreKind) throws {
    let s = kind.make()
    try s.fill("v", 1)
    let before = try s.snapshot()
    let cases: [([NewEvent], EventLogError)] = [
      ([NewEvent(type: "", actor: "a", data: [:])], .invalidEvent("empty type")),
      ([NewEvent(type: "T", actor: "", data: [:])], .invalidEvent("empty actor")),
      ([NewEvent(type: "T", version: 0, actor: "a", data: [:])], .invalidEvent("version must be at least 1")),
      ([NewEvent(id: "", type: "T", actor: "a", data: [:])], .invalidEvent("empty id")),
      ([note("a", id: "x"), note("b", id: "x")], .invalidEvent("id x twice in one batch")),
    ]
    for (events, error) in cases {
      #expect(throws: error) { try s.store.append(to: "v", events) }
    }
    #expect(try s.snapshot() == before)
  }

  @Test("reading up to a seq or a recorded time", arguments: StoreKind.allCases)
  func limits(kind: StoreKind) throws {
    let s = kind.make()
    try s.fill("v", 5)
    let all = try s.store.read("v").records
    #expect(try s.store.read("v", limit: .seq(3)).records == Array(all.prefix(3)))
    #expect(try s.store.read("v", limit: .recorded(all[1].recorded)).records == Array(all.prefix(2)))
    #expect(try s.store.read("v", limit: .seq(0)).records.isEmpty)
  }

  @Test("all streams in one order: recorded time, then stream, then seq", arguments: StoreKind.allCases)
  func mergedOrder(kind: StoreKind) throws {
    let s = kind.make()
    s.clock.step = 0
    for (stream, t) in [("b", 1), ("a", 1), ("c", 0), ("a", 2), ("b", 2), ("c", 3)] {
      s.clock.set(Int64(t))
      try s.store.append(to: stream, [note("\(stream)\(t)")])
    }
    var order: [String] = []
    try s.store.forEachInOrder { stream, r in order.append("\(stream)\(r.seq)") }
    #expect(order == ["c1", "a1", "b1", "a2", "b2", "c2"])
    order = []
    try s.store.forEachInOrder(streams: ["c", "a"]) { stream, r in order.append("\(stream)\(r.seq)") }
    #expect(order == ["c1", "a1", "a2", "c2"])
  }

  @Test("recorded time never goes backwards, even when the clock does", arguments: StoreKind.allCases)
  func monotonicTime(kind: StoreKind) throws {
    let s = kind.make()
    s.clock.step = 0
    s.clock.set(2_000_000)
    try s.store.append(to: "v", [note("a")])
    s.clock.set(1_000_000)
    try s.store.append(to: "v", [note("b")])
    #expect(try s.store.read("v").records.map(\.recorded.milliseconds) == [2_000_000, 2_000_000])
  }

  @Test("missing streams and stores, and names that are not slugs, are named", arguments: StoreKind.allCases)
  func missing(kind: StoreKind) throws {
    let s = kind.make()
    #expect(throws: EventLogError.noSuchStream(name: "nope")) { try s.store.read("nope") }
    #expect(throws: EventLogError.noSuchStream(name: "nope")) { try s.store.head(of: "nope") }
    #expect(throws: EventLogError.noSuchStream(name: "nope")) { try s.store.verify("nope") }
    #expect(throws: EventLogError.invalidStreamName("A b")) { try s.store.append(to: "A b", [note("x")]) }
    #expect(try s.store.streamNames().isEmpty)
    let gone = kind.make(exists: false)
    #expect(!gone.store.exists)
    #expect(throws: EventLogError.self) { try gone.store.append(to: "v", [note("x")]) }
    try gone.store.create()
    #expect(gone.store.exists)
    try gone.store.append(to: "v", [note("x")])
    #expect(try gone.store.read("v").records.count == 1)
  }

  @Test("writers in parallel: every event once, seq dense, chain intact", arguments: StoreKind.allCases)
  func concurrentWriters(kind: StoreKind) throws {
    let s = kind.make()
    let store = s.store
    DispatchQueue.concurrentPerform(iterations: 4) { worker in
      for i in 0..<25 { _ = try? store.append(to: "v", [note("w\(worker)-\(i)")]) }
    }
    let records = try store.read("v").records
    #expect(records.map(\.seq) == Array(1...100))
    #expect(Set(records.map { $0.data["text"] }).count == 100)
    #expect(try store.verify("v").problems.isEmpty)
  }

  @Test("the same appends give the same records in every store")
  func storesAgree() throws {
    let stores = StoreKind.allCases.map { $0.make() }
    for s in stores {
      try s.store.append(to: "v", [note("a"), note("b", id: "fixed")])
      try s.fill("v", 2)
      try s.fill("w", 1)
    }
    let snapshots = try stores.map { try $0.snapshot() }
    #expect(snapshots.count == 2)
    #expect(snapshots.allSatisfy { $0 == snapshots[0] })
  }
}

@Suite("Store contract: sealed values")
struct SealedValueContractTests {
  static let kofi: JSONValue = .object(["name": .string("Kofi Mensah"), "phone": .string("+233 20 555 0100")])

  @Test(
    "a sealed value stays out of the line, is committed to, and comes back on reading",
    arguments: StoreKind.allCases)
  func sealedRoundTrip(kind: StoreKind) throws {
    let s = kind.make()
    try s.store.append(
      to: "v",
      [
        NewEvent(
          type: "Registered", actor: "jana", data: ["person": .string("kofi")],
          sealed: ["personal": SealedInput(subject: "kofi", value: Self.kofi)]),
        note("plain"),
      ])
    let records = try s.store.read("v").records
    #expect(records.map(\.format) == [2, 2])
    #expect(records[0].data == ["person": .string("kofi")])
    #expect(records[0].unsealed == ["personal": Self.kofi])
    let commitment = try #require(records[0].sealed["personal"])
    #expect(EventRecord.isHexDigest(commitment))
    #expect(records[1].sealed.isEmpty && records[1].unsealed.isEmpty)
    var line = records[0]
    #expect(!String(decoding: line.storedLine(), as: UTF8.self).contains("Kofi"))
    #expect(try s.store.verify("v").problems.isEmpty)
    var merged: [JSONValue] = []
    try s.store.forEachInOrder { _, r in if let v = r.unsealed["personal"] { merged.append(v) } }
    #expect(merged == [Self.kofi])
  }

  @Test(
    "two commitments to the same value differ: the salt hides even equality", arguments: StoreKind.allCases)
  func salted(kind: StoreKind) throws {
    let s = kind.make()
    for _ in 0..<2 {
      try s.store.append(
        to: "v",
        [
          NewEvent(
            type: "Registered", actor: "a", data: [:],
            sealed: ["p": SealedInput(subject: "kofi", value: Self.kofi)])
        ])
    }
    let commitments = try s.store.read("v").records.compactMap { $0.sealed["p"] }
    #expect(commitments.count == 2)
    #expect(commitments[0] != commitments[1])
  }

  @Test("a sealed value needs a name of its own and a subject", arguments: StoreKind.allCases)
  func invalidSealed(kind: StoreKind) throws {
    let s = kind.make()
    #expect(
      throws: EventLogError.invalidEvent(
        "sealed value 'person' must have a name of its own, not one of the payload's")
    ) {
      try s.store.append(
        to: "v",
        [
          NewEvent(
            type: "T", actor: "a", data: ["person": .null],
            sealed: ["person": SealedInput(subject: "k", value: .null)])
        ])
    }
    #expect(throws: EventLogError.invalidEvent("sealed value 'p' has no subject")) {
      try s.store.append(
        to: "v",
        [NewEvent(type: "T", actor: "a", data: [:], sealed: ["p": SealedInput(subject: "", value: .null)])])
    }
    #expect(!s.store.contains("v"))
  }
}

@Suite("Store contract: erasing sealed values")
struct EraseContractTests {
  @Test(
    "an erased value is gone, its line still verifies, and erasing again changes nothing",
    arguments: StoreKind.allCases)
  func erase(kind: StoreKind) throws {
    let s = kind.make()
    let kofi = SealedValueContractTests.kofi
    for subject in ["kofi", "ama"] {
      try s.store.append(
        to: "v",
        [
          NewEvent(
            type: "Registered", actor: "jana", data: [:],
            sealed: ["personal": SealedInput(subject: subject, value: kofi)])
        ])
    }
    let before = try s.store.read("v").records
    #expect(try s.store.erase(in: "v", subject: "kofi") == 1)
    let after = try s.store.read("v").records
    #expect(after[0].unsealed.isEmpty && after[0].erased == ["personal"])
    #expect(after[0].sealed == before[0].sealed && after[0].hash == before[0].hash)
    #expect(after[1].unsealed == ["personal": kofi] && after[1].erased.isEmpty)
    #expect(try s.store.verify("v").problems.isEmpty)
    #expect(try s.store.erase(in: "v", subject: "kofi") == 0)
    #expect(try s.store.erase(in: "v", subject: "nobody") == 0)
  }
}
