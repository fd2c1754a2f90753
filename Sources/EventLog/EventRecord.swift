/// One line of a stream: an event with its position, provenance and place in the hash chain.
///
/// `docs/log-format.md` is the specification; this type is its one implementation.
public struct EventRecord: Sendable, Hashable {
  /// The version of the record envelope this program writes and the newest it reads. Format 2 adds
  /// `sealed`: commitments to values kept in the store's vault instead of the line.
  public static let formatVersion = 2
  /// `prev` of the first record of every stream.
  public static let genesisHash = String(repeating: "0", count: 64)

  /// The record format of this line: 1, or 2 for every line written now.
  public var format: Int
  /// Position in the stream: 1, 2, 3… without gaps.
  public var seq: Int
  /// Event id (a UUID in lower case); unique within the stream.
  public var id: String
  /// Event type, such as `NoteAdded`: a name the layer above registers.
  public var type: String
  /// Schema version of the payload of that type.
  public var version: Int
  /// When the store recorded the event (UTC, millisecond resolution).
  public var recorded: Timestamp
  /// Who made the change.
  public var actor: String
  /// Why, if given.
  public var reason: String?
  /// Id shared by events that belong to one piece of work, if given.
  public var correlation: String?
  /// Id of the event or command that caused this one, if given.
  public var causation: String?
  /// True on every record of a multi-event batch but its last: a batch is whole only when the
  /// record without it has been written.
  public var continues: Bool
  /// The payload, always a JSON object; it never holds a sealed value.
  public var data: [String: JSONValue]
  /// Values kept out of the line (format 2): for each name, the salted commitment to the value the
  /// vault holds (`docs/log-format.md`). Hashed with the rest of the record.
  public var sealed: [String: String]
  /// What the vault holds for each sealed name, filled in by the store when it reads the record.
  /// Not part of the line or its hash.
  public var unsealed: [String: JSONValue]
  /// Sealed names whose value was erased from the vault (a tombstone keeps the commitment).
  public var erased: Set<String>
  /// `hash` of the previous record, or 64 zeros for `seq` 1.
  public var prev: String
  /// Lower-case hex SHA-256 of the canonical encoding of all the other fields.
  public var hash: String

  public init(
    seq: Int, id: String, type: String, version: Int, recorded: Timestamp, actor: String,
    reason: String? = nil, correlation: String? = nil, causation: String? = nil,
    continues: Bool = false, data: [String: JSONValue], sealed: [String: String] = [:], prev: String,
    hash: String = "", format: Int = EventRecord.formatVersion
  ) {
    self.format = format
    self.seq = seq
    self.id = id
    self.type = type
    self.version = version
    self.recorded = recorded
    self.actor = actor
    self.reason = reason
    self.correlation = correlation
    self.causation = causation
    self.continues = continues
    self.data = data
    self.sealed = sealed
    self.unsealed = [:]
    self.erased = []
    self.prev = prev
    self.hash = hash
  }
}

extension EventRecord {
  /// The fields covered by the hash, as one JSON object (everything but `hash`).
  var hashedObject: [String: JSONValue] {
    var o: [String: JSONValue] = [
      "format": .int(Int64(format)),
      "seq": .int(Int64(seq)),
      "id": .string(id),
      "type": .string(type),
      "version": .int(Int64(version)),
      "recorded": .string(recorded.description),
      "actor": .string(actor),
      "data": .object(data),
      "prev": .string(prev),
    ]
    if let reason { o["reason"] = .string(reason) }
    if let correlation { o["correlation"] = .string(correlation) }
    if let causation { o["causation"] = .string(causation) }
    if continues { o["continues"] = .bool(true) }
    if !sealed.isEmpty { o["sealed"] = .object(sealed.mapValues { .string($0) }) }
    return o
  }

  /// The stored line, `\n` included, with `hash` computed and set.
  ///
  /// The line is the canonical encoding of every field but `hash`, with the closing `}` replaced by
  /// `,"hash":"<64 hex>"}`; the hash is SHA-256 over that canonical encoding.
  mutating func seal() -> [UInt8] {
    var bytes = CanonicalJSON.encode(.object(hashedObject))
    hash = SHA256.hexDigest(bytes)
    bytes.removeLast()
    bytes.append(contentsOf: Array(",\"hash\":\"".utf8))
    bytes.append(contentsOf: Array(hash.utf8))
    bytes.append(contentsOf: [0x22, 0x7D, 0x0A])
    return bytes
  }

  /// The line as stored, `\n` included, for a record read from the log (its hash is kept).
  public mutating func storedLine() -> [UInt8] {
    let stored = hash
    let line = seal()
    hash = stored
    return line
  }

  /// Length of the `,"hash":"<64 hex>"}` suffix that closes every line.
  static let hashSuffixLength = 75

  /// Decodes and checks one line (without its `\n`): fields, canonical form and hash.
  ///
  /// Chain rules (seq, prev, unique ids) need the neighbours and are checked by the reader.
  /// - Returns: the record, or a short reason why the line is not a valid record.
  static func decode(line: [UInt8]) -> Result<EventRecord, LineFault> {
    line.withUnsafeBufferPointer(decode)
  }

  /// `decode(line:)` of bytes read in place.
  static func decode(line: UnsafeBufferPointer<UInt8>) -> Result<EventRecord, LineFault> {
    if let record = decodeCanonical(line) { return .success(record) }
    return decodeGeneral(line: Array(line))
  }

  /// `decode(line:)` the general way: parsed as any JSON, then each rule checked in turn, so that
  /// a line that is not a record gets the reason why.
  static func decodeGeneral(line: [UInt8]) -> Result<EventRecord, LineFault> {
    let value: JSONValue
    do {
      value = try JSONParser.parse(line)
    } catch {
      return .failure(.unreadable("not valid JSON (\(error))"))
    }
    guard case .object(let o) = value else { return .failure(.unreadable("not a JSON object")) }
    if o.keys.contains(where: { !knownFields.contains($0) }),
      let unknown = o.keys.sorted().first(where: { !knownFields.contains($0) })
    {
      return .failure(.invalid("unknown field '\(unknown)'"))
    }
    do throws(LineFault) {
      let (record, recordedText) = try checked(Members(Field.allCases.map { o[$0.name] }))
      // The line is the canonical encoding of the record without `hash`, with `hash` as its last
      // member. That is checked on the bytes: the line ends in `,"hash":"<hex>"}`, what comes
      // before it is canonical JSON (`CanonicalJSON.canonicalMembers`) with every member the
      // record has but `hash`, and every member was taken as it stands — only `recorded` is
      // parsed, so it must read back the same. The hash is then taken over those bytes.
      let bodyLength = line.count - hashSuffixLength
      guard bodyLength > 1, line[bodyLength..<(bodyLength + 9)].elementsEqual(",\"hash\":\"".utf8),
        line[line.count - 2] == 0x22, line[line.count - 1] == 0x7D,
        record.recorded.description == recordedText
      else {
        throw LineFault.invalid("not in canonical form (see docs/log-format.md)")
      }
      var body = Array(line[0..<bodyLength])
      body.append(0x7D)
      let members = body.withUnsafeBufferPointer { CanonicalJSON.canonicalMembers($0) }
      guard members == o.count - 1 else {
        throw LineFault.invalid("not in canonical form (see docs/log-format.md)")
      }
      let computed = SHA256.hexDigest(body)
      guard computed == record.hash else {
        throw LineFault.invalid(
          "hash does not match the record (stored \(record.hash.prefix(12))…, computed \(computed.prefix(12))…)"
        )
      }
      return .success(record)
    } catch {
      return .failure(error)
    }
  }

  /// The record of a line that is canonical and valid, read in one pass with ``CanonicalReader``
  /// (no dictionary of members, no second pass to prove the form, the hash taken over the line in
  /// place); nil for any other line, which `decode(line:)` reads the general way to say what is
  /// wrong with it.
  static func decodeCanonical(_ line: UnsafeBufferPointer<UInt8>) -> EventRecord? {
    guard var reader = CanonicalReader(line), reader.take(0x7B) else { return nil }
    var values = [JSONValue?](repeating: nil, count: Field.allCases.count)
    var next = 0  // members come in the order of `Field`, each at most once, `hash` last
    let hashIndex = Field.hash.rawValue
    while true {
      guard let key = reader.key(), reader.take(0x3A) else { return nil }
      guard let index = (next...hashIndex).first(where: { reader.key(key, is: Field.names[$0]) }),
        let value = reader.value(depth: 1)
      else { return nil }
      values[index] = value
      next = index + 1
      if index == hashIndex {
        // The body is the line up to the `,` before `"hash"`, closed with `}`.
        let bodyLength = key.lowerBound - 2
        guard reader.take(0x7D), reader.atEnd, bodyLength > 1,
          let (record, recordedText) = try? checked(Members(values)),
          record.recorded.description == recordedText
        else { return nil }
        var hasher = SHA256()
        hasher.update(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: line[0..<bodyLength])))
        hasher.update(CollectionOfOne(UInt8(0x7D)))
        return digest(hasher.finalize(), is: record.hash) ? record : nil
      }
      guard reader.take(0x2C) else { return nil }
    }
  }

  /// The members a record may have, in canonical order but for `hash`, which comes last.
  enum Field: Int, CaseIterable {
    case actor, causation, continues, correlation, data, format, id, prev, reason, recorded, sealed, seq,
      type, version, hash

    /// Each member's name as written, by `rawValue`.
    static let names: [StaticString] = [
      "actor", "causation", "continues", "correlation", "data", "format", "id", "prev", "reason",
      "recorded", "sealed", "seq", "type", "version", "hash",
    ]

    var name: String { Field.names[rawValue].description }
  }

  /// A line's members as read, by ``Field`` (nil where the line has none).
  struct Members {
    let values: [JSONValue?]

    init(_ values: [JSONValue?]) { self.values = values }

    subscript(_ field: Field) -> JSONValue? { values[field.rawValue] }
  }

  /// Checks every member's kind and value — everything but canonical form and the hash — giving the
  /// first problem in a fixed order; the record (with `hash`) and `recorded` as written.
  static func checked(_ m: Members) throws(LineFault) -> (EventRecord, recordedText: String) {
    func str(_ k: Field, optional: Bool = false) throws(LineFault) -> String? {
      switch m[k] {
      case .string(let s)?: return s
      case nil where optional: return nil
      case nil: throw .invalid("missing field '\(k.name)'")
      default: throw .invalid("field '\(k.name)' is not a string")
      }
    }
    func int(_ k: Field) throws(LineFault) -> Int64 {
      switch m[k] {
      case .int(let i)?: return i
      case nil: throw .invalid("missing field '\(k.name)'")
      default: throw .invalid("field '\(k.name)' is not an integer")
      }
    }
    let format = try int(.format)
    guard format <= formatVersion else {
      throw LineFault.invalid(
        "field 'format': version \(format) is newer than this program reads (\(formatVersion))")
    }
    guard format >= 1 else { throw LineFault.invalid("field 'format': must be 1 or 2") }
    var sealed: [String: String] = [:]
    switch m[.sealed] {
    case nil: break
    case .object(let members)? where format >= 2 && !members.isEmpty:
      for (name, value) in members {
        guard case .string(let commitment) = value, isHexDigest(commitment), !name.isEmpty else {
          throw LineFault.invalid("field 'sealed': each member must be 64 lower-case hex digits")
        }
        sealed[name] = commitment
      }
    case .object? where format >= 2: throw LineFault.invalid("field 'sealed': empty (leave it out)")
    case _ where format < 2: throw LineFault.invalid("field 'sealed': not in format 1")
    default: throw LineFault.invalid("field 'sealed' is not an object")
    }
    let seq = try int(.seq)
    guard seq >= 1, seq <= Int64(Int32.max) else { throw LineFault.invalid("field 'seq': out of range") }
    let version = try int(.version)
    guard version >= 1, version <= 1000 else { throw LineFault.invalid("field 'version': out of range") }
    let id = try str(.id) ?? ""
    guard !id.isEmpty else { throw LineFault.invalid("field 'id' is empty") }
    let type = try str(.type) ?? ""
    guard !type.isEmpty else { throw LineFault.invalid("field 'type' is empty") }
    let actor = try str(.actor) ?? ""
    guard !actor.isEmpty else { throw LineFault.invalid("field 'actor' is empty") }
    let recordedText = try str(.recorded) ?? ""
    guard let recorded = Timestamp(logForm: recordedText) else {
      throw LineFault.invalid("field 'recorded': not of the form YYYY-MM-DDTHH:MM:SS.mmmZ")
    }
    let prev = try str(.prev) ?? ""
    guard isHexDigest(prev) else { throw LineFault.invalid("field 'prev': not 64 lower-case hex digits") }
    let hash = try str(.hash) ?? ""
    guard isHexDigest(hash) else { throw LineFault.invalid("field 'hash': not 64 lower-case hex digits") }
    guard case .object(let data)? = m[.data] else {
      throw LineFault.invalid(m[.data] == nil ? "missing field 'data'" : "field 'data' is not an object")
    }
    var continues = false
    switch m[.continues] {
    case nil: break
    case .bool(true)?: continues = true
    default: throw LineFault.invalid("field 'continues': only true may be written")
    }
    let record = EventRecord(
      seq: Int(seq), id: id, type: type, version: Int(version), recorded: recorded, actor: actor,
      reason: try str(.reason, optional: true), correlation: try str(.correlation, optional: true),
      causation: try str(.causation, optional: true), continues: continues, data: data, sealed: sealed,
      prev: prev, hash: hash, format: Int(format))
    return (record, recordedText)
  }

  /// The members a record may have.
  static let knownFields: Set<String> = Set(Field.allCases.map(\.name))

  static func isHexDigest(_ s: String) -> Bool {
    var s = s
    return s.withUTF8 { u in
      guard u.count == 64 else { return false }
      for b in u where b &- 0x30 > 9 && b &- 0x61 > 5 { return false }
      return true
    }
  }

  /// Whether `hex` is `digest` in lower-case hex.
  static func digest(_ digest: [UInt8], is hex: String) -> Bool {
    @inline(__always) func digit(_ n: UInt8) -> UInt8 { n < 10 ? 0x30 + n : 0x57 + n }
    var hex = hex
    return hex.withUTF8 { u in
      guard u.count == 2 * digest.count else { return false }
      for (i, byte) in digest.enumerated()
      where u[2 * i] != digit(byte >> 4) || u[2 * i + 1] != digit(byte & 0x0F) {
        return false
      }
      return true
    }
  }
}

/// Why a line is not a record.
enum LineFault: Error, Equatable {
  /// Not JSON at all: at the end of a stream this is what a crash mid-write leaves.
  case unreadable(String)
  /// JSON, but not a valid record (missing field, wrong hash…).
  case invalid(String)

  var reason: String {
    switch self {
    case .unreadable(let r), .invalid(let r): return r
    }
  }
}
