import EventLog

/// The list of visits as it was last built (`list`), kept by the store (`.cache/catalog.cache` of a
/// file store) with each stream's stamp, so that the next listing replays only the visits whose
/// stream changed since.
///
/// Like a snapshot it is only a cache: used only when its key (`SnapshotCache.key`: the layout,
/// the log format, the event types, the program) and its MAC are right and every line reads back,
/// otherwise rebuilt. A line is used only while its stream's stamp (inode, size and change time of
/// the file) is the one taken before that stream was read; any append or repair changes the
/// stamp. A catalog line holds no personal data (title, partner, dates, counts), so an erasure has
/// nothing to remove from it.
///
/// The body is one line per visit, tab-separated (a backslash escapes tab, newline, carriage
/// return and itself): read back with no JSON decoding, as `list` of 10,000 visits needs.
enum CatalogCache {
  private static let magic = Array("visits-catalog\n".utf8)
  static let name = "catalog"

  /// One visit's line and the stamp of its stream when it was read.
  struct Line: Equatable {
    var stamp: String
    var entry: CatalogEntry
  }

  /// The kept lines by visit id, or nothing when there is no usable catalog.
  static func load(from store: any EventStore) -> [String: Line] {
    guard let bytes = store.kept(named: name), bytes.count > magic.count + 65,
      Array(bytes.prefix(magic.count)) == magic, let secret = store.cacheKey(create: false)
    else { return [:] }
    let macStart = magic.count
    let body = bytes[(macStart + 65)...]
    guard bytes[macStart + 64] == 0x0A,
      SHA256.hex(HMAC.sha256(key: secret, message: body)).utf8.elementsEqual(
        bytes[macStart..<(macStart + 64)])
    else { return [:] }
    var rows = body.split(separator: 0x0A, omittingEmptySubsequences: false)
    guard rows.last?.isEmpty == true, let first = rows.first,
      String(decoding: first, as: UTF8.self) == SnapshotCache.key
    else { return [:] }
    rows.removeFirst()
    rows.removeLast()
    var lines: [String: Line] = [:]
    lines.reserveCapacity(rows.count)
    for row in rows {
      guard let line = decode(row) else { return [:] }
      lines[line.entry.id] = line
    }
    return lines
  }

  static func save(_ lines: [String: Line], in store: any EventStore) {
    guard let secret = store.cacheKey(create: true) else { return }
    var body = Array(SnapshotCache.key.utf8) + [0x0A]
    for (_, line) in lines.sorted(by: { $0.key < $1.key }) { encode(line, into: &body) }
    store.keep(
      magic + Array(SHA256.hex(HMAC.sha256(key: secret, message: body)).utf8) + [0x0A] + body, named: name)
  }

  // MARK: One line

  static func encode(_ line: Line, into out: inout [UInt8]) {
    let e = line.entry
    let fields = [
      line.stamp, e.id, e.title, e.titleDe.map { "+" + $0 } ?? "-", e.partner, e.from.description,
      e.to.description, e.timezone, e.direction.rawValue, e.status.rawValue, "\(e.appointments)",
      "\(e.attendees)", "\(e.openTasks)", "\(e.version)", "\(e.publishedVersion)",
    ]
    for (i, field) in fields.enumerated() {
      if i > 0 { out.append(0x09) }
      for b in field.utf8 {
        switch b {
        case 0x5C: out += [0x5C, 0x5C]
        case 0x09: out += [0x5C, 0x74]
        case 0x0A: out += [0x5C, 0x6E]
        case 0x0D: out += [0x5C, 0x72]
        default: out.append(b)
        }
      }
    }
    out.append(0x0A)
  }

  static func decode(_ row: ArraySlice<UInt8>) -> Line? {
    let f = row.split(separator: 0x09, omittingEmptySubsequences: false).map(unescape)
    guard f.count == 15, let from = LocalDate(f[5]), let to = LocalDate(f[6]),
      let direction = Direction(rawValue: f[8]), let status = VisitStatus(rawValue: f[9]),
      let appointments = Int(f[10]), let attendees = Int(f[11]), let openTasks = Int(f[12]),
      let version = Int(f[13]), let published = Int(f[14]), f[3] == "-" || f[3].hasPrefix("+")
    else { return nil }
    return Line(
      stamp: f[0],
      entry: CatalogEntry(
        id: f[1], title: f[2], titleDe: f[3] == "-" ? nil : String(f[3].dropFirst()), partner: f[4],
        from: from,
        to: to, timezone: f[7], direction: direction, status: status, appointments: appointments,
        attendees: attendees, openTasks: openTasks, version: version, publishedVersion: published))
  }

  private static func unescape(_ bytes: ArraySlice<UInt8>) -> String {
    guard bytes.contains(0x5C) else { return String(decoding: bytes, as: UTF8.self) }
    var out: [UInt8] = []
    var escaped = false
    for b in bytes {
      if escaped {
        out.append(b == 0x74 ? 0x09 : b == 0x6E ? 0x0A : b == 0x72 ? 0x0D : b)
        escaped = false
      } else if b == 0x5C {
        escaped = true
      } else {
        out.append(b)
      }
    }
    return String(decoding: out, as: UTF8.self)
  }
}
