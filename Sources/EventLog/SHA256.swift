/// SHA-256 as specified in FIPS 180-4, section 6.2.
///
/// Use it incrementally (`init()`, `update(_:)`, `finalize()`) or
/// one-shot (`digest(_:)` and `hexDigest(_:)`).
///
/// ```swift
/// var hasher = SHA256()
/// hasher.update(Array("ab".utf8))
/// hasher.update(Array("c".utf8))
/// let digest = hasher.finalize()  // 32 bytes, same as SHA256.digest(Array("abc".utf8))
/// ```
public struct SHA256: Sendable {
  private typealias Words = (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)
  private typealias Block = (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)

  /// Initial hash value H(0), FIPS 180-4 section 5.3.3.
  private static let initialState: Words = (
    0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a,
    0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19
  )

  /// The working hash value H(i).
  private var state: Words
  /// Bytes of a partial block that have not been compressed yet.
  private var pending: Block
  /// Number of valid bytes in `pending` (always below 64).
  private var pendingCount: Int
  /// Total message length in bytes so far.
  private var totalBytes: UInt64

  /// Creates a hasher for a new message.
  public init() {
    state = Self.initialState
    pending = (0, 0, 0, 0, 0, 0, 0, 0)
    pendingCount = 0
    totalBytes = 0
  }

  /// Appends raw bytes to the message.
  public mutating func update(_ bytes: UnsafeRawBufferPointer) {
    guard var source = bytes.baseAddress, !bytes.isEmpty else { return }
    var remaining = bytes.count
    totalBytes &+= UInt64(remaining)

    if pendingCount > 0 {
      let take = min(64 - pendingCount, remaining)
      let offset = pendingCount
      withUnsafeMutableBytes(of: &pending) { block in
        block.baseAddress?.advanced(by: offset).copyMemory(from: source, byteCount: take)
      }
      pendingCount += take
      source += take
      remaining -= take
      guard pendingCount == 64 else { return }
      withUnsafeBytes(of: pending) { block in
        if let base = block.baseAddress { Self.compress(&state, base, blocks: 1) }
      }
      pendingCount = 0
    }

    let fullBlocks = remaining / 64
    if fullBlocks > 0 {
      Self.compress(&state, source, blocks: fullBlocks)
      source += fullBlocks * 64
      remaining -= fullBlocks * 64
    }

    if remaining > 0 {
      let take = remaining
      withUnsafeMutableBytes(of: &pending) { block in
        block.baseAddress?.copyMemory(from: source, byteCount: take)
      }
      pendingCount = take
    }
  }

  /// Appends bytes to the message.
  ///
  /// Contiguous collections (`[UInt8]`, `ArraySlice<UInt8>`, `Data`, …) are hashed in place;
  /// other collections are copied through a small stack buffer.
  public mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
    let handled: Void? = bytes.withContiguousStorageIfAvailable { buffer in
      update(UnsafeRawBufferPointer(buffer))
    }
    if handled != nil { return }
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1024) { chunk in
      var count = 0
      for byte in bytes {
        chunk[count] = byte
        count += 1
        if count == chunk.count {
          update(UnsafeRawBufferPointer(chunk))
          count = 0
        }
      }
      update(UnsafeRawBufferPointer(UnsafeMutableBufferPointer(rebasing: chunk[0..<count])))
    }
  }

  /// Completes the message (FIPS 180-4 section 5.1.1 padding) and returns the 32-byte digest.
  ///
  /// The hasher is reset to its initial state afterwards, so it can be reused for a new message.
  public mutating func finalize() -> [UInt8] {
    let bitLength = totalBytes &* 8
    // 0x80, then zeros up to 56 mod 64, then the 64-bit big-endian length: at most 72 bytes.
    var padding: (Block, Block) = ((0, 0, 0, 0, 0, 0, 0, 0), (0, 0, 0, 0, 0, 0, 0, 0))
    let zeroCount = (pendingCount < 56 ? 55 : 119) - pendingCount
    let paddingCount = 1 + zeroCount + 8
    withUnsafeMutableBytes(of: &padding) { raw in
      raw[0] = 0x80
      raw.storeBytes(of: bitLength.bigEndian, toByteOffset: 1 + zeroCount, as: UInt64.self)
    }
    withUnsafeBytes(of: padding) { raw in
      update(UnsafeRawBufferPointer(rebasing: raw[0..<paddingCount]))
    }
    let words = state
    self = SHA256()
    return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 8) { out in
      out[0] = words.0.bigEndian
      out[1] = words.1.bigEndian
      out[2] = words.2.bigEndian
      out[3] = words.3.bigEndian
      out[4] = words.4.bigEndian
      out[5] = words.5.bigEndian
      out[6] = words.6.bigEndian
      out[7] = words.7.bigEndian
      return Array(UnsafeRawBufferPointer(out))
    }
  }

  /// Returns the 32-byte SHA-256 digest of `bytes`.
  public static func digest<C: Collection>(_ bytes: C) -> [UInt8] where C.Element == UInt8 {
    var hasher = SHA256()
    hasher.update(bytes)
    return hasher.finalize()
  }

  /// Returns the SHA-256 digest of `bytes` as 64 lower-case hexadecimal characters.
  public static func hexDigest<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
    hex(Self.digest(bytes))
  }

  /// Bytes as lower-case hexadecimal characters, two per byte (a digest or MAC as logs write it).
  public static func hex(_ bytes: [UInt8]) -> String {
    let digits: [UInt8] = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count * 2)
    for byte in bytes {
      out.append(digits[Int(byte >> 4)])
      out.append(digits[Int(byte & 0x0f)])
    }
    return String(decoding: out, as: UTF8.self)
  }

  // MARK: - Compression function (FIPS 180-4 section 6.2.2)

  /// Round constants K(0)…K(63), FIPS 180-4 section 4.2.2.
  private static let roundConstants: [UInt32] = [
    0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
    0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
    0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
    0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
    0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
    0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
    0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
    0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
  ]

  @inline(__always)
  private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 {
    (x &>> n) | (x &<< (32 &- n))
  }

  /// One round (FIPS 180-4 section 6.2.2, step 3) with `kw` = K(t) + W(t): the new `e` is left in
  /// `d`, the new `a` in `h`; the caller passes the variables in their next roles.
  @inline(__always)
  private static func round(
    _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32, _ e: UInt32, _ f: UInt32, _ g: UInt32,
    _ h: inout UInt32, _ kw: UInt32
  ) {
    let t1 = h &+ (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) &+ (g ^ (e & (f ^ g))) &+ kw
    let t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) &+ ((a & b) | (c & (a | b)))
    d &+= t1
    h = t1 &+ t2
  }

  /// Compresses `blocks` consecutive 64-byte blocks starting at `source` into `state`.
  private static func compress(_ state: inout Words, _ source: UnsafeRawPointer, blocks: Int) {
    roundConstants.withUnsafeBufferPointer { k in
      withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
        var h = state
        var block = source
        for _ in 0..<blocks {
          // Message schedule W(0)…W(63).
          for t in 0..<16 {
            w[t] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: t &* 4, as: UInt32.self))
          }
          for t in 16..<64 {
            let w15 = w[t &- 15]
            let w2 = w[t &- 2]
            let s0 = rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 &>> 3)
            let s1 = rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 &>> 10)
            w[t] = w[t &- 16] &+ s0 &+ w[t &- 7] &+ s1
          }

          var a = h.0
          var b = h.1
          var c = h.2
          var d = h.3
          var e = h.4
          var f = h.5
          var g = h.6
          var hh = h.7
          // Eight rounds at a time, the variables taking turns at each role (round(a…h) leaves
          // the new `e` in `d` and the new `a` in `h`), so no round moves the eight words along.
          var t = 0
          while t < 64 {
            round(a, b, c, &d, e, f, g, &hh, k[t] &+ w[t])
            round(hh, a, b, &c, d, e, f, &g, k[t &+ 1] &+ w[t &+ 1])
            round(g, hh, a, &b, c, d, e, &f, k[t &+ 2] &+ w[t &+ 2])
            round(f, g, hh, &a, b, c, d, &e, k[t &+ 3] &+ w[t &+ 3])
            round(e, f, g, &hh, a, b, c, &d, k[t &+ 4] &+ w[t &+ 4])
            round(d, e, f, &g, hh, a, b, &c, k[t &+ 5] &+ w[t &+ 5])
            round(c, d, e, &f, g, hh, a, &b, k[t &+ 6] &+ w[t &+ 6])
            round(b, c, d, &e, f, g, hh, &a, k[t &+ 7] &+ w[t &+ 7])
            t &+= 8
          }
          h.0 &+= a
          h.1 &+= b
          h.2 &+= c
          h.3 &+= d
          h.4 &+= e
          h.5 &+= f
          h.6 &+= g
          h.7 &+= hh
          block += 64
        }
        state = h
      }
    }
  }
}
