import Foundation
import Testing

@testable import EventLog

/// Readers hold the store lock only while they capture the streams' lengths.
@Suite("Readers and the store lock")
struct ReaderLockTests {
  @Test("a write in the middle of a long read of every stream does not wait for it", arguments: [3, 80])
  func writeDuringRead(streams: Int) throws {
    let f = StoreFixture()
    for i in 0..<streams { try f.fill("s\(i)", 2) }
    // Another process's view of the store: its own lock file description, a short time-out.
    var writer = FileEventStore(
      directory: f.directory, lockTimeout: 0.3, clock: { Timestamp(milliseconds: 1_900_000_000_000) },
      makeID: { s, n in "w-\(s)-\(n)" })
    writer.lockTimeout = 0.3
    var seen = 0
    var wrote = false
    try f.store.forEachInOrder(streams: nil) { stream, _ in
      seen += 1
      guard !wrote else { return }
      // The reader is in the middle of its reading; the writer gets the lock at once.
      try writer.append(to: "s0", [NewEvent(type: "Noted", actor: "w", data: ["text": .string("late")])])
      wrote = true
    }
    #expect(wrote)
    // What the reader read is the store as it stood when it began: the late event is not in it.
    #expect(seen == streams * 2)
    var single = 0
    try f.store.forEach(in: "s0") { _ in
      if single == 0 {
        try writer.append(to: "s0", [NewEvent(type: "Noted", actor: "w", data: ["text": .string("later")])])
      }
      single += 1
    }
    #expect(single == 3)
    #expect(try f.store.read("s0").records.count == 4)
  }
}
