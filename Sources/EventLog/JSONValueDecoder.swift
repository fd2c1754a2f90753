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
