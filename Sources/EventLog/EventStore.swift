/// Whether `name` is a slug, `[a-z0-9][a-z0-9-]{0,63}`: the names streams may have.
public func isValidStreamName(_ name: String) -> Bool {
  let u = Array(name.utf8)
  guard !u.isEmpty, u.count <= 64 else { return false }
  func ok(_ c: UInt8) -> Bool { (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) }
  return ok(u[0]) && u.dropFirst().allSatisfy { ok($0) || $0 == 0x2D }
}

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
    case .noStream: return "no stream yet"
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
  /// Values to keep out of the line, by name: written to the vault, committed to in the line.
  public var sealed: [String: SealedInput]
  /// When it was recorded, or nil to let the store's clock stamp it. An import that rebuilds a log
  /// gives the original time; the store refuses one earlier than the record before it.
  public var recorded: Timestamp?
  /// Whether a batch continues after this event, or nil for "every event of this append but the
  /// last". An import that rebuilds several original batches in one append gives the original flags.
  public var continues: Bool?

  public init(
    id: String? = nil, type: String, version: Int = 1, actor: String, reason: String? = nil,
    correlation: String? = nil, causation: String? = nil, data: [String: JSONValue],
    sealed: [String: SealedInput] = [:], recorded: Timestamp? = nil, continues: Bool? = nil
  ) {
    self.recorded = recorded
    self.continues = continues
    self.id = id
    self.type = type
    self.version = version
    self.actor = actor
    self.reason = reason
    self.correlation = correlation
    self.causation = causation
    self.data = data
    self.sealed = sealed
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
  /// Where the stream stands afterwards (for a snapshot of the state the append folded).
  public var position: StreamPosition? = nil
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

/// An append-only store of streams of hash-chained records: the one seam between the domain and
/// storage. `FileEventStore` keeps each stream in a file; `InMemoryEventStore` keeps them in memory
/// for tests and tools. Both pass the same contract suite (`Tests/EventLogTests/StoreContractTests`).
///
/// The store knows records, streams, versions and hashes, never what a stream is about.
public protocol EventStore: Sendable {
  /// Where a stream lives, as messages name it in `file:line` (a path, or `memory:<stream>`).
  func location(of stream: String) -> String

  /// The store as messages name it: its directory, or `memory`.
  var name: String { get }

  /// Whether the store exists (a file store's directory); reads of a missing store fail.
  var exists: Bool { get }

  /// Makes the store exist; nothing happens if it does.
  func create() throws(EventLogError)

  /// Names of all streams, sorted.
  func streamNames() throws(EventLogError) -> [String]

  /// Whether a stream exists.
  func contains(_ stream: String) -> Bool

  /// The stream's head: last seq, its hash and recorded time (seq 0 and the genesis hash when empty).
  ///
  /// - Throws: `EventLogError.noSuchStream`, or what reading finds.
  func head(of stream: String) throws -> StreamHead

  /// Calls `body` with each record of a stream in order, up to `limit`.
  ///
  /// - Returns: warnings about a torn tail, if any.
  /// - Throws: `EventLogError` (`.noSuchStream`, `.corrupt`…), or what `body` throws.
  @discardableResult
  func forEach(in stream: String, limit: ReadLimit, _ body: (EventRecord) throws -> Void) throws
    -> [EventLogWarning]

  /// Calls `body` with every record of the given streams (all when nil) in one deterministic order:
  /// recorded time, then stream name, then seq.
  @discardableResult
  func forEachInOrder(streams: [String]?, _ body: (_ stream: String, _ record: EventRecord) throws -> Void)
    throws -> [EventLogWarning]

  /// Folds the stream into a state, asks `decide` for the events to append given that state and the
  /// stream's head, and appends them atomically: no other writer comes between check and write.
  ///
  /// - Parameters:
  ///   - expected: the version the stream must have; checked after the idempotency check, so a
  ///     retried batch (the same event ids) returns its original position.
  ///   - fold: applied to every record in order, starting from `initial`.
  ///   - decide: returns the events to append; an empty array appends nothing. Errors it throws are
  ///     passed on and nothing is written.
  /// - Throws: `EventLogError`, or what `fold` or `decide` throw.
  ///   - resume: a state folded from the stream up to a position, kept from an earlier read: when
  ///     the stream still begins with that position, only what follows it is read and folded onto
  ///     that state; otherwise the whole stream is folded from `initial`.
  func append<State>(
    to stream: String, expected: ExpectedVersion, initial: State, resume: (StreamPosition, State)?,
    fold: (inout State, EventRecord) throws -> Void,
    decide: (State, StreamHead) throws -> [NewEvent]
  ) throws -> AppendResult

  /// Calls `body` with each record after `position` (from the start when nil), if the stream still
  /// begins with it.
  ///
  /// - Returns: where the stream stands after the records read, and the warnings met; nil when the
  ///   stream no longer begins with `position` (nothing was read: read from the start instead).
  func forEach(in stream: String, after position: StreamPosition?, _ body: (EventRecord) throws -> Void)
    throws -> StreamRead?

  /// The bytes kept for a stream by `keep(_:for:at:)`, if any: a cache, which may be gone at any time.
  func kept(for stream: String) -> [UInt8]?

  /// Keeps bytes for a stream (a snapshot of what was built from it up to `length`) where
  /// `kept(for:)` finds them, but only while the stream is still exactly that long: a snapshot of
  /// a state the stream has moved on from is not kept (it might hold values erased since). Best
  /// effort: a cache that cannot be written is simply not there next time.
  func keep(_ bytes: [UInt8], for stream: String, at length: Int)

  /// What a stream is right now, cheaply (a file store: the file's inode, size and change time,
  /// from one `stat`); nil when the store cannot say. Equal stamps mean an unchanged stream: any
  /// append, repair or replacement changes it. A cache of what was built from a stream keeps the
  /// stamp taken before it read the stream, and is used only while the stamp is still the same.
  func stamp(of stream: String) -> String?

  /// The bytes of a store-wide cache kept by `keep(_:named:)`, if any (gone at any time).
  func kept(named name: String) -> [UInt8]?

  /// Keeps a store-wide cache (built from many streams, holding no personal data) where
  /// `kept(named:)` finds it; the old one or the new one is found, never a part. Best effort.
  func keep(_ bytes: [UInt8], named name: String)

  /// A random key kept with the caches (made with them, gone with them), for their MACs; nil when
  /// there is none and `create` is false, or when it cannot be made.
  func cacheKey(create: Bool) -> [UInt8]?

  /// Checks a whole stream and reports every problem instead of stopping at the first. `replay`,
  /// when given, sees each record read (in the same pass): the first reason it gives is reported
  /// as a problem at that record's line when the stream has no other problem.
  func verify(_ stream: String, replay: ((EventRecord) -> String?)?) throws(EventLogError) -> StreamReport

  /// What `verify` says of the store as a whole (a directory others may enter).
  var storeWarnings: [EventLogWarning] { get }

  /// Erases a subject's sealed values in a stream: each vault entry filed under `subject` — the
  /// ones lines commit to, and any a crash left behind before its line was written — is
  /// overwritten in place by a tombstone that keeps only the commitment, the name and the subject,
  /// and the vault is synced. The lines still verify; readers see those values as erased.
  ///
  /// - Returns: how many values were erased now (ones erased before do not count).
  func erase(in stream: String, subject: String) throws -> Int

  /// The sealed values of a stream's vault by commitment, with salts and line lengths, for an
  /// export that rebuilds the log; erased ones without salt and value.
  func vaultValues(of stream: String) throws(EventLogError) -> [String: VaultValue]

  /// The store's secret: 32 random bytes made on first use and kept with the store (a file
  /// store's `.secret`, owner-only), for tokens such as the web interface's anti-forgery token.
  func secret() throws -> [UInt8]

  /// Whether the secret has been made (a token checked before then cannot be valid).
  var hasSecret: Bool { get }
}

extension EventStore {
  /// Checks a whole stream's bytes (`verify(_:replay:)` without a replay).
  public func verify(_ stream: String) throws(EventLogError) -> StreamReport {
    try verify(stream, replay: nil)
  }

  /// Every record of every stream in order (see `forEachInOrder(streams:_:)`).
  @discardableResult
  public func forEachInOrder(_ body: (_ stream: String, _ record: EventRecord) throws -> Void) throws
    -> [EventLogWarning]
  {
    try forEachInOrder(streams: nil, body)
  }

  /// Each record of a stream, in order.
  @discardableResult
  public func forEach(in stream: String, _ body: (EventRecord) throws -> Void) throws -> [EventLogWarning] {
    try forEach(in: stream, limit: .all, body)
  }

  /// All records of a stream (up to `limit`) and the warnings met on the way.
  public func read(_ stream: String, limit: ReadLimit = .all) throws -> (
    records: [EventRecord], warnings: [EventLogWarning]
  ) {
    var records: [EventRecord] = []
    let warnings = try forEach(in: stream, limit: limit) { records.append($0) }
    return (records, warnings)
  }

  /// Folds the whole stream from `initial`, then appends (see the requirement).
  public func append<State>(
    to stream: String, expected: ExpectedVersion, initial: State,
    fold: (inout State, EventRecord) throws -> Void,
    decide: (State, StreamHead) throws -> [NewEvent]
  ) throws -> AppendResult {
    try append(to: stream, expected: expected, initial: initial, resume: nil, fold: fold, decide: decide)
  }

  /// Appends a batch of events atomically, whatever the stream holds.
  @discardableResult
  public func append(to stream: String, expected: ExpectedVersion = .any, _ events: [NewEvent]) throws
    -> AppendResult
  {
    try append(to: stream, expected: expected, initial: (), fold: { _, _ in }, decide: { _, _ in events })
  }
}

/// The part of an append that every store shares: check the batch, answer a retry with its
/// original position, check the expected version, and seal the new records onto the chain.
enum Batch {
  enum Plan {
    /// Every event id is stored already: nothing to write.
    case alreadyStored(AppendResult)
    /// Write the vault entries first, then these records (their lines, concatenated) after the head.
    case write(records: [EventRecord], lines: [UInt8], vault: [VaultEntry], result: AppendResult)
  }

  /// - Parameters:
  ///   - knownIDs: the seq of every event id in the stream.
  /// - Throws: `EventLogError.invalidEvent`, `.partialDuplicate`, `.versionConflict`.
  static func plan(
    stream: String, events: [NewEvent], head: StreamHead, knownIDs: [String: Int], expected: ExpectedVersion,
    now: Timestamp, makeID: (String, Int) -> String, makeSalt: (String, Int, String) -> String
  ) throws(EventLogError) -> Plan {
    try validate(events)
    let stored = events.compactMap(\.id).filter { knownIDs[$0] != nil }
    if !stored.isEmpty {
      guard stored.count == events.count else {
        throw .partialDuplicate(stream: stream, ids: stored)
      }
      let seqs = stored.compactMap { knownIDs[$0] }
      return .alreadyStored(
        AppendResult(
          firstSeq: seqs.min() ?? 0, lastSeq: seqs.max() ?? 0, headHash: head.hash, alreadyStored: true,
          repairs: []))
    }
    guard expected.admits(head.seq) else {
      throw .versionConflict(stream: stream, expected: expected, actual: head.seq)
    }
    var recorded = max(now, head.recorded)
    var records: [EventRecord] = []
    var lines: [UInt8] = []
    var vault: [VaultEntry] = []
    var prev = head.hash
    for (i, e) in events.enumerated() {
      let seq = head.seq + 1 + i
      if let given = e.recorded {
        guard given >= (i == 0 ? head.recorded : recorded) else {
          throw .invalidEvent(
            "recorded \(given) is earlier than the record before it (\(i == 0 ? head.recorded : recorded))")
        }
        recorded = given
      }
      var sealed: [String: String] = [:]
      var erased = Set<String>()
      for (name, input) in e.sealed.sorted(by: { $0.key < $1.key }) {
        let entry = input.entry(name: name, salt: { makeSalt(stream, seq, name) })
        sealed[name] = entry.commitment
        if entry.sealed == nil { erased.insert(name) }
        vault.append(entry)
      }
      var r = EventRecord(
        seq: seq, id: e.id ?? makeID(stream, seq), type: e.type, version: e.version, recorded: recorded,
        actor: e.actor, reason: e.reason, correlation: e.correlation, causation: e.causation,
        continues: e.continues ?? (i < events.count - 1), data: e.data, sealed: sealed, prev: prev)
      lines += r.seal()
      r.unsealed = e.sealed.filter { !erased.contains($0.key) }.mapValues(\.value)
      r.erased = erased
      prev = r.hash
      records.append(r)
    }
    return .write(
      records: records, lines: lines, vault: vault,
      result: AppendResult(
        firstSeq: head.seq + 1, lastSeq: head.seq + events.count, headHash: prev, alreadyStored: false,
        repairs: []))
  }

  private static func validate(_ events: [NewEvent]) throws(EventLogError) {
    var seen = Set<String>()
    for e in events {
      guard !e.type.isEmpty else { throw .invalidEvent("empty type") }
      for (name, input) in e.sealed {
        guard !name.isEmpty, e.data[name] == nil else {
          throw .invalidEvent("sealed value '\(name)' must have a name of its own, not one of the payload's")
        }
        guard !input.subject.isEmpty else { throw .invalidEvent("sealed value '\(name)' has no subject") }
      }
      try input(e)
      guard !e.actor.isEmpty else { throw .invalidEvent("empty actor") }
      guard e.version >= 1 else { throw .invalidEvent("version must be at least 1") }
      if let id = e.id {
        guard !id.isEmpty else { throw .invalidEvent("empty id") }
        guard seen.insert(id).inserted else { throw .invalidEvent("id \(id) twice in one batch") }
      }
    }
    if events.last?.continues == true { throw .invalidEvent("the last event of an append cannot continue") }
  }
}
