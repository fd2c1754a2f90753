#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

extension FileEventStore {
  /// How many stream files a merged read keeps open at once (see `forEachInOrder`).
  static let openStreamsLimit = 64

  /// Calls `body` with every record of every stream, in one deterministic order: recorded time,
  /// then stream name, then seq.
  ///
  /// Streams are merged as they are read, so memory holds one batch per stream, not the streams.
  /// - Parameter streams: which streams (all when nil).
  /// - Returns: warnings about torn tails.
  /// - Throws: `EventLogError`, or what `body` throws.
  /// The store lock is held only while the streams' lengths are captured; the reading that
  /// follows (an audit of every visit can take a minute) keeps no writer waiting. At most
  /// `openStreamsLimit` files are held open; with more streams, each chunk is read by opening the
  /// file and closing it again, so any number of streams can be merged within `ulimit -n`.
  @discardableResult
  public func forEachInOrder(
    streams: [String]?, _ body: (_ stream: String, _ record: EventRecord) throws -> Void
  ) throws -> [EventLogWarning] {
    guard exists else { throw EventLogError.noSuchStore(path: directory) }
    let names = try streams ?? streamNames()
    for name in names where !isValidStreamName(name) { throw EventLogError.invalidStreamName(name) }
    let keepOpen = names.count <= Self.openStreamsLimit
    var files: [FileDescriptor] = []
    defer { files.forEach { $0.close() } }
    var lengths: [Int] = []
    do {
      let lock = try StoreLock(directory: directory, exclusive: false, timeout: lockTimeout)
      defer { withExtendedLifetime(lock) {} }
      for name in names {
        guard let f = try FileDescriptor.openFile(path(of: name), flags: O_RDONLY) else {
          throw EventLogError.noSuchStream(name: name)
        }
        lengths.append(try f.size())
        if keepOpen { files.append(f) } else { f.close() }
      }
    }
    // A finished stream's scanner (and its vault index) is let go at once: memory holds the
    // streams still being merged, one batch each.
    var scanners: [StreamScanner?] = []
    var warnings: [EventLogWarning] = []
    var heap = MergeHeap()
    func advance(_ i: Int, _ name: String) throws {
      if let r = try scanners[i]?.next() {
        heap.push(MergeHeap.Entry(record: r, stream: name, index: i))
      } else {
        warnings += scanners[i]?.warnings ?? []
        scanners[i] = nil
      }
    }
    for (i, name) in names.enumerated() {
      scanners.append(
        StreamScanner(
          source: keepOpen ? .open(files[i]) : .path(path(of: name)), path: path(of: name), strict: true,
          vault: VaultReader(path: vaultPath(of: name)), bufferSize: 1 << 12, limit: lengths[i]))
      try advance(i, name)
    }
    while let top = heap.pop() {
      try body(top.stream, top.record)
      try advance(top.index, top.stream)
    }
    return warnings
  }
}

/// A binary min-heap of the next record of each stream.
struct MergeHeap {
  struct Entry {
    var record: EventRecord
    var stream: String
    var index: Int

    static func precedes(_ a: Entry, _ b: Entry) -> Bool {
      if a.record.recorded != b.record.recorded { return a.record.recorded < b.record.recorded }
      if a.stream != b.stream { return a.stream.utf8.lexicographicallyPrecedes(b.stream.utf8) }
      return a.record.seq < b.record.seq
    }
  }

  private var items: [Entry] = []

  mutating func push(_ e: Entry) {
    items.append(e)
    var i = items.count - 1
    while i > 0 {
      let parent = (i - 1) / 2
      guard Entry.precedes(items[i], items[parent]) else { break }
      items.swapAt(i, parent)
      i = parent
    }
  }

  mutating func pop() -> Entry? {
    guard !items.isEmpty else { return nil }
    items.swapAt(0, items.count - 1)
    let top = items.removeLast()
    var i = 0
    while true {
      let l = 2 * i + 1
      let r = l + 1
      var m = i
      if l < items.count && Entry.precedes(items[l], items[m]) { m = l }
      if r < items.count && Entry.precedes(items[r], items[m]) { m = r }
      if m == i { break }
      items.swapAt(i, m)
      i = m
    }
    return top
  }
}
