#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

extension FileEventStore {
  /// Calls `body` with every record of every stream, in one deterministic order: recorded time,
  /// then stream name, then seq.
  ///
  /// Streams are merged as they are read, so memory holds one batch per stream, not the streams.
  /// - Parameter streams: which streams (all when nil).
  /// - Returns: warnings about torn tails.
  /// - Throws: `EventLogError`, or what `body` throws.
  @discardableResult
  public func forEachInOrder(
    streams: [String]?, _ body: (_ stream: String, _ record: EventRecord) throws -> Void
  ) throws -> [EventLogWarning] {
    guard exists else { throw EventLogError.noSuchStore(path: directory) }
    let lock = try StoreLock(directory: directory, exclusive: false, timeout: lockTimeout)
    defer { withExtendedLifetime(lock) {} }
    let names = try streams ?? streamNames()
    var files: [FileDescriptor] = []
    defer { files.forEach { $0.close() } }
    var scanners: [StreamScanner] = []
    var heap = MergeHeap()
    for name in names {
      guard isValidStreamName(name) else { throw EventLogError.invalidStreamName(name) }
      guard let f = try FileDescriptor.openFile(path(of: name), flags: O_RDONLY) else {
        throw EventLogError.noSuchStream(name: name)
      }
      files.append(f)
      scanners.append(scanner(f, name, strict: true, bufferSize: 1 << 12))
      if let r = try scanners[scanners.count - 1].next() {
        heap.push(MergeHeap.Entry(record: r, stream: name, index: scanners.count - 1))
      }
    }
    while let top = heap.pop() {
      try body(top.stream, top.record)
      if let r = try scanners[top.index].next() {
        heap.push(MergeHeap.Entry(record: r, stream: top.stream, index: top.index))
      }
    }
    return scanners.flatMap(\.warnings)
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
