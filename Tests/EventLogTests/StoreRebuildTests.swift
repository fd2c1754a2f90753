import Foundation
import Testing

@testable import EventLog

/// What an import gives an append to rebuild a log: times, batch marks, salts and tombstones.
@Suite("Appends that rebuild a log")
struct StoreRebuildTests {
  func event(
    _ text: String, recorded: Int64? = nil, continues: Bool? = nil, sealed: [String: SealedInput] = [:]
  )
    -> NewEvent
  {
    NewEvent(
      type: "Noted", actor: "tester", data: ["text": .string(text)], sealed: sealed,
      recorded: recorded.map { Timestamp(milliseconds: $0) }, continues: continues)
  }

  @Test("given times and batch marks are written as given")
  func timesAndBatches() throws {
    let f = StoreFixture()
    try f.store.append(
      to: "s",
      [
        event("a", recorded: 1000, continues: true), event("b", recorded: 1000, continues: false),
        event("c", recorded: 5000),
      ])
    let records = try f.store.read("s").records
    #expect(records.map(\.recorded.milliseconds) == [1000, 1000, 5000])
    #expect(records.map(\.continues) == [true, false, false])
    #expect(try f.store.verify("s").problems.isEmpty)
  }

  @Test(
    "refused: a time earlier than the one before, a batch left open, a bad salt, a tombstone shorter than itself",
    arguments: [
      [NewEvent(type: "Noted", actor: "t", data: [:], recorded: Timestamp(milliseconds: 1))],
      [NewEvent(type: "Noted", actor: "t", data: [:], continues: true)],
      [
        NewEvent(
          type: "Noted", actor: "t", data: [:],
          sealed: ["p": SealedInput(subject: "x", value: .null, salt: "zz")])
      ],
      [
        NewEvent(
          type: "Noted", actor: "t", data: [:],
          sealed: [
            "p": SealedInput(
              subject: "x", value: .null,
              tombstone: SealedTombstone(commitment: String(repeating: "a", count: 64), length: 10))
          ])
      ],
    ])
  func refused(_ events: [NewEvent]) throws {
    let f = StoreFixture()
    try f.fill("s", 1)
    let before = try f.bytes("s")
    #expect(throws: EventLogError.self) { try f.store.append(to: "s", events) }
    #expect(try f.bytes("s") == before)
  }

  @Test("a given salt and a tombstone rebuild the vault entries: same commitment, same length")
  func saltsAndTombstones() throws {
    let f = StoreFixture()
    let value = JSONValue.object(["name": .string("Jane Roe")])
    let salt = String(repeating: "ab", count: 16)
    try f.store.append(
      to: "s", [event("a", sealed: ["p": SealedInput(subject: "jane", value: value, salt: salt)])])
    #expect(try f.store.erase(in: "s", subject: "jane") == 1)
    let original = try f.store.vaultValues(of: "s")
    let (commitment, erased) = try #require(original.first)
    #expect(erased.isErased)
    #expect(commitment == SealedInput.commitment(salt: salt, value: value))

    let g = StoreFixture()
    try g.store.append(
      to: "s",
      [
        event(
          "a",
          sealed: [
            "p": SealedInput(
              subject: "jane", value: .null,
              tombstone: SealedTombstone(commitment: commitment, length: erased.length))
          ])
      ])
    let a = try Data(contentsOf: URL(fileURLWithPath: f.store.vaultPath(of: "s")))
    let b = try Data(contentsOf: URL(fileURLWithPath: g.store.vaultPath(of: "s")))
    #expect(a == b)
    let rebuilt = try g.store.read("s").records
    #expect(rebuilt.first?.erased == ["p"])
  }
}
