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

  /// What `make` builds from `data`'s members, or nil when a read failed.
  static func read<T>(_ data: [String: JSONValue], _ make: (inout DirectFields) -> T) -> T? {
    var f = DirectFields(data)
    let value = make(&f)
    return f.failed ? nil : value
  }

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

  mutating func int(_ key: String) -> Int {
    guard case .int(let i)? = data[key], let value = Int(exactly: i) else { return fail(0) }
    return value
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

  mutating func optionalRaw<T: RawRepresentable>(_ key: String) -> T? where T.RawValue == String {
    guard let text = optionalString(key) else { return nil }
    guard let v = T(rawValue: text) else { return fail(nil) }
    return v
  }

  mutating func optionalDate(_ key: String) -> LocalDate? {
    guard let text = optionalString(key) else { return nil }
    guard let d = LocalDate(text) else { return fail(nil) }
    return d
  }

  mutating func dateTime(_ key: String) -> LocalDateTime {
    guard let t = LocalDateTime(string(key)) else { return fail(LocalDateTime(date: .epoch, minutes: 0)) }
    return t
  }

  /// The personal data in member `key`, nil when it has none (`optional`).
  mutating func personal(_ key: String, optional: Bool = false) -> PersonalData? {
    let members: [String: JSONValue]
    switch data[key] {
    case .object(let o)?: members = o
    case nil where optional, .null? where optional: return nil
    default: return fail(nil)
    }
    var g = DirectFields(members)
    let personal = PersonalData(
      name: g.string("name"), function: g.optionalString("function"),
      organization: g.optionalString("organization"), email: g.optionalString("email"),
      phone: g.optionalString("phone"), diet: g.optionalString("diet"), access: g.optionalString("access"),
      languages: g.optionalStrings("languages"), erased: g.optionalBool("erased"))
    return g.failed ? fail(nil) : personal
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
// `AttendeeRegistered` are about two thirds of the events of a real visit's log, all fourteen 93 %
// of a generated store's): `Codable` was a tenth of a cold replay. `DirectDecodingTests` holds each to
// `Codable` on generated payloads and on every member removed or given a value of every other kind.

extension AppointmentScheduled {
  public static func decodedDirectly(_ data: [String: JSONValue]) -> AppointmentScheduled? {
    DirectFields.read(data) { f in
      AppointmentScheduled(
        appointment: f.string("appointment"), title: f.string("title"), kind: f.raw("kind", .other),
        start: f.dateTime("start"), end: f.dateTime("end"), timezone: f.string("timezone"),
        site: f.optionalString("site"), hosts: f.strings("hosts"), note: f.optionalString("note"),
        titleDe: f.optionalString("titleDe"), internalNote: f.optionalString("internalNote"))
    }
  }
}

extension AttendeeAssigned {
  public static func decodedDirectly(_ data: [String: JSONValue]) -> AttendeeAssigned? {
    DirectFields.read(data) { f in
      AttendeeAssigned(appointment: f.string("appointment"), person: f.string("person"))
    }
  }
}

extension AttendeeRegistered {
  public static func decodedDirectly(_ data: [String: JSONValue]) -> AttendeeRegistered? {
    DirectFields.read(data) { f in
      AttendeeRegistered(
        person: f.string("person"), side: f.raw("side", .host),
        personal: f.personal("personal") ?? PersonalData(name: ""), rank: f.optionalInt("rank"))
    }
  }
}

extension AttendeeUpdated {
  public static func decodedDirectly(_ data: [String: JSONValue]) -> AttendeeUpdated? {
    DirectFields.read(data) { f in
      AttendeeUpdated(
        person: f.string("person"), side: f.optionalRaw("side"),
        personal: f.personal("personal", optional: true),
        rank: f.optionalInt("rank"), cleared: f.optionalStrings("cleared"))
    }
  }
}

extension AppointmentMoved {
  public static func decodedDirectly(_ data: [String: JSONValue]) -> AppointmentMoved? {
    DirectFields.read(data) { f in
      AppointmentMoved(
        appointment: f.string("appointment"), start: f.dateTime("start"), end: f.dateTime("end"))
    }
  }
}

extension TaskAdded {
  public static func decodedDirectly(_ data: [String: JSONValue]) -> TaskAdded? {
    DirectFields.read(data) { f in
      TaskAdded(
        task: f.string("task"), title: f.string("title"), owner: f.optionalString("owner"),
        due: f.optionalDate("due"))
    }
  }
}

extension TaskCompleted {
  public static func decodedDirectly(_ data: [String: JSONValue]) -> TaskCompleted? {
    DirectFields.read(data) { f in
      TaskCompleted(task: f.string("task"))
    }
  }
}

extension NoteAdded {
  public static func decodedDirectly(_ data: [String: JSONValue]) -> NoteAdded? {
    DirectFields.read(data) { f in
      NoteAdded(text: f.string("text"), internal: f.optionalBool("internal"))
    }
  }
}

extension SiteAdded {
  public static func decodedDirectly(_ data: [String: JSONValue]) -> SiteAdded? {
    DirectFields.read(data) { f in
      SiteAdded(
        site: f.string("site"), name: f.string("name"), organization: f.optionalString("organization"),
        address: f.optionalString("address"), note: f.optionalString("note"))
    }
  }
}

extension AgendaPublished {
  public static func decodedDirectly(_ data: [String: JSONValue]) -> AgendaPublished? {
    DirectFields.read(data) { f in
      AgendaPublished(version: f.int("version"), note: f.optionalString("note"))
    }
  }
}

extension AppointmentCancelled {
  public static func decodedDirectly(_ data: [String: JSONValue]) -> AppointmentCancelled? {
    DirectFields.read(data) { f in
      AppointmentCancelled(appointment: f.string("appointment"))
    }
  }
}

extension AttendeeUnassigned {
  public static func decodedDirectly(_ data: [String: JSONValue]) -> AttendeeUnassigned? {
    DirectFields.read(data) { f in
      AttendeeUnassigned(appointment: f.string("appointment"), person: f.string("person"))
    }
  }
}

extension AttendeeWithdrawn {
  public static func decodedDirectly(_ data: [String: JSONValue]) -> AttendeeWithdrawn? {
    DirectFields.read(data) { f in
      AttendeeWithdrawn(person: f.string("person"))
    }
  }
}

extension TaskAssigned {
  public static func decodedDirectly(_ data: [String: JSONValue]) -> TaskAssigned? {
    DirectFields.read(data) { f in
      TaskAssigned(task: f.string("task"), owner: f.string("owner"))
    }
  }
}
