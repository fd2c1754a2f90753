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
    guard let node = try encodeNode(value, path: []) else {
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
    let shown =
      rawType == "String" ? String(decoding: CanonicalJSON.encode(.string(raw)), as: UTF8.self) : raw
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

private final class ObjectBox { var members: [(key: String, node: EncodedNode)] = [] }
private final class ArrayBox { var elements: [EncodedNode] = [] }

/// A value under construction: containers stay mutable until the whole encode finishes.
private enum EncodedNode {
  case value(JSONValue)
  case object(ObjectBox)
  case array(ArrayBox)
  case encoder(ValueEncoder)

  static var empty: EncodedNode { .value(.object([:])) }

  func resolved() -> JSONValue {
    switch self {
    case .value(let value): return value
    case .array(let box): return .array(box.elements.map { $0.resolved() })
    case .encoder(let encoder): return encoder.node?.resolved() ?? .object([:])
    case .object(let box):
      var object = [String: JSONValue](minimumCapacity: box.members.count)
      for member in box.members { object[member.key] = member.node.resolved() }  // The last write wins.
      return .object(object)
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

private func encodeFloat<T: BinaryFloatingPoint>(_ value: T, _ path: @autoclosure () -> [any CodingKey])
  throws
  -> JSONValue
{
  guard let exact = Int64(exactly: value) else {
    let message = "number \(value) is not an integer in the range of Int64"
    throw EncodingError.invalidValue(value, .init(codingPath: path(), debugDescription: message))
  }
  return .int(exact)
}

/// Encodes `value`; `nil` when it encoded nothing at all.
private func encodeNode<T: Encodable>(_ value: T, path: @autoclosure () -> [any CodingKey]) throws
  -> EncodedNode?
{
  // Fast paths for common types, checked by comparing metatypes before casting.
  if T.self == String.self, let string = value as? String { return .value(.string(string)) }
  if T.self == Int.self, let int = value as? Int { return .value(.int(Int64(int))) }
  if T.self == Int64.self, let int = value as? Int64 { return .value(.int(int)) }
  if T.self == Bool.self, let bool = value as? Bool { return .value(.bool(bool)) }
  if T.self == [String].self, let strings = value as? [String] {
    return .value(.array(strings.map { .string($0) }))
  }
  if T.self == [Int].self, let ints = value as? [Int] { return .value(.array(ints.map { .int(Int64($0)) })) }
  let encoder = ValueEncoder(codingPath: path())
  try value.encode(to: encoder)
  return encoder.node
}

/// The `encode` overloads shared by the unkeyed and single-value encoding containers.
private protocol ValueSink {
  /// The coding path of the value the next `encode` call writes.
  var valuePath: [any CodingKey] { get }
  func put(_ node: EncodedNode)
}

extension ValueSink {
  mutating func encodeNil() throws { put(.value(.null)) }
  mutating func encode(_ value: Bool) throws { put(.value(.bool(value))) }
  mutating func encode(_ value: String) throws { put(.value(.string(value))) }
  mutating func encode(_ value: Double) throws { put(.value(try encodeFloat(value, valuePath))) }
  mutating func encode(_ value: Float) throws { put(.value(try encodeFloat(value, valuePath))) }
  mutating func encode(_ value: Int) throws { put(.value(.int(Int64(value)))) }
  mutating func encode(_ value: Int8) throws { put(.value(.int(Int64(value)))) }
  mutating func encode(_ value: Int16) throws { put(.value(.int(Int64(value)))) }
  mutating func encode(_ value: Int32) throws { put(.value(.int(Int64(value)))) }
  mutating func encode(_ value: Int64) throws { put(.value(.int(value))) }
  mutating func encode(_ value: UInt) throws { put(.value(try encodeInteger(value, valuePath))) }
  mutating func encode(_ value: UInt8) throws { put(.value(.int(Int64(value)))) }
  mutating func encode(_ value: UInt16) throws { put(.value(.int(Int64(value)))) }
  mutating func encode(_ value: UInt32) throws { put(.value(.int(Int64(value)))) }
  mutating func encode(_ value: UInt64) throws { put(.value(try encodeInteger(value, valuePath))) }
  mutating func encode<T: Encodable>(_ value: T) throws {
    put(try encodeNode(value, path: valuePath) ?? .empty)
  }
}

/// The encoder, which also serves as its own single-value container.
private final class ValueEncoder: Encoder, SingleValueEncodingContainer, ValueSink {
  let codingPath: [any CodingKey]
  var userInfo: [CodingUserInfoKey: Any] { [:] }
  var node: EncodedNode?
  var valuePath: [any CodingKey] { codingPath }

  init(codingPath: [any CodingKey]) { self.codingPath = codingPath }

  func put(_ node: EncodedNode) { self.node = node }

  // Asking for a container again returns the same one, as with Foundation's encoders.
  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
    if case .object(let box) = node {
      return KeyedEncodingContainer(KeyedEncoder(box: box, codingPath: codingPath))
    }
    node = .object(ObjectBox())
    return container(keyedBy: type)
  }

  func unkeyedContainer() -> any UnkeyedEncodingContainer {
    if case .array(let box) = node { return UnkeyedEncoder(box: box, codingPath: codingPath) }
    node = .array(ArrayBox())
    return unkeyedContainer()
  }

  func singleValueContainer() -> any SingleValueEncodingContainer { self }
}

private struct KeyedEncoder<Key: CodingKey>: KeyedEncodingContainerProtocol {
  let box: ObjectBox
  let codingPath: [any CodingKey]

  private func put(_ node: EncodedNode, _ key: any CodingKey) { box.members.append((key.stringValue, node)) }
  private func put(_ value: JSONValue, _ key: Key) { put(.value(value), key) }
  private func path(_ key: Key) -> [any CodingKey] { codingPath + [key] }

  mutating func encodeNil(forKey k: Key) throws { put(.null, k) }
  mutating func encode(_ v: Bool, forKey k: Key) throws { put(.bool(v), k) }
  mutating func encode(_ v: String, forKey k: Key) throws { put(.string(v), k) }
  mutating func encode(_ v: Double, forKey k: Key) throws { put(try encodeFloat(v, path(k)), k) }
  mutating func encode(_ v: Float, forKey k: Key) throws { put(try encodeFloat(v, path(k)), k) }
  mutating func encode(_ v: Int, forKey k: Key) throws { put(.int(Int64(v)), k) }
  mutating func encode(_ v: Int8, forKey k: Key) throws { put(.int(Int64(v)), k) }
  mutating func encode(_ v: Int16, forKey k: Key) throws { put(.int(Int64(v)), k) }
  mutating func encode(_ v: Int32, forKey k: Key) throws { put(.int(Int64(v)), k) }
  mutating func encode(_ v: Int64, forKey k: Key) throws { put(.int(v), k) }
  mutating func encode(_ v: UInt, forKey k: Key) throws { put(try encodeInteger(v, path(k)), k) }
  mutating func encode(_ v: UInt8, forKey k: Key) throws { put(.int(Int64(v)), k) }
  mutating func encode(_ v: UInt16, forKey k: Key) throws { put(.int(Int64(v)), k) }
  mutating func encode(_ v: UInt32, forKey k: Key) throws { put(.int(Int64(v)), k) }
  mutating func encode(_ v: UInt64, forKey k: Key) throws { put(try encodeInteger(v, path(k)), k) }
  mutating func encode<T: Encodable>(_ v: T, forKey k: Key) throws {
    put(try encodeNode(v, path: path(k)) ?? .empty, k)
  }

  /// The node most recently stored under `key`, so nested containers can be requested again.
  private func existing(_ key: Key) -> EncodedNode? {
    box.members.last { $0.key == key.stringValue }?.node
  }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
    -> KeyedEncodingContainer<NestedKey>
  {
    if case .object(let nested) = existing(key) {
      return KeyedEncodingContainer(KeyedEncoder<NestedKey>(box: nested, codingPath: path(key)))
    }
    put(.object(ObjectBox()), key)
    return nestedContainer(keyedBy: keyType, forKey: key)
  }

  mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
    if case .array(let nested) = existing(key) { return UnkeyedEncoder(box: nested, codingPath: path(key)) }
    put(.array(ArrayBox()), key)
    return nestedUnkeyedContainer(forKey: key)
  }

  mutating func superEncoder() -> any Encoder { superEncoder(for: JSONCodingKey.superKey) }
  mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(for: key) }

  private func superEncoder(for key: any CodingKey) -> any Encoder {
    let encoder = ValueEncoder(codingPath: codingPath + [key])
    put(.encoder(encoder), key)
    return encoder
  }
}

private struct UnkeyedEncoder: UnkeyedEncodingContainer, ValueSink {
  let box: ArrayBox
  let codingPath: [any CodingKey]
  var count: Int { box.elements.count }
  var valuePath: [any CodingKey] { codingPath + [JSONCodingKey(intValue: count)] }

  func put(_ node: EncodedNode) { box.elements.append(node) }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
    -> KeyedEncodingContainer<NestedKey>
  {
    let nested = ObjectBox()
    defer { put(.object(nested)) }
    return KeyedEncodingContainer(KeyedEncoder<NestedKey>(box: nested, codingPath: valuePath))
  }

  mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
    let nested = ArrayBox()
    defer { put(.array(nested)) }
    return UnkeyedEncoder(box: nested, codingPath: valuePath)
  }

  mutating func superEncoder() -> any Encoder {
    let encoder = ValueEncoder(codingPath: valuePath)
    put(.encoder(encoder))
    return encoder
  }
}

// MARK: - Decoding

private func mismatch(_ type: Any.Type, _ expected: String, _ found: JSONValue, _ path: [any CodingKey])
  -> DecodingError
{
  let description = "expected \(expected), found \(found.kindDescription)"
  let context = DecodingError.Context(codingPath: path, debugDescription: description)
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
  case .array(let elements):
    if T.self == [String].self, let result = try decodeArray(elements, path(), decodeString) as? T {
      return result
    }
    if T.self == [Int].self,
      let result = try decodeArray(elements, path(), { try decodeInteger(Int.self, $0, $1()) }) as? T
    {
      return result
    }
  default: break
  }
  return try T(from: ValueDecoder(value: value, codingPath: path()))
}

/// Decodes every element of an array with `decode`, reporting element paths on failure.
private func decodeArray<E>(
  _ elements: [JSONValue], _ path: [any CodingKey],
  _ decode: (JSONValue, @autoclosure () -> [any CodingKey]) throws -> E
) throws -> [E] {
  var result: [E] = []
  result.reserveCapacity(elements.count)
  for (index, element) in elements.enumerated() {
    result.append(try decode(element, path + [JSONCodingKey(intValue: index)]))
  }
  return result
}

/// The `decode` overloads shared by the unkeyed and single-value decoding containers.
private protocol ValueSource {
  /// Passes the current value and a function computing its coding path to `body`, then moves past
  /// the value if `body` succeeded.
  func next<T>(_ type: Any.Type, _ body: (JSONValue, () -> [any CodingKey]) throws -> T) throws -> T
}

extension ValueSource {
  func decode(_ t: Bool.Type) throws -> Bool { try next(t) { try decodeBool($0, $1()) } }
  func decode(_ t: String.Type) throws -> String { try next(t) { try decodeString($0, $1()) } }
  func decode(_ t: Double.Type) throws -> Double { try next(t) { try decodeFloat(t, $0, $1()) } }
  func decode(_ t: Float.Type) throws -> Float { try next(t) { try decodeFloat(t, $0, $1()) } }
  func decode(_ t: Int.Type) throws -> Int { try next(t) { try decodeInteger(t, $0, $1()) } }
  func decode(_ t: Int8.Type) throws -> Int8 { try next(t) { try decodeInteger(t, $0, $1()) } }
  func decode(_ t: Int16.Type) throws -> Int16 { try next(t) { try decodeInteger(t, $0, $1()) } }
  func decode(_ t: Int32.Type) throws -> Int32 { try next(t) { try decodeInteger(t, $0, $1()) } }
  func decode(_ t: Int64.Type) throws -> Int64 { try next(t) { try decodeInteger(t, $0, $1()) } }
  func decode(_ t: UInt.Type) throws -> UInt { try next(t) { try decodeInteger(t, $0, $1()) } }
  func decode(_ t: UInt8.Type) throws -> UInt8 { try next(t) { try decodeInteger(t, $0, $1()) } }
  func decode(_ t: UInt16.Type) throws -> UInt16 { try next(t) { try decodeInteger(t, $0, $1()) } }
  func decode(_ t: UInt32.Type) throws -> UInt32 { try next(t) { try decodeInteger(t, $0, $1()) } }
  func decode(_ t: UInt64.Type) throws -> UInt64 { try next(t) { try decodeInteger(t, $0, $1()) } }
  func decode<T: Decodable>(_ t: T.Type) throws -> T {
    try next(t) { try decodeValue(t, from: $0, path: $1()) }
  }
}

/// The decoder, which also serves as its own single-value container.
private final class ValueDecoder: Decoder, SingleValueDecodingContainer, ValueSource {
  let value: JSONValue
  let codingPath: [any CodingKey]
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  init(value: JSONValue, codingPath: [any CodingKey]) {
    self.value = value
    self.codingPath = codingPath
  }

  func next<T>(_ type: Any.Type, _ body: (JSONValue, () -> [any CodingKey]) throws -> T) throws -> T {
    try body(value, { self.codingPath })
  }

  func decodeNil() -> Bool {
    if case .null = value { return true }
    return false
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

  func singleValueContainer() throws -> any SingleValueDecodingContainer { self }
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
  private func path(_ key: Key) -> [any CodingKey] { codingPath + [key] }
  private func int<T: FixedWidthInteger>(_ t: T.Type, _ k: Key) throws -> T {
    try decodeInteger(t, value(k), path(k))
  }

  func decodeNil(forKey key: Key) throws -> Bool {
    if case .null = try value(key) { return true }
    return false
  }
  func decode(_ t: Bool.Type, forKey k: Key) throws -> Bool { try decodeBool(value(k), path(k)) }
  func decode(_ t: String.Type, forKey k: Key) throws -> String { try decodeString(value(k), path(k)) }
  func decode(_ t: Double.Type, forKey k: Key) throws -> Double { try decodeFloat(t, value(k), path(k)) }
  func decode(_ t: Float.Type, forKey k: Key) throws -> Float { try decodeFloat(t, value(k), path(k)) }
  func decode(_ t: Int.Type, forKey k: Key) throws -> Int { try int(t, k) }
  func decode(_ t: Int8.Type, forKey k: Key) throws -> Int8 { try int(t, k) }
  func decode(_ t: Int16.Type, forKey k: Key) throws -> Int16 { try int(t, k) }
  func decode(_ t: Int32.Type, forKey k: Key) throws -> Int32 { try int(t, k) }
  func decode(_ t: Int64.Type, forKey k: Key) throws -> Int64 { try int(t, k) }
  func decode(_ t: UInt.Type, forKey k: Key) throws -> UInt { try int(t, k) }
  func decode(_ t: UInt8.Type, forKey k: Key) throws -> UInt8 { try int(t, k) }
  func decode(_ t: UInt16.Type, forKey k: Key) throws -> UInt16 { try int(t, k) }
  func decode(_ t: UInt32.Type, forKey k: Key) throws -> UInt32 { try int(t, k) }
  func decode(_ t: UInt64.Type, forKey k: Key) throws -> UInt64 { try int(t, k) }
  func decode<T: Decodable>(_ t: T.Type, forKey k: Key) throws -> T {
    try decodeValue(t, from: value(k), path: path(k))
  }

  // One dictionary lookup instead of the default implementation's three, for the common cases.
  private func present(_ key: Key) -> JSONValue? {
    guard let value = members[key.stringValue] else { return nil }
    if case .null = value { return nil }
    return value
  }
  func decodeIfPresent(_ t: String.Type, forKey k: Key) throws -> String? {
    try present(k).map { try decodeString($0, path(k)) }
  }
  func decodeIfPresent(_ t: Int.Type, forKey k: Key) throws -> Int? {
    try present(k).map { try decodeInteger(t, $0, path(k)) }
  }
  func decodeIfPresent(_ t: Bool.Type, forKey k: Key) throws -> Bool? {
    try present(k).map { try decodeBool($0, path(k)) }
  }
  func decodeIfPresent<T: Decodable>(_ t: T.Type, forKey k: Key) throws -> T? {
    try present(k).map { try decodeValue(t, from: $0, path: path(k)) }
  }

  func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
    -> KeyedDecodingContainer<NestedKey>
  {
    try ValueDecoder(value: value(key), codingPath: path(key)).container(keyedBy: type)
  }
  func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
    try ValueDecoder(value: value(key), codingPath: path(key)).unkeyedContainer()
  }
  func superDecoder() throws -> any Decoder {
    ValueDecoder(value: members["super"] ?? .null, codingPath: codingPath + [JSONCodingKey.superKey])
  }
  func superDecoder(forKey key: Key) throws -> any Decoder {
    ValueDecoder(value: members[key.stringValue] ?? .null, codingPath: path(key))
  }
}

/// A class, so the shared non-mutating `decode` overloads of ``ValueSource`` can advance it.
private final class UnkeyedDecoder: UnkeyedDecodingContainer, ValueSource {
  let elements: [JSONValue]
  let codingPath: [any CodingKey]
  var currentIndex = 0
  var count: Int? { elements.count }
  var isAtEnd: Bool { currentIndex >= elements.count }

  init(elements: [JSONValue], codingPath: [any CodingKey]) {
    self.elements = elements
    self.codingPath = codingPath
  }

  func next<T>(_ type: Any.Type, _ body: (JSONValue, () -> [any CodingKey]) throws -> T) throws -> T {
    let path = { [codingPath, currentIndex] in codingPath + [JSONCodingKey(intValue: currentIndex)] }
    guard !isAtEnd else {
      throw DecodingError.valueNotFound(
        type, .init(codingPath: path(), debugDescription: "unexpected end of array"))
    }
    let result = try body(elements[currentIndex], path)
    currentIndex += 1
    return result
  }

  func decodeNil() throws -> Bool {
    let isNull = try next(Never?.self) { value, _ -> Bool in
      if case .null = value { return true }
      return false
    }
    if !isNull { currentIndex -= 1 }  // Only a null is consumed.
    return isNull
  }

  func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
    -> KeyedDecodingContainer<NestedKey>
  {
    try next(KeyedDecodingContainer<NestedKey>.self) {
      try ValueDecoder(value: $0, codingPath: $1()).container(keyedBy: type)
    }
  }
  func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
    try next((any UnkeyedDecodingContainer).self) {
      try ValueDecoder(value: $0, codingPath: $1()).unkeyedContainer()
    }
  }
  func superDecoder() throws -> any Decoder {
    try next((any Decoder).self) { ValueDecoder(value: $0, codingPath: $1()) }
  }
}
