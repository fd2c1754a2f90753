/// The canonical byte encoding of a ``JSONValue``: the exact bytes the event log hashes.
///
/// The rules, which independent verifiers must reproduce exactly:
/// - no whitespace anywhere;
/// - object members sorted by key, comparing keys as sequences of UTF-8 bytes (unsigned,
///   lexicographic; a prefix sorts first);
/// - integers in decimal, without leading zeros, with `-` for negatives and `0` for zero;
/// - in strings, `"` becomes `\"`, `\` becomes `\\`, U+0008 `\b`, U+000C `\f`, U+000A `\n`,
///   U+000D `\r`, U+0009 `\t`, every other code point below U+0020 `\u00XX` with lower-case hex;
///   everything else (including `/`, U+007F and all non-ASCII) is written as raw UTF-8;
/// - `true`, `false` and `null` as literals.
public enum CanonicalJSON {
  /// Returns the canonical encoding of `value`.
  public static func encode(_ value: JSONValue) -> [UInt8] {
    var buffer: [UInt8] = []
    buffer.reserveCapacity(256)
    encode(value, into: &buffer)
    return buffer
  }

  /// Appends the canonical encoding of `value` to `buffer`.
  public static func encode(_ value: JSONValue, into buffer: inout [UInt8]) {
    switch value {
    case .null:
      appendLiteral("null", to: &buffer)
    case .bool(let flag):
      appendLiteral(flag ? "true" : "false", to: &buffer)
    case .int(let number):
      appendInteger(number, to: &buffer)
    case .string(let string):
      appendString(string, to: &buffer)
    case .array(let elements):
      buffer.append(UInt8(ascii: "["))
      for (index, element) in elements.enumerated() {
        if index > 0 { buffer.append(UInt8(ascii: ",")) }
        encode(element, into: &buffer)
      }
      buffer.append(UInt8(ascii: "]"))
    case .object(let members):
      buffer.append(UInt8(ascii: "{"))
      let sorted = members.sorted { utf8Precedes($0.key, $1.key) }
      for (index, member) in sorted.enumerated() {
        if index > 0 { buffer.append(UInt8(ascii: ",")) }
        appendString(member.key, to: &buffer)
        buffer.append(UInt8(ascii: ":"))
        encode(member.value, into: &buffer)
      }
      buffer.append(UInt8(ascii: "}"))
    }
  }

  /// Whether `lhs` sorts before `rhs` when both are compared as unsigned UTF-8 byte sequences.
  static func utf8Precedes(_ lhs: String, _ rhs: String) -> Bool {
    let fast = lhs.utf8.withContiguousStorageIfAvailable { left in
      rhs.utf8.withContiguousStorageIfAvailable { right -> Bool in
        let common = min(left.count, right.count)
        if common > 0, let leftBase = left.baseAddress, let rightBase = right.baseAddress {
          for index in 0..<common where leftBase[index] != rightBase[index] {
            return leftBase[index] < rightBase[index]
          }
        }
        return left.count < right.count
      }
    }
    if let result = fast ?? nil { return result }
    return lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
  }

  private static func appendLiteral(_ literal: StaticString, to buffer: inout [UInt8]) {
    buffer.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
  }

  private static func appendInteger(_ number: Int64, to buffer: inout [UInt8]) {
    if number < 0 { buffer.append(UInt8(ascii: "-")) }
    var magnitude = number.magnitude
    // UInt64.max has 20 digits.
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
      var start = 20
      repeat {
        start -= 1
        digits[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
        magnitude /= 10
      } while magnitude > 0
      buffer.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start..<20]))
    }
  }

  private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

  /// Appends the escape for an ASCII byte that needs one (`"`, `\` or below 0x20).
  private static func appendEscape(_ byte: UInt8, to buffer: inout [UInt8]) {
    buffer.append(UInt8(ascii: "\\"))
    switch byte {
    case UInt8(ascii: "\""): buffer.append(UInt8(ascii: "\""))
    case UInt8(ascii: "\\"): buffer.append(UInt8(ascii: "\\"))
    case 0x08: buffer.append(UInt8(ascii: "b"))
    case 0x0C: buffer.append(UInt8(ascii: "f"))
    case 0x0A: buffer.append(UInt8(ascii: "n"))
    case 0x0D: buffer.append(UInt8(ascii: "r"))
    case 0x09: buffer.append(UInt8(ascii: "t"))
    default:
      buffer.append(UInt8(ascii: "u"))
      buffer.append(UInt8(ascii: "0"))
      buffer.append(UInt8(ascii: "0"))
      buffer.append(hexDigits[Int(byte >> 4)])
      buffer.append(hexDigits[Int(byte & 0x0F)])
    }
  }

  @inline(__always)
  private static func needsEscape(_ byte: UInt8) -> Bool {
    byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
  }

  private static func appendString(_ string: String, to buffer: inout [UInt8]) {
    buffer.append(UInt8(ascii: "\""))
    let handled: Void? = string.utf8.withContiguousStorageIfAvailable { bytes in
      // Copy runs of bytes that need no escaping in one go.
      var runStart = 0
      for index in bytes.indices where needsEscape(bytes[index]) {
        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
        appendEscape(bytes[index], to: &buffer)
        runStart = index + 1
      }
      buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
    }
    if handled == nil {
      for byte in string.utf8 {
        if needsEscape(byte) { appendEscape(byte, to: &buffer) } else { buffer.append(byte) }
      }
    }
    buffer.append(UInt8(ascii: "\""))
  }
}

extension CanonicalJSON {
  /// Whether a JSON text the parser accepted is byte for byte the canonical encoding of the value
  /// it denotes, checked on its bytes in one pass (no re-encoding): no whitespace, object members
  /// in strictly increasing order of their keys' UTF-8 bytes, integers without `-0`, and in strings
  /// only the escapes `encode` writes (`\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, and `\u00xx` with
  /// lower-case hex for the other code points below U+0020).
  ///
  /// - Parameter bytes: a text `JSONParser.parse` accepted (its grammar is not checked again).
  /// - Returns: the number of members of the outermost object (0 for any other value), or nil
  ///   when the text is not canonical.
  static func canonicalMembers(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    // Per open object: its last key (decoded), and whether a key comes next.
    var objects: [(last: [UInt8]?, keyNext: Bool)] = []
    var containers: [Bool] = []  // true: object, false: array
    var members = 0
    var i = 0
    let n = bytes.count
    while i < n {
      let b = bytes[i]
      switch b {
      case UInt8(ascii: "{"):
        containers.append(true)
        objects.append((nil, true))
        i += 1
      case UInt8(ascii: "["):
        containers.append(false)
        i += 1
      case UInt8(ascii: "}"):
        containers.removeLast()
        objects.removeLast()
        i += 1
      case UInt8(ascii: "]"):
        containers.removeLast()
        i += 1
      case UInt8(ascii: ","):
        if containers.last == true { objects[objects.count - 1].keyNext = true }
        i += 1
      case UInt8(ascii: ":"):
        i += 1
      case UInt8(ascii: "\""):
        let isKey = containers.last == true && objects[objects.count - 1].keyNext
        var key: [UInt8] = []
        i += 1
        while true {
          guard i < n else { return nil }
          let c = bytes[i]
          if c == UInt8(ascii: "\"") { break }
          if c == UInt8(ascii: "\\") {
            guard i + 1 < n else { return nil }
            let decoded: UInt8
            switch bytes[i + 1] {
            case UInt8(ascii: "\""): decoded = 0x22
            case UInt8(ascii: "\\"): decoded = 0x5C
            case UInt8(ascii: "b"): decoded = 0x08
            case UInt8(ascii: "f"): decoded = 0x0C
            case UInt8(ascii: "n"): decoded = 0x0A
            case UInt8(ascii: "r"): decoded = 0x0D
            case UInt8(ascii: "t"): decoded = 0x09
            case UInt8(ascii: "u"):
              // Only `\u00xx`, lower-case, for a control character with no short escape.
              guard i + 5 < n, bytes[i + 2] == 0x30, bytes[i + 3] == 0x30,
                bytes[i + 4] == 0x30 || bytes[i + 4] == 0x31, let low = lowerHex(bytes[i + 5])
              else { return nil }
              decoded = (bytes[i + 4] - 0x30) << 4 | low
              guard ![0x08, 0x09, 0x0A, 0x0C, 0x0D].contains(decoded) else { return nil }
              i += 4
            default: return nil
            }
            if isKey { key.append(decoded) }
            i += 2
          } else {
            if isKey { key.append(c) }
            i += 1
          }
        }
        i += 1  // the closing quote
        if isKey {
          let top = objects.count - 1
          if let last = objects[top].last, !last.lexicographicallyPrecedes(key) { return nil }
          objects[top] = (key, false)
          if containers.count == 1 { members += 1 }
        }
      case UInt8(ascii: "-"):
        // `-0` is not how zero is written; the parser has refused other malformed numbers.
        guard i + 1 < n, bytes[i + 1] != UInt8(ascii: "0") else { return nil }
        i += 1
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        i += 1
      case UInt8(ascii: "t"), UInt8(ascii: "n"):
        i += 4
      case UInt8(ascii: "f"):
        i += 5
      default:
        return nil  // whitespace
      }
    }
    return members
  }

  static func lowerHex(_ b: UInt8) -> UInt8? {
    switch b {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - 0x30
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - 0x61 + 10
    default: return nil
    }
  }
}
