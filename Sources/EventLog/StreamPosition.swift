#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// Where a stream stood after a whole batch: its head, and how much of the stream that is (bytes of
/// a file store's file, records of a memory store). A reader that kept what it built from the
/// stream up to here (a snapshot) reads only what follows, if the stream still begins with it.
public struct StreamPosition: Sendable, Equatable, Codable {
  public var seq: Int
  public var hash: String
  public var recorded: Timestamp
  public var length: Int

  public init(seq: Int, hash: String, recorded: Timestamp, length: Int) {
    self.seq = seq
    self.hash = hash
    self.recorded = recorded
    self.length = length
  }

  /// The start of a stream: nothing read yet.
  public static let start = StreamPosition(
    seq: 0, hash: EventRecord.genesisHash, recorded: StreamHead().recorded, length: 0)

  public var head: StreamHead { StreamHead(seq: seq, hash: hash, recorded: recorded) }
}

/// What a read from a position found.
public struct StreamRead: Sendable, Equatable {
  /// Where the stream stands after the records read (its last whole batch).
  public var position: StreamPosition
  public var warnings: [EventLogWarning]

  public init(position: StreamPosition, warnings: [EventLogWarning]) {
    self.position = position
    self.warnings = warnings
  }
}

extension FileEventStore {
  /// Whether the file still begins with the stream up to `position`: the line that ends where the
  /// position does is the record of that seq and hash, and it closes its batch. Only that line is
  /// read; the bytes before it are trusted as they were when the position was taken (`verify`
  /// checks every byte).
  func begins(_ file: FileDescriptor, with position: StreamPosition) throws(EventLogError) -> Bool {
    if position.length == 0 { return position.seq == 0 }
    guard try file.size() >= position.length else { return false }
    var end = [UInt8](repeating: 0, count: 1)
    guard try file.read(into: &end, at: 0, count: 1, offset: position.length - 1) == 1, end[0] == 0x0A
    else { return false }
    // Back to the newline before it, a chunk at a time (a line is at most a few kilobytes).
    var start = position.length - 1
    var line: [UInt8] = []
    let chunk = 8192
    while start > 0 {
      let from = max(0, start - chunk)
      var bytes = [UInt8](repeating: 0, count: start - from)
      guard try file.read(into: &bytes, at: 0, count: bytes.count, offset: from) == bytes.count else {
        return false
      }
      if let nl = bytes.lastIndex(of: 0x0A) {
        line = Array(bytes[(nl + 1)...]) + line
        start = from + nl + 1
        break
      }
      line = bytes + line
      start = from
      if line.count > 1 << 20 { return false }  // not a line this program wrote
    }
    guard case .success(let r) = EventRecord.decode(line: line) else { return false }
    return r.seq == position.seq && r.hash == position.hash && !r.continues
  }
}

extension FileEventStore {
  /// The folder of the snapshot caches: `.cache/` in the store, deletable at any time.
  public static let cacheFolder = ".cache"

  func cachePath(of stream: String) -> String {
    directory + "/" + Self.cacheFolder + "/" + stream + ".snapshot"
  }

  public func kept(for stream: String) -> [UInt8]? {
    guard isValidStreamName(stream) else { return nil }
    return try? VaultReader.read(cachePath(of: stream))
  }

  /// Writes the cache file whole under a temporary name (owner-only: it holds personal data) and
  /// renames it into place, so a reader sees the old file or the new one, never a part. This is
  /// done under the shared lock, and only while the stream is `length` bytes long: an erasure
  /// appends its event before it deletes the cache and overwrites the vault under the exclusive
  /// lock, so a reader that folded the visit before the erasure cannot put its values back.
  public func keep(_ bytes: [UInt8], for stream: String, at length: Int) {
    guard isValidStreamName(stream), exists,
      let lock = try? StoreLock(directory: directory, exclusive: false, timeout: 0.2)
    else { return }
    defer { withExtendedLifetime(lock) {} }
    var st = stat()
    guard stat(path(of: stream), &st) == 0, Int(st.st_size) == length else { return }
    writeCache(bytes, to: cachePath(of: stream))
  }

  /// Writes a cache file whole under a temporary name (owner-only) and renames it into place.
  func writeCache(_ bytes: [UInt8], to path: String) {
    let folder = directory + "/" + Self.cacheFolder
    if mkdir(folder, 0o700) != 0 && errno != EEXIST { return }
    let temporary = path + ".new-\(getpid())"
    unlink(temporary)
    guard let f = try? FileDescriptor.openFile(temporary, flags: O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW)
    else { return }
    let written = (try? f.write(bytes, at: 0)) != nil
    f.close()
    FailPoint.step()
    if !written || rename(temporary, path) != 0 { unlink(temporary) }
  }

  /// A store-wide cache's file: `.cache/NAME.cache`, a name no stream's snapshot can have.
  private func cachePath(named name: String) -> String? {
    guard isValidStreamName(name) else { return nil }
    return directory + "/" + Self.cacheFolder + "/" + name + ".cache"
  }

  public func stamp(of stream: String) -> String? {
    guard isValidStreamName(stream) else { return nil }
    var st = stat()
    guard lstat(path(of: stream), &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return nil }
    return "\(st.st_ino) \(st.st_size) \(st.st_ctim.tv_sec).\(st.st_ctim.tv_nsec)"
  }

  public func kept(named name: String) -> [UInt8]? {
    cachePath(named: name).flatMap { try? VaultReader.read($0) }
  }

  public func keep(_ bytes: [UInt8], named name: String) {
    guard exists, let path = cachePath(named: name) else { return }
    writeCache(bytes, to: path)
  }

  public func cacheKey(create: Bool) -> [UInt8]? {
    // The threads of a parallel read make the key one at a time: the first makes it, the others
    // read it (and a crash test counts the same steps every run).
    Self.keyLock.locked { makeCacheKey(create: create) }
  }

  private static let keyLock = ThreadLock()

  private func makeCacheKey(create: Bool) -> [UInt8]? {
    let folder = directory + "/" + Self.cacheFolder
    let path = folder + "/key"
    for _ in 0..<2 {
      if let bytes = try? VaultReader.read(path), bytes.count == 32 { return bytes }
      guard create, exists else { return nil }
      if mkdir(folder, 0o700) != 0 && errno != EEXIST { return nil }
      // Made once; of two processes making it at once, one wins and both read it.
      var g = SystemRandomNumberGenerator()
      let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &g) }
      let temporary = path + ".new-\(getpid())"
      unlink(temporary)
      guard let f = try? FileDescriptor.openFile(temporary, flags: O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW)
      else { return nil }
      let written = (try? f.write(bytes, at: 0)) != nil
      f.close()
      FailPoint.step()
      if written { _ = link(temporary, path) }
      unlink(temporary)
    }
    return nil
  }

  /// Removes a stream's cache (when its personal values are erased, the copy in the cache goes too),
  /// and any temporary copy a process killed while writing it left behind.
  func dropKept(for stream: String) {
    unlink(cachePath(of: stream))
    Self.removeTemporaries(of: cachePath(of: stream))
  }
}

extension FileEventStore {
  private static let headMagic = Array("visits-head\n".utf8)

  func headPath(of stream: String) -> String {
    directory + "/" + Self.cacheFolder + "/" + stream + ".head"
  }

  /// Where the store last saw a stream end: the position after its last acknowledged append, kept
  /// in `.cache/<stream>.head` (MACed like the caches). A stream that is shorter now, or holds
  /// another record at that seq, was cut or rewritten since. Nil when there is no intact record.
  func lastSeen(_ stream: String) -> StreamPosition? {
    guard let bytes = try? VaultReader.read(headPath(of: stream)), bytes.count > Self.headMagic.count + 65,
      Array(bytes.prefix(Self.headMagic.count)) == Self.headMagic, let secret = cacheKey(create: false)
    else { return nil }
    let macStart = Self.headMagic.count
    let body = bytes[(macStart + 65)...]
    guard bytes[macStart + 64] == 0x0A,
      SHA256.hex(HMAC.sha256(key: secret, message: body)).utf8.elementsEqual(
        bytes[macStart..<(macStart + 64)])
    else { return nil }
    let parts = String(decoding: body, as: UTF8.self).split(separator: " ")
    guard parts.count == 3, let seq = Int(parts[0]), let length = Int(parts[2]) else { return nil }
    return StreamPosition(seq: seq, hash: String(parts[1]), recorded: StreamHead().recorded, length: length)
  }

  /// Records where a stream ends after an acknowledged append (under the write lock).
  func recordSeen(_ p: StreamPosition, of stream: String) {
    guard let secret = cacheKey(create: true) else { return }
    let body = Array("\(p.seq) \(p.hash) \(p.length)".utf8)
    writeCache(
      Self.headMagic + Array(SHA256.hex(HMAC.sha256(key: secret, message: body)).utf8) + [0x0A] + body,
      to: headPath(of: stream))
  }

  /// The reason a stream read up to `head` is shorter than, or other than, where the store last saw
  /// it end (`seenHash`: the hash of the record read at the seq last seen, if it was read).
  static func cut(since seen: StreamPosition?, head: StreamHead, seenHash: String?) -> String? {
    guard let seen else { return nil }
    if head.seq < seen.seq {
      return
        "\(seen.seq - head.seq) event(s) missing since the store last saw this stream end at seq \(seen.seq) (head \(seen.hash.prefix(12))): it was cut"
    }
    if let h = seenHash, h != seen.hash {
      return
        "the record at seq \(seen.seq) is not the one the store last saw there (head \(seen.hash.prefix(12))): the stream was rewritten"
    }
    return nil
  }
}
