import EventLog

/// A moment in a visit's history, as `--as-of`, `--since` and `--from` name it.
public enum Point: Sendable, Equatable, CustomStringConvertible {
  /// After the N-th event of the stream (`seq:N`).
  case seq(Int)
  /// When agenda version N was published (`v:N`).
  case published(Int)
  /// An instant (`2022-04-28T12:00:00Z`, `2022-04-28T14:00+02:00`).
  case instant(Timestamp)
  /// The end of a day in the visit's time zone (`2022-04-28`).
  case endOfDay(LocalDate)

  /// Parses the forms the CLI contract names; nil for anything else.
  public init?(_ text: String) {
    if text.hasPrefix("seq:") || text.hasPrefix("v:") {
      let isSeq = text.hasPrefix("seq:")
      let digits = text.dropFirst(isSeq ? 4 : 2)
      guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let n = Int(digits),
        n >= 0, n < Int(Int32.max)
      else { return nil }
      self = isSeq ? .seq(n) : .published(n)
    } else if let d = LocalDate(text) {
      self = .endOfDay(d)
    } else if let t = Point.instant(text) {
      self = .instant(t)
    } else {
      return nil
    }
  }

  public var description: String {
    switch self {
    case .seq(let n): return "seq:\(n)"
    case .published(let n): return "v:\(n)"
    case .instant(let t): return t.description
    case .endOfDay(let d): return d.description
    }
  }

  /// `YYYY-MM-DDTHH:MM[:SS[.fff]]` followed by `Z` or `±HH:MM`.
  static func instant(_ text: String) -> Timestamp? {
    let b = Array(text.utf8)
    guard b.count >= 17, let local = LocalDateTime(String(decoding: b[0..<16], as: UTF8.self)) else {
      return nil
    }
    var i = 16
    var ms: Int64 = 0
    if i < b.count, b[i] == 0x3A {
      guard i + 3 <= b.count, let s = Int(String(decoding: b[(i + 1)..<(i + 3)], as: UTF8.self)),
        b[(i + 1)..<(i + 3)].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), s < 60
      else { return nil }
      ms = Int64(s) * 1000
      i += 3
      if i < b.count, b[i] == 0x2E {
        var j = i + 1
        var frac = ""
        while j < b.count, b[j] >= 0x30, b[j] <= 0x39 {
          frac.append(Character(UnicodeScalar(b[j])))
          j += 1
        }
        guard !frac.isEmpty, frac.count <= 9 else { return nil }
        ms += Int64(String((frac + "00").prefix(3))) ?? 0
        i = j
      }
    }
    var offset = 0
    let rest = b[i...]
    if rest.elementsEqual([0x5A]) {
      offset = 0
    } else if rest.count == 6, rest.first == 0x2B || rest.first == 0x2D, b[i + 3] == 0x3A,
      (b[(i + 1)..<(i + 3)] + b[(i + 4)..<(i + 6)]).allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
      let h = Int(String(decoding: b[(i + 1)..<(i + 3)], as: UTF8.self)),
      let m = Int(String(decoding: b[(i + 4)..<(i + 6)], as: UTF8.self)), h < 24, m < 60
    {
      offset = (h * 60 + m) * 60 * (rest.first == 0x2D ? -1 : 1)
    } else {
      return nil
    }
    return Timestamp(milliseconds: (local.naiveSeconds - Int64(offset)) * 1000 + ms)
  }

  /// The part of a stream this point admits, given the stream's records.
  ///
  /// - Throws: `PlanningError.notFound` for an agenda version that was never published.
  public func limit(in records: [EventRecord], visit: String) throws(PlanningError) -> ReadLimit {
    switch self {
    case .seq(let n): return .seq(n)
    case .instant(let t): return .recorded(t)
    case .published(let n):
      for r in records where r.type == AgendaPublished.eventType {
        if case .agendaPublished(let p) = try EventCodec.decode(r), p.version == n { return .seq(r.seq) }
      }
      throw .notFound(kind: .agendaVersion, id: String(n), visit: visit)
    case .endOfDay(let d):
      var zone = "UTC"
      if let first = records.first, case .visitScheduled(let s) = try EventCodec.decode(first) {
        zone = s.timezone
      }
      let instant = Zone.startOfDay(d.adding(days: 1), in: zone)
      return .recorded(Timestamp(milliseconds: instant * 1000 - 1))
    }
  }
}

extension Point {
  /// Parses the POINT given for `field` (`--as-of`, `--since`, a form's "as of").
  ///
  /// - Throws: `PlanningError.invalidPoint` naming the field.
  public static func parse(_ text: String, field: Field) throws(PlanningError) -> Point {
    guard let p = Point(text) else { throw .invalidPoint(field: field, text: text, reason: .malformed) }
    return p
  }

  /// Refuses `seq:N` and `v:N` when there is no single visit to count them in.
  func requireVisit(field: Field, visit: String?) throws(PlanningError) {
    guard visit == nil else { return }
    switch self {
    case .seq, .published: throw .invalidPoint(field: field, text: description, reason: .needsVisit)
    case .instant, .endOfDay: return
    }
  }
}
