#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A one-pass reader for text that is already canonical JSON (``CanonicalJSON``'s rules), which is
/// what the log's own lines are when they are read back.
///
/// It leaves out what the general parser must do for any text: there is no whitespace to skip, and
/// no set of keys to find duplicates, because canonical keys strictly increase. It gives up (nil) at
/// the first byte that is not canonical or not valid, and never says why: the caller then uses
/// ``JSONParser`` and `CanonicalJSON.canonicalMembers`, which do. Whatever it accepts, those accept
/// too, as the same value (`CanonicalReaderTests` compares the two on generated and mutated texts).
struct CanonicalReader {
  let bytes: UnsafePointer<UInt8>
  let end: Int
  /// The next byte to read.
  private(set) var pos = 0
  /// Members of the objects being read, innermost last.
  private var members: [(name: String, value: JSONValue)] = []

  init?(_ buffer: UnsafeBufferPointer<UInt8>) {
    guard let base = buffer.baseAddress, !buffer.isEmpty else { return nil }
    bytes = base
    end = buffer.count
  }

  var atEnd: Bool { pos == end }

  /// The value `buffer` holds, if it is that value's canonical text and nothing else.
  static func whole(_ buffer: UnsafeBufferPointer<UInt8>) -> JSONValue? {
    guard var reader = CanonicalReader(buffer), let value = reader.value(depth: 0), reader.atEnd else {
      return nil
    }
    return value
  }

  /// Reads `byte` if it comes next.
  @inline(__always)
  mutating func take(_ byte: UInt8) -> Bool {
    guard pos < end, bytes[pos] == byte else { return false }
    pos += 1
    return true
  }

  /// The value starting here; `depth` is the number of arrays and objects around it.
  mutating func value(depth: Int) -> JSONValue? {
    guard pos < end else { return nil }
    switch bytes[pos] {
    case 0x22: return string().map { .string($0) }
    case 0x7B: return object(depth: depth + 1).map { .object($0) }
    case 0x5B: return array(depth: depth + 1).map { .array($0) }
    case 0x2D, 0x30...0x39: return integer().map { .int($0) }
    case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
    case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
    case UInt8(ascii: "n"): return literal("null") ? .null : nil
    default: return nil
    }
  }

  /// The object starting here, its keys in strictly increasing order of their bytes.
  mutating func object(depth: Int) -> [String: JSONValue]? {
    guard depth <= JSONParser.maximumDepth, take(0x7B) else { return nil }
    if take(0x7D) { return [:] }
    // Members are collected on a stack shared by all levels and moved into a dictionary of the
    // right size at the closing brace, so that it never grows.
    let base = members.count
    if members.capacity == 0 { members.reserveCapacity(16) }
    defer { members.removeLast(members.count - base) }
    var last: Range<Int>?
    while true {
      guard let key = key(), take(0x3A) else { return nil }
      if let last, !precedes(last, key) { return nil }
      last = key
      guard let value = value(depth: depth) else { return nil }
      members.append((text(key), value))
      if take(0x2C) { continue }
      guard take(0x7D) else { return nil }
      var object = [String: JSONValue](minimumCapacity: members.count - base)
      for (name, value) in members[base...] {
        // Keys of different bytes can still be equal strings (canonically equivalent): the
        // general parser calls that a duplicate.
        guard object.updateValue(value, forKey: name) == nil else { return nil }
      }
      return object
    }
  }

  mutating func array(depth: Int) -> [JSONValue]? {
    guard depth <= JSONParser.maximumDepth, take(0x5B) else { return nil }
    var elements: [JSONValue] = []
    if take(0x5D) { return elements }
    while true {
      guard let element = value(depth: depth) else { return nil }
      elements.append(element)
      if take(0x2C) { continue }
      return take(0x5D) ? elements : nil
    }
  }

  /// The bytes of a key without escapes (a key with one is left to the general parser).
  mutating func key() -> Range<Int>? {
    guard take(0x22), let (run, escape) = plainRun(), !escape else { return nil }
    return run
  }

  /// Reads a string's characters up to its closing quote (then read too) or its first escape (then
  /// at `pos`, and `escape` is true); nil at a control character or invalid UTF-8.
  private mutating func plainRun() -> (run: Range<Int>, escape: Bool)? {
    let start = pos
    while pos < end {
      let byte = bytes[pos]
      if byte == 0x22 {
        pos += 1
        return (start..<(pos - 1), false)
      }
      if byte == 0x5C { return (start..<pos, true) }
      guard byte >= 0x20 else { return nil }
      if byte < 0x80 {
        pos += 1
      } else {
        guard let length = utf8SequenceLength(bytes, at: pos, end: end) else { return nil }
        pos += length
      }
    }
    return nil
  }

  /// Whether the bytes of `key` are those of `name`.
  func key(_ key: Range<Int>, is name: StaticString) -> Bool {
    key.count == name.utf8CodeUnitCount
      && memcmp(bytes + key.lowerBound, name.utf8Start, key.count) == 0
  }

  /// Whether key `a` sorts before key `b`, comparing their bytes.
  func precedes(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
    let common = min(a.count, b.count)
    let order = memcmp(bytes + a.lowerBound, bytes + b.lowerBound, common)
    return order < 0 || (order == 0 && a.count < b.count)
  }

  func text(_ range: Range<Int>) -> String {
    String(decoding: UnsafeBufferPointer(start: bytes + range.lowerBound, count: range.count), as: UTF8.self)
  }

  /// The string starting here, with only the escapes ``CanonicalJSON`` writes.
  mutating func string() -> String? {
    guard take(0x22), let (run, escape) = plainRun() else { return nil }
    return escape ? escapedString(from: run.lowerBound) : text(run)
  }

  /// Continues a string that starts at `start` and has an escape at `pos`.
  private mutating func escapedString(from start: Int) -> String? {
    var decoded = Array(UnsafeBufferPointer(start: bytes + start, count: pos - start))
    while pos < end {
      let byte = bytes[pos]
      if byte == 0x22 {
        pos += 1
        return String(decoding: decoded, as: UTF8.self)
      }
      if byte == 0x5C {
        guard pos + 1 < end else { return nil }
        switch bytes[pos + 1] {
        case 0x22: decoded.append(0x22)
        case 0x5C: decoded.append(0x5C)
        case UInt8(ascii: "b"): decoded.append(0x08)
        case UInt8(ascii: "f"): decoded.append(0x0C)
        case UInt8(ascii: "n"): decoded.append(0x0A)
        case UInt8(ascii: "r"): decoded.append(0x0D)
        case UInt8(ascii: "t"): decoded.append(0x09)
        case UInt8(ascii: "u"):
          // Only `\u00xx`, lower-case, for a control character with no short escape.
          guard pos + 5 < end, bytes[pos + 2] == 0x30, bytes[pos + 3] == 0x30,
            bytes[pos + 4] == 0x30 || bytes[pos + 4] == 0x31, let low = CanonicalJSON.lowerHex(bytes[pos + 5])
          else { return nil }
          let control = (bytes[pos + 4] - 0x30) << 4 | low
          guard ![0x08, 0x09, 0x0A, 0x0C, 0x0D].contains(control) else { return nil }
          decoded.append(control)
          pos += 4
        default: return nil
        }
        pos += 2
      } else if byte < 0x20 {
        return nil
      } else if byte < 0x80 {
        decoded.append(byte)
        pos += 1
      } else {
        guard let length = utf8SequenceLength(bytes, at: pos, end: end) else { return nil }
        decoded.append(contentsOf: UnsafeBufferPointer(start: bytes + pos, count: length))
        pos += length
      }
    }
    return nil
  }

  /// `-?(0|[1-9][0-9]*)` in the range of `Int64`, and not `-0`.
  mutating func integer() -> Int64? {
    let negative = take(0x2D)
    guard pos < end, 0x30...0x39 ~= bytes[pos] else { return nil }
    if bytes[pos] == 0x30 {
      pos += 1
      return negative ? nil : 0
    }
    var magnitude: UInt64 = 0
    while pos < end, 0x30...0x39 ~= bytes[pos] {
      let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
      let (sum, overflow2) = times10.addingReportingOverflow(UInt64(bytes[pos] &- 0x30))
      guard !overflow1, !overflow2 else { return nil }
      magnitude = sum
      pos += 1
    }
    if negative {
      guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
      return Int64(bitPattern: 0 &- magnitude)
    }
    guard magnitude <= UInt64(Int64.max) else { return nil }
    return Int64(magnitude)
  }

  private mutating func literal(_ word: StaticString) -> Bool {
    let count = word.utf8CodeUnitCount
    guard end - pos >= count, memcmp(bytes + pos, word.utf8Start, count) == 0 else { return false }
    pos += count
    return true
  }
}
