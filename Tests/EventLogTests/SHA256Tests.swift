import EventLog
import Testing

/// The first `count` bytes of "abcdefghijklmnopqrstuvwxyz" repeated.
private func alphabet(_ count: Int) -> [UInt8] {
  let letters = Array("abcdefghijklmnopqrstuvwxyz".utf8)
  return (0..<count).map { letters[$0 % letters.count] }
}

private func hex(_ bytes: [UInt8]) -> String {
  bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
}

@Suite("SHA-256")
struct SHA256Tests {
  /// FIPS 180-2 appendix B / NIST CSRC example vectors.
  @Test(
    "NIST vectors",
    arguments: [
      ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
      ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
      (
        "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
      ),
      (
        "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
        "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
      ),
    ])
  func nistVector(message: String, expected: String) {
    #expect(SHA256.hexDigest(Array(message.utf8)) == expected)
    #expect(hex(SHA256.digest(Array(message.utf8))) == expected)
  }

  @Test("one million 'a'")
  func millionA() {
    let expected = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
    #expect(SHA256.hexDigest([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)) == expected)
    // `Repeated` is not contiguous, so this goes through the copying path of `update`.
    #expect(SHA256.hexDigest(repeatElement(UInt8(ascii: "a"), count: 1_000_000)) == expected)
  }

  /// Lengths around the padding boundaries, checked against `sha256sum` (coreutils).
  @Test(
    "padding boundaries",
    arguments: [
      (55, "595615dbe4f0f407ae397d08b4c2cb870cb9b0e11937416f950c5160acf9c005"),
      (56, "784f623b787495078e93ff28a25b581df0584055a7e71d8cd90c454716b92f51"),
      (63, "5ca3e1ef5207490eac01a795e5cc94d59582a5118bf9534665c8668d87aa647c"),
      (64, "2fcd5a0d60e4c941381fcc4e00a4bf8be422c3ddfafb93c809e8d1e2bfffae8e"),
      (65, "1b3cd1877ab2f2f19f7be001722554f336cb799df0329de0bb4c118dc6abc06d"),
      (130, "06f9b1a7ac97bc8e6a835c08986fe538f0478b03826efb4eed35dc517b433b8a"),
      (1030, "6b414b2942815c46cd359b4b898b771f621509e64d2a65e94aade5ad1cf66efa"),
    ])
  func paddingBoundary(length: Int, expected: String) {
    let message = alphabet(length)
    #expect(SHA256.hexDigest(message) == expected)
    #expect(SHA256.hexDigest(message[...]) == expected)
    #expect(SHA256.hexDigest(message.lazy.map { $0 }) == expected)
  }

  @Test("two pieces split at every offset equal the one-shot digest", arguments: 0...130)
  func splitInTwo(at split: Int) {
    let message = alphabet(130)
    var hasher = SHA256()
    hasher.update(message[..<split])
    hasher.update(message[split...])
    #expect(hex(hasher.finalize()) == "06f9b1a7ac97bc8e6a835c08986fe538f0478b03826efb4eed35dc517b433b8a")
  }

  @Test("pieces of every size equal the one-shot digest")
  func chunked() {
    let message = alphabet(130)
    let expected = SHA256.digest(message)
    for size in 1...130 {
      var hasher = SHA256()
      var start = 0
      while start < message.count {
        let end = min(start + size, message.count)
        message[start..<end].withUnsafeBytes { hasher.update($0) }
        start = end
      }
      #expect(hasher.finalize() == expected, "piece size \(size)")
    }
  }

  @Test("empty updates change nothing and finalize resets the hasher")
  func emptyUpdatesAndReuse() {
    var hasher = SHA256()
    hasher.update(UnsafeRawBufferPointer(start: nil, count: 0))
    hasher.update([UInt8]())
    hasher.update(Array("abc".utf8))
    hasher.update([UInt8]())
    let first = hasher.finalize()
    #expect(first.count == 32)
    #expect(hex(first) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(hex(hasher.finalize()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    hasher.update(Array("abc".utf8))
    #expect(hasher.finalize() == first)
  }
}
