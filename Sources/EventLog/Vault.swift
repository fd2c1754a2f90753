#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// A value to keep out of the log line: the store writes it to the vault and the line carries
/// only a salted commitment to it (record format 2, `docs/log-format.md`).
public struct SealedInput: Sendable, Equatable {
  /// Whose value it is, as an id the log may name (a person's slug); the vault files the value
  /// under it so that it can be found, and later erased, without reading the log.
  public var subject: String
  public var value: JSONValue
  /// The salt to seal it with (32 lower-case hex digits), or nil for one the store makes: an import
  /// that rebuilds a log gives the original, so that the commitment comes out the same.
  public var salt: String?
  /// For an import that rebuilds a log: the value was erased there, so the vault gets a tombstone
  /// with this commitment instead of the value (`value` is not used).
  public var tombstone: SealedTombstone?

  public init(subject: String, value: JSONValue, salt: String? = nil, tombstone: SealedTombstone? = nil) {
    self.subject = subject
    self.value = value
    self.salt = salt
    self.tombstone = tombstone
  }
}

/// An erased sealed value as an import rebuilds it: the commitment the line keeps, and the length
/// in bytes of the vault entry the tombstone replaced (a tombstone is padded to it).
public struct SealedTombstone: Sendable, Equatable {
  public var commitment: String
  public var length: Int

  public init(commitment: String, length: Int) {
    self.commitment = commitment
    self.length = length
  }
}

/// A salt for a sealed value: 16 bytes from the system's random source, as 32 hex digits.
public func randomSalt() -> String {
  var g = SystemRandomNumberGenerator()
  let digits = Array("0123456789abcdef")
  return String(
    (0..<16).flatMap { _ -> [Character] in
      let b = UInt8.random(in: 0...255, using: &g)
      return [digits[Int(b >> 4)], digits[Int(b & 15)]]
    })
}

/// One line of a stream's vault file `.vault/<stream>.jsonl`: a sealed value with its salt, or,
/// once erased, a tombstone that keeps only the commitment, the name and the subject.
struct VaultEntry: Sendable, Equatable {
  var commitment: String
  var name: String
  var subject: String
  /// Salt and value; nil for a tombstone.
  var sealed: (salt: String, value: JSONValue)?
  /// For a tombstone: the length of the line it replaced, which it is padded to with spaces.
  var length: Int?

  init(commitment: String, name: String, subject: String, salt: String, value: JSONValue) {
    self.commitment = commitment
    self.name = name
    self.subject = subject
    sealed = (salt, value)
  }

  /// A tombstone: the value was erased.
  init(tombstone commitment: String, name: String, subject: String) {
    self.commitment = commitment
    self.name = name
    self.subject = subject
    sealed = nil
  }

  /// This entry's tombstone, as long as the entry's line.
  var erased: VaultEntry {
    var t = VaultEntry(tombstone: commitment, name: name, subject: subject)
    t.length = sealed == nil ? length : line.count - 1
    return t
  }

  static func == (a: VaultEntry, b: VaultEntry) -> Bool {
    a.commitment == b.commitment && a.name == b.name && a.subject == b.subject
      && a.sealed?.salt == b.sealed?.salt
      && a.sealed?.value == b.sealed?.value
  }

  /// The entry's line, canonical JSON and `\n`.
  var line: [UInt8] {
    var o: [String: JSONValue] = [
      "commitment": .string(commitment), "name": .string(name), "subject": .string(subject),
    ]
    if let sealed {
      o["salt"] = .string(sealed.salt)
      o["value"] = sealed.value
    } else {
      o["erased"] = .bool(true)
    }
    let bytes = CanonicalJSON.encode(.object(o))
    return bytes + [UInt8](repeating: 0x20, count: max(0, (length ?? 0) - bytes.count)) + [0x0A]
  }

  /// Whether the salt and value still give the commitment (a tombstone has nothing to check).
  var isIntact: Bool { sealed.map { Vault.commitment(salt: $0.salt, value: $0.value) == commitment } ?? true }
}

/// The vault: where sealed values live, one append-only file per stream under `.vault/`.
enum Vault {
  /// The name of the vault's folder inside a store.
  static let folder = ".vault"

  /// The commitment to a value: lower-case hex SHA-256 of the canonical encoding of
  /// `{"salt":SALT,"value":VALUE}`. Without the salt, which only the vault holds, the commitment
  /// in the log tells nothing about the value, not even whether two values are equal.
  static func commitment(salt: String, value: JSONValue) -> String {
    // That object's canonical encoding, written directly ("salt" sorts before "value").
    var bytes: [UInt8] = Array(#"{"salt":"#.utf8)
    CanonicalJSON.encode(.string(salt), into: &bytes)
    bytes.append(contentsOf: #","value":"#.utf8)
    CanonicalJSON.encode(value, into: &bytes)
    bytes.append(0x7D)
    return SHA256.hexDigest(bytes)
  }

  /// Reads a vault file's entries by commitment; the line number of each for messages. A final
  /// line without `\n` (a crash mid-write) is left out; so is anything that is not an entry, which
  /// `verify` reports through the records that refer to it.
  static func index(_ bytes: [UInt8]) -> [String: (entry: VaultEntry, line: Int)] {
    var entries: [String: (entry: VaultEntry, line: Int)] = [:]
    bytes.withUnsafeBufferPointer { all in
      for (n, line) in lines(bytes).enumerated() {
        guard let entry = entry(UnsafeBufferPointer(rebasing: all[line])) else { continue }
        entries[entry.commitment] = (entry, n + 1)
      }
    }
    return entries
  }

  /// The byte ranges of the complete lines, without their `\n`.
  static func lines(_ bytes: [UInt8]) -> [Range<Int>] {
    var ranges: [Range<Int>] = []
    var start = 0
    for (i, b) in bytes.enumerated() where b == 0x0A {
      ranges.append(start..<i)
      start = i + 1
    }
    return ranges
  }

  /// The entry a line holds (a tombstone is padded with spaces to the length of what it replaced).
  static func entry(_ line: [UInt8]) -> VaultEntry? { line.withUnsafeBufferPointer(entry) }

  static func entry(_ line: UnsafeBufferPointer<UInt8>) -> VaultEntry? {
    var end = line.count
    while end > 0 && line[end - 1] == 0x20 { end -= 1 }
    let text = UnsafeBufferPointer(rebasing: line[0..<end])
    guard case .object(let o)? = try? JSONParser.parse(UnsafeRawBufferPointer(text)),
      case .string(let commitment)? = o["commitment"], case .string(let name)? = o["name"],
      case .string(let subject)? = o["subject"]
    else { return nil }
    if case .string(let salt)? = o["salt"], let value = o["value"] {
      return VaultEntry(commitment: commitment, name: name, subject: subject, salt: salt, value: value)
    }
    guard o["erased"] == .bool(true) else { return nil }
    return VaultEntry(tombstone: commitment, name: name, subject: subject)
  }

  /// Length of the bytes up to and including the last `\n`: what remains after a torn tail is cut.
  static func validLength(_ bytes: [UInt8]) -> Int {
    (bytes.lastIndex(of: 0x0A).map { $0 + 1 }) ?? 0
  }
}

/// A stream's vault, read once, that fills in the sealed values of the records read.
struct VaultReader {
  let path: String
  private var entries: [String: (entry: VaultEntry, line: Int)]?

  init(path: String) { self.path = path }

  /// Fills `record.unsealed` from the vault.
  ///
  /// - Returns: why a sealed value cannot be given (missing, or changed since it was sealed), or
  ///   nil when every one was.
  mutating func unseal(_ record: inout EventRecord) throws(EventLogError) -> String? {
    guard !record.sealed.isEmpty else { return nil }
    if entries == nil { entries = Vault.index(try Self.read(path)) }
    if fill(&record) != nil {
      // Readers do not hold the lock while they read: an erasure may have been replacing this
      // entry at that very moment, or the index may predate it. Read the vault again, once.
      entries = Vault.index(try Self.read(path))
      record.unsealed = [:]
      record.erased = []
      return fill(&record)
    }
    return nil
  }

  private func fill(_ record: inout EventRecord) -> String? {
    for (name, commitment) in record.sealed.sorted(by: { $0.key < $1.key }) {
      guard let (entry, line) = entries?[commitment] else {
        return "vault entry '\(name)' for this record is missing from \(path)"
      }
      guard entry.isIntact, entry.name == name else {
        return
          "vault entry '\(name)' of \(printable(entry.subject)) (\(path):\(line)) does not match the commitment in this record"
      }
      if let sealed = entry.sealed {
        record.unsealed[name] = sealed.value
      } else {
        record.erased.insert(name)
      }
    }
    return nil
  }

  /// The whole vault file, or nothing when there is none yet.
  static func read(_ path: String) throws(EventLogError) -> [UInt8] {
    guard let f = try FileDescriptor.openFile(path, flags: O_RDONLY) else { return [] }
    defer { f.close() }
    let size = try f.size()
    var bytes = [UInt8](repeating: 0, count: size)
    var done = 0
    while done < size {
      let n = try f.read(into: &bytes, at: done, count: size - done, offset: done)
      if n == 0 { break }
      done += n
    }
    return Array(bytes.prefix(done))
  }
}
