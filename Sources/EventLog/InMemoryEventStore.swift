#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// A store that keeps its streams in memory: for domain tests and tools that need no files.
///
/// It seals records exactly as `FileEventStore` does, so the same appends give the same hashes,
/// and it passes the same contract suite. Appends are serialised by a mutex; readers iterate a
/// snapshot taken under it, so `body` may call back into the store.
public final class InMemoryEventStore: EventStore, @unchecked Sendable {
  private var streams: [String: [EventRecord]] = [:]
  /// Each stream's vault: sealed values by commitment.
  private var vaults: [String: [String: VaultEntry]] = [:]
  private var created: Bool
  /// What `keep(_:for:at:)` was given, by stream.
  private var caches: [String: [UInt8]] = [:]
  private var mutex = pthread_mutex_t()
  private let clock: @Sendable () -> Timestamp
  private let makeID: @Sendable (String, Int) -> String
  private let makeSalt: @Sendable (String, Int, String) -> String

  /// - Parameters:
  ///   - exists: whether the store starts out existing (as a file store whose directory is there).
  public init(
    exists: Bool = true, clock: @escaping @Sendable () -> Timestamp,
    makeID: @escaping @Sendable (String, Int) -> String,
    makeSalt: @escaping @Sendable (String, Int, String) -> String = { _, _, _ in randomSalt() }
  ) {
    created = exists
    self.clock = clock
    self.makeID = makeID
    self.makeSalt = makeSalt
    pthread_mutex_init(&mutex, nil)
  }

  deinit { pthread_mutex_destroy(&mutex) }

  private func locked<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
    pthread_mutex_lock(&mutex)
    defer { pthread_mutex_unlock(&mutex) }
    return try body()
  }

  public func location(of stream: String) -> String { "memory:" + stream }

  public var name: String { "memory" }

  public var exists: Bool { locked { created } }

  public func create() throws(EventLogError) { locked { created = true } }

  public func streamNames() throws(EventLogError) -> [String] {
    try locked { () throws(EventLogError) -> [String] in
      guard created else { throw .noSuchStore(path: "memory") }
      return streams.keys.sorted()
    }
  }

  public func contains(_ stream: String) -> Bool { locked { streams[stream] != nil } }

  /// The records of a stream, copied under the lock.
  private func snapshot(_ stream: String) throws(EventLogError) -> [EventRecord] {
    guard isValidStreamName(stream) else { throw .invalidStreamName(stream) }
    return try locked { () throws(EventLogError) -> [EventRecord] in
      guard created else { throw .noSuchStore(path: "memory") }
      guard let records = streams[stream] else { throw .noSuchStream(name: stream) }
      return records
    }
  }

  public func head(of stream: String) throws -> StreamHead {
    guard let last = try snapshot(stream).last else { return StreamHead() }
    return StreamHead(seq: last.seq, hash: last.hash, recorded: last.recorded)
  }

  @discardableResult
  public func forEach(in stream: String, limit: ReadLimit, _ body: (EventRecord) throws -> Void) throws
    -> [EventLogWarning]
  {
    for r in try snapshot(stream) {
      guard limit.admits(r) else { break }
      try body(r)
    }
    return []
  }

  @discardableResult
  public func forEachInOrder(streams names: [String]?, _ body: (String, EventRecord) throws -> Void) throws
    -> [EventLogWarning]
  {
    let all = try (names ?? streamNames()).flatMap { name in try snapshot(name).map { (name, $0) } }
    let ordered = all.sorted { a, b in
      if a.1.recorded != b.1.recorded { return a.1.recorded < b.1.recorded }
      if a.0 != b.0 { return a.0.utf8.lexicographicallyPrecedes(b.0.utf8) }
      return a.1.seq < b.1.seq
    }
    for (name, r) in ordered { try body(name, r) }
    return []
  }

  /// Whether `records` begin with the stream up to `position` (its length counts records).
  private static func begin(_ records: [EventRecord], with position: StreamPosition) -> Bool {
    guard position.length > 0 else { return position.seq == 0 }
    guard position.length <= records.count else { return false }
    let r = records[position.length - 1]
    return r.seq == position.seq && r.hash == position.hash && !r.continues
  }

  public func forEach(
    in stream: String, after position: StreamPosition?, _ body: (EventRecord) throws -> Void
  ) throws -> StreamRead? {
    let records = try snapshot(stream)
    let from = position ?? .start
    guard Self.begin(records, with: from) else { return nil }
    var end = from
    for r in records[from.length...] {
      try body(r)
      end = StreamPosition(seq: r.seq, hash: r.hash, recorded: r.recorded, length: end.length + 1)
    }
    return StreamRead(position: end, warnings: [])
  }

  public func kept(for stream: String) -> [UInt8]? { locked { caches[stream] } }

  public func keep(_ bytes: [UInt8], for stream: String, at length: Int) {
    locked { if streams[stream]?.count == length { caches[stream] = bytes } }
  }

  public func stamp(of stream: String) -> String? {
    locked { streams[stream].map { "\($0.count) \($0.last?.hash ?? "")" } }
  }

  /// What `keep(_:named:)` was given, by name.
  private var storeCaches: [String: [UInt8]] = [:]

  public var storeWarnings: [EventLogWarning] { [] }

  public func kept(named name: String) -> [UInt8]? { locked { storeCaches[name] } }

  public func keep(_ bytes: [UInt8], named name: String) { locked { storeCaches[name] = bytes } }

  private lazy var cacheKeyBytes: [UInt8] = {
    var g = SystemRandomNumberGenerator()
    return (0..<32).map { _ in UInt8.random(in: 0...255, using: &g) }
  }()

  public func cacheKey(create: Bool) -> [UInt8]? { locked { cacheKeyBytes } }

  public func append<State>(
    to stream: String, expected: ExpectedVersion, initial: State, resume: (StreamPosition, State)?,
    fold: (inout State, EventRecord) throws -> Void,
    decide: (State, StreamHead) throws -> [NewEvent]
  ) throws -> AppendResult {
    guard isValidStreamName(stream) else { throw EventLogError.invalidStreamName(stream) }
    pthread_mutex_lock(&mutex)
    defer { pthread_mutex_unlock(&mutex) }
    guard created else { throw EventLogError.noSuchStore(path: "memory") }
    let existing = streams[stream] ?? []
    var state = initial
    var from = 0
    if let (position, snapshot) = resume, Self.begin(existing, with: position) {
      (state, from) = (snapshot, position.length)
    }
    var head = StreamHead()
    var knownIDs: [String: Int] = [:]
    for (i, r) in existing.enumerated() {
      if i >= from { try fold(&state, r) }
      head = StreamHead(seq: r.seq, hash: r.hash, recorded: r.recorded)
      knownIDs[r.id] = r.seq
    }
    let events = try decide(state, head)
    let here = StreamPosition(seq: head.seq, hash: head.hash, recorded: head.recorded, length: existing.count)
    guard !events.isEmpty else {
      return AppendResult(
        firstSeq: head.seq + 1, lastSeq: head.seq, headHash: head.hash, alreadyStored: false, repairs: [],
        position: here)
    }
    switch try Batch.plan(
      stream: stream, events: events, head: head, knownIDs: knownIDs, expected: expected, now: clock(),
      makeID: makeID, makeSalt: makeSalt)
    {
    case .alreadyStored(var result):
      result.position = here
      return result
    case .write(let records, _, let vault, var result):
      for entry in vault { vaults[stream, default: [:]][entry.commitment] = entry }
      streams[stream] = existing + records
      if let last = records.last {
        result.position = StreamPosition(
          seq: last.seq, hash: last.hash, recorded: last.recorded, length: existing.count + records.count)
      }
      return result
    }
  }

  public func vaultValues(of stream: String) throws(EventLogError) -> [String: VaultValue] {
    locked { (vaults[stream] ?? [:]).mapValues { VaultValue($0, length: $0.length ?? $0.line.count - 1) } }
  }

  private lazy var secretBytes: [UInt8] = {
    var g = SystemRandomNumberGenerator()
    return (0..<32).map { _ in UInt8.random(in: 0...255, using: &g) }
  }()

  public func secret() throws -> [UInt8] { locked { secretBytes } }

  public var hasSecret: Bool { true }

  public func erase(in stream: String, subject: String) throws -> Int {
    guard isValidStreamName(stream) else { throw EventLogError.invalidStreamName(stream) }
    return locked {
      caches[stream] = nil
      var commitments = Set<String>()
      for (c, entry) in vaults[stream] ?? [:] where entry.subject == subject && entry.sealed != nil {
        vaults[stream]?[c] = entry.erased
        commitments.insert(c)
      }
      let erased = commitments.count
      if erased > 0 {
        streams[stream] = streams[stream]?.map { r in
          var r = r
          for (name, c) in r.sealed where commitments.contains(c) {
            r.unsealed[name] = nil
            r.erased.insert(name)
          }
          return r
        }
      }
      return erased
    }
  }

  /// Checks the chain and every record's hash, as `FileEventStore.verify` does for lines.
  public func verify(_ stream: String, replay: ((EventRecord) -> String?)?) throws(EventLogError)
    -> StreamReport
  {
    let records = try snapshot(stream)
    let vault = locked { vaults[stream] ?? [:] }
    var problems: [StreamProblem] = []
    var prev = EventRecord.genesisHash
    for (i, r) in records.enumerated() {
      var resealed = r
      _ = resealed.seal()
      if r.seq != i + 1 {
        problems.append(
          StreamProblem(file: location(of: stream), line: i + 1, reason: "seq \(r.seq), expected \(i + 1)"))
      }
      if r.prev != prev {
        problems.append(
          StreamProblem(
            file: location(of: stream), line: i + 1, reason: "prev does not match the previous hash"))
      }
      if resealed.hash != r.hash {
        problems.append(
          StreamProblem(file: location(of: stream), line: i + 1, reason: "hash does not match the record"))
      }
      for (name, commitment) in r.sealed.sorted(by: { $0.key < $1.key }) {
        guard let entry = vault[commitment], entry.isIntact, entry.name == name else {
          problems.append(
            StreamProblem(
              file: location(of: stream), line: i + 1, reason: "vault entry '\(name)' missing or not matching"
            ))
          continue
        }
      }
      prev = r.hash
    }
    if problems.isEmpty, let replay {
      // The records as readers get them (sealed values back in place).
      var reason: (Int, String)?
      _ = try? forEach(in: stream) { r in
        if reason == nil, let why = replay(r) { reason = (r.seq, why) }
      }
      if let (line, why) = reason {
        problems.append(StreamProblem(file: location(of: stream), line: line, reason: why))
      }
    }
    return StreamReport(
      stream: stream, count: records.count, headHash: records.last?.hash ?? EventRecord.genesisHash,
      problems: problems, warnings: [])
  }
}
