/// Why and where ``JSONParser`` rejected its input.
///
/// The parser reports the first problem reading left to right.
public struct JSONParseError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Zero-based byte offset of the problem in the input: the unexpected byte; the input length for
  /// `unexpected end of input`; the first byte of a bad UTF-8 sequence; the backslash of a bad
  /// escape or of an unpaired surrogate escape; the first character (`-` or digit) of an integer out
  /// of range; the leading `0` of a number with leading zeros; the opening quote of a duplicate key;
  /// the bracket or brace that nests too deeply.
  public var offset: Int
  /// A short lower-case explanation, one of: `unexpected end of input`, `expected a value`,
  /// `invalid literal`, `trailing characters after value`, `expected a digit after '-'`,
  /// `leading zeros are not allowed`, `numbers with a fraction or exponent are not allowed`,
  /// `integer out of range`, `expected a string key`, `expected ':' after object key`,
  /// `expected ',' or '}' after object member`, `expected ',' or ']' after array element`,
  /// `duplicate key "<key>"` (the key encoded as in ``CanonicalJSON``), `nesting deeper than 64`,
  /// `control character in string`, `invalid escape sequence`, `invalid hex digit in \u escape`,
  /// `unpaired surrogate in \u escape`, `invalid utf-8 in string`.
  public var message: String

  /// `byte <offset>: <message>`.
  public var description: String { "byte \(offset): \(message)" }
}

/// A strict RFC 8259 JSON parser restricted to the event log's dialect.
///
/// Besides everything RFC 8259 forbids, it rejects:
/// - numbers with a fraction or exponent, and integers outside the range of `Int64`;
/// - duplicate keys within one object (keys compare as Swift `String`s, that is by Unicode
///   canonical equivalence);
/// - invalid UTF-8 anywhere in a string (overlong forms, UTF-8-encoded surrogates, code points
///   above U+10FFFF, truncated sequences) and `\u` escapes that leave a surrogate unpaired;
/// - nesting of arrays and objects deeper than 64 levels.
///
/// Whitespace is space, tab, line feed and carriage return only, and the input must hold exactly
/// one value, optionally surrounded by whitespace.
public enum JSONParser {
  /// The deepest allowed nesting of arrays and objects.
  static let maximumDepth = 64

  /// Parses one JSON value from UTF-8 encoded `bytes`.
  ///
  /// Canonical text (the log's own lines, vault entries, export files) is read in one pass by
  /// `CanonicalReader`; anything else, and anything wrong, the general way, which says what.
  public static func parse(_ bytes: UnsafeRawBufferPointer) throws(JSONParseError) -> JSONValue {
    if let value = CanonicalReader.whole(bytes.assumingMemoryBound(to: UInt8.self)) { return value }
    return try general(bytes)
  }

  /// `parse` without trying `CanonicalReader` first: the reference it is tested against.
  static func general(_ bytes: UnsafeRawBufferPointer) throws(JSONParseError) -> JSONValue {
    guard let base = bytes.baseAddress, !bytes.isEmpty else {
      throw JSONParseError(offset: 0, message: "unexpected end of input")
    }
    var parser = Parser(bytes: base.assumingMemoryBound(to: UInt8.self), end: bytes.count)
    return try parser.parseDocument()
  }

  /// Parses one JSON value from UTF-8 encoded `bytes`; contiguous collections are read in place.
  public static func parse<C: Collection>(_ bytes: C) throws(JSONParseError) -> JSONValue
  where C.Element == UInt8 {
    try inPlace(bytes) { (buffer) throws(JSONParseError) in try parse(buffer) }
  }

  /// `general` of a collection.
  static func general<C: Collection>(_ bytes: C) throws(JSONParseError) -> JSONValue
  where C.Element == UInt8 {
    try inPlace(bytes) { (buffer) throws(JSONParseError) in try general(buffer) }
  }

  private static func inPlace<C: Collection>(
    _ bytes: C, _ read: (UnsafeRawBufferPointer) throws(JSONParseError) -> JSONValue
  ) throws(JSONParseError) -> JSONValue where C.Element == UInt8 {
    func body(_ buffer: UnsafeBufferPointer<UInt8>) -> Result<JSONValue, JSONParseError> {
      Result { () throws(JSONParseError) in try read(UnsafeRawBufferPointer(buffer)) }
    }
    let result = bytes.withContiguousStorageIfAvailable(body) ?? Array(bytes).withUnsafeBufferPointer(body)
    return try result.get()
  }
}

private enum ASCII {
  static let quote: UInt8 = 0x22
  static let backslash: UInt8 = 0x5C
  static let slash: UInt8 = 0x2F
  static let comma: UInt8 = 0x2C
  static let colon: UInt8 = 0x3A
  static let minus: UInt8 = 0x2D
  static let zero: UInt8 = 0x30
  static let nine: UInt8 = 0x39
  static let openBracket: UInt8 = 0x5B
  static let closeBracket: UInt8 = 0x5D
  static let openBrace: UInt8 = 0x7B
  static let closeBrace: UInt8 = 0x7D
}

private struct Parser {
  let bytes: UnsafePointer<UInt8>
  let end: Int
  var pos = 0
  /// Reused buffer for decoding strings that contain escapes.
  var scratch: [UInt8] = []
  /// Members of the objects being parsed, innermost last.
  var members: [(key: String, offset: Int, value: JSONValue)] = []

  init(bytes: UnsafePointer<UInt8>, end: Int) {
    self.bytes = bytes
    self.end = end
  }

  func error(_ offset: Int, _ message: String) -> JSONParseError {
    JSONParseError(offset: offset, message: message)
  }

  var endOfInput: JSONParseError { error(end, "unexpected end of input") }

  mutating func parseDocument() throws(JSONParseError) -> JSONValue {
    skipWhitespace()
    let value = try parseValue(depth: 0)
    skipWhitespace()
    guard pos == end else { throw error(pos, "trailing characters after value") }
    return value
  }

  @inline(__always)
  mutating func skipWhitespace() {
    while pos < end {
      let byte = bytes[pos]
      guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
      pos += 1
    }
  }

  /// Parses the value starting at `pos`; `depth` is the number of enclosing arrays and objects.
  mutating func parseValue(depth: Int) throws(JSONParseError) -> JSONValue {
    guard pos < end else { throw endOfInput }
    switch bytes[pos] {
    case ASCII.quote: return .string(try parseString())
    case ASCII.openBrace: return try parseObject(depth: depth + 1)
    case ASCII.openBracket: return try parseArray(depth: depth + 1)
    case ASCII.minus, ASCII.zero...ASCII.nine: return .int(try parseInteger())
    case UInt8(ascii: "t"):
      try expectLiteral("true")
      return .bool(true)
    case UInt8(ascii: "f"):
      try expectLiteral("false")
      return .bool(false)
    case UInt8(ascii: "n"):
      try expectLiteral("null")
      return .null
    default: throw error(pos, "expected a value")
    }
  }

  mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
    let expected = literal.utf8Start
    for index in 0..<literal.utf8CodeUnitCount {
      guard pos < end else { throw endOfInput }
      guard bytes[pos] == expected[index] else { throw error(pos, "invalid literal") }
      pos += 1
    }
  }

  mutating func parseObject(depth: Int) throws(JSONParseError) -> JSONValue {
    guard depth <= JSONParser.maximumDepth else {
      throw error(pos, "nesting deeper than \(JSONParser.maximumDepth)")
    }
    pos += 1  // {
    skipWhitespace()
    guard pos < end else { throw endOfInput }
    if bytes[pos] == ASCII.closeBrace {
      pos += 1
      return .object([:])
    }
    // Members are collected on a stack shared by all nesting levels and moved into a dictionary of
    // the right size at the closing brace, which hashes every key once. Duplicates are found there,
    // or, if parsing fails first, before reporting that failure (a duplicate key comes earlier).
    let base = members.count
    var ownEnd = base  // Members above this belong to nested objects.
    do throws(JSONParseError) {
      while true {
        guard pos < end else { throw endOfInput }
        guard bytes[pos] == ASCII.quote else { throw error(pos, "expected a string key") }
        let keyOffset = pos
        members.append((try parseString(), keyOffset, .null))
        ownEnd += 1
        skipWhitespace()
        guard pos < end else { throw endOfInput }
        guard bytes[pos] == ASCII.colon else { throw error(pos, "expected ':' after object key") }
        pos += 1
        skipWhitespace()
        members[ownEnd - 1].value = try parseValue(depth: depth)
        skipWhitespace()
        guard pos < end else { throw endOfInput }
        if bytes[pos] == ASCII.comma {
          pos += 1
          skipWhitespace()
        } else if bytes[pos] == ASCII.closeBrace {
          pos += 1
          break
        } else {
          throw error(pos, "expected ',' or '}' after object member")
        }
      }
    } catch {
      throw firstDuplicate(in: base..<ownEnd) ?? error
    }
    var object = [String: JSONValue](minimumCapacity: members.count - base)
    for index in base..<members.count {
      let member = members[index]
      if object.updateValue(member.value, forKey: member.key) != nil {
        throw duplicateKey(member.key, at: member.offset)
      }
    }
    members.removeSubrange(base...)
    return .object(object)
  }

  /// The error for the first key in `range` of the member stack that repeats an earlier one.
  func firstDuplicate(in range: Range<Int>) -> JSONParseError? {
    var seen = Set<String>()
    for member in members[range] where !seen.insert(member.key).inserted {
      return duplicateKey(member.key, at: member.offset)
    }
    return nil
  }

  func duplicateKey(_ key: String, at offset: Int) -> JSONParseError {
    error(offset, "duplicate key \(String(decoding: CanonicalJSON.encode(.string(key)), as: UTF8.self))")
  }

  mutating func parseArray(depth: Int) throws(JSONParseError) -> JSONValue {
    guard depth <= JSONParser.maximumDepth else {
      throw error(pos, "nesting deeper than \(JSONParser.maximumDepth)")
    }
    pos += 1  // [
    skipWhitespace()
    guard pos < end else { throw endOfInput }
    if bytes[pos] == ASCII.closeBracket {
      pos += 1
      return .array([])
    }
    var elements: [JSONValue] = []
    while true {
      elements.append(try parseValue(depth: depth))
      skipWhitespace()
      guard pos < end else { throw endOfInput }
      switch bytes[pos] {
      case ASCII.comma:
        pos += 1
        skipWhitespace()
      case ASCII.closeBracket:
        pos += 1
        return .array(elements)
      default:
        throw error(pos, "expected ',' or ']' after array element")
      }
    }
  }

  /// Parses `-?(0|[1-9][0-9]*)` into an `Int64`.
  mutating func parseInteger() throws(JSONParseError) -> Int64 {
    let start = pos
    let negative = bytes[pos] == ASCII.minus
    if negative {
      pos += 1
      guard pos < end else { throw endOfInput }
    }
    guard ASCII.zero...ASCII.nine ~= bytes[pos] else { throw error(pos, "expected a digit after '-'") }
    var magnitude: UInt64 = 0
    if bytes[pos] == ASCII.zero {
      pos += 1
      if pos < end, ASCII.zero...ASCII.nine ~= bytes[pos] {
        throw error(pos - 1, "leading zeros are not allowed")
      }
    } else {
      while pos < end, ASCII.zero...ASCII.nine ~= bytes[pos] {
        let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
        let (sum, overflow2) = times10.addingReportingOverflow(UInt64(bytes[pos] &- ASCII.zero))
        guard !overflow1, !overflow2 else { throw error(start, "integer out of range") }
        magnitude = sum
        pos += 1
      }
    }
    if pos < end {
      let next = bytes[pos]
      if next == UInt8(ascii: ".") || next == UInt8(ascii: "e") || next == UInt8(ascii: "E") {
        throw error(pos, "numbers with a fraction or exponent are not allowed")
      }
    }
    if negative {
      guard magnitude <= UInt64(Int64.max) + 1 else { throw error(start, "integer out of range") }
      return Int64(bitPattern: 0 &- magnitude)
    }
    guard magnitude <= UInt64(Int64.max) else { throw error(start, "integer out of range") }
    return Int64(magnitude)
  }

  /// Parses the string whose opening quote is at `pos`.
  mutating func parseString() throws(JSONParseError) -> String {
    pos += 1
    let start = pos
    while pos < end {
      let byte = bytes[pos]
      if byte == ASCII.quote {
        let value = String(
          decoding: UnsafeBufferPointer(start: bytes + start, count: pos - start), as: UTF8.self)
        pos += 1
        return value
      } else if byte == ASCII.backslash {
        return try parseEscapedString(from: start)
      } else if byte < 0x20 {
        throw error(pos, "control character in string")
      } else if byte < 0x80 {
        pos += 1
      } else {
        pos += try validUTF8SequenceLength()
      }
    }
    throw endOfInput
  }

  /// Continues a string that starts at `start` and has an escape at `pos`.
  mutating func parseEscapedString(from start: Int) throws(JSONParseError) -> String {
    scratch.removeAll(keepingCapacity: true)
    var runStart = start
    while pos < end {
      let byte = bytes[pos]
      if byte == ASCII.quote || byte == ASCII.backslash {
        scratch.append(contentsOf: UnsafeBufferPointer(start: bytes + runStart, count: pos - runStart))
        if byte == ASCII.quote {
          pos += 1
          return String(decoding: scratch, as: UTF8.self)
        }
        try parseEscape()
        runStart = pos
      } else if byte < 0x20 {
        throw error(pos, "control character in string")
      } else if byte < 0x80 {
        pos += 1
      } else {
        pos += try validUTF8SequenceLength()
      }
    }
    throw endOfInput
  }

  /// Decodes the escape sequence at `pos` into `scratch`.
  mutating func parseEscape() throws(JSONParseError) {
    let escapeOffset = pos
    guard pos + 1 < end else { throw endOfInput }
    let decoded: UInt8
    switch bytes[pos + 1] {
    case ASCII.quote: decoded = ASCII.quote
    case ASCII.backslash: decoded = ASCII.backslash
    case ASCII.slash: decoded = ASCII.slash
    case UInt8(ascii: "b"): decoded = 0x08
    case UInt8(ascii: "f"): decoded = 0x0C
    case UInt8(ascii: "n"): decoded = 0x0A
    case UInt8(ascii: "r"): decoded = 0x0D
    case UInt8(ascii: "t"): decoded = 0x09
    case UInt8(ascii: "u"):
      var scalar = try hexQuad(at: pos + 2)
      pos += 6
      if 0xDC00...0xDFFF ~= scalar {
        throw error(escapeOffset, "unpaired surrogate in \\u escape")
      }
      if 0xD800...0xDBFF ~= scalar {
        guard pos + 1 < end, bytes[pos] == ASCII.backslash, bytes[pos + 1] == UInt8(ascii: "u") else {
          throw error(escapeOffset, "unpaired surrogate in \\u escape")
        }
        let low = try hexQuad(at: pos + 2)
        guard 0xDC00...0xDFFF ~= low else { throw error(escapeOffset, "unpaired surrogate in \\u escape") }
        pos += 6
        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
      }
      appendUTF8(scalar)
      return
    default:
      throw error(escapeOffset, "invalid escape sequence")
    }
    scratch.append(decoded)
    pos += 2
  }

  /// Reads the four hex digits of a `\u` escape starting at `offset`.
  func hexQuad(at offset: Int) throws(JSONParseError) -> UInt32 {
    var value: UInt32 = 0
    for index in offset..<offset + 4 {
      guard index < end else { throw endOfInput }
      let byte = bytes[index]
      let digit: UInt8
      switch byte {
      case ASCII.zero...ASCII.nine: digit = byte - ASCII.zero
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
      default: throw error(index, "invalid hex digit in \\u escape")
      }
      value = value << 4 | UInt32(digit)
    }
    return value
  }

  mutating func appendUTF8(_ scalar: UInt32) {
    switch scalar {
    case 0..<0x80:
      scratch.append(UInt8(scalar))
    case 0x80..<0x800:
      scratch.append(UInt8(0xC0 | scalar >> 6))
      scratch.append(UInt8(0x80 | scalar & 0x3F))
    case 0x800..<0x10000:
      scratch.append(UInt8(0xE0 | scalar >> 12))
      scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
      scratch.append(UInt8(0x80 | scalar & 0x3F))
    default:
      scratch.append(UInt8(0xF0 | scalar >> 18))
      scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
      scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
      scratch.append(UInt8(0x80 | scalar & 0x3F))
    }
  }

  /// Length of the well-formed UTF-8 sequence with a non-ASCII lead byte at `pos`, or an error at
  /// the lead byte.
  func validUTF8SequenceLength() throws(JSONParseError) -> Int {
    guard let length = utf8SequenceLength(bytes, at: pos, end: end) else {
      throw error(pos, "invalid utf-8 in string")
    }
    return length
  }
}

/// Length of the well-formed UTF-8 sequence whose non-ASCII lead byte is at `pos` (Unicode
/// Table 3-7), or nil when it is not one.
@inline(__always)
func utf8SequenceLength(_ bytes: UnsafePointer<UInt8>, at pos: Int, end: Int) -> Int? {
  @inline(__always)
  func continuation(_ index: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
    pos + index < end && low...high ~= bytes[pos + index]
  }
  switch bytes[pos] {
  case 0xC2...0xDF:
    if continuation(1) { return 2 }
  case 0xE0:
    if continuation(1, 0xA0), continuation(2) { return 3 }
  case 0xE1...0xEC, 0xEE...0xEF:
    if continuation(1), continuation(2) { return 3 }
  case 0xED:
    if continuation(1, 0x80, 0x9F), continuation(2) { return 3 }
  case 0xF0:
    if continuation(1, 0x90), continuation(2), continuation(3) { return 4 }
  case 0xF1...0xF3:
    if continuation(1), continuation(2), continuation(3) { return 4 }
  case 0xF4:
    if continuation(1, 0x80, 0x8F), continuation(2), continuation(3) { return 4 }
  default:
    break
  }
  return nil
}
