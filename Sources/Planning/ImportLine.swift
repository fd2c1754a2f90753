import EventLog

/// One line of an import file, read and checked for its shape (`docs/log-format.md`, "Export and
/// import"); the rules are checked later, against the visit as it stands.
struct ImportLine {
  /// A sealed value as an export gives it: with its salt, or erased.
  enum Sealed {
    case value(salt: String, value: JSONValue)
    case erased(commitment: String, length: Int)

    func input(subject: String) -> SealedInput {
      switch self {
      case .value(let salt, let value): return SealedInput(subject: subject, value: value, salt: salt)
      case .erased(let commitment, let length):
        return SealedInput(
          subject: subject, value: .null, tombstone: SealedTombstone(commitment: commitment, length: length))
      }
    }
  }

  static let members: Set<String> = [
    "stream", "type", "version", "id", "recorded", "actor", "reason", "correlation", "causation", "continues",
    "data", "sealed",
  ]

  var stream: String
  var type: any EventPayload.Type
  var id: String?
  var recorded: Timestamp?
  var actor: String?
  var reason: String?
  var correlation: String?
  var causation: String?
  var continues: Bool
  /// The payload as the line gives it (without sealed members).
  var lineData: [String: JSONValue]
  var sealed: [String: Sealed]

  /// Names of the sealed members that were erased.
  var erasedMembers: [String] {
    sealed.compactMap { name, s in
      if case .erased = s { return name }
      return nil
    }
  }

  /// The lines of a file, numbered from 1, without `\n` (and a `\r` before it); blank lines are
  /// left out but counted.
  static func lines(_ bytes: [UInt8]) -> [(Int, ArraySlice<UInt8>)] {
    var out: [(Int, ArraySlice<UInt8>)] = []
    var start = 0
    var number = 0
    func take(_ end: Int) {
      number += 1
      var e = end
      if e > start && bytes[e - 1] == 0x0D { e -= 1 }
      let line = bytes[start..<e]
      if !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { out.append((number, line)) }
    }
    for (i, b) in bytes.enumerated() where b == 0x0A {
      take(i)
      start = i + 1
    }
    if start < bytes.count { take(bytes.count) }
    return out
  }

  /// Reads a line's members and checks their form.
  ///
  /// - Throws: `PlanningError.unreadableEvent` at `FILE:LINE`.
  init(_ bytes: ArraySlice<UInt8>, at: String) throws(PlanningError) {
    func fail(_ reason: String) -> PlanningError { .unreadableEvent(at: at, reason: reason) }
    let value: JSONValue
    do {
      value = try JSONParser.parse(bytes)
    } catch {
      throw fail("not valid JSON (\(error))")
    }
    guard case .object(let o) = value else { throw fail("not a JSON object") }
    if let unknown = o.keys.sorted().first(where: { !Self.members.contains($0) }) {
      throw fail("unknown member '\(printable(unknown))'")
    }
    func string(_ key: String) throws(PlanningError) -> String? {
      switch o[key] {
      case nil: return nil
      case .string(let s)?: return s
      default: throw fail("member '\(key)' is not a string")
      }
    }
    guard let stream = try string("stream") else { throw fail("missing member 'stream'") }
    guard isValidStreamName(stream) else {
      throw fail("stream '\(printable(stream))' is not a visit id (lower-case letters, digits and '-')")
    }
    self.stream = stream
    guard let typeName = try string("type") else { throw fail("missing member 'type'") }
    guard let type = EventRegistry.byName[typeName] else {
      throw fail("unknown event type '\(printable(typeName))'")
    }
    self.type = type
    switch o["version"] {
    case nil: break
    case .int(let v)? where v == Int64(type.schemaVersion): break
    case .int(let v)?:
      throw fail("\(typeName) version \(v): this program imports version \(type.schemaVersion)")
    default: throw fail("member 'version' is not an integer")
    }
    id = try string("id")
    if let id, !Self.isEventID(id) {
      throw fail("id '\(printable(id))' is not an event id (a UUID in lower case)")
    }
    if let text = try string("recorded") {
      guard let t = Timestamp(logForm: text) else {
        throw fail("recorded '\(printable(text))' is not of the form YYYY-MM-DDTHH:MM:SS.mmmZ")
      }
      recorded = t
    }
    actor = try string("actor")
    reason = try string("reason")
    correlation = try string("correlation")
    causation = try string("causation")
    switch o["continues"] {
    case nil: continues = false
    case .bool(true)?: continues = true
    default: throw fail("member 'continues': only true may be given")
    }
    guard case .object(let data)? = o["data"] else {
      throw fail(o["data"] == nil ? "missing member 'data'" : "member 'data' is not an object")
    }
    lineData = data
    sealed = [:]
    switch o["sealed"] {
    case nil: break
    case .object(let members)?:
      for (name, member) in members {
        guard case .object(let m) = member, case .string(let commitment)? = m["commitment"] else {
          throw fail("sealed member '\(printable(name))' has no commitment")
        }
        guard data[name] == nil else { throw fail("'\(printable(name))' is both in data and sealed") }
        if m["erased"] == .bool(true) {
          guard m.keys.sorted() == ["commitment", "erased", "length"], case .int(let length)? = m["length"]
          else {
            throw fail(
              "sealed member '\(printable(name))': an erased value has commitment, erased and length")
          }
          sealed[name] = .erased(commitment: commitment, length: Int(clamping: length))
        } else {
          guard m.keys.sorted() == ["commitment", "salt", "value"], case .string(let salt)? = m["salt"],
            let v = m["value"]
          else {
            throw fail("sealed member '\(printable(name))': a value has commitment, salt and value")
          }
          guard SealedInput.commitment(salt: salt, value: v) == commitment else {
            throw fail("sealed member '\(printable(name))': salt and value do not give the commitment")
          }
          sealed[name] = .value(salt: salt, value: v)
        }
      }
    default: throw fail("member 'sealed' is not an object")
    }
  }

  /// The event the line holds, its sealed members put back (an erased one as erased values).
  ///
  /// - Throws: `PlanningError.unreadableEvent` at `FILE:LINE` when the payload does not fit its
  ///   type, or is not exactly as the type writes it (an unknown member, say).
  func event(at: String) throws(PlanningError) -> Event {
    let data = fullData
    let event: Event
    do {
      event = try type.decodeEvent(data)
    } catch {
      throw .unreadableEvent(at: at, reason: "\(type.eventType): " + describeCodingError(error))
    }
    let written = (try? EventCodec.data(event)) ?? [:]
    if let key = Set(data.keys).union(written.keys).sorted().first(where: { data[$0] != written[$0] }) {
      throw .unreadableEvent(
        at: at,
        reason: "\(type.eventType): member '\(printable(key))' is not as this type writes it"
          + (written[key] == nil ? " (unknown member)" : ""))
    }
    return event
  }

  /// The payload with its sealed members put back (an erased one as erased values).
  var fullData: [String: JSONValue] {
    var data = lineData
    for (name, s) in sealed {
      switch s {
      case .value(_, let value): data[name] = value
      case .erased: data[name] = PersonalData.erasedJSON
      }
    }
    return data
  }

  /// Whether `s` is an event id as the store makes them: a UUID in lower case.
  static func isEventID(_ s: String) -> Bool {
    let u = Array(s.utf8)
    guard u.count == 36 else { return false }
    return u.enumerated().allSatisfy { i, c in
      [8, 13, 18, 23].contains(i) ? c == 0x2D : (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66)
    }
  }
}
