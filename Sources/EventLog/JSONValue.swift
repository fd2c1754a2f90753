/// A JSON value as used by the event log.
///
/// Numbers are always integers: the log format has no fractions or exponents, so there is no
/// floating-point case.
///
/// Equality and hashing follow Swift's `String` semantics, which compare strings (and object keys)
/// by Unicode canonical equivalence: `.string("\u{E9}") == .string("e\u{301}")` is `true` even
/// though their UTF-8 bytes, and therefore their ``CanonicalJSON`` encodings, differ. Compare
/// canonical bytes when byte identity matters.
public enum JSONValue: Sendable, Hashable {
  /// The literal `null`.
  case null
  /// The literals `true` and `false`.
  case bool(Bool)
  /// An integer in the range of `Int64`.
  case int(Int64)
  /// A string of Unicode scalars.
  case string(String)
  /// An ordered list of values.
  case array([JSONValue])
  /// A set of members with unique keys; member order carries no meaning.
  case object([String: JSONValue])

  /// The member named `key` if this is an object that has it, otherwise `nil`.
  public subscript(key: String) -> JSONValue? {
    if case .object(let members) = self { return members[key] }
    return nil
  }

  /// The string if this is `.string`, otherwise `nil`.
  public var stringValue: String? {
    if case .string(let value) = self { return value }
    return nil
  }

  /// The integer if this is `.int`, otherwise `nil`.
  public var intValue: Int64? {
    if case .int(let value) = self { return value }
    return nil
  }

  /// The Boolean if this is `.bool`, otherwise `nil`.
  public var boolValue: Bool? {
    if case .bool(let value) = self { return value }
    return nil
  }

  /// The elements if this is `.array`, otherwise `nil`.
  public var arrayValue: [JSONValue]? {
    if case .array(let value) = self { return value }
    return nil
  }

  /// The members if this is `.object`, otherwise `nil`.
  public var objectValue: [String: JSONValue]? {
    if case .object(let value) = self { return value }
    return nil
  }
}

extension JSONValue {
  /// A short English name of the value's kind with its article, e.g. "a string", "an integer",
  /// "null"; used in error messages.
  var kindDescription: String {
    switch self {
    case .null: return "null"
    case .bool: return "a boolean"
    case .int: return "an integer"
    case .string: return "a string"
    case .array: return "an array"
    case .object: return "an object"
    }
  }
}

/// The text with control characters shown as `?`, for quoting stored or given values in messages.
public func printable(_ s: String) -> String {
  String(
    String.UnicodeScalarView(s.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : $0 }))
}
