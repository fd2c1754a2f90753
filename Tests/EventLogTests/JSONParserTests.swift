import EventLog
import Testing

/// An input the parser must reject, with the expected error.
struct InvalidJSON: Sendable, CustomTestStringConvertible {
  let input: [UInt8]
  let offset: Int
  let message: String
  var testDescription: String {
    let text = String(decoding: input.prefix(40), as: UTF8.self).debugDescription
    return "\(text)\(input.count > 40 ? "…" : "") → byte \(offset): \(message)"
  }

  init(_ text: String, _ offset: Int, _ message: String) {
    self.init(bytes: Array(text.utf8), offset, message)
  }
  init(bytes: [UInt8], _ offset: Int, _ message: String) {
    self.input = bytes
    self.offset = offset
    self.message = message
  }
}

private let q = UInt8(ascii: "\"")
private let badUTF8 = "invalid utf-8 in string"
private let tooDeepArray = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
private let deepestArray = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
private let tooDeepObject = String(repeating: #"{"a":"#, count: 65) + "1" + String(repeating: "}", count: 65)

private func nestedArrays(_ depth: Int) -> JSONValue {
  depth == 0 ? .array([]) : .array([nestedArrays(depth - 1)])
}

private func parseError(_ bytes: [UInt8]) -> JSONParseError? {
  do {
    let value = try JSONParser.parse(bytes)
    Issue.record("expected an error, parsed \(value)")
    return nil
  } catch {
    return error
  }
}

@Suite("JSON parser")
struct JSONParserTests {
  @Test(
    "valid inputs",
    arguments: [
      ("null", JSONValue.null),
      (" true ", .bool(true)),
      ("\t\r\n false\n", .bool(false)),
      ("0", .int(0)),
      ("-0", .int(0)),
      ("42", .int(42)),
      ("-42", .int(-42)),
      ("9223372036854775807", .int(.max)),
      ("-9223372036854775808", .int(.min)),
      (#""""#, .string("")),
      (#""abc""#, .string("abc")),
      (#""\"\\\/\b\f\n\r\t""#, .string("\"\\/\u{8}\u{C}\n\r\t")),
      (#""a\u0041\u00e9\u20AC""#, .string("aAé€")),
      (#""\uD83D\uDE00""#, .string("😀")),
      (#""x\ud83d\ude00y""#, .string("x😀y")),
      (#""\u0000""#, .string("\u{0}")),
      (
        "\"é€😀\u{7F}\u{D7FF}\u{E000}\u{FFFF}\u{10FFFF}\"",
        .string("é€😀\u{7F}\u{D7FF}\u{E000}\u{FFFF}\u{10FFFF}")
      ),
      ("[]", .array([])),
      ("{}", .object([:])),
      (" [ 1 , [ 2 , [ ] ] , { } ] ", .array([.int(1), .array([.int(2), .array([])]), .object([:])])),
      (
        #"{"a":1,"b":[true,null],"c":{"d":"e"}}"#,
        .object(["a": .int(1), "b": .array([.bool(true), .null]), "c": .object(["d": .string("e")])])
      ),
      ("{ \"a\" :\n1 ,\t\"A\" : \"\" }", .object(["a": .int(1), "A": .string("")])),
      (
        #"{"a":{"a":{"a":1}},"b":[{"a":1},{"a":2,"b":3}],"c":1}"#,
        .object([
          "a": .object(["a": .object(["a": .int(1)])]),
          "b": .array([.object(["a": .int(1)]), .object(["a": .int(2), "b": .int(3)])]), "c": .int(1),
        ])
      ),
      (deepestArray, nestedArrays(63)),
    ])
  func valid(input: String, expected: JSONValue) throws {
    let value = try JSONParser.parse(Array(input.utf8))
    #expect(value == expected)
    // Canonical bytes are compared too, because `==` on strings ignores normalization differences.
    #expect(CanonicalJSON.encode(value) == CanonicalJSON.encode(expected))
  }

  @Test(
    "invalid inputs",
    arguments: [
      // Structure and literals.
      InvalidJSON("", 0, "unexpected end of input"),
      InvalidJSON("   ", 3, "unexpected end of input"),
      InvalidJSON("nul", 3, "unexpected end of input"),
      InvalidJSON("nulL", 3, "invalid literal"),
      InvalidJSON("fals", 4, "unexpected end of input"),
      InvalidJSON("tRue", 1, "invalid literal"),
      InvalidJSON("True", 0, "expected a value"),
      InvalidJSON("truex", 4, "trailing characters after value"),
      InvalidJSON("1 2", 2, "trailing characters after value"),
      InvalidJSON("{} x", 3, "trailing characters after value"),
      InvalidJSON("\u{0C}1", 0, "expected a value"),
      InvalidJSON("1\u{A0}", 1, "trailing characters after value"),
      InvalidJSON(bytes: [0xEF, 0xBB, 0xBF, 0x31], 0, "expected a value"),
      // Numbers.
      InvalidJSON("01", 0, "leading zeros are not allowed"),
      InvalidJSON("-01", 1, "leading zeros are not allowed"),
      InvalidJSON("[00]", 1, "leading zeros are not allowed"),
      InvalidJSON("-", 1, "unexpected end of input"),
      InvalidJSON("-a", 1, "expected a digit after '-'"),
      InvalidJSON("- 1", 1, "expected a digit after '-'"),
      InvalidJSON("+1", 0, "expected a value"),
      InvalidJSON(".5", 0, "expected a value"),
      InvalidJSON("1.5", 1, "numbers with a fraction or exponent are not allowed"),
      InvalidJSON("1.", 1, "numbers with a fraction or exponent are not allowed"),
      InvalidJSON("-0.0", 2, "numbers with a fraction or exponent are not allowed"),
      InvalidJSON("1e5", 1, "numbers with a fraction or exponent are not allowed"),
      InvalidJSON("[10E5]", 3, "numbers with a fraction or exponent are not allowed"),
      InvalidJSON("9223372036854775808", 0, "integer out of range"),
      InvalidJSON("-9223372036854775809", 0, "integer out of range"),
      InvalidJSON("[1,99999999999999999999999]", 3, "integer out of range"),
      // Objects.
      InvalidJSON(#"{"a":1,"a":2}"#, 7, #"duplicate key "a""#),
      InvalidJSON(#"{"seq":1,"x":{},"seq":2}"#, 16, #"duplicate key "seq""#),
      // A duplicate key is reported before any later problem.
      InvalidJSON(#"{"a":1,"a":x}"#, 7, #"duplicate key "a""#),
      InvalidJSON(#"{"a":1,"a" 2}"#, 7, #"duplicate key "a""#),
      InvalidJSON(#"{"a":1,"a":{"b":x}}"#, 7, #"duplicate key "a""#),
      InvalidJSON(#"{"a":1,"b":2,"a":3"#, 13, #"duplicate key "a""#),
      InvalidJSON(#"{"a":{"b":1,"b":2},"a":1}"#, 12, #"duplicate key "b""#),
      InvalidJSON(#"{"a":{"a":1,"x":y}}"#, 16, "expected a value"),
      InvalidJSON(#"{"a":[{"b":1,"c":[0,{"b":1,"b":0}]}],"a":1}"#, 27, #"duplicate key "b""#),
      InvalidJSON(#"{"\n":1,"\u000a":2}"#, 8, #"duplicate key "\n""#),
      InvalidJSON(#"{"a" 1}"#, 5, "expected ':' after object key"),
      InvalidJSON(#"{"a":1 "b":2}"#, 7, "expected ',' or '}' after object member"),
      InvalidJSON(#"{"a":1,}"#, 7, "expected a string key"),
      InvalidJSON("{a:1}", 1, "expected a string key"),
      InvalidJSON("{1:1}", 1, "expected a string key"),
      InvalidJSON("{", 1, "unexpected end of input"),
      InvalidJSON(#"{"a":"#, 5, "unexpected end of input"),
      // Arrays.
      InvalidJSON("[1,]", 3, "expected a value"),
      InvalidJSON("[,1]", 1, "expected a value"),
      InvalidJSON("[1 2]", 3, "expected ',' or ']' after array element"),
      InvalidJSON("[1}", 2, "expected ',' or ']' after array element"),
      InvalidJSON("[", 1, "unexpected end of input"),
      InvalidJSON("[1", 2, "unexpected end of input"),
      // Nesting.
      InvalidJSON(tooDeepArray, 64, "nesting deeper than 64"),
      InvalidJSON(tooDeepObject, 320, "nesting deeper than 64"),
      // Strings: termination, control characters, escapes.
      InvalidJSON(#""abc"#, 4, "unexpected end of input"),
      InvalidJSON(#""a\"#, 3, "unexpected end of input"),
      InvalidJSON("\"a\u{1F}b\"", 2, "control character in string"),
      InvalidJSON("\"a\tb\"", 2, "control character in string"),
      InvalidJSON("\"\\n\n\"", 3, "control character in string"),
      InvalidJSON("\"\u{0}\"", 1, "control character in string"),
      InvalidJSON(#""\x""#, 1, "invalid escape sequence"),
      InvalidJSON(#""ab\'""#, 3, "invalid escape sequence"),
      InvalidJSON(#""\U0041""#, 1, "invalid escape sequence"),
      InvalidJSON(#""\u12G4""#, 5, #"invalid hex digit in \u escape"#),
      InvalidJSON(#""\u12""#, 5, #"invalid hex digit in \u escape"#),
      InvalidJSON(#""\u12"#, 5, "unexpected end of input"),
      InvalidJSON(#""\uD83D""#, 1, #"unpaired surrogate in \u escape"#),
      InvalidJSON(#""\uDE00""#, 1, #"unpaired surrogate in \u escape"#),
      InvalidJSON(#""\uD83D\u0041""#, 1, #"unpaired surrogate in \u escape"#),
      InvalidJSON(#""\uD83D\uD83D""#, 1, #"unpaired surrogate in \u escape"#),
      InvalidJSON(#""ab\uD83Dx""#, 3, #"unpaired surrogate in \u escape"#),
      InvalidJSON(#""\uD83D\n""#, 1, #"unpaired surrogate in \u escape"#),
      // Strings: UTF-8.
      InvalidJSON(bytes: [q, 0xC0, 0x80, q], 1, badUTF8),  // overlong NUL
      InvalidJSON(bytes: [q, 0xC1, 0xBF, q], 1, badUTF8),  // overlong 2-byte
      InvalidJSON(bytes: [q, 0xE0, 0x9F, 0xBF, q], 1, badUTF8),  // overlong 3-byte
      InvalidJSON(bytes: [q, 0xF0, 0x8F, 0xBF, 0xBF, q], 1, badUTF8),  // overlong 4-byte
      InvalidJSON(bytes: [q, 0x61, 0xED, 0xA0, 0x80, q], 2, badUTF8),  // U+D800
      InvalidJSON(bytes: [q, 0xED, 0xBF, 0xBF, q], 1, badUTF8),  // U+DFFF
      InvalidJSON(bytes: [q, 0xF4, 0x90, 0x80, 0x80, q], 1, badUTF8),  // U+110000
      InvalidJSON(bytes: [q, 0xF5, 0x80, 0x80, 0x80, q], 1, badUTF8),
      InvalidJSON(bytes: [q, 0xFF, q], 1, badUTF8),
      InvalidJSON(bytes: [q, 0x80, q], 1, badUTF8),  // lone continuation
      InvalidJSON(bytes: [q, 0xC3, q], 1, badUTF8),  // truncated 2-byte
      InvalidJSON(bytes: [q, 0xE2, 0x82, q], 1, badUTF8),  // truncated 3-byte
      InvalidJSON(bytes: [q, 0xF0, 0x9F, 0x98, 0x61, q], 1, badUTF8),
      InvalidJSON(bytes: [q, 0x61, 0xE2, 0x82], 2, badUTF8),  // truncated by the end
      InvalidJSON(bytes: [q, 0x5C, 0x6E, 0xC3, 0x28, q], 3, badUTF8),  // after an escape
    ])
  func invalid(_ example: InvalidJSON) throws {
    let error = try #require(parseError(example.input))
    #expect(error.offset == example.offset)
    #expect(error.message == example.message)
  }

  @Test("error description names the byte offset")
  func errorDescription() throws {
    let error = try #require(parseError(Array(#"{"a" 1}"#.utf8)))
    #expect(error.description == "byte 5: expected ':' after object key")
    #expect("\(error)" == "byte 5: expected ':' after object key")
  }

  @Test("all entry points agree; offsets are relative to the slice")
  func entryPoints() throws {
    let bytes = Array(#"xx{"k":[1,"v"]}"#.utf8)
    let expected = JSONValue.object(["k": .array([.int(1), .string("v")])])
    #expect(try JSONParser.parse(bytes[2...]) == expected)
    #expect(try JSONParser.parse(bytes[2...].lazy.map { $0 }) == expected)
    #expect(
      try bytes[2...].withUnsafeBytes { raw throws(JSONParseError) in try JSONParser.parse(raw) } == expected)
    let broken = Array(#"xx{"k" 1}"#.utf8)
    let error = try #require(parseError(Array(broken[2...])))
    #expect(error.offset == 5)
    do {
      _ = try JSONParser.parse(broken[2...])
      Issue.record("expected an error")
    } catch {
      #expect(error.offset == 5)
    }
  }

  @Test("keys that are canonically equivalent count as duplicates")
  func canonicallyEquivalentKeys() throws {
    // "é" precomposed and decomposed are different bytes but equal Swift strings.
    let error = try #require(parseError(Array("{\"\u{E9}\":1,\"e\u{301}\":2}".utf8)))
    #expect(error.offset == 8)
    #expect(error.message.hasPrefix("duplicate key"))
  }

  @Test("strings keep their exact bytes")
  func exactBytes() throws {
    let decomposed = "\"e\u{301}\""
    let value = try JSONParser.parse(Array(decomposed.utf8))
    #expect(Array(try #require(value.stringValue).utf8) == [0x65, 0xCC, 0x81])
  }

  @Test("accessors")
  func accessors() throws {
    let value = try JSONParser.parse(Array(#"{"s":"x","i":-3,"b":false,"a":[null],"o":{}}"#.utf8))
    #expect(value["s"]?.stringValue == "x")
    #expect(value["i"]?.intValue == -3)
    #expect(value["b"]?.boolValue == false)
    #expect(value["a"]?.arrayValue == [.null])
    #expect(value["o"]?.objectValue == [:])
    #expect(value["missing"] == nil)
    #expect(value["s"]?["s"] == nil)
    #expect(value["s"]?.intValue == nil)
    #expect(value["i"]?.stringValue == nil)
    #expect(value["a"]?.boolValue == nil)
    #expect(value["o"]?.arrayValue == nil)
    #expect(value["b"]?.objectValue == nil)
    #expect(value.objectValue?.count == 5)
  }
}
