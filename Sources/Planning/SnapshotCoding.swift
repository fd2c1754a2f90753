import EventLog

/// The binary layout of a snapshot's body: first a table of every distinct text in it (its count,
/// then each as its UTF-8 length and bytes), then each value in the order its type writes it:
/// integers as zig-zag variable-length numbers, text as its number in the table, an optional as a 0
/// or 1 byte before the value, a list as its count before the elements. No names and no tags: the
/// layout is the code, and `SnapshotCache.layout` is raised whenever it changes.
///
/// A snapshot is a cache read on every write of a long visit, where decoding its JSON through
/// `Codable` took most of the time; this layout is read without parsing or key lookups, and the
/// table makes each of the many repeated texts (person ids, time zones, actors) one string.
protocol SnapshotCodable {
  func write(to w: inout SnapshotWriter)
  /// Reads a value; a reader past its end or at a bad value is marked failed and gives placeholder
  /// values, which the caller throws away (`SnapshotReader.failed`).
  init(snapshot r: inout SnapshotReader)
}

/// Writes the snapshot layout.
struct SnapshotWriter {
  private var values: [UInt8] = []
  private var texts: [String] = []
  private var numbers: [String: Int] = [:]

  init(capacity: Int = 4096) { values.reserveCapacity(capacity) }

  /// The table of texts, then the values.
  var bytes: [UInt8] {
    var table = SnapshotWriter(capacity: values.count / 4)
    table.int(texts.count)
    for var text in texts {
      text.withUTF8 { utf8 in
        table.int(utf8.count)
        table.values.append(contentsOf: utf8)
      }
    }
    return table.values + values
  }

  mutating func int(_ v: Int) { int64(Int64(v)) }

  mutating func int64(_ v: Int64) {
    var u = UInt64(bitPattern: (v << 1) ^ (v >> 63))
    while u >= 0x80 {
      values.append(UInt8(truncatingIfNeeded: u) | 0x80)
      u >>= 7
    }
    values.append(UInt8(u))
  }

  mutating func bool(_ b: Bool) { values.append(b ? 1 : 0) }

  mutating func string(_ s: String) {
    if let n = numbers[s] { return int(n) }
    numbers[s] = texts.count
    int(texts.count)
    texts.append(s)
  }

  mutating func raw<T: RawRepresentable>(_ v: T) where T.RawValue == String { string(v.rawValue) }

  mutating func optional<T>(_ v: T?, _ write: (inout SnapshotWriter, T) -> Void) {
    guard let v else { return values.append(0) }
    values.append(1)
    write(&self, v)
  }

  mutating func string(_ s: String?) { optional(s) { $0.string($1) } }
  mutating func int(_ v: Int?) { optional(v) { $0.int($1) } }

  mutating func strings(_ list: [String]) {
    int(list.count)
    for s in list { string(s) }
  }

  mutating func value<T: SnapshotCodable>(_ v: T) { v.write(to: &self) }

  mutating func list<T: SnapshotCodable>(_ list: [T]) {
    int(list.count)
    for v in list { v.write(to: &self) }
  }
}

/// Reads the snapshot layout from bytes it does not own. Reading never traps: past the end or at a
/// value that cannot be, it sets `failed` and gives placeholders from then on.
struct SnapshotReader {
  private let bytes: UnsafeBufferPointer<UInt8>
  private var at = 0
  private(set) var failed = false
  private var texts: [String] = []

  /// A reader of the values after the table of texts `bytes` begin with.
  init(_ bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
    let n = count()
    texts.reserveCapacity(n)
    for _ in 0..<n {
      let length = count()
      texts.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[at..<(at + length)]), as: UTF8.self))
      at += length
    }
  }

  /// Whether every byte was read and every value was one.
  var isComplete: Bool { !failed && at == bytes.count }

  mutating func fail() {
    failed = true
    at = bytes.count
  }

  mutating func int64() -> Int64 {
    var u: UInt64 = 0
    var shift: UInt64 = 0
    while at < bytes.count, shift < 64 {
      let b = bytes[at]
      at += 1
      u |= UInt64(b & 0x7F) << shift
      if b < 0x80 { return Int64(bitPattern: u >> 1) ^ -Int64(bitPattern: u & 1) }
      shift += 7
    }
    fail()
    return 0
  }

  mutating func int() -> Int {
    let v = int64()
    guard let i = Int(exactly: v) else {
      fail()
      return 0
    }
    return i
  }

  /// A count of things each at least one byte long: never more than the bytes left.
  mutating func count() -> Int {
    let n: Int = int()
    guard n >= 0, n <= bytes.count - at else {
      fail()
      return 0
    }
    return n
  }

  mutating func byte() -> UInt8 {
    guard at < bytes.count else {
      fail()
      return 0
    }
    at += 1
    return bytes[at - 1]
  }

  mutating func bool() -> Bool {
    switch byte() {
    case 0: return false
    case 1: return true
    default:
      fail()
      return false
    }
  }

  mutating func string() -> String {
    let n: Int = int()
    guard texts.indices.contains(n) else {
      fail()
      return ""
    }
    return texts[n]
  }

  mutating func raw<T: RawRepresentable>(_ placeholder: T) -> T where T.RawValue == String {
    guard let v = T(rawValue: string()) else {
      fail()
      return placeholder
    }
    return v
  }

  mutating func optional<T>(_ read: (inout SnapshotReader) -> T) -> T? { bool() ? read(&self) : nil }

  mutating func string() -> String? { optional { $0.string() } }
  mutating func int() -> Int? { optional { $0.int() } }

  mutating func strings() -> [String] {
    let n = count()
    var list: [String] = []
    list.reserveCapacity(n)
    for _ in 0..<n { list.append(string()) }
    return list
  }

  mutating func value<T: SnapshotCodable>() -> T { T(snapshot: &self) }

  mutating func list<T: SnapshotCodable>() -> [T] {
    let n = count()
    var list: [T] = []
    list.reserveCapacity(n)
    for _ in 0..<n { list.append(T(snapshot: &self)) }
    return list
  }
}

extension Timestamp: SnapshotCodable {
  func write(to w: inout SnapshotWriter) { w.int64(milliseconds) }
  init(snapshot r: inout SnapshotReader) { self.init(milliseconds: r.int64()) }
}

extension LocalDate: SnapshotCodable {
  func write(to w: inout SnapshotWriter) {
    w.int(year)
    w.int(month)
    w.int(day)
  }
  init(snapshot r: inout SnapshotReader) { self.init(year: r.int(), month: r.int(), day: r.int()) }
}

extension LocalDateTime: SnapshotCodable {
  func write(to w: inout SnapshotWriter) {
    w.value(date)
    w.int(minutes)
  }
  init(snapshot r: inout SnapshotReader) { self.init(date: r.value(), minutes: r.int()) }
}

extension StreamPosition: SnapshotCodable {
  func write(to w: inout SnapshotWriter) {
    w.int(seq)
    w.string(hash)
    w.value(recorded)
    w.int(length)
  }
  init(snapshot r: inout SnapshotReader) {
    self.init(seq: r.int(), hash: r.string(), recorded: r.value(), length: r.int())
  }
}

extension EventMeta: SnapshotCodable {
  func write(to w: inout SnapshotWriter) {
    w.int(seq)
    w.value(recorded)
    w.string(actor)
    w.string(reason)
  }
  init(snapshot r: inout SnapshotReader) {
    self.init(seq: r.int(), recorded: r.value(), actor: r.string(), reason: r.string())
  }
}

extension Site: SnapshotCodable {
  func write(to w: inout SnapshotWriter) {
    w.string(id)
    w.string(name)
    w.string(organization)
    w.string(address)
    w.string(note)
  }
  init(snapshot r: inout SnapshotReader) {
    self.init(
      id: r.string(), name: r.string(), organization: r.string(), address: r.string(), note: r.string())
  }
}

extension Appointment: SnapshotCodable {
  func write(to w: inout SnapshotWriter) {
    w.string(id)
    w.string(title)
    w.raw(kind)
    w.value(start)
    w.value(end)
    w.string(timezone)
    w.string(site)
    w.strings(hosts)
    w.string(note)
    w.bool(cancelled)
    w.strings(attendees)
    w.int(changes)
    w.value(updated)
    w.int64(startInstant)
    w.int64(endInstant)
    w.string(titleDe)
    w.string(internalNote)
  }
  init(snapshot r: inout SnapshotReader) {
    self.init(
      id: r.string(), title: r.string(), kind: r.raw(.other), start: r.value(), end: r.value(),
      timezone: r.string(), site: r.string(), hosts: r.strings(), note: r.string(), cancelled: r.bool(),
      attendees: r.strings(), changes: r.int(), updated: r.value(), startInstant: r.int64(),
      endInstant: r.int64(), titleDe: r.string(), internalNote: r.string())
  }
}

extension PersonalData: SnapshotCodable {
  func write(to w: inout SnapshotWriter) {
    w.string(name)
    w.string(function)
    w.string(organization)
    w.string(email)
    w.string(phone)
    w.string(diet)
    w.string(access)
    w.optional(languages) { $0.strings($1) }
    w.optional(erased) { $0.bool($1) }
  }
  init(snapshot r: inout SnapshotReader) {
    self.init(
      name: r.string(), function: r.string(), organization: r.string(), email: r.string(), phone: r.string(),
      diet: r.string(), access: r.string(), languages: r.optional { $0.strings() },
      erased: r.optional { $0.bool() })
  }
}

extension Attendee: SnapshotCodable {
  func write(to w: inout SnapshotWriter) {
    w.string(id)
    w.raw(side)
    w.value(personal)
    w.bool(withdrawn)
    w.int(rank)
  }
  init(snapshot r: inout SnapshotReader) {
    self.init(id: r.string(), side: r.raw(.host), personal: r.value(), withdrawn: r.bool(), rank: r.int())
  }
}

extension Mou: SnapshotCodable {
  func write(to w: inout SnapshotWriter) {
    w.string(id)
    w.string(title)
    w.strings(signatories)
    w.optional(date) { $0.value($1) }
    w.string(place)
    w.strings(commitments)
    w.value(signed)
    w.optional(planned) { $0.bool($1) }
  }
  init(snapshot r: inout SnapshotReader) {
    self.init(
      id: r.string(), title: r.string(), signatories: r.strings(), date: r.optional { $0.value() },
      place: r.string(), commitments: r.strings(), signed: r.value(), planned: r.optional { $0.bool() })
  }
}

extension Travel: SnapshotCodable {
  func write(to w: inout SnapshotWriter) {
    w.string(id)
    w.strings(persons)
    w.raw(direction)
    w.value(at)
    w.int64(instant)
    w.optional(mode) { $0.raw($1) }
    w.string(number)
    w.string(from)
    w.string(to)
    w.string(pickup)
    w.string(note)
    w.bool(cancelled)
  }
  init(snapshot r: inout SnapshotReader) {
    self.init(
      id: r.string(), persons: r.strings(), direction: r.raw(.arrival), at: r.value(), instant: r.int64(),
      mode: r.optional { $0.raw(.other) }, number: r.string(), from: r.string(), to: r.string(),
      pickup: r.string(), note: r.string(), cancelled: r.bool())
  }
}

extension Gift: SnapshotCodable {
  func write(to w: inout SnapshotWriter) {
    w.string(id)
    w.string(description)
    w.raw(direction)
    w.string(from)
    w.string(to)
    w.int(value)
    w.string(disposition)
    w.value(date)
  }
  init(snapshot r: inout SnapshotReader) {
    self.init(
      id: r.string(), description: r.string(), direction: r.raw(.given), from: r.string(), to: r.string(),
      value: r.int(), disposition: r.string(), date: r.value())
  }
}

extension TaskOrigin: SnapshotCodable {
  func write(to w: inout SnapshotWriter) {
    switch self {
    case .manual: w.int(0)
    case .mouCopy(let mou, let signatory):
      w.int(1)
      w.string(mou)
      w.string(signatory)
    case .mouCommitment(let mou, let number):
      w.int(2)
      w.string(mou)
      w.int(number)
    case .receptionThanks(let appointment):
      w.int(3)
      w.string(appointment)
    case .hostThanks(let appointment, let host):
      w.int(4)
      w.string(appointment)
      w.string(host)
    case .goldenBook(let appointment):
      w.int(5)
      w.string(appointment)
    case .visitReport: w.int(6)
    }
  }
  init(snapshot r: inout SnapshotReader) {
    switch r.int() as Int {
    case 0: self = .manual
    case 1: self = .mouCopy(mou: r.string(), signatory: r.string())
    case 2: self = .mouCommitment(mou: r.string(), number: r.int())
    case 3: self = .receptionThanks(appointment: r.string())
    case 4: self = .hostThanks(appointment: r.string(), host: r.string())
    case 5: self = .goldenBook(appointment: r.string())
    case 6: self = .visitReport
    default:
      r.fail()
      self = .manual
    }
  }
}

extension FollowUpTask: SnapshotCodable {
  func write(to w: inout SnapshotWriter) {
    w.string(id)
    w.string(title)
    w.string(titleDe)
    w.string(owner)
    w.optional(due) { $0.value($1) }
    w.raw(status)
    w.value(origin)
  }
  init(snapshot r: inout SnapshotReader) {
    self.init(
      id: r.string(), title: r.string(), titleDe: r.string(), owner: r.string(),
      due: r.optional { $0.value() },
      status: r.raw(.open), origin: r.value())
  }
}

extension TaskProgress: SnapshotCodable {
  func write(to w: inout SnapshotWriter) {
    w.string(title)
    w.string(owner)
    w.optional(due) { $0.value($1) }
    w.raw(status)
  }
  init(snapshot r: inout SnapshotReader) {
    self.init(title: r.string(), owner: r.string(), due: r.optional { $0.value() }, status: r.raw(.open))
  }
}

extension Note: SnapshotCodable {
  func write(to w: inout SnapshotWriter) {
    w.string(text)
    w.value(meta)
    w.bool(`internal`)
  }
  init(snapshot r: inout SnapshotReader) { self.init(text: r.string(), meta: r.value(), internal: r.bool()) }
}

extension Publication: SnapshotCodable {
  func write(to w: inout SnapshotWriter) {
    w.int(version)
    w.string(note)
    w.value(meta)
  }
  init(snapshot r: inout SnapshotReader) { self.init(version: r.int(), note: r.string(), meta: r.value()) }
}

extension Keyed: SnapshotCodable where Element: SnapshotCodable {
  func write(to w: inout SnapshotWriter) { w.list(items) }
  init(snapshot r: inout SnapshotReader) {
    guard let keyed = Keyed(unique: r.list()) else {
      r.fail()
      self.init()
      return
    }
    self = keyed
  }
}

extension Visit: SnapshotCodable {
  func write(to w: inout SnapshotWriter) {
    w.string(id)
    w.string(title)
    w.string(titleDe)
    w.string(partner)
    w.value(from)
    w.value(to)
    w.string(timezone)
    w.raw(direction)
    w.string(program)
    w.strings(topics)
    w.strings(organizers)
    w.int(travelBuffer)
    w.raw(status)
    w.value(sites)
    w.value(appointments)
    w.value(attendees)
    w.value(mous)
    w.value(travel)
    w.value(gifts)
    w.value(manualTasks)
    w.int(taskProgress.count)
    for (id, progress) in taskProgress.sorted(by: { $0.key < $1.key }) {
      w.string(id)
      w.value(progress)
    }
    w.list(notes)
    w.list(publications)
    w.int(version)
    w.value(scheduled)
    w.value(lastChange)
  }

  init(snapshot r: inout SnapshotReader) {
    id = r.string()
    title = r.string()
    titleDe = r.string()
    partner = r.string()
    from = r.value()
    to = r.value()
    timezone = r.string()
    direction = r.raw(.incoming)
    program = r.string()
    topics = r.strings()
    organizers = r.strings()
    travelBuffer = r.int()
    status = r.raw(.planned)
    sites = r.value()
    appointments = r.value()
    attendees = r.value()
    mous = r.value()
    travel = r.value()
    gifts = r.value()
    manualTasks = r.value()
    let n = r.count()
    taskProgress.reserveCapacity(n)
    for _ in 0..<n {
      let id: String = r.string()
      taskProgress[id] = r.value()
    }
    notes = r.list()
    publications = r.list()
    version = r.int()
    scheduled = r.value()
    lastChange = r.value()
  }
}
