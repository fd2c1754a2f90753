/// HMAC-SHA-256 (RFC 2104, FIPS 198-1): a keyed hash, for tokens that only the store's owner can
/// make.
public enum HMAC {
  /// The 32-byte MAC of `message` under `key`.
  public static func sha256<K: Collection, M: Collection>(key: K, message: M) -> [UInt8]
  where K.Element == UInt8, M.Element == UInt8 {
    var k = key.count > 64 ? SHA256.digest(key) : Array(key)
    k += [UInt8](repeating: 0, count: 64 - k.count)
    var inner = SHA256()
    inner.update(k.map { $0 ^ 0x36 })
    inner.update(message)
    var outer = SHA256()
    outer.update(k.map { $0 ^ 0x5c })
    outer.update(inner.finalize())
    return outer.finalize()
  }

  /// Compares two MACs in time that does not depend on where they differ.
  public static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    var diff: UInt8 = 0
    for (x, y) in zip(a, b) { diff |= x ^ y }
    return diff == 0
  }
}
