/// What the Codable bridge's encoder and decoder share: error descriptions and the coding key.

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
