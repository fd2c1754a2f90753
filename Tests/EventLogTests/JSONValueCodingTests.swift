import EventLog
import Foundation
import TestSupport
import Testing

private enum Kind: String, Codable, CaseIterable, Equatable {
  case arrival, departure, stay
}

private struct Guest: Codable, Equatable {
  var name: String
  var age: Int?
  var tags: [String]
}

/// A nested Codable type covering most shapes a domain type uses.
private struct Visit: Codable, Equatable {
  var id: String
  var seq: Int64
  var kind: Kind
  var confirmed: Bool
  var nights: UInt8
  var small: Int16
  var big: UInt32
  var count: Int32?
  var rooms: [Int]
  var guests: [Guest]
  var host: Guest?
  var notes: [String: String]
  var byDay: [Int: [Kind]]
  var kinds: [Kind: Int]
  var matrix: [[Int8]]
  var maybe: [String?]
  var stamps: [Int64]
  var bytes: [UInt8]
  var flags: [Bool]
  var wide: [UInt64]
}

private func randomGuest(_ rng: inout SplitMix64) -> Guest {
  Guest(
    name: randomString(&rng),
    age: Bool.random(using: &rng) ? Int.random(in: -5...120, using: &rng) : nil,
    tags: (0..<Int.random(in: 0...3, using: &rng)).map { _ in randomString(&rng, maxLength: 5) })
}

private func randomVisit(_ rng: inout SplitMix64) -> Visit {
  func count(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
  func kind() -> Kind { Kind.allCases[count(0...2)] }
  var notes: [String: String] = [:]
  for _ in 0..<count(0...3) { notes[randomString(&rng, maxLength: 4)] = randomString(&rng) }
  var byDay: [Int: [Kind]] = [:]
  for _ in 0..<count(0...3) { byDay[count(-9...99)] = (0..<count(0...2)).map { _ in kind() } }
  var kinds: [Kind: Int] = [:]
  for _ in 0..<count(0...3) { kinds[kind()] = count(0...9) }
  return Visit(
    id: randomString(&rng),
    seq: randomInt(&rng),
    kind: kind(),
    confirmed: Bool.random(using: &rng),
    nights: UInt8.random(in: 0...255, using: &rng),
    small: Int16.random(in: .min ... .max, using: &rng),
    big: UInt32.random(in: 0 ... .max, using: &rng),
    count: Bool.random(using: &rng) ? Int32.random(in: .min ... .max, using: &rng) : nil,
    rooms: (0..<count(0...4)).map { _ in Int(truncatingIfNeeded: randomInt(&rng)) },
    guests: (0..<count(0...3)).map { _ in randomGuest(&rng) },
    host: Bool.random(using: &rng) ? randomGuest(&rng) : nil,
    notes: notes,
    byDay: byDay,
    kinds: kinds,
    matrix: (0..<count(0...2)).map { _ in
      (0..<count(0...3)).map { _ in Int8.random(in: .min ... .max, using: &rng) }
    },
    maybe: (0..<count(0...3)).map { _ in Bool.random(using: &rng) ? nil : randomString(&rng, maxLength: 3) },
    stamps: (0..<count(0...3)).map { _ in randomInt(&rng) },
    bytes: (0..<count(0...3)).map { _ in UInt8.random(in: 0...255, using: &rng) },
    flags: (0..<count(0...3)).map { _ in Bool.random(using: &rng) },
    wide: (0..<count(0...3)).map { _ in UInt64.random(in: 0...UInt64(Int64.max), using: &rng) })
}

private struct Envelope: Codable, Equatable {
  struct Host: Codable, Equatable { var name: String }
  struct Payload: Codable, Equatable {
    var start: String
    var kind: Kind
    var nights: UInt8
    var hosts: [Host]
    var note: String?
  }
  var seq: Int
  var data: Payload
}

private func envelope(_ data: String) throws -> JSONValue {
  try JSONParser.parse(Array(#"{"seq":1,"data":"#.utf8) + Array(data.utf8) + Array("}".utf8))
}

private func decodingError<T: Decodable>(_ type: T.Type, _ value: JSONValue) -> String? {
  do {
    let decoded = try JSONValueDecoder().decode(type, from: value)
    Issue.record("expected an error, decoded \(decoded)")
    return nil
  } catch {
    return describeCodingError(error)
  }
}

private func encodingError<T: Encodable>(_ value: T) -> String? {
  do {
    let encoded = try JSONValueEncoder().encode(value)
    Issue.record("expected an error, encoded \(encoded)")
    return nil
  } catch {
    return describeCodingError(error)
  }
}

/// Reports the coding path it is encoded or decoded at, so container paths can be checked.
private struct PathProbe: Codable, Equatable {
  var path: String
  init(path: String) { self.path = path }
  init(from decoder: any Decoder) throws {
    path = decoder.codingPath.map(\.stringValue).joined(separator: "/")
  }
  func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(encoder.codingPath.map(\.stringValue).joined(separator: "/"))
  }
}

/// Uses every kind of container by hand, including nested and super encoders.
private struct Manual: Codable, Equatable {
  var a: Int
  var inner: [String]
  var base: Int
  var list: [Int]

  enum Keys: String, CodingKey { case a, nested, deep, base }
  enum NestedKeys: String, CodingKey { case inner, probe }

  init(a: Int, inner: [String], base: Int, list: [Int]) {
    (self.a, self.inner, self.base, self.list) = (a, inner, base, list)
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: Keys.self)
    try container.encode(a, forKey: .a)
    var nested = container.nestedContainer(keyedBy: NestedKeys.self, forKey: .nested)
    var innerList = nested.nestedUnkeyedContainer(forKey: .inner)
    for item in inner.prefix(1) { try innerList.encode(item) }
    var deep = container.nestedUnkeyedContainer(forKey: .deep)
    var row = deep.nestedUnkeyedContainer()
    for item in list { try row.encode(item) }
    var object = deep.nestedContainer(keyedBy: NestedKeys.self)
    try object.encode(PathProbe(path: ""), forKey: .probe)
    try deep.encode(PathProbe(path: ""))
    // Asking again for the same containers continues them.
    var again = encoder.container(keyedBy: Keys.self)
    var nestedAgain = again.nestedContainer(keyedBy: NestedKeys.self, forKey: .nested)
    try nestedAgain.encode(PathProbe(path: ""), forKey: .probe)
    var innerAgain = nestedAgain.nestedUnkeyedContainer(forKey: .inner)
    for item in inner.dropFirst() { try innerAgain.encode(item) }
    try base.encode(to: again.superEncoder())
    try "tagged".encode(to: container.superEncoder(forKey: .base))
  }

  init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: Keys.self)
    a = try container.decode(Int.self, forKey: .a)
    let nested = try container.nestedContainer(keyedBy: NestedKeys.self, forKey: .nested)
    var innerList = try nested.nestedUnkeyedContainer(forKey: .inner)
    var items: [String] = []
    while !innerList.isAtEnd { items.append(try innerList.decode(String.self)) }
    inner = items
    #expect(try nested.decode(PathProbe.self, forKey: .probe).path == "nested/probe")
    var deep = try container.nestedUnkeyedContainer(forKey: .deep)
    #expect(deep.count == 3)
    var row = try deep.nestedUnkeyedContainer()
    list = []
    while !row.isAtEnd { list.append(try row.decode(Int.self)) }
    let object = try deep.nestedContainer(keyedBy: NestedKeys.self)
    #expect(try object.decode(PathProbe.self, forKey: .probe).path == "deep/1/probe")
    #expect(try deep.decode(PathProbe.self).path == "deep/2")
    #expect(deep.isAtEnd)
    base = try Int(from: container.superDecoder())
    #expect(try String(from: container.superDecoder(forKey: .base)) == "tagged")
  }
}

/// Encodes nothing at all.
private struct Silent: Encodable {
  func encode(to encoder: any Encoder) throws {}
}

/// Reads an unkeyed container element by element with `decodeNil`, `decodeIfPresent` and `decode`.
private struct Sparse: Decodable, Equatable {
  var items: [Int?]
  var tail: Int?
  init(from decoder: any Decoder) throws {
    var container = try decoder.unkeyedContainer()
    items = []
    for _ in 0..<4 {
      if try container.decodeNil() { items.append(nil) } else { items.append(try container.decode(Int.self)) }
    }
    tail = try container.decodeIfPresent(Int.self)
    #expect(container.currentIndex == 5)
    _ = try container.decode(Int.self)
  }
}

@Suite("JSONValue coding")
struct JSONValueCodingTests {
  @Test("a nested value encodes to the expected JSONValue and back")
  func roundTrip() throws {
    let visit = Visit(
      id: "v1", seq: -5, kind: .stay, confirmed: true, nights: 2, small: -300, big: 4_000_000_000, count: nil,
      rooms: [1, 2], guests: [Guest(name: "ana", age: nil, tags: ["x"])],
      host: Guest(name: "bo", age: 40, tags: []),
      notes: ["k": "v"], byDay: [1: [.arrival], -2: []], kinds: [.arrival: 3], matrix: [[1, -2], []],
      maybe: ["a", nil], stamps: [.min, 0], bytes: [255], flags: [false], wide: [UInt64(Int64.max)])
    let value = try JSONValueEncoder().encode(visit)
    let expected: JSONValue = .object([
      "id": .string("v1"), "seq": .int(-5), "kind": .string("stay"), "confirmed": .bool(true),
      "nights": .int(2),
      "small": .int(-300), "big": .int(4_000_000_000), "rooms": .array([.int(1), .int(2)]),
      "guests": .array([.object(["name": .string("ana"), "tags": .array([.string("x")])])]),
      "host": .object(["name": .string("bo"), "age": .int(40), "tags": .array([])]),
      "notes": .object(["k": .string("v")]),
      "byDay": .object(["1": .array([.string("arrival")]), "-2": .array([])]),
      "kinds": .array([.string("arrival"), .int(3)]),
      "matrix": .array([.array([.int(1), .int(-2)]), .array([])]),
      "maybe": .array([.string("a"), .null]), "stamps": .array([.int(.min), .int(0)]),
      "bytes": .array([.int(255)]),
      "flags": .array([.bool(false)]), "wide": .array([.int(.max)]),
    ])
    #expect(value == expected)
    #expect(try JSONValueDecoder().decode(Visit.self, from: value) == visit)
  }

  @Test("optionals: nil is omitted when encoding; missing and null decode as nil")
  func optionals() throws {
    #expect(
      try JSONValueEncoder().encode(Guest(name: "a", age: nil, tags: []))
        == .object(["name": .string("a"), "tags": .array([])]))
    let withNull = JSONValue.object(["name": .string("a"), "age": .null, "tags": .array([])])
    #expect(try JSONValueDecoder().decode(Guest.self, from: withNull) == Guest(name: "a", age: nil, tags: []))
    #expect(try JSONValueEncoder().encode(Int?.none) == .null)
    #expect(try JSONValueDecoder().decode(Int?.self, from: .null) == nil)
  }

  @Test("top-level values and integer widths")
  func primitives() throws {
    let encoder = JSONValueEncoder()
    let decoder = JSONValueDecoder()
    #expect(try encoder.encode("x") == .string("x"))
    #expect(try encoder.encode(true) == .bool(true))
    #expect(try encoder.encode(UInt64(Int64.max)) == .int(.max))
    #expect(try encoder.encode(Int8.min) == .int(-128))
    #expect(try encoder.encode(3.0) == .int(3))
    #expect(try encoder.encode(Float(-0.0)) == .int(0))
    #expect(try encoder.encode([1.0, 2.0]) == .array([.int(1), .int(2)]))
    #expect(try decoder.decode(Double.self, from: .int(-7)) == -7)
    #expect(try decoder.decode(UInt16.self, from: .int(65535)) == 65535)
    #expect(try decoder.decode([Int8].self, from: .array([.int(-128), .int(127)])) == [-128, 127])
    #expect(
      try decoder.decode([Int: String].self, from: .object(["1": .string("a"), "-2": .string("b")])) == [
        1: "a", -2: "b",
      ])
    #expect(decodingError(UInt8.self, .int(256)) == "invalid value: integer 256 is out of range for UInt8")
    #expect(
      decodingError([UInt].self, .array([.int(1), .int(-1)]))
        == "field '1': invalid value: integer -1 is out of range for UInt")
    #expect(decodingError(Int32.self, .string("1")) == "expected an integer, found a string")
    #expect(decodingError([String].self, .object([:])) == "expected an array, found an object")
    #expect(
      decodingError([String].self, .array([.string("a"), .int(1)]))
        == "field '1': expected a string, found an integer")
    #expect(decodingError([Int].self, .array([.null])) == "field '0': expected an integer, found null")
    let badTag = JSONValue.object(["name": .string("a"), "tags": .array([.string("x"), .bool(true)])])
    #expect(decodingError(Guest.self, badTag) == "field 'tags.1': expected a string, found a boolean")
    #expect(try encoder.encode(["a", "b"]) == .array([.string("a"), .string("b")]))
    #expect(try encoder.encode([Int.min]) == .array([.int(.min)]))
    #expect(try decoder.decode([Int].self, from: .array([.int(.max)])) == [.max])
  }

  @Test("unkeyed containers: decodeNil only consumes null; reading past the end fails")
  func unkeyedDecoding() throws {
    let six = JSONValue.array([.null, .int(1), .null, .int(2), .null, .int(3)])
    let sparse = try JSONValueDecoder().decode(Sparse.self, from: six)
    #expect(sparse.items == [nil, 1, nil, 2])
    #expect(sparse.tail == nil)
    let values = try JSONParser.parse(Array("[null,1,null,2,7]".utf8))
    #expect(decodingError(Sparse.self, values) == "field '5': unexpected end of array")
  }

  @Test("a value that encodes nothing is an empty object, or an error at the top level")
  func silent() throws {
    #expect(try JSONValueEncoder().encode(["a": Silent()]) == .object(["a": .object([:])]))
    #expect(try JSONValueEncoder().encode([Silent()]) == .array([.object([:])]))
    #expect(encodingError(Silent()) == "top-level Silent did not encode any values")
  }

  @Test("numbers that do not fit the log format are rejected when encoding")
  func encodingErrors() {
    #expect(
      encodingError(["price": 1.5]) == "field 'price': number 1.5 is not an integer in the range of Int64")
    #expect(encodingError([Double.nan]) == "field '0': number nan is not an integer in the range of Int64")
    #expect(
      encodingError(["x": [1e19]]) == "field 'x.0': number 1e+19 is not an integer in the range of Int64")
    #expect(encodingError(UInt64.max) == "integer 18446744073709551615 is out of range for Int64")
    #expect(
      encodingError(["n": UInt(Int64.max) + 1])
        == "field 'n': integer 9223372036854775808 is out of range for Int64")
  }

  @Test("containers, nested containers, super encoders and coding paths")
  func manualContainers() throws {
    let manual = Manual(a: 1, inner: ["p", "q"], base: 9, list: [3, 4])
    let value = try JSONValueEncoder().encode(manual)
    let expected: JSONValue = .object([
      "a": .int(1),
      "nested": .object(["inner": .array([.string("p"), .string("q")]), "probe": .string("nested/probe")]),
      "deep": .array([
        .array([.int(3), .int(4)]), .object(["probe": .string("deep/1/probe")]), .string("deep/2"),
      ]),
      "super": .int(9),
      "base": .string("tagged"),
    ])
    #expect(value == expected)
    #expect(try JSONValueDecoder().decode(Manual.self, from: value) == manual)
    #expect(
      try JSONValueEncoder().encode([["k": PathProbe(path: "")]]) == .array([.object(["k": .string("0/k")])]))
  }

  @Test(
    "error descriptions",
    arguments: [
      (#"{"kind":"stay","nights":1,"hosts":[]}"#, "missing field 'data.start'"),
      (
        #"{"start":5,"kind":"stay","nights":1,"hosts":[]}"#,
        "field 'data.start': expected a string, found an integer"
      ),
      (
        #"{"start":null,"kind":"stay","nights":1,"hosts":[]}"#,
        "field 'data.start': expected a string, found null"
      ),
      (
        #"{"start":"s","kind":"bogus","nights":1,"hosts":[]}"#,
        #"field 'data.kind': invalid value "bogus" for Kind"#
      ),
      (
        #"{"start":"s","kind":"stay","nights":300,"hosts":[]}"#,
        "field 'data.nights': invalid value: integer 300 is out of range for UInt8"
      ),
      (
        #"{"start":"s","kind":"stay","nights":1,"hosts":[{"name":"a"},{}]}"#,
        "missing field 'data.hosts.1.name'"
      ),
      (
        #"{"start":"s","kind":"stay","nights":1,"hosts":[{"name":"a"},{"name":true}]}"#,
        "field 'data.hosts.1.name': expected a string, found a boolean"
      ),
      (
        #"{"start":"s","kind":"stay","nights":1,"hosts":{}}"#,
        "field 'data.hosts': expected an array, found an object"
      ),
      (
        #"{"start":"s","kind":"stay","nights":1,"hosts":[],"note":[]}"#,
        "field 'data.note': expected a string, found an array"
      ),
      ("[]", "field 'data': expected an object, found an array"),
    ])
  func errorDescription(data: String, expected: String) throws {
    #expect(decodingError(Envelope.self, try envelope(data)) == expected)
  }

  @Test("describeCodingError handles other decoders' paths and non-coding errors")
  func otherErrors() throws {
    let json = Data(
      #"{"seq":1,"data":{"start":"s","kind":"stay","nights":1,"hosts":[{"name":"a"},{"name":1}]}}"#.utf8)
    do {
      _ = try JSONDecoder().decode(Envelope.self, from: json)
      Issue.record("expected an error")
    } catch {
      #expect(describeCodingError(error).hasPrefix("field 'data.hosts.1.name': "))
    }
    let parseError = try #require(throws: JSONParseError.self) { try JSONParser.parse(Array("[".utf8)) }
    #expect(describeCodingError(parseError) == "byte 1: unexpected end of input")
    struct Custom: Error, CustomStringConvertible { var description: String { "custom failure" } }
    #expect(describeCodingError(Custom()) == "custom failure")
  }

  @Test("agrees with Foundation's JSONEncoder and JSONDecoder on random values")
  func foundationReference() throws {
    var rng = SplitMix64(seed: 2024)
    let foundation = JSONEncoder()
    var nonEmptyDictionaries = 0
    for _ in 0..<300 {
      let visit = randomVisit(&rng)
      let reference = try JSONParser.parse(try foundation.encode(visit))
      let decoded = try JSONValueDecoder().decode(Visit.self, from: reference)
      #expect(decoded == visit)
      let encoded = try JSONValueEncoder().encode(visit)
      #expect(encoded == reference)
      #expect(CanonicalJSON.encode(encoded) == CanonicalJSON.encode(reference))
      if !visit.byDay.isEmpty && !visit.kinds.isEmpty { nonEmptyDictionaries += 1 }
    }
    #expect(nonEmptyDictionaries > 50)
  }
}
