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
