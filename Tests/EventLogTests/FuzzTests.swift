import Foundation
import TestSupport
import Testing

@testable import EventLog

/// A seeded fuzz loop over the record parser and the stream reader: mutated lines and streams never
/// crash or hang them, a line is accepted only when it is exactly a canonical record with its
/// hash, and a damaged stream is never read as if it were whole.
@Suite("Fuzzing the record parser and the reader")
struct FuzzTests {
  /// Bytes that break JSON and records in interesting ways.
  static let specials: [[UInt8]] = [
    Array("\"".utf8), Array("\\".utf8), Array("{".utf8), Array("}".utf8), Array(",".utf8), [0x00], [0x0A],
    [0x0D],
    [0x1B], [0xFF], [0xC3], [0xE2, 0x80, 0xAE], Array("\\u0000".utf8), Array("\\ud800".utf8),
    Array("99999999999999999999999".utf8), Array("-0".utf8), Array("1e999".utf8), Array("null".utf8),
    Array("[[[[[[[[[[[[[[[[[[[[[[[[[[[[".utf8), Array("\"seq\":".utf8), Array("\"hash\":\"".utf8),
  ]

  static func mutate(_ line: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
    var b = line
    for _ in 0..<(1 + rng.int(3)) {
      let i = b.isEmpty ? 0 : rng.int(b.count)
      switch rng.int(7) {
      case 0 where !b.isEmpty: b[i] ^= UInt8(1 << rng.int(8))
      case 1: b.insert(UInt8(truncatingIfNeeded: rng.next()), at: i)
      case 2 where !b.isEmpty: b.remove(at: i)
      case 3: b.insert(contentsOf: specials[rng.int(specials.count)], at: i)
      case 4 where !b.isEmpty: b = Array(b[..<i])
      case 5 where b.count > 2:
        let j = rng.int(b.count)
        let (lo, hi) = (min(i, j), max(i, j))
        b.insert(contentsOf: b[lo..<hi], at: hi)
      default: if !b.isEmpty { b[i] = specials[rng.int(specials.count)].first ?? 0x20 }
      }
    }
    return b
  }

  @Test("10,000 mutated lines: no crash, and only a canonical record with its own hash is accepted")
  func lines() throws {
    let f = StoreFixture()
    try f.fill("v", 6)
    let full = try f.bytes("v")
    let lines = full.split(separator: 0x0A).map(Array.init)
    var rng = SplitMix64(seed: 0xF0221)
    var accepted = 0
    for case_ in 0..<10_000 {
      let original = lines[rng.int(lines.count)]
      let mutated = Self.mutate(original, &rng)
      switch EventRecord.decode(line: mutated) {
      case .success(var r):
        // Accepted only if the bytes are exactly what the record would be written as.
        #expect(Array(r.storedLine().dropLast()) == mutated, "case \(case_)")
        accepted += 1
      case .failure(let fault):
        #expect(!fault.reason.isEmpty, "case \(case_)")
      }
    }
    // Almost every mutation breaks the hash; the few accepted are unchanged lines.
    #expect(accepted < 200, "\(accepted) mutated lines accepted")
  }

  /// `value` written with its members in a random order and, now and then, a space, or a
  /// character escaped as `\u00XX` (upper-case hex, or where a short escape exists) or `\/`:
  /// JSON that denotes `value` but is not its canonical form.
  static func loosely(_ value: JSONValue, _ rng: inout SplitMix64) -> [UInt8] {
    var out: [UInt8] = []
    if rng.chance(8) { out.append(0x20) }
    switch value {
    case .array(let items):
      out.append(UInt8(ascii: "["))
      for (k, item) in items.enumerated() {
        if k > 0 { out.append(UInt8(ascii: ",")) }
        out += loosely(item, &rng)
      }
      out.append(UInt8(ascii: "]"))
    case .object(let members):
      out.append(UInt8(ascii: "{"))
      let order =
        rng.chance(50)
        ? members.sorted { CanonicalJSON.utf8Precedes($0.key, $1.key) } : members.shuffled(using: &rng)
      for (k, member) in order.enumerated() {
        if k > 0 { out.append(UInt8(ascii: ",")) }
        out += loosely(.string(member.key), &rng)
        out.append(UInt8(ascii: ":"))
        out += loosely(member.value, &rng)
      }
      out.append(UInt8(ascii: "}"))
    case .string(let s) where rng.chance(20):
      out.append(0x22)
      for b in CanonicalJSON.encode(.string(s)).dropFirst().dropLast() {
        switch rng.int(1...12) {
        case 1 where b >= 0x20 && b < 0x7F && b != 0x5C && b != 0x22:
          out += Array(String(format: "\\u%04X", Int(b)).utf8)
        case 2 where b == 0x2F: out += Array("\\/".utf8)
        default: out.append(b)
        }
      }
      out.append(0x22)
    case .int(0) where rng.chance(20):
      out += Array("-0".utf8)
    default:
      out += CanonicalJSON.encode(value)
    }
    return out
  }

  @Test("the byte-level canonical check agrees with parsing and re-encoding, on 20,000 random values")
  func canonicalCheck() throws {
    var rng = SplitMix64(seed: 0xCA70)
    var (canonical, loose) = (0, 0)
    for case_ in 0..<20_000 {
      let value = randomJSON(&rng)
      let encoded = CanonicalJSON.encode(value)
      var members = 0
      if case .object(let m) = value { members = m.count }
      #expect(
        encoded.withUnsafeBufferPointer { CanonicalJSON.canonicalMembers($0) } == members, "case \(case_)")
      // A loose writing of it, or a mutated one: the check says canonical exactly when
      // re-encoding what the parser reads gives the same bytes.
      var rngCopy = SplitMix64(seed: rng.next())
      let variant = rng.chance(50) ? Self.loosely(value, &rng) : Self.mutate(encoded, &rngCopy)
      guard let parsed = try? JSONParser.parse(variant) else { continue }
      let simple = CanonicalJSON.encode(parsed) == variant
      let checked = variant.withUnsafeBufferPointer { CanonicalJSON.canonicalMembers($0) } != nil
      #expect(
        simple == checked, "case \(case_): \(String(decoding: variant, as: UTF8.self).debugDescription)")
      if simple { canonical += 1 } else { loose += 1 }
    }
    // Both kinds come up often: the comparison is not a vacuous one.
    #expect(canonical > 2_000 && loose > 2_000, "\(canonical) canonical, \(loose) loose")
  }

  @Test("300 mutated streams: the reader never crashes or hangs, and never reads a damaged stream whole")
  func streams() throws {
    let f = StoreFixture()
    try f.fill("v", 8)
    let full = try f.bytes("v")
    let records = try f.store.read("v").records
    var rng = SplitMix64(seed: 0x57E4)
    for case_ in 0..<300 {
      let mutated = Self.mutate(full, &rng)
      try f.write("v", mutated)
      let report = try f.store.verify("v")
      if mutated == full {
        #expect(report.problems.isEmpty)
        continue
      }
      do {
        let read = try f.store.read("v")
        // A read that succeeds gives a prefix of the original records: a torn tail at most.
        #expect(Array(records.prefix(read.records.count)) == read.records, "case \(case_)")
        #expect(read.records.count < records.count || mutated.count > full.count, "case \(case_)")
      } catch {
        #expect(!report.problems.isEmpty, "case \(case_): the read failed but verify saw nothing")
      }
    }
  }
}

extension SplitMix64 {
  /// A number in `0..<n` (0 when `n` is 0), as the fuzz loops have always drawn them.
  fileprivate mutating func int(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
}
