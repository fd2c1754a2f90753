#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// A directory of streams, one append-only file `<stream>.jsonl` each, and the vault of their
/// sealed values, `.vault/<stream>.jsonl`.
///
/// Writers hold an exclusive `flock` on `.lock` in the directory, readers a shared one. Every
/// append re-checks the whole stream under the lock before it writes, so nothing is ever appended
/// after damage, and is on disk (`fsync`) before it returns.
public struct FileEventStore: EventStore {
  public let directory: String
  public var lockTimeout: Double
  /// The clock that stamps `recorded`; injected so that tests and scripted samples are reproducible.
  public var clock: @Sendable () -> Timestamp
  /// Makes an event id for a `NewEvent` without one, from the stream and the seq it will get.
  public var makeID: @Sendable (_ stream: String, _ seq: Int) -> String
  /// Makes the salt of a sealed value (32 hex digits), from the stream, the seq and the value's
  /// name; random unless a reproducible script asks otherwise. Salts live only in the vault.
  public var makeSalt: @Sendable (_ stream: String, _ seq: Int, _ name: String) -> String

  public init(
    directory: String, lockTimeout: Double = 5,
    clock: @escaping @Sendable () -> Timestamp, makeID: @escaping @Sendable (String, Int) -> String,
    makeSalt: @escaping @Sendable (String, Int, String) -> String = { _, _, _ in randomSalt() }
  ) {
    self.directory = directory
    self.lockTimeout = lockTimeout
    self.clock = clock
    self.makeID = makeID
    self.makeSalt = makeSalt
  }

  /// The path of a stream's file, as messages name it.
  public func path(of stream: String) -> String { directory + "/" + stream + ".jsonl" }

  public func location(of stream: String) -> String { path(of: stream) }

  public var name: String { directory }

  /// The path of a stream's vault file.
  public func vaultPath(of stream: String) -> String {
    directory + "/" + Vault.folder + "/" + stream + ".jsonl"
  }

  /// A checking reader of a stream that fills in sealed values from its vault.
  func scanner(
    _ file: FileDescriptor, _ stream: String, strict: Bool, bufferSize: Int = 1 << 16,
    from: StreamPosition = .start, limit: Int? = nil
  ) -> StreamScanner {
    StreamScanner(
      source: .open(file), path: path(of: stream), strict: strict,
      vault: VaultReader(path: vaultPath(of: stream)), bufferSize: bufferSize, from: from, limit: limit)
  }

  /// Opens a stream for reading and captures its length, holding the shared lock only for that:
  /// the file up to that length is a consistent snapshot (streams only grow; bytes past a torn
  /// tail, which a writer may cut and write again, read as a torn tail), so the reading itself
  /// never keeps a writer waiting.
  func openForReading(_ stream: String) throws(EventLogError) -> (file: FileDescriptor, length: Int) {
    let lock = try sharedLock()
    defer { withExtendedLifetime(lock) {} }
    guard let file = try openStream(stream, flags: O_RDONLY) else { throw .noSuchStream(name: stream) }
    do {
      return (file, try file.size())
    } catch {
      file.close()
      throw error
    }
  }

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
    guard let all = Self.entries(of: directory) else {
      if errno == ENOENT || errno == ENOTDIR { throw .noSuchStore(path: directory) }
      throw .io(path: directory, operation: "opendir", errno: errno)
    }
    return all.compactMap { name in
      guard name.hasSuffix(".jsonl") else { return nil }
      let stem = String(name.dropLast(6))
      return isValidStreamName(stem) ? stem : nil
    }.sorted()
  }

  /// The names in a directory, or nil (with `errno` set) when it cannot be opened.
  static func entries(of directory: String) -> [String]? {
    guard let dir = opendir(directory) else { return nil }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
      names.append(
        withUnsafeBytes(of: entry.pointee.d_name) { raw in
          String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
        })
    }
    return names
  }

  /// Whether a stream file exists. Only a file that is surely not there (`ENOENT`) is absent:
  /// when the system refuses to say (no permission), the read that follows reports its reason.
  public func contains(_ stream: String) -> Bool {
    guard isValidStreamName(stream) else { return false }
    var st = stat()
    return stat(path(of: stream), &st) == 0 || (errno != ENOENT && errno != ENOTDIR)
  }

  // MARK: Reading

  /// Calls `body` with each record of a stream in order, holding memory flat.
  ///
  /// - Parameter limit: where to stop.
  /// - Returns: warnings about a torn tail, if any.
  /// - Throws: `EventLogError` (`.noSuchStream`, `.corrupt`…), or what `body` throws.
  @discardableResult
  public func forEach(
    in stream: String, limit: ReadLimit, _ body: (EventRecord) throws -> Void
  ) throws -> [EventLogWarning] {
    let (file, length) = try openForReading(stream)
    defer { file.close() }
    var scanner = scanner(file, stream, strict: true, limit: length)
    while let r = try scanner.next() {
      guard limit.admits(r) else { return [] }
      try body(r)
    }
    return scanner.warnings
  }

  public func forEach(
    in stream: String, after position: StreamPosition?, _ body: (EventRecord) throws -> Void
  ) throws -> StreamRead? {
    let (file, length) = try openForReading(stream)
    defer { file.close() }
    let from = position ?? .start
    guard length >= from.length, try begins(file, with: from) else { return nil }
    var scanner = scanner(file, stream, strict: true, from: from, limit: length)
    while let r = try scanner.next() { try body(r) }
    return StreamRead(position: scanner.position, warnings: scanner.warnings)
  }

  public func head(of stream: String) throws -> StreamHead {
    var head = StreamHead()
    try forEach(in: stream, limit: .all) {
      head = StreamHead(seq: $0.seq, hash: $0.hash, recorded: $0.recorded)
    }
    return head
  }

  /// Checks a whole stream and reports every problem instead of stopping at the first.
  public func verify(_ stream: String, replay: ((EventRecord) -> String?)?) throws(EventLogError)
    -> StreamReport
  {
    let lock = try sharedLock()
    defer { withExtendedLifetime(lock) {} }
    guard let file = try openStream(stream, flags: O_RDONLY) else { throw .noSuchStream(name: stream) }
    defer { file.close() }
    var scanner = scanner(file, stream, strict: false)
    var count = 0
    var replayed: StreamProblem?
    let seen = lastSeen(stream)
    var seenHash: String?
    while let r = try scanner.next() {
      count += 1
      if r.seq == seen?.seq { seenHash = r.hash }
      if replayed == nil, let replay, let reason = replay(r) {
        replayed = StreamProblem(file: path(of: stream), line: r.seq, reason: reason)
      }
    }
    var problems = scanner.problems
    if problems.isEmpty, let reason = Self.cut(since: seen, head: scanner.head, seenHash: seenHash) {
      problems.append(StreamProblem(file: path(of: stream), line: scanner.head.seq + 1, reason: reason))
    }
    if problems.isEmpty, let replayed { problems.append(replayed) }
    var warnings = scanner.warnings
    for path in [path(of: stream), vaultPath(of: stream)] {
      if let w = Self.looseMode(path, limit: 0o600) { warnings.append(w) }
    }
    return StreamReport(
      stream: stream, count: count, headHash: scanner.head.hash, problems: problems, warnings: warnings)
  }

  /// A warning when a file or directory of the store lets others in: streams and vaults are the
  /// owner's only (0600), the store directory too (0700).
  static func looseMode(_ path: String, limit: mode_t) -> EventLogWarning? {
    var st = stat()
    guard lstat(path, &st) == 0 else { return nil }
    let mode = st.st_mode & 0o777
    guard mode & ~limit != 0 else { return nil }
    let octal = { (m: mode_t) in "0" + String(m, radix: 8) }
    return EventLogWarning(
      file: path, line: 0,
      message:
        "mode \(octal(mode)) lets others in: the store holds official records and personal data; \(octal(limit)) expected (chmod \(octal(limit)) \(path))"
    )
  }

  public var storeWarnings: [EventLogWarning] {
    Self.looseMode(directory, limit: 0o700).map { [$0] } ?? []
  }

  // MARK: Writing

  public func append<State>(
    to stream: String, expected: ExpectedVersion, initial: State, resume: (StreamPosition, State)?,
    fold: (inout State, EventRecord) throws -> Void,
    decide: (State, StreamHead) throws -> [NewEvent]
  ) throws -> AppendResult {
    guard isValidStreamName(stream) else { throw EventLogError.invalidStreamName(stream) }
    guard exists else { throw EventLogError.noSuchStore(path: directory) }
    let lock = try StoreLock(directory: directory, exclusive: true, timeout: lockTimeout)
    defer { withExtendedLifetime(lock) {} }

    var state = initial
    var head = StreamHead()
    var knownIDs: [String: Int] = [:]
    var validLength = 0
    var repairs: [EventLogWarning] = []
    var fileSize = 0
    let existing = try openStream(stream, flags: O_RDWR)
    defer { existing?.close() }
    var resumed: StreamPosition?
    if let existing {
      // From the snapshot's position when the file still begins with it, else from the start.
      var from = StreamPosition.start
      if let (position, snapshot) = resume, try begins(existing, with: position) {
        (from, state, resumed) = (position, snapshot, position)
      }
      var scanner = scanner(existing, stream, strict: true, from: from)
      var seenHash: String?
      let seen = lastSeen(stream)
      while let r = try scanner.next() {
        if r.seq == seen?.seq { seenHash = r.hash }
        try fold(&state, r)
      }
      head = scanner.head
      // Nothing is appended to a stream cut or rewritten since its last acknowledged append.
      if let reason = Self.cut(since: seen, head: head, seenHash: seenHash) {
        throw EventLogError.corrupt(file: path(of: stream), line: head.seq + 1, reason: reason)
      }
      knownIDs = scanner.ids.mapValues(\.seq)
      validLength = scanner.validLength
      repairs = scanner.warnings
      fileSize = try existing.size()
    }

    let events = try decide(state, head)
    // A retry names its event ids: they are looked up in the whole stream, the part before the
    // snapshot's position included.
    if let resumed, let existing, events.contains(where: { $0.id != nil }) {
      var prefix = scanner(existing, stream, strict: true)
      while let r = try prefix.next(), r.seq <= resumed.seq { knownIDs[r.id] = r.seq }
    }
    guard !events.isEmpty else {
      return AppendResult(
        firstSeq: head.seq + 1, lastSeq: head.seq, headHash: head.hash, alreadyStored: false, repairs: [],
        position: StreamPosition(seq: head.seq, hash: head.hash, recorded: head.recorded, length: validLength)
      )
    }
    let plan = try Batch.plan(
      stream: stream, events: events, head: head, knownIDs: knownIDs, expected: expected, now: clock(),
      makeID: makeID, makeSalt: makeSalt)
    let lines: [UInt8]
    var result: AppendResult
    var severalBatches = false
    var vaultBefore: VaultUndo?
    switch plan {
    case .alreadyStored(var stored):
      stored.position = StreamPosition(
        seq: head.seq, hash: head.hash, recorded: head.recorded, length: validLength)
      return stored
    case .write(let records, let l, let vault, let r):
      (lines, result) = (l, r)
      severalBatches = records.dropLast().contains { !$0.continues }
      if let last = records.last {
        result.position = StreamPosition(
          seq: last.seq, hash: last.hash, recorded: last.recorded, length: validLength + l.count)
      }
      // The vault first: a crash after it leaves entries no line refers to (ignored), never a line
      // whose values are nowhere.
      vaultBefore = try appendToVault(vault, stream: stream)
      if !vault.isEmpty { FailPoint.afterVaultWrite.reach() }
    }

    // Several batches (an import) go in together or not at all: a crash part-way through one write
    // could leave whole batches that readers would take for the visit.
    if severalBatches {
      do {
        try replaceStream(stream, keeping: validLength, of: existing, adding: lines)
      } catch {
        vaultBefore?.undo()
        throw error
      }
      result.repairs = fileSize > validLength ? repairs : []
      if let p = result.position { recordSeen(p, of: stream) }
      return result
    }
    let file: FileDescriptor
    var created = false
    if let existing {
      file = existing
    } else {
      do {
        guard let f = try openStream(stream, flags: O_RDWR | O_CREAT | O_EXCL) else {
          throw EventLogError.io(path: path(of: stream), operation: "create", errno: ENOENT)
        }
        file = f
      } catch {
        vaultBefore?.undo()
        throw error
      }
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
      vaultBefore?.undo()
      throw error
    }
    result.repairs = fileSize > validLength ? repairs : []
    if let p = result.position { recordSeen(p, of: stream) }
    return result
  }

  public func erase(in stream: String, subject: String) throws -> Int {
    guard isValidStreamName(stream) else { throw EventLogError.invalidStreamName(stream) }
    guard exists else { throw EventLogError.noSuchStore(path: directory) }
    let lock = try StoreLock(directory: directory, exclusive: true, timeout: lockTimeout)
    defer { withExtendedLifetime(lock) {} }
    // The snapshot cache holds the values too: it goes first, and is rebuilt without them. So do
    // copies of the vault an earlier erasure left when it was killed.
    dropKept(for: stream)
    let path = vaultPath(of: stream)
    Self.removeTemporaries(of: path)
    guard let file = try FileDescriptor.openFile(path, flags: O_RDWR) else { return 0 }
    defer { file.close() }
    let bytes = try VaultReader.read(path)
    var updated = bytes
    var erased = 0
    for range in Vault.lines(bytes) {
      guard let entry = Vault.entry(Array(bytes[range])), entry.sealed != nil, entry.subject == subject
      else { continue }
      // Same length, so nothing after it moves.
      var tombstone = Array(entry.erased.line.dropLast())
      tombstone += [UInt8](repeating: 0x20, count: range.count - tombstone.count)
      updated.replaceSubrange(range.lowerBound..<(range.lowerBound + tombstone.count), with: tombstone)
      erased += 1
    }
    guard erased > 0 else { return 0 }
    // The vault with the tombstones is written whole and renamed into place, so a crash leaves the
    // old vault (running the erasure again finishes it) or the new one, never an entry half
    // overwritten. Then the old file's bytes are overwritten where they lie, so the values do not
    // stay behind in its blocks; the erasure is complete already, so that is done as far as it can.
    try writeWhole(updated, to: path, folder: directory + "/" + Vault.folder)
    try? file.write(updated, at: 0)
    try? file.sync()
    return erased
  }

  /// Writes `bytes` to a new owner-only file next to `path`, syncs it, renames it over `path` and
  /// syncs the folder: whoever opens `path` sees the old file or the new one, whole.
  private func writeWhole(_ bytes: [UInt8], to path: String, folder: String) throws(EventLogError) {
    try writeWhole(to: path, folder: folder) { f throws(EventLogError) in try f.write(bytes, at: 0) }
  }

  private func writeWhole(
    to path: String, folder: String, _ fill: (FileDescriptor) throws(EventLogError) -> Void
  ) throws(EventLogError) {
    let temporary = path + ".new-\(getpid())"
    unlink(temporary)
    guard let f = try FileDescriptor.openFile(temporary, flags: O_WRONLY | O_CREAT | O_EXCL) else {
      throw .io(path: temporary, operation: "create", errno: ENOENT)
    }
    do throws(EventLogError) {
      defer { f.close() }
      try fill(f)
      try f.sync()
      FailPoint.step()
      guard rename(temporary, path) == 0 else { throw .io(path: path, operation: "rename", errno: errno) }
    } catch {
      unlink(temporary)
      throw error
    }
    try FileDescriptor.syncDirectory(folder)
  }

  /// Replaces a stream by its first `length` bytes followed by `lines`, whole (see `writeWhole`).
  private func replaceStream(
    _ stream: String, keeping length: Int, of existing: FileDescriptor?, adding lines: [UInt8]
  ) throws(EventLogError) {
    let path = path(of: stream)
    Self.removeTemporaries(of: path)
    try writeWhole(to: path, folder: directory) { f throws(EventLogError) in
      var buffer = [UInt8](repeating: 0, count: 1 << 20)
      var offset = 0
      while let existing, offset < length {
        let n = try existing.read(
          into: &buffer, at: 0, count: min(buffer.count, length - offset), offset: offset)
        guard n > 0 else { throw .io(path: path, operation: "read", errno: EIO) }
        try f.write(Array(buffer[0..<n]), at: offset)
        offset += n
      }
      try f.write(lines, at: length)
    }
  }

  /// Removes what a process killed in `writeWhole` left next to `path`. Only under the exclusive
  /// lock: nobody else can be writing one.
  static func removeTemporaries(of path: String) {
    guard let slash = path.lastIndex(of: "/") else { return }
    let folder = String(path[..<slash])
    let prefix = String(path[path.index(after: slash)...]) + ".new-"
    for name in entries(of: folder) ?? [] where name.hasPrefix(prefix) { unlink(folder + "/" + name) }
  }

  public var hasSecret: Bool {
    var st = stat()
    return stat(directory + "/.secret", &st) == 0
  }

  public func secret() throws -> [UInt8] {
    guard exists else { throw EventLogError.noSuchStore(path: directory) }
    let path = directory + "/.secret"
    for _ in 0..<2 {
      if let f = try FileDescriptor.openFile(path, flags: O_RDONLY) {
        defer { f.close() }
        var bytes = [UInt8](repeating: 0, count: 32)
        guard try f.read(into: &bytes, at: 0, count: 32, offset: 0) == 32 else {
          throw EventLogError.corrupt(file: path, line: 1, reason: "the store's secret is not 32 bytes")
        }
        return bytes
      }
      // Made once, owner-only; of two processes making it at once, one wins and both read it.
      var g = SystemRandomNumberGenerator()
      let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &g) }
      let temporary = path + ".new-\(getpid())"
      guard let f = try FileDescriptor.openFile(temporary, flags: O_WRONLY | O_CREAT | O_EXCL) else {
        throw EventLogError.io(path: temporary, operation: "create", errno: ENOENT)
      }
      do {
        try f.write(bytes, at: 0)
        try f.sync()
        f.close()
      } catch {
        f.close()
        unlink(temporary)
        throw error
      }
      FailPoint.step()
      if link(temporary, path) != 0 && errno != EEXIST {
        let e = errno
        unlink(temporary)
        throw EventLogError.io(path: path, operation: "link", errno: e)
      }
      unlink(temporary)
      try FileDescriptor.syncDirectory(directory)
    }
    throw EventLogError.io(path: path, operation: "open", errno: ENOENT)
  }

  // MARK: Helpers

  /// How to take back entries appended to a vault when the line that commits to them cannot be
  /// written (a full disk): the vault's length before, and what was made for them.
  struct VaultUndo {
    var path: String
    var length: Int
    var createdFile: Bool
    var createdFolder: String?

    func undo() {
      if createdFile {
        unlink(path)
      } else if let f = try? FileDescriptor.openFile(path, flags: O_RDWR) {
        try? f.truncate(to: length)
        try? f.sync()
        f.close()
      }
      if let createdFolder { rmdir(createdFolder) }
    }
  }

  /// Appends entries to the stream's vault file (made owner-only, with its folder, if needed),
  /// after cutting any torn tail, and syncs them to disk. A failure takes back what it wrote.
  ///
  /// - Returns: how to take the entries back, or nil when there were none.
  private func appendToVault(_ entries: [VaultEntry], stream: String) throws(EventLogError) -> VaultUndo? {
    guard !entries.isEmpty else { return nil }
    let folder = directory + "/" + Vault.folder
    var createdFolder: String?
    if mkdir(folder, 0o700) == 0 {
      createdFolder = folder
      do {
        try FileDescriptor.syncDirectory(directory)
      } catch {
        rmdir(folder)
        throw error
      }
    } else if errno != EEXIST {
      throw .io(path: folder, operation: "mkdir", errno: errno)
    }
    let path = vaultPath(of: stream)
    var created = false
    let file: FileDescriptor
    do throws(EventLogError) {
      if let f = try FileDescriptor.openFile(path, flags: O_RDWR) {
        file = f
      } else {
        guard let f = try FileDescriptor.openFile(path, flags: O_RDWR | O_CREAT | O_EXCL) else {
          throw .io(path: path, operation: "create", errno: ENOENT)
        }
        file = f
        created = true
      }
    } catch {
      if let createdFolder { rmdir(createdFolder) }
      throw error
    }
    defer { file.close() }
    var undo = VaultUndo(path: path, length: 0, createdFile: created, createdFolder: createdFolder)
    do {
      let valid = Vault.validLength(try VaultReader.read(path))
      undo.length = valid
      if try file.size() > valid { try file.truncate(to: valid) }
      try file.write(entries.flatMap(\.line), at: valid)
      try file.sync()
      if created { try FileDescriptor.syncDirectory(folder) }
    } catch {
      undo.undo()
      throw error
    }
    return undo
  }

  private func sharedLock() throws(EventLogError) -> StoreLock? {
    guard exists else { throw .noSuchStore(path: directory) }
    return try StoreLock(directory: directory, exclusive: false, timeout: lockTimeout)
  }

  private func openStream(_ stream: String, flags: Int32) throws(EventLogError) -> FileDescriptor? {
    guard isValidStreamName(stream) else { throw .invalidStreamName(stream) }
    return try FileDescriptor.openFile(path(of: stream), flags: flags)
  }
}
