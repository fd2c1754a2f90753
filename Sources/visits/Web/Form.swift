/// Name–value pairs of a query string or an `application/x-www-form-urlencoded` body, in order;
/// a repeated field is repeated.
struct Form: Sendable, Equatable {
  var pairs: [(name: String, value: String)] = []

  static func == (a: Form, b: Form) -> Bool {
    a.pairs.map(\.name) == b.pairs.map(\.name) && a.pairs.map(\.value) == b.pairs.map(\.value)
  }

  /// The last value of a field, if any.
  func value(_ name: String) -> String? { pairs.last { $0.name == name }?.value }

  /// Every value of a field, in order.
  func all(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }

  /// Why a body or query cannot be read.
  enum Failure: Error, Equatable {
    case badEscape(String)
    case notUTF8(String)
  }

  /// Decodes `a=1&b=x+y&b=%C3%A4`: `+` is a space, `%XX` a byte; names and values must be UTF-8.
  static func decode<C: Collection>(_ bytes: C) throws(Failure) -> Form where C.Element == UInt8 {
    var form = Form()
    for part in Array(bytes).split(separator: 0x26, omittingEmptySubsequences: true) {
      let eq = part.firstIndex(of: 0x3D)
      let name = try text(eq.map { part[part.startIndex..<$0] } ?? part[...])
      let value = try eq.map { i throws(Failure) in try text(part[part.index(after: i)...]) } ?? ""
      form.pairs.append((name, value))
    }
    return form
  }

  /// One percent-encoded component.
  static func text(_ raw: ArraySlice<UInt8>) throws(Failure) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(raw.count)
    var i = raw.startIndex
    func hex(_ c: UInt8) -> UInt8? {
      switch c {
      case 0x30...0x39: return c - 0x30
      case 0x41...0x46: return c - 0x41 + 10
      case 0x61...0x66: return c - 0x61 + 10
      default: return nil
      }
    }
    while i < raw.endIndex {
      let c = raw[i]
      if c == 0x2B {
        bytes.append(0x20)
        i += 1
      } else if c == 0x25 {
        guard raw.indices.contains(i + 2), let h = hex(raw[i + 1]), let l = hex(raw[i + 2])
        else { throw .badEscape(String(decoding: raw, as: UTF8.self)) }
        bytes.append(h << 4 | l)
        i += 3
      } else {
        bytes.append(c)
        i += 1
      }
    }
    guard let s = String(validating: bytes, as: UTF8.self) else {
      throw .notUTF8(String(decoding: bytes, as: UTF8.self))
    }
    return s
  }
}
