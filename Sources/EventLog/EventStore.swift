#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// What the writer expects the stream's version (its last `seq`) to be.
public enum ExpectedVersion: Sendable, Equatable, CustomStringConvertible {
  /// Append whatever the version.
  case any
  /// The stream must not exist yet (or be empty).
  case noStream
  /// The stream must be at exactly this version.
  case exactly(Int)

  public var description: String {
    switch self {
    case .any: return "any version"
    case .noStream: return "no visit yet"
    case .exactly(let n): return "version \(n)"
    }
  }

  func admits(_ version: Int) -> Bool {
    switch self {
    case .any: return true
    case .noStream: return version == 0
    case .exactly(let n): return n == version
    }
  }
}

/// An event to append: the store adds seq, recorded time, prev and hash.
public struct NewEvent: Sendable, Equatable {
  /// The event id, or nil to let the store make one. A caller that retries passes the same id.
  public var id: String?
  public var type: String
  public var version: Int
  public var actor: String
  public var reason: String?
  public var correlation: String?
  public var causation: String?
  public var data: [String: JSONValue]

  public init(
    id: String? = nil, type: String, version: Int = 1, actor: String, reason: String? = nil,
    correlation: String? = nil, causation: String? = nil, data: [String: JSONValue]
  ) {
    self.id = id
    self.type = type
    self.version = version
    self.actor = actor
    self.reason = reason
    self.correlation = correlation
    self.causation = causation
    self.data = data
  }
}

/// What an append did.
public struct AppendResult: Sendable, Equatable {
  /// Seq of the first and last event of the batch (the original ones for a retried batch).
  public var firstSeq: Int
  public var lastSeq: Int
  /// The stream's head hash afterwards.
  public var headHash: String
  /// True when every event id was already stored: nothing was written.
  public var alreadyStored: Bool
  /// A torn tail that this append removed before writing, if any.
  public var repairs: [EventLogWarning]
}

/// Which part of a stream to read.
public enum ReadLimit: Sendable, Equatable {
  case all
  /// Up to and including this seq.
  case seq(Int)
  /// Events recorded at or before this time.
  case recorded(Timestamp)

  /// Whether a record lies within the limit.
  public func admits(_ r: EventRecord) -> Bool {
    switch self {
    case .all: return true
    case .seq(let n): return r.seq <= n
    case .recorded(let t): return r.recorded <= t
    }
  }
}

/// What `verify` found in one stream.
public struct StreamReport: Sendable, Equatable {
  public var stream: String
  public var count: Int
  public var headHash: String
  public var problems: [StreamProblem]
  public var warnings: [EventLogWarning]
}

/// A directory of streams, one append-only file `<stream>.jsonl` each.
///
/// Writers hold an exclusive `flock` on `.lock` in the directory, readers a shared one. Every
/// append re-checks the whole stream under the lock before it writes, so nothing is ever appended
/// after damage, and is on disk (`fsync`) before it returns.
public struct EventStore: Sendable {
  public let directory: String
  public var lockTimeout: Double
  /// The clock that stamps `recorded`; injected so that tests and scripted samples are reproducible.
  public var clock: @Sendable () -> Timestamp
  /// Makes an event id for a `NewEvent` without one, from the stream and the seq it will get.
  public var makeID: @Sendable (_ stream: String, _ seq: Int) -> String

  public init(
    directory: String, lockTimeout: Double = 5,
    clock: @escaping @Sendable () -> Timestamp, makeID: @escaping @Sendable (String, Int) -> String
  ) {
    self.directory = directory
    self.lockTimeout = lockTimeout
    self.clock = clock
    self.makeID = makeID
  }

  /// Whether `name` is a slug: `[a-z0-9][a-z0-9-]{0,63}`.
  public static func isValidStreamName(_ name: String) -> Bool {
    let u = Array(name.utf8)
    guard !u.isEmpty, u.count <= 64 else { return false }
    func ok(_ c: UInt8) -> Bool { (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) }
    return ok(u[0]) && u.dropFirst().allSatisfy { ok($0) || $0 == 0x2D }
  }

  /// The path of a stream's file, as messages name it.
  public func path(of stream: String) -> String { directory + "/" + stream + ".jsonl" }

  /// Whether the store directory exists.
  public var exists: Bool {
    var st = stat()
    return stat(directory, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
  }

  /// Creates the store directory (owner-only) if it does not exist yet.
  public func create() throws(EventLogError) {
    if exists { return }
    guard mkdir(directory, 0o700) == 0 || errno == EEXIST else {
      throw .io(path: directory, operation: "mkdir", errno: errno)
    }
  }

  /// Names of all streams, sorted.
  public func streamNames() throws(EventLogError) -> [String] {
    guard let dir = opendir(directory) else {
      if errno == ENOENT { throw .noSuchStore(path: directory) }
      throw .io(path: directory, operation: "opendir", errno: errno)
    }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
      }
      guard name.hasSuffix(".jsonl") else { continue }
      let stem = String(name.dropLast(6))
      if Self.isValidStreamName(stem) { names.append(stem) }
    }
    return names.sorted()
  }

  /// Whether a stream file exists.
  public func contains(_ stream: String) -> Bool {
    guard Self.isValidStreamName(stream) else { return false }
    var st = stat()
    return stat(path(of: stream), &st) == 0
  }

  // MARK: Reading

  /// Calls `body` with each record of a stream in order, holding memory flat.
  ///
  /// - Parameter limit: where to stop.
  /// - Returns: warnings about a torn tail, if any.
  /// - Throws: `EventLogError` (`.noSuchStream`, `.corrupt`…), or what `body` throws.
  @discardableResult
  public func forEach(
    in stream: String, limit: ReadLimit = .all, _ body: (EventRecord) throws -> Void
  ) throws -> [EventLogWarning] {
    let lock = try sharedLock()
    defer { withExtendedLifetime(lock) {} }
    guard let file = try openStream(stream, flags: O_RDONLY) else {
      throw EventLogError.noSuchStream(name: stream)
    }
    defer { file.close() }
    var scanner = StreamScanner(file: file, path: path(of: stream), strict: true)
    while let r = try scanner.next() {
      guard limit.admits(r) else { return [] }
      try body(r)
    }
    return scanner.warnings
  }

  /// All records of a stream (up to `limit`) and the warnings met on the way.
  public func read(_ stream: String, limit: ReadLimit = .all) throws -> (
    records: [EventRecord], warnings: [EventLogWarning]
  ) {
    var records: [EventRecord] = []
    let warnings = try forEach(in: stream, limit: limit) { records.append($0) }
    return (records, warnings)
  }

  /// Checks a whole stream and reports every problem instead of stopping at the first.
  public func verify(_ stream: String) throws(EventLogError) -> StreamReport {
    let lock = try sharedLock()
    defer { withExtendedLifetime(lock) {} }
    guard let file = try openStream(stream, flags: O_RDONLY) else { throw .noSuchStream(name: stream) }
    defer { file.close() }
    var scanner = StreamScanner(file: file, path: path(of: stream), strict: false)
    var count = 0
    while try scanner.next() != nil { count += 1 }
    return StreamReport(
      stream: stream, count: count, headHash: scanner.head.hash, problems: scanner.problems,
      warnings: scanner.warnings)
  }

  // MARK: Writing

  /// Appends a batch of events atomically.
  ///
  /// - Parameters:
  ///   - expected: the version the stream must have; checked after the idempotency check, so a
  ///     retried batch returns its original position.
  /// - Throws: `EventLogError`.
  @discardableResult
  public func append(to stream: String, expected: ExpectedVersion = .any, _ events: [NewEvent]) throws
    -> AppendResult
  {
    try append(to: stream, expected: expected, initial: (), fold: { _, _ in }, decide: { _, _ in events })
  }

  /// Reads the stream under the write lock, folds it into a state, asks `decide` for the events to
  /// append given that state, and appends them: check and write cannot be interleaved by another
  /// process.
  ///
  /// - Parameters:
  ///   - fold: applied to every record in order, starting from `initial`.
  ///   - decide: gets the folded state and the stream's head; returns the events to append. An empty
  ///     array appends nothing. Errors it throws are passed on and nothing is written.
  /// - Throws: `EventLogError`, or what `fold` or `decide` throw.
  public func append<State>(
    to stream: String, expected: ExpectedVersion = .any, initial: State,
    fold: (inout State, EventRecord) throws -> Void,
    decide: (State, StreamHead) throws -> [NewEvent]
  ) throws -> AppendResult {
    guard Self.isValidStreamName(stream) else { throw EventLogError.invalidStreamName(stream) }
    guard exists else { throw EventLogError.noSuchStore(path: directory) }
    let lock = try StoreLock(directory: directory, exclusive: true, timeout: lockTimeout)
    defer { withExtendedLifetime(lock) {} }

    var state = initial
    var head = StreamHead()
    var knownIDs: [String: (seq: Int, line: Int)] = [:]
    var validLength = 0
    var repairs: [EventLogWarning] = []
    var fileSize = 0
    let existing = try openStream(stream, flags: O_RDWR)
    defer { existing?.close() }
    if let existing {
      var scanner = StreamScanner(file: existing, path: path(of: stream), strict: true)
      while let r = try scanner.next() { try fold(&state, r) }
      head = scanner.head
      knownIDs = scanner.ids
      validLength = scanner.validLength
      repairs = scanner.warnings
      fileSize = try existing.size()
    }

    let events = try decide(state, head)
    guard !events.isEmpty else {
      return AppendResult(
        firstSeq: head.seq + 1, lastSeq: head.seq, headHash: head.hash, alreadyStored: false, repairs: [])
    }
    try validate(events)
    let given = events.compactMap(\.id)
    let stored = given.filter { knownIDs[$0] != nil }
    if !stored.isEmpty {
      guard stored.count == events.count else {
        throw EventLogError.partialDuplicate(stream: stream, ids: stored)
      }
      let seqs = stored.compactMap { knownIDs[$0]?.seq }
      return AppendResult(
        firstSeq: seqs.min() ?? 0, lastSeq: seqs.max() ?? 0, headHash: head.hash, alreadyStored: true,
        repairs: [])
    }
    guard expected.admits(head.seq) else {
      throw EventLogError.versionConflict(stream: stream, expected: expected.description, actual: head.seq)
    }

    let recorded = max(clock(), head.recorded)
    var lines: [UInt8] = []
    var prev = head.hash
    for (i, e) in events.enumerated() {
      let seq = head.seq + 1 + i
      var r = EventRecord(
        seq: seq, id: e.id ?? makeID(stream, seq), type: e.type, version: e.version, recorded: recorded,
        actor: e.actor, reason: e.reason, correlation: e.correlation, causation: e.causation,
        continues: i < events.count - 1, data: e.data, prev: prev)
      lines += r.seal()
      prev = r.hash
    }

    let file: FileDescriptor
    var created = false
    if let existing {
      file = existing
    } else {
      guard let f = try openStream(stream, flags: O_RDWR | O_CREAT | O_EXCL) else {
        throw EventLogError.io(path: path(of: stream), operation: "create", errno: ENOENT)
      }
      file = f
      created = true
    }
    defer { if created { file.close() } }
    do {
      if fileSize > validLength { try file.truncate(to: validLength) }
      try file.write(lines, at: validLength)
      try file.sync()
      if created { try FileDescriptor.syncDirectory(directory) }
    } catch {
      // Leave the stream as it was: the torn bytes would only be removed by the next append.
      try? file.truncate(to: validLength)
      try? file.sync()
      if created { unlink(path(of: stream)) }
      throw error
    }
    return AppendResult(
      firstSeq: head.seq + 1, lastSeq: head.seq + events.count, headHash: prev, alreadyStored: false,
      repairs: fileSize > validLength ? repairs : [])
  }

  // MARK: Helpers

  private func validate(_ events: [NewEvent]) throws(EventLogError) {
    var seen = Set<String>()
    for e in events {
      guard !e.type.isEmpty else { throw .invalidEvent("empty type") }
      guard !e.actor.isEmpty else { throw .invalidEvent("empty actor") }
      guard e.version >= 1 else { throw .invalidEvent("version must be at least 1") }
      if let id = e.id {
        guard !id.isEmpty else { throw .invalidEvent("empty id") }
        guard seen.insert(id).inserted else { throw .invalidEvent("id \(id) twice in one batch") }
      }
    }
  }

  private func sharedLock() throws(EventLogError) -> StoreLock? {
    guard exists else { throw .noSuchStore(path: directory) }
    return try StoreLock(directory: directory, exclusive: false, timeout: lockTimeout)
  }

  private func openStream(_ stream: String, flags: Int32) throws(EventLogError) -> FileDescriptor? {
    guard Self.isValidStreamName(stream) else { throw .invalidStreamName(stream) }
    return try FileDescriptor.openFile(path(of: stream), flags: flags)
  }
}
