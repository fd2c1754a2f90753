import TestSupport
import Testing

@testable import EventLog

/// The one-pass reader of canonical text against the general way (parse, prove canonical form,
/// hash): whatever the reader accepts, the general way accepts as the same value, and the reader
/// accepts every canonical text it is meant for.
@Suite("Reading canonical lines in one pass")
struct CanonicalReaderTests {
  /// What `CanonicalReader` reads from the whole of `bytes`, or nil.
  static func read(_ bytes: [UInt8]) -> JSONValue? {
    bytes.withUnsafeBufferPointer(CanonicalReader.whole)
  }

  /// Whether some key in `value` is written with an escape (the reader leaves those to the parser).
  static func hasEscapedKey(_ value: JSONValue) -> Bool {
    switch value {
    case .array(let items): return items.contains(where: hasEscapedKey)
    case .object(let members):
      return members.contains { member in
        member.key.utf8.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C } || hasEscapedKey(member.value)
      }
    default: return false
    }
  }

  @Test(
    "on 20,000 random values, written canonically, loosely or mutated, it reads only canonical text, as the parser does"
  )
  func values() {
    var rng = SplitMix64(seed: 0x0CA1)
    var (read, refused) = (0, 0)
    for case_ in 0..<20_000 {
      let value = randomJSON(&rng)
      let encoded = CanonicalJSON.encode(value)
      if !Self.hasEscapedKey(value) {
        #expect(Self.read(encoded).map(CanonicalJSON.encode) == encoded, "case \(case_)")
      }
      var rngCopy = SplitMix64(seed: rng.next())
      let variant = rng.chance(50) ? FuzzTests.loosely(value, &rng) : FuzzTests.mutate(encoded, &rngCopy)
      let parsed = try? JSONParser.general(variant)
      let canonical =
        parsed != nil && variant.withUnsafeBufferPointer { CanonicalJSON.canonicalMembers($0) } != nil
      if let fast = Self.read(variant) {
        #expect(canonical, "case \(case_): \(String(decoding: variant, as: UTF8.self).debugDescription)")
        #expect(parsed.map(CanonicalJSON.encode) == CanonicalJSON.encode(fast), "case \(case_)")
        read += 1
      } else {
        if canonical, let parsed, !Self.hasEscapedKey(parsed) {
          Issue.record("case \(case_): canonical but not read: \(String(decoding: variant, as: UTF8.self))")
        }
        refused += 1
      }
    }
    #expect(read > 2_000 && refused > 2_000, "\(read) read, \(refused) refused")
  }

  @Test(
    "texts at the edges of canonical form",
    arguments: [
      ("{\"e\u{301}\":1,\"\u{E9}\":2}", false),  // increasing bytes, but equal keys
      ("-0", false), ("0", true), ("-1", true), ("01", false), ("1.5", false), ("1e3", false),
      ("-9223372036854775808", true), ("9223372036854775808", false),
      (#"{"b":1,"a":2}"#, false), (#"{"a":1,"a":2}"#, false), (#"{"a":1,"ab":2}"#, true),
      (#""\/""#, false), (#""\u0041""#, false), (#""\u000a""#, false), (#""\n""#, true),
      (#""\u001f""#, true), (#""\u001F""#, false), (" 1", false), ("[1 ]", false), ("[1,]", false),
      ("tru", false), ("nul", false),
      (String(repeating: "[", count: 64) + String(repeating: "]", count: 64), true),
      (String(repeating: "[", count: 65) + String(repeating: "]", count: 65), false),
    ])
  func edges(text: String, read: Bool) {
    let bytes = Array(text.utf8)
    let fast = Self.read(bytes)
    #expect((fast != nil) == read)
    if let fast {
      #expect(CanonicalJSON.encode(fast) == bytes)
      #expect((try? JSONParser.general(bytes)) == fast)
    }
  }

  @Test(
    "invalid UTF-8 and raw control characters are not read",
    arguments: [[0xC3], [0xED, 0xA0, 0x80], [0x0A], [0x7F]])
  func bytes(inside: [UInt8]) {
    let bytes = [0x22] + inside + [0x22]
    #expect((Self.read(bytes) != nil) == (inside == [0x7F]))
  }

  @Test("a digest is compared with its hex text without writing it out")
  func digestComparison() {
    var rng = SplitMix64(seed: 0xD16E)
    for _ in 0..<500 {
      let digest = (0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) }
      let hex = SHA256.hex(digest)
      #expect(EventRecord.digest(digest, is: hex))
      var changed = Array(hex.utf8)
      let at = rng.int(0...63)
      changed[at] = changed[at] == 0x30 ? 0x31 : 0x30
      #expect(!EventRecord.digest(digest, is: String(decoding: changed, as: UTF8.self)))
      #expect(!EventRecord.digest(digest, is: String(hex.dropLast())))
      #expect(EventRecord.digest(digest, is: hex.uppercased()) == (hex.uppercased() == hex))
    }
  }

  @Test("a hex digest is 64 of 0-9 and a-f, whatever byte stands anywhere else")
  func hexDigests() {
    let valid = Array("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef".utf8)
    #expect(EventRecord.isHexDigest(String(decoding: valid, as: UTF8.self)))
    #expect(!EventRecord.isHexDigest(String(decoding: valid.dropLast(), as: UTF8.self)))
    #expect(!EventRecord.isHexDigest(String(decoding: valid + [0x30], as: UTF8.self)))
    for byte in UInt8(0)...UInt8(127) {
      for at in [0, 31, 63] {
        var text = valid
        text[at] = byte
        let hex = (0x30...0x39).contains(byte) || (0x61...0x66).contains(byte)
        #expect(EventRecord.isHexDigest(String(decoding: text, as: UTF8.self)) == hex, "\(byte) at \(at)")
      }
    }
  }

  static func hex(_ rng: inout SplitMix64) -> String {
    SHA256.hex((0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) })
  }

  /// A record with random members, some of its keys and texts needing escapes.
  static func record(_ rng: inout SplitMix64) -> EventRecord {
    var data: [String: JSONValue] = [:]
    for k in 0..<rng.int(0...6) {
      data[rng.chance(80) ? "field\(k)" : randomString(&rng, maxLength: 4)] = randomJSON(&rng, depth: 1)
    }
    let format = rng.chance(20) ? 1 : 2
    var sealed: [String: String] = [:]
    if format == 2 && rng.chance(40) {
      for k in 0..<rng.int(1...3) { sealed["name\(k)"] = hex(&rng) }
    }
    func text() -> String { "a" + randomString(&rng) }
    func optional() -> String? { rng.chance(30) ? text() : nil }
    return EventRecord(
      seq: rng.int(1...Int(Int32.max)), id: text(), type: text(), version: rng.int(1...1000),
      recorded: Timestamp(milliseconds: Int64(rng.int(0...4_102_444_800_000))), actor: text(),
      reason: optional(), correlation: optional(), causation: optional(), continues: rng.chance(20),
      data: data, sealed: sealed, prev: rng.chance(10) ? EventRecord.genesisHash : hex(&rng), format: format)
  }

  @Test(
    "on 3,000 random records and 9,000 mutations of them, a line read in one pass is the record the general way reads"
  )
  func records() throws {
    var rng = SplitMix64(seed: 0x5EC0)
    var (fastOriginals, fastMutations) = (0, 0)
    for case_ in 0..<3_000 {
      var record = Self.record(&rng)
      let line = Array(record.seal().dropLast())
      let general = try EventRecord.decodeGeneral(line: line).get()
      #expect(general == record, "case \(case_)")
      let fast = line.withUnsafeBufferPointer(EventRecord.decodeCanonical)
      if !Self.hasEscapedKey(.object(record.data)) {
        #expect(fast == general, "case \(case_): \(String(decoding: line, as: UTF8.self))")
      }
      if fast != nil { fastOriginals += 1 }
      for _ in 0..<3 {
        let mutated = FuzzTests.mutate(line, &rng)
        guard let fast = mutated.withUnsafeBufferPointer(EventRecord.decodeCanonical) else { continue }
        #expect(
          fast == (try? EventRecord.decodeGeneral(line: mutated).get()),
          "case \(case_): \(String(decoding: mutated, as: UTF8.self))")
        fastMutations += 1
      }
    }
    // The others have a key with an escape somewhere in their data (about half of them: random
    // keys are often control characters, quotes or backslashes).
    #expect(fastOriginals > 1_200, "\(fastOriginals) of 3,000 read in one pass")
    // A mutation read in one pass is one that leaves the line as it was (a byte XORed twice, say).
    #expect(fastMutations < 200, "\(fastMutations) mutations read in one pass")
  }

  /// A first record with `data`, and its line as written (without `\n`).
  static func sealed(_ data: [String: JSONValue]) -> (EventRecord, [UInt8]) {
    var record = EventRecord(
      seq: 1, id: "i", type: "T", version: 1, recorded: Timestamp(milliseconds: 0), actor: "a", data: data,
      prev: EventRecord.genesisHash)
    let line = Array(record.seal().dropLast())
    return (record, line)
  }

  @Test("a key written with an escape is left to the general way, which reads the record")
  func escapedKey() throws {
    let (record, line) = Self.sealed(["k\n": .int(1)])
    #expect(line.withUnsafeBufferPointer(EventRecord.decodeCanonical) == nil)
    #expect(try EventRecord.decode(line: line).get() == record)
  }

  @Test("a line that is not canonical is read by neither, and decode says why")
  func notCanonical() throws {
    let (record, written) = Self.sealed(["k": .int(1)])
    var line = written
    #expect(line.withUnsafeBufferPointer(EventRecord.decodeCanonical) == record)
    line.insert(0x20, at: 1)
    #expect(line.withUnsafeBufferPointer(EventRecord.decodeCanonical) == nil)
    guard case .failure(let fault) = EventRecord.decode(line: line) else {
      Issue.record("a line with a space was read")
      return
    }
    #expect(fault.reason == "not in canonical form (see docs/log-format.md)")
  }
}
