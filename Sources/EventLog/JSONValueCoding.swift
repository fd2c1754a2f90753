/// Encodes `Encodable` values directly into a ``JSONValue``, without producing JSON text.
///
/// - Keyed containers become objects (keys are the coding keys' `stringValue`s), unkeyed
///   containers become arrays; `encodeIfPresent(nil, forKey:)` omits the key, so synthesized
///   `Codable` conformances leave out `nil` optionals.
/// - Integers of every width must fit in `Int64`; `Double` and `Float` values must be integral and
///   fit in `Int64` (they become ``JSONValue/int(_:)``). Anything else throws
///   `EncodingError.invalidValue`.
/// - `Dictionary` with `String` or `Int` keys becomes an object, as with Foundation's `JSONEncoder`.
public struct JSONValueEncoder: Sendable {
  /// Creates an encoder.
  public init() {}

  /// Returns `value` as a ``JSONValue``.
  public func encode<T: Encodable>(_ value: T) throws -> JSONValue {
    guard let node = try encodeNode(value, path: [], topLevel: true) else {
      throw EncodingError.invalidValue(
        value, .init(codingPath: [], debugDescription: "top-level \(T.self) did not encode any values"))
    }
    return node.resolved()
  }
}

/// Decodes `Decodable` values directly from a ``JSONValue``.
///
/// Missing keys throw `DecodingError.keyNotFound`, values of the wrong kind `typeMismatch` (or
/// `valueNotFound` for `null`), and integers that do not fit the requested width `dataCorrupted`.
/// `decodeIfPresent` returns `nil` for a missing key and for `null`. Pass any thrown error to
/// ``describeCodingError(_:)`` for a one-line explanation.
public struct JSONValueDecoder: Sendable {
  /// Creates a decoder.
  public init() {}

  /// Decodes a value of `type` from `value`.
  public func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
    try decodeValue(type, from: value, path: [])
  }
}

/// Explains an encoding or decoding error in one line, naming the field by its coding path joined
/// with "." (array elements by index), e.g. `missing field 'data.start'`,
/// `field 'data.start': expected a string, found an integer` or
/// `field 'data.kind': invalid value "bogus" for Kind`.
///
/// Errors that are not `DecodingError` or `EncodingError` are rendered with `String(describing:)`.
public func describeCodingError(_ error: any Error) -> String {
  if let error = error as? DecodingError {
    switch error {
    case .keyNotFound(let key, let context):
      return "missing field '\(renderCodingPath(context.codingPath + [key]))'"
    case .typeMismatch(_, let context), .valueNotFound(_, let context):
      return withField(context.codingPath, context.debugDescription)
    case .dataCorrupted(let context):
      return withField(context.codingPath, describeInvalidValue(context.debugDescription))
    @unknown default:
      return String(describing: error)
    }
  }
  if let error = error as? EncodingError, case .invalidValue(_, let context) = error {
    return withField(context.codingPath, context.debugDescription)
  }
  return String(describing: error)
}

/// Renders a coding path as `a.b.3.c`; index keys (including Foundation's "Index 3") as numbers.
func renderCodingPath(_ path: [any CodingKey]) -> String {
  path.map { key in
    if let index = key.intValue, key.stringValue == "Index \(index)" { return String(index) }
    return key.stringValue
  }.joined(separator: ".")
}

private func withField(_ path: [any CodingKey], _ text: String) -> String {
  path.isEmpty ? text : "field '\(renderCodingPath(path))': \(text)"
}

/// Turns the standard library's "Cannot initialize Kind from invalid String value bogus" (thrown by
/// synthesized `RawRepresentable` conformances) into `invalid value "bogus" for Kind`.
private func describeInvalidValue(_ text: String) -> String {
  let prefix = "Cannot initialize "
  if text.hasPrefix(prefix), let from = text.firstRange(of: " from invalid "),
    let value = text[from.upperBound...].firstRange(of: " value ")
  {
    let typeName = text[text.index(text.startIndex, offsetBy: prefix.count)..<from.lowerBound]
    let rawType = text[from.upperBound..<value.lowerBound]
    let raw = String(text[value.upperBound...])
    let shown = rawType == "String" ? String(decoding: CanonicalJSON.encode(.string(raw)), as: UTF8.self) : raw
    return "invalid value \(shown) for \(typeName)"
  }
  return "invalid value: \(text)"
}

/// Coding key for array elements and for the "super" member.
struct JSONCodingKey: CodingKey {
  var stringValue: String
  var intValue: Int?
  init(stringValue: String) { self.stringValue = stringValue }
  init(intValue: Int) {
    self.stringValue = String(intValue)
    self.intValue = intValue
  }
  static let superKey = JSONCodingKey(stringValue: "super")
}

// MARK: - Encoding

private final class ObjectBox { var members: [String: EncodedNode] = [:] }
private final class ArrayBox { var elements: [EncodedNode] = [] }

/// A value under construction: containers stay mutable until the whole encode finishes.
private enum EncodedNode {
  case value(JSONValue)
  case object(ObjectBox)
  case array(ArrayBox)
  case encoder(ValueEncoder)

  func resolved() -> JSONValue {
    switch self {
    case .value(let value): return value
    case .object(let box): return .object(box.members.mapValues { $0.resolved() })
    case .array(let box): return .array(box.elements.map { $0.resolved() })
    case .encoder(let encoder): return encoder.node?.resolved() ?? .object([:])
    }
  }
}

private func encodeInteger<T: BinaryInteger>(_ value: T, _ path: @autoclosure () -> [any CodingKey]) throws
  -> JSONValue
{
  guard let exact = Int64(exactly: value) else {
    throw EncodingError.invalidValue(
      value, .init(codingPath: path(), debugDescription: "integer \(value) is out of range for Int64"))
  }
  return .int(exact)
}

private func encodeFloat<T: BinaryFloatingPoint>(_ value: T, _ path: @autoclosure () -> [any CodingKey]) throws
  -> JSONValue
{
  guard let exact = Int64(exactly: value) else {
    throw EncodingError.invalidValue(
      value, .init(codingPath: path(), debugDescription: "number \(value) is not an integer in the range of Int64"))
  }
  return .int(exact)
}

/// Encodes `value`; `nil` when it encoded nothing at all.
private func encodeNode<T: Encodable>(_ value: T, path: @autoclosure () -> [any CodingKey], topLevel: Bool = false)
  throws -> EncodedNode?
{
  switch value {
  case let string as String: return .value(.string(string))
  case let int as Int: return .value(.int(Int64(int)))
  case let int as Int64: return .value(.int(int))
  case let bool as Bool: return .value(.bool(bool))
  default:
    let encoder = ValueEncoder(codingPath: path())
    try value.encode(to: encoder)
    return encoder.node ?? (topLevel ? nil : .object(ObjectBox()))
  }
}

private final class ValueEncoder: Encoder {
  let codingPath: [any CodingKey]
  var userInfo: [CodingUserInfoKey: Any] { [:] }
  var node: EncodedNode?

  init(codingPath: [any CodingKey]) { self.codingPath = codingPath }

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
    if case .object(let box) = node { return KeyedEncodingContainer(KeyedEncoder(box: box, codingPath: codingPath)) }
    let box = ObjectBox()
    node = .object(box)
    return KeyedEncodingContainer(KeyedEncoder(box: box, codingPath: codingPath))
  }

  func unkeyedContainer() -> any UnkeyedEncodingContainer {
    if case .array(let box) = node { return UnkeyedEncoder(box: box, codingPath: codingPath) }
    let box = ArrayBox()
    node = .array(box)
    return UnkeyedEncoder(box: box, codingPath: codingPath)
  }

  func singleValueContainer() -> any SingleValueEncodingContainer { SingleValueEncoder(encoder: self) }
}

private struct KeyedEncoder<Key: CodingKey>: KeyedEncodingContainerProtocol {
  let box: ObjectBox
  let codingPath: [any CodingKey]

  private func put(_ value: JSONValue, _ key: Key) { box.members[key.stringValue] = .value(value) }
  mutating func encodeNil(forKey key: Key) throws { put(.null, key) }
  mutating func encode(_ value: Bool, forKey key: Key) throws { put(.bool(value), key) }
  mutating func encode(_ value: String, forKey key: Key) throws { put(.string(value), key) }
  mutating func encode(_ value: Double, forKey key: Key) throws { put(try encodeFloat(value, codingPath + [key]), key) }
  mutating func encode(_ value: Float, forKey key: Key) throws { put(try encodeFloat(value, codingPath + [key]), key) }
  mutating func encode(_ value: Int, forKey key: Key) throws { put(.int(Int64(value)), key) }
  mutating func encode(_ value: Int8, forKey key: Key) throws { put(.int(Int64(value)), key) }
  mutating func encode(_ value: Int16, forKey key: Key) throws { put(.int(Int64(value)), key) }
  mutating func encode(_ value: Int32, forKey key: Key) throws { put(.int(Int64(value)), key) }
  mutating func encode(_ value: Int64, forKey key: Key) throws { put(.int(value), key) }
  mutating func encode(_ value: UInt, forKey key: Key) throws { put(try encodeInteger(value, codingPath + [key]), key) }
  mutating func encode(_ value: UInt8, forKey key: Key) throws { put(.int(Int64(value)), key) }
  mutating func encode(_ value: UInt16, forKey key: Key) throws { put(.int(Int64(value)), key) }
  mutating func encode(_ value: UInt32, forKey key: Key) throws { put(.int(Int64(value)), key) }
  mutating func encode(_ value: UInt64, forKey key: Key) throws {
    put(try encodeInteger(value, codingPath + [key]), key)
  }
  mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
    box.members[key.stringValue] = try encodeNode(value, path: codingPath + [key])
  }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
    -> KeyedEncodingContainer<NestedKey>
  {
    let nested: ObjectBox
    if case .object(let existing) = box.members[key.stringValue] {
      nested = existing
    } else {
      nested = ObjectBox()
      box.members[key.stringValue] = .object(nested)
    }
    return KeyedEncodingContainer(KeyedEncoder<NestedKey>(box: nested, codingPath: codingPath + [key]))
  }

  mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
    let nested: ArrayBox
    if case .array(let existing) = box.members[key.stringValue] {
      nested = existing
    } else {
      nested = ArrayBox()
      box.members[key.stringValue] = .array(nested)
    }
    return UnkeyedEncoder(box: nested, codingPath: codingPath + [key])
  }

  mutating func superEncoder() -> any Encoder { superEncoder(for: JSONCodingKey.superKey) }
  mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(for: key) }

  private func superEncoder(for key: any CodingKey) -> any Encoder {
    let encoder = ValueEncoder(codingPath: codingPath + [key])
    box.members[key.stringValue] = .encoder(encoder)
    return encoder
  }
}

private struct UnkeyedEncoder: UnkeyedEncodingContainer {
  let box: ArrayBox
  let codingPath: [any CodingKey]
  var count: Int { box.elements.count }
  private var nextPath: [any CodingKey] { codingPath + [JSONCodingKey(intValue: count)] }

  private func add(_ value: JSONValue) { box.elements.append(.value(value)) }
  mutating func encodeNil() throws { add(.null) }
  mutating func encode(_ value: Bool) throws { add(.bool(value)) }
  mutating func encode(_ value: String) throws { add(.string(value)) }
  mutating func encode(_ value: Double) throws { add(try encodeFloat(value, nextPath)) }
  mutating func encode(_ value: Float) throws { add(try encodeFloat(value, nextPath)) }
  mutating func encode(_ value: Int) throws { add(.int(Int64(value))) }
  mutating func encode(_ value: Int8) throws { add(.int(Int64(value))) }
  mutating func encode(_ value: Int16) throws { add(.int(Int64(value))) }
  mutating func encode(_ value: Int32) throws { add(.int(Int64(value))) }
  mutating func encode(_ value: Int64) throws { add(.int(value)) }
  mutating func encode(_ value: UInt) throws { add(try encodeInteger(value, nextPath)) }
  mutating func encode(_ value: UInt8) throws { add(.int(Int64(value))) }
  mutating func encode(_ value: UInt16) throws { add(.int(Int64(value))) }
  mutating func encode(_ value: UInt32) throws { add(.int(Int64(value))) }
  mutating func encode(_ value: UInt64) throws { add(try encodeInteger(value, nextPath)) }
  mutating func encode<T: Encodable>(_ value: T) throws {
    box.elements.append(try encodeNode(value, path: nextPath) ?? .object(ObjectBox()))
  }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
    -> KeyedEncodingContainer<NestedKey>
  {
    let nested = ObjectBox()
    let path = nextPath
    box.elements.append(.object(nested))
    return KeyedEncodingContainer(KeyedEncoder<NestedKey>(box: nested, codingPath: path))
  }

  mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
    let nested = ArrayBox()
    let path = nextPath
    box.elements.append(.array(nested))
    return UnkeyedEncoder(box: nested, codingPath: path)
  }

  mutating func superEncoder() -> any Encoder {
    let encoder = ValueEncoder(codingPath: nextPath)
    box.elements.append(.encoder(encoder))
    return encoder
  }
}

private struct SingleValueEncoder: SingleValueEncodingContainer {
  let encoder: ValueEncoder
  var codingPath: [any CodingKey] { encoder.codingPath }

  private func set(_ value: JSONValue) { encoder.node = .value(value) }
  mutating func encodeNil() throws { set(.null) }
  mutating func encode(_ value: Bool) throws { set(.bool(value)) }
  mutating func encode(_ value: String) throws { set(.string(value)) }
  mutating func encode(_ value: Double) throws { set(try encodeFloat(value, codingPath)) }
  mutating func encode(_ value: Float) throws { set(try encodeFloat(value, codingPath)) }
  mutating func encode(_ value: Int) throws { set(.int(Int64(value))) }
  mutating func encode(_ value: Int8) throws { set(.int(Int64(value))) }
  mutating func encode(_ value: Int16) throws { set(.int(Int64(value))) }
  mutating func encode(_ value: Int32) throws { set(.int(Int64(value))) }
  mutating func encode(_ value: Int64) throws { set(.int(value)) }
  mutating func encode(_ value: UInt) throws { set(try encodeInteger(value, codingPath)) }
  mutating func encode(_ value: UInt8) throws { set(.int(Int64(value))) }
  mutating func encode(_ value: UInt16) throws { set(.int(Int64(value))) }
  mutating func encode(_ value: UInt32) throws { set(.int(Int64(value))) }
  mutating func encode(_ value: UInt64) throws { set(try encodeInteger(value, codingPath)) }
  mutating func encode<T: Encodable>(_ value: T) throws {
    encoder.node = try encodeNode(value, path: codingPath) ?? .object(ObjectBox())
  }
}

// MARK: - Decoding

private func mismatch(_ type: Any.Type, _ expected: String, _ found: JSONValue, _ path: [any CodingKey])
  -> DecodingError
{
  let context = DecodingError.Context(
    codingPath: path, debugDescription: "expected \(expected), found \(found.kindDescription)")
  if case .null = found { return .valueNotFound(type, context) }
  return .typeMismatch(type, context)
}

private func decodeBool(_ value: JSONValue, _ path: @autoclosure () -> [any CodingKey]) throws -> Bool {
  guard case .bool(let bool) = value else { throw mismatch(Bool.self, "a boolean", value, path()) }
  return bool
}

private func decodeString(_ value: JSONValue, _ path: @autoclosure () -> [any CodingKey]) throws -> String {
  guard case .string(let string) = value else { throw mismatch(String.self, "a string", value, path()) }
  return string
}

private func decodeInteger<T: FixedWidthInteger>(
  _ type: T.Type, _ value: JSONValue, _ path: @autoclosure () -> [any CodingKey]
) throws -> T {
  guard case .int(let int) = value else { throw mismatch(T.self, "an integer", value, path()) }
  guard let exact = T(exactly: int) else {
    throw DecodingError.dataCorrupted(
      .init(codingPath: path(), debugDescription: "integer \(int) is out of range for \(T.self)"))
  }
  return exact
}

private func decodeFloat<T: BinaryFloatingPoint>(
  _ type: T.Type, _ value: JSONValue, _ path: @autoclosure () -> [any CodingKey]
) throws -> T {
  guard case .int(let int) = value else { throw mismatch(T.self, "an integer", value, path()) }
  return T(int)
}

private func decodeValue<T: Decodable>(
  _ type: T.Type, from value: JSONValue, path: @autoclosure () -> [any CodingKey]
) throws -> T {
  // Fast paths for the most common leaf types; everything else goes through `T.init(from:)`.
  switch value {
  case .string(let string): if T.self == String.self, let result = string as? T { return result }
  case .int(let int):
    if T.self == Int.self, let result = Int(exactly: int) as? T { return result }
    if T.self == Int64.self, let result = int as? T { return result }
  case .bool(let bool): if T.self == Bool.self, let result = bool as? T { return result }
  default: break
  }
  return try T(from: ValueDecoder(value: value, codingPath: path()))
}

private final class ValueDecoder: Decoder {
  let value: JSONValue
  let codingPath: [any CodingKey]
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  init(value: JSONValue, codingPath: [any CodingKey]) {
    self.value = value
    self.codingPath = codingPath
  }

  func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
    guard case .object(let members) = value else {
      throw mismatch([String: JSONValue].self, "an object", value, codingPath)
    }
    return KeyedDecodingContainer(KeyedDecoder(members: members, codingPath: codingPath))
  }

  func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
    guard case .array(let elements) = value else {
      throw mismatch([JSONValue].self, "an array", value, codingPath)
    }
    return UnkeyedDecoder(elements: elements, codingPath: codingPath)
  }

  func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleValueDecoder(decoder: self) }
}

private struct KeyedDecoder<Key: CodingKey>: KeyedDecodingContainerProtocol {
  let members: [String: JSONValue]
  let codingPath: [any CodingKey]

  var allKeys: [Key] { members.keys.compactMap { Key(stringValue: $0) } }
  func contains(_ key: Key) -> Bool { members[key.stringValue] != nil }

  private func value(_ key: any CodingKey) throws -> JSONValue {
    guard let value = members[key.stringValue] else {
      throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "missing field"))
    }
    return value
  }

  func decodeNil(forKey key: Key) throws -> Bool {
    if case .null = try value(key) { return true }
    return false
  }
  func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decodeBool(value(key), codingPath + [key]) }
  func decode(_ type: String.Type, forKey key: Key) throws -> String {
    try decodeString(value(key), codingPath + [key])
  }
  func decode(_ t: Double.Type, forKey key: Key) throws -> Double { try decodeFloat(t, value(key), codingPath + [key]) }
  func decode(_ t: Float.Type, forKey key: Key) throws -> Float { try decodeFloat(t, value(key), codingPath + [key]) }
  func decode(_ t: Int.Type, forKey key: Key) throws -> Int { try decodeInteger(t, value(key), codingPath + [key]) }
  func decode(_ t: Int8.Type, forKey key: Key) throws -> Int8 { try decodeInteger(t, value(key), codingPath + [key]) }
  func decode(_ t: Int16.Type, forKey key: Key) throws -> Int16 { try decodeInteger(t, value(key), codingPath + [key]) }
  func decode(_ t: Int32.Type, forKey key: Key) throws -> Int32 { try decodeInteger(t, value(key), codingPath + [key]) }
  func decode(_ t: Int64.Type, forKey key: Key) throws -> Int64 { try decodeInteger(t, value(key), codingPath + [key]) }
  func decode(_ t: UInt.Type, forKey key: Key) throws -> UInt { try decodeInteger(t, value(key), codingPath + [key]) }
  func decode(_ t: UInt8.Type, forKey key: Key) throws -> UInt8 { try decodeInteger(t, value(key), codingPath + [key]) }
  func decode(_ t: UInt16.Type, forKey key: Key) throws -> UInt16 {
    try decodeInteger(t, value(key), codingPath + [key])
  }
  func decode(_ t: UInt32.Type, forKey key: Key) throws -> UInt32 {
    try decodeInteger(t, value(key), codingPath + [key])
  }
  func decode(_ t: UInt64.Type, forKey key: Key) throws -> UInt64 {
    try decodeInteger(t, value(key), codingPath + [key])
  }
  func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
    try decodeValue(type, from: value(key), path: codingPath + [key])
  }

  func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
    -> KeyedDecodingContainer<NestedKey>
  {
    try ValueDecoder(value: value(key), codingPath: codingPath + [key]).container(keyedBy: type)
  }
  func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
    try ValueDecoder(value: value(key), codingPath: codingPath + [key]).unkeyedContainer()
  }
  func superDecoder() throws -> any Decoder {
    ValueDecoder(value: members["super"] ?? .null, codingPath: codingPath + [JSONCodingKey.superKey])
  }
  func superDecoder(forKey key: Key) throws -> any Decoder {
    ValueDecoder(value: members[key.stringValue] ?? .null, codingPath: codingPath + [key])
  }
}

private struct UnkeyedDecoder: UnkeyedDecodingContainer {
  let elements: [JSONValue]
  let codingPath: [any CodingKey]
  var currentIndex = 0
  var count: Int? { elements.count }
  var isAtEnd: Bool { currentIndex >= elements.count }

  init(elements: [JSONValue], codingPath: [any CodingKey]) {
    self.elements = elements
    self.codingPath = codingPath
  }

  /// Decodes the current element with `body` (which gets the element and a function computing its
  /// coding path) and moves past it only if that succeeds.
  private mutating func next<T>(
    _ type: Any.Type, _ body: (JSONValue, () -> [any CodingKey]) throws -> T
  ) throws -> T {
    let index = currentIndex
    let containerPath = codingPath
    let path = { containerPath + [JSONCodingKey(intValue: index)] }
    guard index < elements.count else {
      throw DecodingError.valueNotFound(type, .init(codingPath: path(), debugDescription: "unexpected end of array"))
    }
    let result = try body(elements[index], path)
    currentIndex += 1
    return result
  }

  mutating func decodeNil() throws -> Bool {
    // `next` advances past the element; step back when it is not null, as it was not consumed.
    let isNull = try next(Never?.self) { value, _ -> Bool in
      if case .null = value { return true }
      return false
    }
    if !isNull { currentIndex -= 1 }
    return isNull
  }
  mutating func decode(_ t: Bool.Type) throws -> Bool { try next(t) { try decodeBool($0, $1()) } }
  mutating func decode(_ t: String.Type) throws -> String { try next(t) { try decodeString($0, $1()) } }
  mutating func decode(_ t: Double.Type) throws -> Double { try next(t) { try decodeFloat(t, $0, $1()) } }
  mutating func decode(_ t: Float.Type) throws -> Float { try next(t) { try decodeFloat(t, $0, $1()) } }
  mutating func decode(_ t: Int.Type) throws -> Int { try next(t) { try decodeInteger(t, $0, $1()) } }
  mutating func decode(_ t: Int8.Type) throws -> Int8 { try next(t) { try decodeInteger(t, $0, $1()) } }
  mutating func decode(_ t: Int16.Type) throws -> Int16 { try next(t) { try decodeInteger(t, $0, $1()) } }
  mutating func decode(_ t: Int32.Type) throws -> Int32 { try next(t) { try decodeInteger(t, $0, $1()) } }
  mutating func decode(_ t: Int64.Type) throws -> Int64 { try next(t) { try decodeInteger(t, $0, $1()) } }
  mutating func decode(_ t: UInt.Type) throws -> UInt { try next(t) { try decodeInteger(t, $0, $1()) } }
  mutating func decode(_ t: UInt8.Type) throws -> UInt8 { try next(t) { try decodeInteger(t, $0, $1()) } }
  mutating func decode(_ t: UInt16.Type) throws -> UInt16 { try next(t) { try decodeInteger(t, $0, $1()) } }
  mutating func decode(_ t: UInt32.Type) throws -> UInt32 { try next(t) { try decodeInteger(t, $0, $1()) } }
  mutating func decode(_ t: UInt64.Type) throws -> UInt64 { try next(t) { try decodeInteger(t, $0, $1()) } }
  mutating func decode<T: Decodable>(_ t: T.Type) throws -> T { try next(t) { try decodeValue(t, from: $0, path: $1()) } }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
    -> KeyedDecodingContainer<NestedKey>
  {
    try next(KeyedDecodingContainer<NestedKey>.self) {
      try ValueDecoder(value: $0, codingPath: $1()).container(keyedBy: type)
    }
  }
  mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
    try next((any UnkeyedDecodingContainer).self) { try ValueDecoder(value: $0, codingPath: $1()).unkeyedContainer() }
  }
  mutating func superDecoder() throws -> any Decoder {
    try next((any Decoder).self) { ValueDecoder(value: $0, codingPath: $1()) }
  }
}

private struct SingleValueDecoder: SingleValueDecodingContainer {
  let decoder: ValueDecoder
  var codingPath: [any CodingKey] { decoder.codingPath }
  private var value: JSONValue { decoder.value }

  func decodeNil() -> Bool {
    if case .null = value { return true }
    return false
  }
  func decode(_ type: Bool.Type) throws -> Bool { try decodeBool(value, codingPath) }
  func decode(_ type: String.Type) throws -> String { try decodeString(value, codingPath) }
  func decode(_ type: Double.Type) throws -> Double { try decodeFloat(type, value, codingPath) }
  func decode(_ type: Float.Type) throws -> Float { try decodeFloat(type, value, codingPath) }
  func decode(_ type: Int.Type) throws -> Int { try decodeInteger(type, value, codingPath) }
  func decode(_ type: Int8.Type) throws -> Int8 { try decodeInteger(type, value, codingPath) }
  func decode(_ type: Int16.Type) throws -> Int16 { try decodeInteger(type, value, codingPath) }
  func decode(_ type: Int32.Type) throws -> Int32 { try decodeInteger(type, value, codingPath) }
  func decode(_ type: Int64.Type) throws -> Int64 { try decodeInteger(type, value, codingPath) }
  func decode(_ type: UInt.Type) throws -> UInt { try decodeInteger(type, value, codingPath) }
  func decode(_ type: UInt8.Type) throws -> UInt8 { try decodeInteger(type, value, codingPath) }
  func decode(_ type: UInt16.Type) throws -> UInt16 { try decodeInteger(type, value, codingPath) }
  func decode(_ type: UInt32.Type) throws -> UInt32 { try decodeInteger(type, value, codingPath) }
  func decode(_ type: UInt64.Type) throws -> UInt64 { try decodeInteger(type, value, codingPath) }
  func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeValue(type, from: value, path: codingPath) }
}
