import Foundation
import Testing

@testable import EventLog

@Suite("Torn tails and corruption")
struct StoreFaultTests {
  @Test("the last record cut at every byte: readers recover the previous state, the next append repairs")
  func tornTailAtEveryByte() throws {
    let f = StoreFixture()
    try f.fill("v", 4)
    let full = try f.bytes("v")
    let lastStart = try f.lineStarts("v").last ?? 0
    let previous = try f.store.read("v", limit: .seq(3)).records
    for cut in lastStart..<full.count {
      try f.write("v", Array(full[0..<cut]))
      let (records, warnings) = try f.store.read("v")
      #expect(records == previous, "cut at \(cut)")
      #expect(warnings.count == (cut == lastStart ? 0 : 1), "cut at \(cut)")
      if cut > lastStart { #expect(warnings.first?.line == 4) }
      let r = try f.store.append(to: "v", [note("after \(cut)")])
      #expect(r.firstSeq == 4, "cut at \(cut)")
      #expect(r.repairs.count == (cut == lastStart ? 0 : 1))
      let report = try f.store.verify("v")
      #expect(report.problems.isEmpty && report.warnings.isEmpty && report.count == 4, "cut at \(cut)")
    }
  }

  @Test("a complete final line with any byte changed is corruption, never a torn tail: nothing is cut")
  func damagedFinalLine() throws {
    let f = StoreFixture()
    try f.fill("v", 3)
    let full = try f.bytes("v")
    let lastStart = try f.lineStarts("v").last ?? 0
    // Every byte of the last line but its newline (changing that would make it a torn line).
    for i in lastStart..<(full.count - 1) {
      var b = full
      b[i] = b[i] == 0x41 ? 0x42 : 0x41
      try f.write("v", b)
      let report = try f.store.verify("v")
      #expect(report.problems.map(\.line) == [3], "byte \(i)")
      #expect(report.warnings.isEmpty, "byte \(i)")
      #expect(throws: EventLogError.self, "byte \(i)") { try f.store.read("v") }
      #expect(throws: EventLogError.self, "byte \(i)") { try f.store.append(to: "v", [note("x")]) }
      #expect(try f.bytes("v") == b, "an append removed the damaged acknowledged line at byte \(i)")
    }
  }

  @Test("a stream cut at a line boundary after acknowledged appends: events missing since last seen")
  func cutAtALineBoundary() throws {
    let f = StoreFixture()
    try f.fill("v", 5)
    let full = try f.bytes("v")
    let starts = try f.lineStarts("v")
    // Cut after line 3: every line left is whole and checks out.
    let cut = Array(full[0..<starts[3]])
    try f.write("v", cut, forget: false)
    let report = try f.store.verify("v")
    #expect(report.problems.map(\.line) == [4])
    #expect(report.problems.first?.reason.hasPrefix("2 event(s) missing since the store last saw") == true)
    #expect(throws: EventLogError.self) { try f.store.append(to: "v", [note("x")]) }
    #expect(try f.bytes("v") == cut)
    // The same stream rewritten with other records of the same length of history.
    let other = StoreFixture()
    for i in 0..<6 { _ = try other.store.append(to: "v", [note("other \(i)")]) }
    try f.write("v", try other.bytes("v"), forget: false)
    #expect(try f.store.verify("v").problems.first?.reason.contains("rewritten") == true)
    // Without the record (a crash before it was written, or .cache/ deleted) there is no claim.
    try f.write("v", cut)
    #expect(try f.store.verify("v").problems.isEmpty)
  }

  @Test("a line longer than any record is reported by its length, read in bounded memory")
  func overlongLine() throws {
    let f = StoreFixture()
    try f.fill("v", 3)
    let full = try f.bytes("v")
    let starts = try f.lineStarts("v")
    // Line 2 padded to 3 MiB (still ending in a newline), and a 3 MiB tail without one.
    let padded =
      Array(full[0..<starts[1]]) + [UInt8](repeating: 0x20, count: 3 << 20) + Array(full[starts[1]...])
    try f.write("v", padded)
    let report = try f.store.verify("v")
    #expect(report.problems.first?.line == 2)
    #expect(report.problems.first?.reason.contains("longer than any record") == true)
    try f.write("v", full + [UInt8](repeating: 0x7B, count: 3 << 20))
    let (records, warnings) = try f.store.read("v")
    #expect(records.count == 3)
    #expect(warnings.first?.message.contains("torn final line (3145728 bytes") == true)
    let r = try f.store.append(to: "v", [note("after")])
    #expect(r.firstSeq == 4 && r.repairs.count == 1)
    #expect(try f.store.verify("v").problems.isEmpty)
  }

  @Test("any single byte of a middle record changed is corruption named at its line")
  func everyByteOfAMiddleRecord() throws {
    let f = StoreFixture()
    try f.fill("v", 5)
    let full = try f.bytes("v")
    let starts = try f.lineStarts("v")
    for i in starts[2]..<starts[3] {
      var b = full
      b[i] = b[i] == 0x41 ? 0x42 : 0x41
      try f.write("v", b)
      let report = try f.store.verify("v")
      #expect(report.problems.contains { $0.line == 3 }, "byte \(i)")
      #expect(report.problems.allSatisfy { $0.file == f.path("v") })
      #expect(throws: EventLogError.self, "byte \(i)") { try f.store.read("v") }
      #expect(throws: EventLogError.self, "byte \(i)") { try f.store.append(to: "v", [note("x")]) }
      #expect(try f.bytes("v") == b, "append after corruption wrote at byte \(i)")
    }
  }

  @Test(
    "a deleted, swapped or duplicated middle line is found and named",
    arguments: [
      ("deleted", [0, 1, 3, 4], 3, "seq 4 where 3 was expected"),
      ("swapped", [0, 2, 1, 3, 4], 2, "seq 3 where 2 was expected"),
      ("duplicated", [0, 1, 1, 2, 3, 4], 3, "seq 2 where 3 was expected"),
    ])
  func structuralDamage(name: String, order: [Int], line: Int, reason: String) throws {
    let f = StoreFixture()
    try f.fill("v", 5)
    let lines = try f.bytes("v").split(separator: 0x0A, omittingEmptySubsequences: false).dropLast()
    let damaged: [UInt8] = order.flatMap { (i: Int) -> [UInt8] in Array(lines[lines.startIndex + i]) + [0x0A]
    }
    try f.write("v", damaged)
    let report = try f.store.verify("v")
    #expect(report.problems.first?.line == line, "\(name)")
    #expect(report.problems.first?.reason == reason, "\(name)")
    #expect {
      try f.store.read("v")
    } throws: {
      ($0 as? EventLogError) == .corrupt(file: f.path("v"), line: line, reason: reason)
    }
  }

  @Test("a duplicated line is also a duplicate event id")
  func duplicateID() throws {
    let f = StoreFixture()
    try f.fill("v", 3)
    let lines = try f.bytes("v").split(separator: 0x0A)
    try f.write(
      "v",
      Array(lines[0]) + [0x0A] + Array(lines[1]) + [0x0A] + Array(lines[1]) + [0x0A] + Array(lines[2]) + [
        0x0A
      ])
    let reasons = try f.store.verify("v").problems.map { "\($0.line): \($0.reason)" }
    #expect(reasons.contains("3: duplicate event id v-2 (first at line 2)"))
  }

  @Test("a rewritten record with a recomputed hash breaks the chain at the next line")
  func rewrittenRecord() throws {
    let f = StoreFixture()
    try f.fill("v", 3)
    var records = try f.store.read("v").records
    records[1].data["text"] = .string("forged")
    var lines = try f.bytes("v").split(separator: 0x0A).map(Array.init)
    lines[1] = Array(records[1].seal().dropLast())
    try f.write("v", lines.flatMap { $0 + [0x0A] })
    let report = try f.store.verify("v")
    #expect(report.problems.map(\.line) == [3])
    #expect(report.problems.first?.reason == "chain broken: prev is not the hash of the record before")
  }

  @Test("a line in another JSON spelling with the right hash is refused as not canonical")
  func nonCanonical() throws {
    let f = StoreFixture()
    try f.fill("v", 2)
    var lines = try f.bytes("v").split(separator: 0x0A).map(Array.init)
    lines[0].insert(0x20, at: 1)
    try f.write("v", lines.flatMap { $0 + [0x0A] })
    #expect(
      try f.store.verify("v").problems.first?.reason == "not in canonical form (see docs/log-format.md)")
  }
}
