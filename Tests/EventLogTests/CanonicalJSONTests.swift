import EventLog
import TestSupport
import Testing

/// Random strings that exercise escaping: ASCII, quotes, backslashes, every control character,
/// DEL, two- to four-byte UTF-8 and combining marks.
func randomString(_ rng: inout SplitMix64, maxLength: Int = 12) -> String {
  let pool: [ClosedRange<UInt32>] = [
    0x20...0x7E, 0x20...0x7E, 0x20...0x7E, 0x00...0x1F, 0x22...0x22, 0x5C...0x5C, 0x7F...0x7F,
    0x80...0x7FF, 0x300...0x36F, 0x800...0xD7FF, 0xE000...0xFFFF, 0x1_0000...0x10_FFFF,
  ]
  var scalars = String.UnicodeScalarView()
  for _ in 0..<Int.random(in: 0...maxLength, using: &rng) {
    let range = pool[Int.random(in: 0..<pool.count, using: &rng)]
    if let scalar = Unicode.Scalar(UInt32.random(in: range, using: &rng)) { scalars.append(scalar) }
  }
  return String(scalars)
}

func randomInt(_ rng: inout SplitMix64) -> Int64 {
  switch Int.random(in: 0..<4, using: &rng) {
  case 0: return Int64.random(in: -9...9, using: &rng)
  case 1: return [Int64.min, .max, 0, -1][Int.random(in: 0..<4, using: &rng)]
  default: return Int64(bitPattern: rng.next()) >> UInt64.random(in: 0...63, using: &rng)
  }
}

func randomJSON(_ rng: inout SplitMix64, depth: Int = 0) -> JSONValue {
  let kind = Int.random(in: 0..<(depth >= 4 ? 4 : 6), using: &rng)
  switch kind {
  case 0: return Bool.random(using: &rng) ? .null : .bool(Bool.random(using: &rng))
  case 1, 2: return .int(randomInt(&rng))
  case 3: return .string(randomString(&rng))
  case 4:
    return .array((0..<Int.random(in: 0...5, using: &rng)).map { _ in randomJSON(&rng, depth: depth + 1) })
  default:
    var members: [String: JSONValue] = [:]
    for _ in 0..<Int.random(in: 0...5, using: &rng) {
      members[randomString(&rng, maxLength: 4)] = randomJSON(&rng, depth: depth + 1)
    }
    return .object(members)
  }
}

private func text(_ value: JSONValue) -> String {
  String(decoding: CanonicalJSON.encode(value), as: UTF8.self)
}

@Suite("Canonical JSON")
struct CanonicalJSONTests {
  @Test(
    "scalars",
    arguments: [
      (JSONValue.null, "null"),
      (.bool(true), "true"),
      (.bool(false), "false"),
      (.int(0), "0"),
      (.int(7), "7"),
      (.int(-1), "-1"),
      (.int(10), "10"),
      (.int(-1_000_000), "-1000000"),
      (.int(.max), "9223372036854775807"),
      (.int(.min), "-9223372036854775808"),
      (.string(""), #""""#),
      (.string("a/b"), #""a/b""#),
      (.array([]), "[]"),
      (.object([:]), "{}"),
      (.array([.int(1), .array([.null]), .object([:])]), "[1,[null],{}]"),
    ])
  func scalars(value: JSONValue, expected: String) {
    #expect(CanonicalJSON.encode(value) == Array(expected.utf8))
  }

  @Test("keys sort by UTF-8 bytes, prefixes first")
  func keyOrder() {
    let keys = ["b", "ab", "a", "", "B", "z", "\u{7F}", "ß", "€", "😀", "\u{FF61}", "e\u{301}", "f", "aa"]
    let value = JSONValue.object(
      Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, .int(Int64($0))) }))
    // Byte order, which is not Swift's String order: "e\u{301}" (65 CC 81) sorts right after "e…"
    // prefixes and before "f", and U+FF61 (EF BD A1) sorts before U+1F600 (F0 9F 98 80) although
    // UTF-16 would put the surrogate pair first.
    let expected =
      #"{"":3,"B":4,"a":2,"aa":13,"ab":1,"b":0,"e\#u{301}":11,"f":12,"z":5,"\#u{7F}":6,"ß":7,"€":8,"\#u{FF61}":10,"😀":9}"#
    #expect(text(value) == expected)
    #expect(CanonicalJSON.encode(value) == Array(expected.utf8))
  }

  @Test("nested objects are sorted at every level")
  func nestedSorting() {
    let value = JSONValue.object([
      "z": .array([.object(["y": .int(1), "x": .int(2)])]),
      "m": .object(["b": .object(["d": .null, "c": .bool(true)]), "a": .string("s")]),
    ])
    #expect(text(value) == #"{"m":{"a":"s","b":{"c":true,"d":null}},"z":[{"x":2,"y":1}]}"#)
  }

  /// Expected escapes for U+0000…U+001F, written out literally.
  static let controlEscapes = [
    #"\u0000"#, #"\u0001"#, #"\u0002"#, #"\u0003"#, #"\u0004"#, #"\u0005"#, #"\u0006"#, #"\u0007"#,
    #"\b"#, #"\t"#, #"\n"#, #"\u000b"#, #"\f"#, #"\r"#, #"\u000e"#, #"\u000f"#,
    #"\u0010"#, #"\u0011"#, #"\u0012"#, #"\u0013"#, #"\u0014"#, #"\u0015"#, #"\u0016"#, #"\u0017"#,
    #"\u0018"#, #"\u0019"#, #"\u001a"#, #"\u001b"#, #"\u001c"#, #"\u001d"#, #"\u001e"#, #"\u001f"#,
  ]

  @Test("control characters", arguments: 0..<32)
  func controlCharacter(code: Int) throws {
    let scalar = try #require(Unicode.Scalar(code))
    let value = JSONValue.string("a" + String(Character(scalar)) + "b")
    #expect(text(value) == "\"a" + Self.controlEscapes[code] + "b\"")
    #expect(try JSONParser.parse(CanonicalJSON.encode(value)) == value)
  }

  @Test(
    "other characters",
    arguments: [
      ("\"", #""\"""#),
      ("\\", #""\\""#),
      ("/", #""/""#),
      ("\u{7F}", "\"\u{7F}\""),
      ("é€😀", "\"é€😀\""),
      ("\u{2028}\u{2029}", "\"\u{2028}\u{2029}\""),
      ("a\"b\\c\nd", #""a\"b\\c\nd""#),
    ])
  func otherCharacters(input: String, expected: String) {
    #expect(CanonicalJSON.encode(.string(input)) == Array(expected.utf8))
  }

  @Test("keys are escaped like strings")
  func keyEscaping() {
    #expect(text(.object(["a\"\n\u{1}": .int(1)])) == #"{"a\"\n\u0001":1}"#)
  }

  @Test("encode(into:) appends")
  func appends() {
    var buffer = Array("x".utf8)
    CanonicalJSON.encode(.array([.int(1)]), into: &buffer)
    CanonicalJSON.encode(.string("y"), into: &buffer)
    #expect(buffer == Array(#"x[1]"y""#.utf8))
  }

  @Test("parse(encode(v)) == v for random values")
  func randomRoundTrip() throws {
    var rng = SplitMix64(seed: 0x5EED)
    var sawEscapes = false
    for _ in 0..<500 {
      let value = randomJSON(&rng)
      let encoded = CanonicalJSON.encode(value)
      sawEscapes = sawEscapes || encoded.contains(UInt8(ascii: "\\"))
      let parsed = try JSONParser.parse(encoded)
      #expect(parsed == value)
      // Byte-level check: re-encoding must be a fixed point.
      #expect(CanonicalJSON.encode(parsed) == encoded)
      // Control characters, including LF, CR and tab, only ever appear escaped.
      #expect(!encoded.contains { $0 < 0x20 })
    }
    #expect(sawEscapes)
  }

  @Test(
    "non-canonical input canonicalizes",
    arguments: [
      (#" { "b" : 1 ,  "a" : [ 1 , 2 ] } "#, #"{"a":[1,2],"b":1}"#),
      ("{\n\t\"é\": {\"y\": null, \"x\": true},\r\n\"a\": -0\n}", #"{"a":0,"é":{"x":true,"y":null}}"#),
      (#""\u0041\u0062c""#, #""Abc""#),
      (#""\/\u002F""#, #""//""#),
      (#""\u00e9\u00E9\u20ac""#, #""éé€""#),
      (#""\uD83D\uDE00""#, #""😀""#),
      (#""\u001F\u000A\u0008\u007f""#, "\"\\u001f\\n\\b\u{7F}\""),
      (#"{"\u0062":1,"\u0061":2}"#, #"{"a":2,"b":1}"#),
      ("[ true ,false,  null ]", "[true,false,null]"),
    ])
  func canonicalizes(input: String, expected: String) throws {
    let value = try JSONParser.parse(Array(input.utf8))
    #expect(CanonicalJSON.encode(value) == Array(expected.utf8))
  }
}
