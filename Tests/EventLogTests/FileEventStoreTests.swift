import Foundation
import Testing

@testable import EventLog

@Suite("File store: lines on disk")
struct FileEventStoreTests {
  @Test("records are dense, chained and hashed over their canonical encoding")
  func chain() throws {
    let f = StoreFixture()
    try f.fill("v", 5)
    let (records, warnings) = try f.store.read("v")
    #expect(warnings.isEmpty)
    #expect(records.map(\.seq) == [1, 2, 3, 4, 5])
    #expect(records[0].prev == EventRecord.genesisHash)
    for (a, b) in zip(records, records.dropFirst()) { #expect(b.prev == a.hash) }
    // The hash is SHA-256 over the line without its hash member, as docs/log-format.md says.
    let firstLine = try f.bytes("v").split(separator: 0x0A)[0]
    let text = String(decoding: firstLine, as: UTF8.self)
    let withoutHash = String(text.dropLast(EventRecord.hashSuffixLength)) + "}"
    #expect(SHA256.hexDigest(Array(withoutHash.utf8)) == records[0].hash)
    #expect(text.hasSuffix(",\"hash\":\"\(records[0].hash)\"}"))
  }

  @Test("a stored line is canonical JSON with hash last")
  func lineShape() throws {
    let f = StoreFixture()
    try f.store.append(
      to: "v",
      [NewEvent(type: "Noted", actor: "ä", reason: "why\n", data: ["z": .int(-1), "a": .string("\"<&>")])])
    let line = String(decoding: try f.bytes("v"), as: UTF8.self)
    #expect(
      line
        == "{\"actor\":\"ä\",\"data\":{\"a\":\"\\\"<&>\",\"z\":-1},\"format\":2,\"id\":\"v-1\",\"prev\":\"\(EventRecord.genesisHash)\",\"reason\":\"why\\n\",\"recorded\":\"2022-04-15T05:20:01.000Z\",\"seq\":1,\"type\":\"Noted\",\"version\":1,\"hash\":\"\(try f.store.read("v").records[0].hash)\"}\n"
    )
  }

  @Test("new stream files are readable by the owner only")
  func permissions() throws {
    let f = StoreFixture()
    try f.fill("v", 1)
    let attributes = try FileManager.default.attributesOfItem(atPath: f.path("v"))
    #expect((attributes[.posixPermissions] as? Int) == 0o600)
  }

  @Test(
    "expected version",
    arguments: [
      (ExpectedVersion.any, 2, nil),
      (.exactly(2), 2, nil),
      (.exactly(1), 2, "version conflict on v: expected version 1, but the stream is at version 2"),
      (.noStream, 2, "version conflict on v: expected no stream yet, but the stream is at version 2"),
      (.noStream, 0, nil),
      (.exactly(3), 0, "version conflict on v: expected version 3, but the stream is at version 0"),
    ] as [(ExpectedVersion, Int, String?)])
  func expectedVersion(expected: ExpectedVersion, existing: Int, message: String?) throws {
    let f = StoreFixture()
    try f.fill("v", existing)
    let before = existing > 0 ? try f.bytes("v") : []
    if let message {
      #expect { try f.store.append(to: "v", expected: expected, [note("x")]) } throws: {
        ($0 as? EventLogError)?.description == message
      }
      #expect((existing > 0 ? try f.bytes("v") : []) == before)
      #expect(existing > 0 || !FileManager.default.fileExists(atPath: f.path("v")))
    } else {
      let r = try f.store.append(to: "v", expected: expected, [note("x")])
      #expect(r.lastSeq == existing + 1)
    }
  }

  @Test("appending an id that is already stored writes nothing and returns its position")
  func idempotent() throws {
    let f = StoreFixture()
    try f.fill("v", 2)
    let first = try f.store.append(to: "v", [note("a", id: "id-a"), note("b", id: "id-b")])
    try f.fill("v", 1)
    let before = try f.bytes("v")
    let again = try f.store.append(
      to: "v", expected: .exactly(1), [note("a", id: "id-a"), note("b", id: "id-b")])
    #expect(again.alreadyStored)
    #expect((again.firstSeq, again.lastSeq) == (first.firstSeq, first.lastSeq))
    #expect(try f.bytes("v") == before)
    #expect {
      try f.store.append(to: "v", [note("a", id: "id-a"), note("c", id: "id-c")])
    } throws: {
      ($0 as? EventLogError) == .partialDuplicate(stream: "v", ids: ["id-a"])
    }
    #expect(try f.bytes("v") == before)
  }

  @Test("a batch is all or nothing for readers: an unfinished batch is left out")
  func batchAtomicity() throws {
    let f = StoreFixture()
    try f.fill("v", 1)
    try f.store.append(to: "v", [note("a"), note("b"), note("c")])
    let full = try f.bytes("v")
    let starts = try f.lineStarts("v")
    // Cut after the second record of the batch: two complete lines, the closing one missing.
    try f.write("v", Array(full[0..<starts[3]]))
    let (records, warnings) = try f.store.read("v")
    #expect(records.count == 1)
    #expect(warnings.count == 1)
    #expect(warnings.first?.line == 2)
    #expect(warnings.first?.message.hasPrefix("incomplete batch of 2 record(s) from line 2") == true)
    // The next append removes the unfinished batch and continues the chain from record 1.
    let r = try f.store.append(to: "v", [note("d")])
    #expect(r.firstSeq == 2)
    #expect(r.repairs.count == 1)
    #expect(try f.store.verify("v").problems.isEmpty)
    #expect(try f.store.read("v").records.map { $0.data["text"] } == [.string("note 0"), .string("d")])
  }

  @Test(
    "stream names are slugs",
    arguments: ["", "A", "-a", "a b", "a/b", "..", "ä", String(repeating: "a", count: 65), "a.b"])
  func invalidNames(name: String) throws {
    let f = StoreFixture()
    #expect(!isValidStreamName(name))
    #expect(throws: EventLogError.invalidStreamName(name)) { try f.store.append(to: name, [note("x")]) }
    #expect(try FileManager.default.contentsOfDirectory(atPath: f.directory).isEmpty)
  }

  @Test("valid names", arguments: ["a", "0", "pittsburgh-2022", "a-", String(repeating: "z", count: 64)])
  func validNames(name: String) {
    #expect(isValidStreamName(name))
  }

  @Test("a missing store or stream is named")
  func missing() throws {
    let f = StoreFixture()
    #expect(throws: EventLogError.noSuchStream(name: "nope")) { try f.store.read("nope") }
    let gone = FileEventStore(
      directory: f.directory + "/missing", clock: { Timestamp(milliseconds: 0) }, makeID: { _, _ in "x" })
    #expect(throws: EventLogError.noSuchStore(path: f.directory + "/missing")) { try gone.read("v") }
    #expect(throws: EventLogError.noSuchStore(path: f.directory + "/missing")) {
      try gone.append(to: "v", [note("x")])
    }
  }

  @Test("a record of a newer format or with an unknown field is refused, naming the line")
  func newerFormat() throws {
    let f = StoreFixture()
    try f.fill("v", 2)
    var records = try f.store.read("v").records
    let text = String(decoding: try f.bytes("v"), as: UTF8.self)
    // Rewrite record 1 as format 3 with a correct hash, so only the version is wrong.
    var lines = text.split(separator: "\n").map(String.init)
    var r = records[0]
    var object = r.hashedObject
    object["format"] = .int(3)
    var canonical = CanonicalJSON.encode(.object(object))
    r.hash = SHA256.hexDigest(canonical)
    canonical.removeLast()
    lines[0] = String(decoding: canonical, as: UTF8.self) + ",\"hash\":\"\(r.hash)\"}"
    records[0] = r
    try f.write("v", Array((lines.joined(separator: "\n") + "\n").utf8))
    let report = try f.store.verify("v")
    #expect(report.problems.first?.line == 1)
    #expect(report.problems.first?.reason == "field 'format': version 3 is newer than this program reads (2)")
  }
}
