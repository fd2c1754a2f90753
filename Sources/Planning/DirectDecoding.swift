import EventLog

/// Reads the members of a payload straight from its JSON object, as `Codable` would read them, for
/// `EventPayload.decodedDirectly`: a missing member or `null` is nil for an optional; a missing
/// required member, or a value of another kind than the type's, marks the read `failed`, and then
/// the payload is left to `Codable`, which refuses it with its own message. Members the type does
/// not have are passed over, as `Codable` passes them over.
struct DirectFields {
  let data: [String: JSONValue]
  private(set) var failed = false

  init(_ data: [String: JSONValue]) { self.data = data }

  mutating func string(_ key: String) -> String {
    guard case .string(let s)? = data[key] else { return fail("") }
    return s
  }

  mutating func optionalString(_ key: String) -> String? {
    switch data[key] {
    case nil, .null?: return nil
    case .string(let s)?: return s
    default: return fail(nil)
    }
  }

  mutating func strings(_ key: String) -> [String] {
    guard case .array(let values)? = data[key] else { return fail([]) }
    return strings(values)
  }

  mutating func optionalStrings(_ key: String) -> [String]? {
    switch data[key] {
    case nil, .null?: return nil
    case .array(let values)?: return strings(values)
    default: return fail(nil)
    }
  }

  private mutating func strings(_ values: [JSONValue]) -> [String] {
    var out: [String] = []
    out.reserveCapacity(values.count)
    for value in values {
      guard case .string(let s) = value else { return fail([]) }
      out.append(s)
    }
    return out
  }

  mutating func optionalInt(_ key: String) -> Int? {
    switch data[key] {
    case nil, .null?: return nil
    case .int(let i)?: return Int(exactly: i) ?? fail(nil)
    default: return fail(nil)
    }
  }

  mutating func optionalBool(_ key: String) -> Bool? {
    switch data[key] {
    case nil, .null?: return nil
    case .bool(let b)?: return b
    default: return fail(nil)
    }
  }

  mutating func raw<T: RawRepresentable>(_ key: String, _ placeholder: T) -> T where T.RawValue == String {
    guard let v = T(rawValue: string(key)) else { return fail(placeholder) }
    return v
  }

  mutating func dateTime(_ key: String) -> LocalDateTime {
    guard let t = LocalDateTime(string(key)) else { return fail(LocalDateTime(date: .epoch, minutes: 0)) }
    return t
  }

  mutating func object(_ key: String) -> [String: JSONValue] {
    guard case .object(let o)? = data[key] else { return fail([:]) }
    return o
  }

  /// Marks the read failed and gives `placeholder`, which the caller throws away.
  private mutating func fail<T>(_ placeholder: T) -> T {
    failed = true
    return placeholder
  }
}

extension LocalDate {
  /// 1970-01-01, a placeholder for values not read.
  static let epoch = LocalDate(year: 1970, month: 1, day: 1)
}

// The payloads replay meets most (`AppointmentScheduled`, `AttendeeAssigned` and
// `AttendeeRegistered` are about two thirds of the events of a real visit's log): `Codable` was a
// tenth of a cold replay. `DirectDecodingTests` holds each to `Codable` on generated payloads and on
// every member removed or given a value of every other kind.

extension AppointmentScheduled {
  public static func decodedDirectly(_ data: [String: JSONValue]) -> AppointmentScheduled? {
    var f = DirectFields(data)
    let p = AppointmentScheduled(
      appointment: f.string("appointment"), title: f.string("title"), kind: f.raw("kind", .other),
      start: f.dateTime("start"), end: f.dateTime("end"), timezone: f.string("timezone"),
      site: f.optionalString("site"), hosts: f.strings("hosts"), note: f.optionalString("note"),
      titleDe: f.optionalString("titleDe"), internalNote: f.optionalString("internalNote"))
    return f.failed ? nil : p
  }
}

extension AttendeeAssigned {
  public static func decodedDirectly(_ data: [String: JSONValue]) -> AttendeeAssigned? {
    var f = DirectFields(data)
    let p = AttendeeAssigned(appointment: f.string("appointment"), person: f.string("person"))
    return f.failed ? nil : p
  }
}

extension AttendeeRegistered {
  public static func decodedDirectly(_ data: [String: JSONValue]) -> AttendeeRegistered? {
    var f = DirectFields(data)
    var g = DirectFields(f.object("personal"))
    let personal = PersonalData(
      name: g.string("name"), function: g.optionalString("function"),
      organization: g.optionalString("organization"), email: g.optionalString("email"),
      phone: g.optionalString("phone"), diet: g.optionalString("diet"), access: g.optionalString("access"),
      languages: g.optionalStrings("languages"), erased: g.optionalBool("erased"))
    let p = AttendeeRegistered(
      person: f.string("person"), side: f.raw("side", .host), personal: personal, rank: f.optionalInt("rank"))
    return f.failed || g.failed ? nil : p
  }
}
