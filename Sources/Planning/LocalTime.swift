import EventLog
import Foundation

/// A calendar date without a time zone, `YYYY-MM-DD`.
public struct LocalDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  public var year: Int
  public var month: Int
  public var day: Int

  public init(year: Int, month: Int, day: Int) {
    self.year = year
    self.month = month
    self.day = day
  }

  /// Parses `YYYY-MM-DD`; nil unless the shape is right and the day exists.
  public init?(_ text: String) {
    guard let (y, m, d) = Self.shape(text), CivilDate.isValid(year: Int64(y), month: Int64(m), day: Int64(d))
    else { return nil }
    self.init(year: y, month: m, day: d)
  }

  /// Splits `YYYY-MM-DD` into numbers without checking that the day exists.
  public static func shape(_ text: String) -> (Int, Int, Int)? {
    var text = text
    return text.withUTF8 { b in b.count == 10 ? shape(b, at: 0) : nil }
  }

  /// `YYYY-MM-DD` at `start` of `b`, which holds ten bytes from there, as numbers.
  static func shape(_ b: UnsafeBufferPointer<UInt8>, at start: Int) -> (Int, Int, Int)? {
    guard b[start + 4] == 0x2D, b[start + 7] == 0x2D, let y = digits(b, start, 4),
      let m = digits(b, start + 5, 2), let d = digits(b, start + 8, 2)
    else { return nil }
    return (y, m, d)
  }

  /// Day number since 1970-01-01.
  public var dayNumber: Int64 { CivilDate.toDays(year: Int64(year), month: month, day: day) }

  public init(dayNumber: Int64) {
    let (y, m, d) = CivilDate.fromDays(dayNumber)
    self.init(year: Int(y), month: m, day: d)
  }

  public func adding(days: Int) -> LocalDate { LocalDate(dayNumber: dayNumber + Int64(days)) }

  /// 0 = Monday … 6 = Sunday.
  public var weekday: Int { CivilDate.weekday(days: dayNumber) }

  public static func < (a: LocalDate, b: LocalDate) -> Bool { a.dayNumber < b.dayNumber }

  public var description: String {
    guard Self.writable(year, month, day) else {
      return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }
    return String(unsafeUninitializedCapacity: 10) { out in
      write(into: out)
      return 10
    }
  }

  /// Whether the date is written in exactly `YYYY-MM-DD` (every date a visit can have).
  static func writable(_ year: Int, _ month: Int, _ day: Int) -> Bool {
    (0...9999).contains(year) && (0...99).contains(month) && (0...99).contains(day)
  }

  /// Writes `YYYY-MM-DD` digit by digit (replay words the dates of every command it checks).
  func write(into out: UnsafeMutableBufferPointer<UInt8>) {
    putDigits(year, width: 4, into: out, at: 0)
    out[4] = 0x2D
    putDigits(month, width: 2, into: out, at: 5)
    out[7] = 0x2D
    putDigits(day, width: 2, into: out, at: 8)
  }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let d = LocalDate(text) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "not a date: \(text)"))
    }
    self = d
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(description)
  }
}

/// A wall-clock time on a date, `YYYY-MM-DDTHH:MM`, in some time zone named elsewhere.
public struct LocalDateTime: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  public var date: LocalDate
  /// Minutes since midnight, 0…1439.
  public var minutes: Int

  public init(date: LocalDate, minutes: Int) {
    self.date = date
    self.minutes = minutes
  }

  /// Parses `YYYY-MM-DDTHH:MM`; nil unless the shape is right and the date and time exist.
  public init?(_ text: String) {
    var text = text
    let read = text.withUTF8 { b -> (LocalDate, Int)? in
      guard b.count == 16, b[10] == 0x54, b[13] == 0x3A, let (y, mo, d) = LocalDate.shape(b, at: 0),
        CivilDate.isValid(year: Int64(y), month: Int64(mo), day: Int64(d)),
        let h = digits(b, 11, 2), let m = digits(b, 14, 2), h < 24, m < 60
      else { return nil }
      return (LocalDate(year: y, month: mo, day: d), h * 60 + m)
    }
    guard let (date, minutes) = read else { return nil }
    self.init(date: date, minutes: minutes)
  }

  /// Whether the text has the shape `YYYY-MM-DDTHH:MM` (digits in the right places).
  public static func hasShape(_ text: String) -> Bool {
    var text = text
    return text.withUTF8 { b in
      b.count == 16 && b[10] == 0x54 && b[13] == 0x3A && LocalDate.shape(b, at: 0) != nil
        && digits(b, 11, 2) != nil && digits(b, 14, 2) != nil
    }
  }

  public var hour: Int { minutes / 60 }
  public var minute: Int { minutes % 60 }
  /// `HH:MM`.
  public var clock: String { pad(hour, 2) + ":" + pad(minute, 2) }

  public static func < (a: LocalDateTime, b: LocalDateTime) -> Bool {
    (a.date, a.minutes) < (b.date, b.minutes)
  }

  public var description: String {
    guard LocalDate.writable(date.year, date.month, date.day), (0..<100 * 60).contains(minutes) else {
      return date.description + "T" + clock
    }
    return String(unsafeUninitializedCapacity: 16) { out in
      date.write(into: out)
      out[10] = 0x54
      putDigits(hour, width: 2, into: out, at: 11)
      out[13] = 0x3A
      putDigits(minute, width: 2, into: out, at: 14)
      return 16
    }
  }

  /// Seconds since the epoch if this wall-clock time were UTC.
  var naiveSeconds: Int64 { date.dayNumber * 86_400 + Int64(minutes) * 60 }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let d = LocalDateTime(text) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "not a local time: \(text)"))
    }
    self = d
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(description)
  }
}

/// A length of time as people write it: `+30m`, `-15m`, `+1h30m`, `90m`, `2h`.
public enum Minutes {
  /// The minutes a text means, or nil unless it is `[+|-]` then hours `h` and/or minutes `m`,
  /// at most a week.
  public static func parse(_ text: String) -> Int? {
    var rest = Substring(text)
    var sign = 1
    if rest.first == "+" || rest.first == "-" {
      sign = rest.first == "-" ? -1 : 1
      rest = rest.dropFirst()
    }
    var total = 0
    var seen = ""
    while !rest.isEmpty {
      let digits = rest.prefix { $0.isASCII && $0.isNumber }
      guard !digits.isEmpty, digits.count <= 5, let n = Int(digits) else { return nil }
      rest = rest.dropFirst(digits.count)
      guard let unit = rest.first, unit == "h" || unit == "m", !seen.contains(unit) else { return nil }
      if unit == "m" { seen += "hm" } else { seen += "h" }
      total += unit == "h" ? n * 60 : n
      rest = rest.dropFirst()
    }
    guard !seen.isEmpty, total <= 7 * 24 * 60 else { return nil }
    return sign * total
  }
}

/// IANA time-zone arithmetic, through Foundation's `TimeZone`.
public enum Zone {
  /// Whether `name` is an IANA zone this system knows (`Europe/Berlin`, `America/New_York`, `UTC`).
  public static func isValid(_ name: String) -> Bool {
    validity.answer(name) {
      // TimeZone(identifier:) also accepts abbreviations and offsets such as "GMT+2"; require the
      // IANA spelling: Area/Location or UTC.
      (name == "UTC" || name.contains("/")) && TimeZone(identifier: name) != nil
    }
  }

  /// What the system's zone data answered, kept for the process: every read checks the times of
  /// every appointment it folds, and asking ICU each time was a third of those checks.
  private static let validity = ZoneMemo<String, Bool>()
  private static let instants = ZoneMemo<ZoneTime, Int64?>()

  /// The instant (seconds since the epoch) of a wall-clock time in a zone.
  ///
  /// - Returns: nil when that wall-clock time does not exist there (skipped by a clock change).
  public static func instant(of local: LocalDateTime, in name: String) -> Int64? {
    instants.answer(ZoneTime(zone: name, naive: local.naiveSeconds)) { computedInstant(of: local, in: name) }
  }

  static func computedInstant(of local: LocalDateTime, in name: String) -> Int64? {
    guard let tz = TimeZone(identifier: name) else { return nil }
    let naive = local.naiveSeconds
    var guess = naive - Int64(tz.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(naive))))
    for _ in 0..<3 {
      let offset = Int64(tz.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(guess))))
      let next = naive - offset
      if next == guess { break }
      guess = next
    }
    return wallClock(of: guess, in: name) == local ? guess : nil
  }

  /// The instant a day begins in a zone: its midnight or, where the clocks skip midnight (as in
  /// America/Santiago or Asia/Beirut), the moment they jump.
  public static func startOfDay(_ date: LocalDate, in name: String) -> Int64 {
    let midnight = LocalDateTime(date: date, minutes: 0)
    if let t = instant(of: midnight, in: name) { return t }
    // Skipped: the jump happens at midnight in the offset that held before it.
    return midnight.naiveSeconds - Int64(offset(at: midnight.naiveSeconds - 86_400, in: name))
  }

  /// The wall-clock time of an instant in a zone (seconds are dropped).
  public static func wallClock(of instant: Int64, in name: String) -> LocalDateTime {
    let offset =
      TimeZone(identifier: name).map {
        Int64($0.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant))))
      } ?? 0
    let local = instant + offset
    var days = local / 86_400
    var rest = local - days * 86_400
    if rest < 0 {
      rest += 86_400
      days -= 1
    }
    return LocalDateTime(date: LocalDate(dayNumber: days), minutes: Int(rest / 60))
  }

  /// Offset from UTC in seconds at an instant.
  public static func offset(at instant: Int64, in name: String) -> Int {
    TimeZone(identifier: name)?.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant))) ?? 0
  }

  /// The zone's abbreviation at an instant, such as `CEST` or `EDT`, where the system knows one.
  public static func abbreviation(at instant: Int64, in name: String) -> String? {
    TimeZone(identifier: name)?.abbreviation(for: Date(timeIntervalSince1970: TimeInterval(instant)))
  }
}

private func digits(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ count: Int) -> Int? {
  var v = 0
  for i in from..<(from + count) {
    guard b[i] >= 0x30, b[i] <= 0x39 else { return nil }
    v = v * 10 + Int(b[i] - 0x30)
  }
  return v
}

/// Writes the `width` last decimal digits of `value` (not negative) into `out` from `start`.
private func putDigits(_ value: Int, width: Int, into out: UnsafeMutableBufferPointer<UInt8>, at start: Int) {
  var v = value
  for i in stride(from: start + width - 1, through: start, by: -1) {
    out[i] = 0x30 &+ UInt8(truncatingIfNeeded: v % 10)
    v /= 10
  }
}

func pad(_ v: Int, _ width: Int) -> String {
  let s = String(v)
  return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

/// Answers of the zone data by question, under a lock (replay runs on several threads); emptied
/// when it grows past a bound, so a long run never holds more than that.
private final class ZoneMemo<Question: Hashable, Answer>: @unchecked Sendable {
  private static var bound: Int { 8_192 }
  private let lock = NSLock()
  private var answers: [Question: Answer] = [:]

  func answer(_ question: Question, _ compute: () -> Answer) -> Answer {
    if let known = lock.withLock({ answers[question] }) { return known }
    let answer = compute()
    lock.withLock {
      if answers.count >= Self.bound { answers.removeAll() }
      answers[question] = answer
    }
    return answer
  }
}

/// A wall-clock time in a zone, as `Zone.instant` is asked it.
private struct ZoneTime: Hashable {
  var zone: String
  var naive: Int64
}
