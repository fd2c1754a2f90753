/// A point in time as whole milliseconds since 1970-01-01T00:00:00Z, the resolution of the log.
///
/// The log writes it in one fixed form, `YYYY-MM-DDTHH:MM:SS.mmmZ`, which this type formats and
/// parses itself: Foundation's ISO 8601 formatters are far slower than a log replay can afford.
public struct Timestamp: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  /// Milliseconds since the Unix epoch, UTC.
  public var milliseconds: Int64

  public init(milliseconds: Int64) { self.milliseconds = milliseconds }

  public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.milliseconds < rhs.milliseconds }

  /// The log form, for example `2022-04-28T12:00:00.000Z`.
  public var description: String {
    var ms = milliseconds
    var days = ms / 86_400_000
    ms -= days * 86_400_000
    if ms < 0 {
      ms += 86_400_000
      days -= 1
    }
    let (y, m, d) = CivilDate.fromDays(days)
    let h = ms / 3_600_000
    let mi = (ms / 60_000) % 60
    let s = (ms / 1000) % 60
    let f = ms % 1000
    guard (0...9999).contains(y) else {
      return pad(y, 4) + "-" + pad(Int64(m), 2) + "-" + pad(Int64(d), 2) + "T" + pad(h, 2) + ":"
        + pad(mi, 2) + ":" + pad(s, 2) + "." + pad(f, 3) + "Z"
    }
    // Written digit by digit: every line read is checked to be in this form, so it is worded for
    // every record replayed.
    return String(unsafeUninitializedCapacity: 24) { out in
      func put(_ value: Int64, at start: Int, width: Int) {
        var v = value
        for i in stride(from: start + width - 1, through: start, by: -1) {
          out[i] = 0x30 &+ UInt8(truncatingIfNeeded: v % 10)
          v /= 10
        }
      }
      put(y, at: 0, width: 4)
      out[4] = 0x2D
      put(Int64(m), at: 5, width: 2)
      out[7] = 0x2D
      put(Int64(d), at: 8, width: 2)
      out[10] = 0x54
      put(h, at: 11, width: 2)
      out[13] = 0x3A
      put(mi, at: 14, width: 2)
      out[16] = 0x3A
      put(s, at: 17, width: 2)
      out[19] = 0x2E
      put(f, at: 20, width: 3)
      out[23] = 0x5A
      return 24
    }
  }

  /// Parses exactly the log form `YYYY-MM-DDTHH:MM:SS.mmmZ`; anything else gives `nil`.
  public init?(logForm text: String) {
    var text = text
    guard let milliseconds = text.withUTF8(Self.milliseconds) else { return nil }
    self.milliseconds = milliseconds
  }

  /// The instant `YYYY-MM-DDTHH:MM:SS.mmmZ` names, or nil.
  private static func milliseconds(_ b: UnsafeBufferPointer<UInt8>) -> Int64? {
    guard b.count == 24, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54, b[13] == 0x3A, b[16] == 0x3A,
      b[19] == 0x2E, b[23] == 0x5A
    else { return nil }
    func num(_ from: Int, _ count: Int) -> Int64? {
      var v: Int64 = 0
      for i in from..<(from + count) {
        let c = b[i]
        guard c >= 0x30, c <= 0x39 else { return nil }
        v = v * 10 + Int64(c - 0x30)
      }
      return v
    }
    guard let y = num(0, 4), let mo = num(5, 2), let d = num(8, 2), let h = num(11, 2),
      let mi = num(14, 2), let s = num(17, 2), let f = num(20, 3),
      CivilDate.isValid(year: y, month: mo, day: d), h < 24, mi < 60, s < 60
    else { return nil }
    let days = CivilDate.toDays(year: y, month: Int(mo), day: Int(d))
    return days * 86_400_000 + h * 3_600_000 + mi * 60_000 + s * 1000 + f
  }

  private func pad(_ v: Int64, _ width: Int) -> String {
    let s = String(v)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
  }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let t = Timestamp(logForm: text) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "not a timestamp: \(text)"))
    }
    self = t
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(description)
  }
}

/// Proleptic Gregorian calendar arithmetic on day numbers (days since 1970-01-01).
public enum CivilDate {
  /// Day number of a calendar date (Howard Hinnant's days_from_civil).
  public static func toDays(year: Int64, month: Int, day: Int) -> Int64 {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = Int64((month + 9) % 12)
    let doy = (153 * mp + 2) / 5 + Int64(day) - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// Calendar date of a day number.
  public static func fromDays(_ z0: Int64) -> (year: Int64, month: Int, day: Int) {
    let z = z0 + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = Int(doy - (153 * mp + 2) / 5 + 1)
    let m = Int(mp < 10 ? mp + 3 : mp - 9)
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }

  /// Whether year-month-day names a real day (so `2022-02-30` does not).
  public static func isValid(year: Int64, month: Int64, day: Int64) -> Bool {
    guard month >= 1, month <= 12, day >= 1 else { return false }
    return day <= Int64(daysInMonth(year: year, month: Int(month)))
  }

  public static func daysInMonth(year: Int64, month: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Day of the week of a day number: 0 = Monday … 6 = Sunday.
  public static func weekday(days: Int64) -> Int {
    // 1970-01-01 was a Thursday (3).
    let w = (days + 3) % 7
    return Int(w < 0 ? w + 7 : w)
  }
}
