import Foundation
import Testing

@testable import EventLog

/// A store in a fresh temporary directory, with a clock that advances one second per event.
final class StoreFixture: @unchecked Sendable {
  let directory: String
  let store: FileEventStore

  init(clockStart: Int64 = 1_650_000_000_000) {
    directory = NSTemporaryDirectory() + "visits-test-" + UUID().uuidString.lowercased()
    try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let counter = Counter(clockStart)
    store = FileEventStore(
      directory: directory, lockTimeout: 2, clock: { Timestamp(milliseconds: counter.next()) },
      makeID: { stream, seq in "\(stream)-\(seq)" })
  }

  deinit { try? FileManager.default.removeItem(atPath: directory) }

  func path(_ stream: String) -> String { store.path(of: stream) }

  func bytes(_ stream: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: path(stream))))
  }

  /// Replaces the stream's bytes, as damage or a crash would leave them. The store's record of
  /// where the stream last ended goes too (with `forget`), as after a crash during the write that
  /// record follows: the cut bytes were never acknowledged.
  func write(_ stream: String, _ bytes: [UInt8], forget: Bool = true) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path(stream)))
    if forget { unlink(directory + "/.cache/" + stream + ".head") }
  }

  /// Appends `n` one-event batches of type `Noted` to `stream`.
  @discardableResult
  func fill(_ stream: String, _ n: Int) throws -> AppendResult? {
    var last: AppendResult?
    for i in 0..<n {
      last = try store.append(
        to: stream, [NewEvent(type: "Noted", actor: "tester", data: ["text": .string("note \(i)")])])
    }
    return last
  }

  /// Byte offsets at which each line starts, and the file length.
  func lineStarts(_ stream: String) throws -> [Int] {
    let b = try bytes(stream)
    var starts = [0]
    for (i, c) in b.enumerated() where c == 0x0A && i + 1 < b.count { starts.append(i + 1) }
    return starts
  }
}

final class Counter: @unchecked Sendable {
  private var value: Int64
  private let lock = NSLock()
  init(_ start: Int64) { value = start }
  func next() -> Int64 {
    lock.lock()
    defer { lock.unlock() }
    value += 1000
    return value
  }
}

func note(_ text: String, id: String? = nil) -> NewEvent {
  NewEvent(id: id, type: "Noted", actor: "tester", data: ["text": .string(text)])
}
