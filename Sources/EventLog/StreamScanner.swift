#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// Reads a file line by line in large chunks, so memory stays flat whatever the file's size.
struct LineReader {
  /// Where the bytes come from: a file kept open, or a path opened for each chunk read and closed
  /// again (for readers of many streams at once, which must not hold a descriptor for each).
  enum Source {
    case open(FileDescriptor)
    case path(String)
  }

  /// The longest line a store may hold (the program writes lines of a few kilobytes). A longer one
  /// is never held in memory: it is skipped to its end and reported by its length.
  static let maxLineLength = 1 << 20

  /// A line as `next()` found it; its bytes (`bytes(of:_:)`) are there until the next call.
  struct Line {
    /// Where the line's bytes are in the reader's buffer (empty when skipped).
    var range: Range<Int>
    /// Whether the line ended with `\n`; only the last line of a file can lack it.
    var terminated: Bool
    /// Set when the line was longer than `maxLineLength`: `range` is then empty.
    var skippedLength: Int? = nil
    /// 1-based line number.
    var number: Int
    /// File offset just past the line (and its `\n`).
    var endOffset: Int
  }

  private let source: Source
  private var buffer: [UInt8]
  private var start = 0
  private var end = 0
  private var bufferOffset = 0
  private var eof = false
  private var lineNumber = 0
  /// Where the file ends for this reader: bytes after it (appended since) are not read.
  private let limit: Int

  /// - Parameters:
  ///   - offset: where to start reading; `lines` lines lie before it.
  ///   - limit: the file's length as captured under the lock; nil reads to the end.
  init(source: Source, bufferSize: Int = 1 << 16, offset: Int = 0, lines: Int = 0, limit: Int? = nil) {
    self.source = source
    self.buffer = [UInt8](repeating: 0, count: bufferSize)
    self.bufferOffset = offset
    self.lineNumber = lines
    self.limit = limit ?? Int.max
  }

  mutating func next() throws(EventLogError) -> Line? {
    var skipped = 0
    while true {
      if let nl = buffer[start..<end].firstIndex(of: 0x0A) {
        lineNumber += 1
        var line = Line(
          range: skipped > 0 ? start..<start : start..<nl, terminated: true, number: lineNumber,
          endOffset: bufferOffset + nl + 1)
        if skipped > 0 || nl - start > Self.maxLineLength { line.skippedLength = skipped + nl - start }
        start = nl + 1
        return line
      }
      if eof {
        guard start < end || skipped > 0 else { return nil }
        lineNumber += 1
        var line = Line(
          range: skipped > 0 ? start..<start : start..<end, terminated: false, number: lineNumber,
          endOffset: bufferOffset + end)
        if skipped > 0 || end - start > Self.maxLineLength { line.skippedLength = skipped + end - start }
        start = end
        return line
      }
      if end - start > Self.maxLineLength {
        // Too long to be a line of a store: drop what was read of it and look for its end.
        skipped += end - start
        bufferOffset += end
        start = 0
        end = 0
      }
      try fill()
    }
  }

  /// The bytes of `line`, the last one `next()` gave, read in place.
  func bytes<R>(of line: Line, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    buffer.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[line.range])) }
  }

  private mutating func fill() throws(EventLogError) {
    if start > 0 {
      let remaining = end - start
      if remaining > 0 {
        buffer.withUnsafeMutableBytes { raw in
          guard let base = raw.baseAddress else { return }
          _ = memmove(base, base + start, remaining)
        }
      }
      bufferOffset += start
      end = remaining
      start = 0
    }
    if end == buffer.count { buffer.append(contentsOf: repeatElement(0, count: buffer.count)) }
    let count = min(buffer.count - end, max(0, limit - (bufferOffset + end)))
    var n = 0
    if count > 0 {
      switch source {
      case .open(let file):
        n = try file.read(into: &buffer, at: end, count: count, offset: bufferOffset + end)
      case .path(let path):
        guard let file = try FileDescriptor.openFile(path, flags: O_RDONLY) else {
          throw .io(path: path, operation: "open", errno: ENOENT)
        }
        defer { file.close() }
        n = try file.read(into: &buffer, at: end, count: count, offset: bufferOffset + end)
      }
    }
    if n == 0 { eof = true }
    end += n
  }
}

/// A problem found in a stream, at a line.
public struct StreamProblem: Sendable, Equatable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var reason: String
  public var description: String { "\(file):\(line): \(reason)" }

  public init(file: String, line: Int, reason: String) {
    self.file = file
    self.line = line
    self.reason = reason
  }
}

/// Reads one stream front to back, checking every record and the hash chain, and yields records
/// only in whole batches.
///
/// An incomplete final line (no newline: a crash mid-write) and a batch whose closing record never
/// arrived are the stream's *torn tail*: reported as warnings and left out. A crash cannot leave a
/// whole line damaged (a batch is written with one write, and a cut one ends without its newline),
/// so a complete final line that does not check out is corruption like any other: in
/// strict mode it throws at once; otherwise it is collected in `problems` and reading resyncs on the
/// next good record, so that `verify` can name every damaged line.
struct StreamScanner {
  let path: String
  let strict: Bool
  private var reader: LineReader
  private var pending: [EventRecord] = []
  private var ready: [EventRecord] = []
  private var readyIndex = 0
  private var pendingFirstLine = 0
  private var resync = false

  private(set) var warnings: [EventLogWarning] = []
  private(set) var problems: [StreamProblem] = []
  /// Byte length of the stream up to the end of its last whole batch.
  private(set) var validLength = 0
  /// Position, hash and time of the last record of the last whole batch.
  private(set) var head = StreamHead()
  /// Event id → seq and line of every record read (for idempotent appends and duplicate checks).
  private(set) var ids: [String: (seq: Int, line: Int)] = [:]
  private var chain = StreamHead()
  /// Where sealed values come from (format 2).
  private var vault: VaultReader

  /// - Parameter from: a position the file is known to begin with (see `FileEventStore.begins`):
  ///   reading starts after it, chained to its head, with its records taken as checked.
  init(
    source: LineReader.Source, path: String, strict: Bool, vault: VaultReader, bufferSize: Int = 1 << 16,
    from: StreamPosition = .start, limit: Int? = nil
  ) {
    self.reader = LineReader(
      source: source, bufferSize: bufferSize, offset: from.length, lines: from.seq, limit: limit)
    self.path = path
    self.strict = strict
    self.vault = vault
    self.validLength = from.length
    self.head = from.head
    self.chain = from.head
  }

  /// Where the stream stands after the last whole batch read.
  var position: StreamPosition {
    StreamPosition(seq: head.seq, hash: head.hash, recorded: head.recorded, length: validLength)
  }

  mutating func next() throws(EventLogError) -> EventRecord? {
    while true {
      if readyIndex < ready.count {
        readyIndex += 1
        return ready[readyIndex - 1]
      }
      guard let line = try reader.next() else {
        if !pending.isEmpty {
          warn(
            pendingFirstLine,
            "incomplete batch of \(pending.count) record(s) from line \(pendingFirstLine) ignored (a write was interrupted); the next write removes it"
          )
        }
        return nil
      }
      if !line.terminated {
        warn(
          line.number,
          "torn final line (\(line.skippedLength ?? line.range.count) bytes without a newline) ignored (a write was interrupted)\(pendingNote); the next write removes it"
        )
        return nil
      }
      if let length = line.skippedLength {
        try problem(
          line.number, "line of \(length) bytes, longer than any record (at most \(LineReader.maxLineLength))"
        )
        resync = true
        continue
      }
      var record: EventRecord
      switch reader.bytes(of: line, EventRecord.decode) {
      case .success(let r): record = r
      case .failure(let fault):
        // Even the last line: an acknowledged event is never taken for a torn write.
        try problem(line.number, fault.reason)
        resync = true
        continue
      }
      if resync {
        resync = false
      } else {
        if record.seq != chain.seq + 1 {
          try problem(line.number, "seq \(record.seq) where \(chain.seq + 1) was expected")
        } else if record.prev != chain.hash {
          try problem(line.number, "chain broken: prev is not the hash of the record before")
        }
        if record.recorded < chain.recorded {
          try problem(line.number, "recorded time \(record.recorded) is earlier than the record before")
        }
      }
      if let fault = try vault.unseal(&record) { try problem(line.number, fault) }
      if let first = ids[record.id] {
        try problem(line.number, "duplicate event id \(record.id) (first at line \(first.line))")
      } else {
        ids[record.id] = (record.seq, line.number)
      }
      chain = StreamHead(seq: record.seq, hash: record.hash, recorded: record.recorded)
      if pending.isEmpty && !record.continues {
        // A batch of one, the commonest: handed on as it is, not through `pending` and `ready`.
        validLength = line.endOffset
        head = chain
        return record
      }
      if pending.isEmpty { pendingFirstLine = line.number }
      pending.append(record)
      if !record.continues {
        ready = pending
        readyIndex = 0
        pending = []
        validLength = line.endOffset
        head = chain
      }
    }
  }

  private var pendingNote: String {
    pending.isEmpty ? "" : ", with the unfinished batch from line \(pendingFirstLine)"
  }

  private mutating func warn(_ line: Int, _ message: String) {
    warnings.append(EventLogWarning(file: path, line: line, message: message))
  }

  private mutating func problem(_ line: Int, _ reason: String) throws(EventLogError) {
    if strict { throw .corrupt(file: path, line: line, reason: reason) }
    problems.append(StreamProblem(file: path, line: line, reason: reason))
  }
}

/// Where a stream stands: its last seq, head hash and last recorded time.
public struct StreamHead: Sendable, Equatable {
  public var seq: Int
  public var hash: String
  public var recorded: Timestamp

  public init(
    seq: Int = 0, hash: String = EventRecord.genesisHash,
    recorded: Timestamp = Timestamp(milliseconds: Int64.min)
  ) {
    self.seq = seq
    self.hash = hash
    self.recorded = recorded
  }

  /// The first 12 hex digits of the hash, as printed outputs name their anchor.
  public var shortHash: String { String(hash.prefix(12)) }
}

extension StreamHead: Codable {
  private enum CodingKeys: String, CodingKey { case seq, hash, recorded }

  /// The head of an empty stream has no recorded time (its in-memory stand-in is the earliest
  /// instant there is, which has no log form), so `recorded` is left out for it.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(seq, forKey: .seq)
    try c.encode(hash, forKey: .hash)
    if seq > 0 { try c.encode(recorded, forKey: .recorded) }
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      seq: try c.decode(Int.self, forKey: .seq), hash: try c.decode(String.self, forKey: .hash),
      recorded: try c.decodeIfPresent(Timestamp.self, forKey: .recorded) ?? StreamHead().recorded)
  }
}
