import EventLog
import Foundation
import TestSupport
import Testing

@testable import Planning

/// `Zone` keeps what the system's zone data answered (`ZoneMemo`): a kept answer must be the one
/// the data gives, for times that exist, times the clocks skip, and names that are no zone.
@Suite("Time zones")
struct ZoneTests {
  static let zones = [
    "Europe/Berlin", "America/New_York", "UTC", "Asia/Kolkata", "America/Santiago", "Australia/Lord_Howe",
  ]

  @Test("kept answers are the zone data's, asked once or many times, from two threads")
  func memoAgreesWithTheData() async {
    var rng = SplitMix64(seed: 0x2011E)
    var questions: [(String, LocalDateTime)] = []
    for _ in 0..<3000 {
      // 2021–2023, on the hour or the half hour: the clock changes fall among them.
      let date = LocalDate(year: 2021, month: 1, day: 1).adding(days: rng.int(0...1094))
      questions.append((rng.pick(Self.zones), LocalDateTime(date: date, minutes: rng.int(0...47) * 30)))
    }
    // Times the clocks skip in spring 2022: 02:30 in Berlin and New York, 02:15 on Lord Howe
    // Island (a half-hour change).
    let skipped: [(String, LocalDateTime)] = [
      ("Europe/Berlin", LocalDateTime(date: LocalDate(year: 2022, month: 3, day: 27), minutes: 150)),
      ("America/New_York", LocalDateTime(date: LocalDate(year: 2022, month: 3, day: 13), minutes: 150)),
      ("Australia/Lord_Howe", LocalDateTime(date: LocalDate(year: 2022, month: 10, day: 2), minutes: 135)),
    ]
    questions += skipped + skipped
    let expected = questions.map { Zone.computedInstant(of: $1, in: $0) }
    #expect(expected.suffix(6).allSatisfy { $0 == nil })
    #expect(expected.dropLast(6).filter { $0 != nil }.count > 2900)
    let asked = questions
    async let first = Task.detached { asked.map { Zone.instant(of: $1, in: $0) } }.value
    async let second = Task.detached { asked.reversed().map { Zone.instant(of: $1, in: $0) } }.value
    let (a, b) = await (first, second)
    #expect(a == expected)
    #expect(Array(b.reversed()) == expected)
    #expect(questions.map { Zone.instant(of: $1, in: $0) } == expected)
  }

  @Test("zone names are judged the same way each time they are asked")
  func validity() {
    let cases: [(String, Bool)] = [
      ("Europe/Berlin", true), ("UTC", true), ("America/Argentina/Buenos_Aires", true), ("GMT+2", false),
      ("CET", false), ("Europe/Atlantis", false), ("", false), ("europe/berlin", false),
    ]
    for _ in 0..<3 {
      for (name, valid) in cases { #expect(Zone.isValid(name) == valid, "\(name)") }
    }
  }
}

@Suite("Writing and reading local dates and times")
struct LocalTimeWritingTests {
  /// The form written with `pad`, as it was before it was written digit by digit.
  static func padded(_ d: LocalDate) -> String {
    pad(d.year, 4) + "-" + pad(d.month, 2) + "-" + pad(d.day, 2)
  }

  @Test("dates and times are written as padded numbers, on 20,000 random ones and the edges")
  func written() {
    var rng = SplitMix64(seed: 0x1DA7E)
    var dates = [
      LocalDate(year: 0, month: 1, day: 1), LocalDate(year: 9999, month: 12, day: 31),
      LocalDate(year: 10_000, month: 1, day: 1), LocalDate(year: -1, month: 1, day: 1),
      LocalDate(year: 2022, month: 100, day: 5), LocalDate(year: 7, month: 3, day: 9),
    ]
    for _ in 0..<20_000 {
      dates.append(LocalDate(year: rng.int(0...9999), month: rng.int(1...12), day: rng.int(1...31)))
    }
    for (i, date) in dates.enumerated() {
      #expect(date.description == Self.padded(date), "\(date.year) \(date.month) \(date.day)")
      let minutes = i < 6 ? [0, 59, 23 * 60 + 59, 99 * 60 + 59, 100 * 60, -1][i] : rng.int(0...(24 * 60 - 1))
      let time = LocalDateTime(date: date, minutes: minutes)
      #expect(time.description == Self.padded(date) + "T" + pad(time.hour, 2) + ":" + pad(time.minute, 2))
    }
  }

  @Test("what is written reads back, on 20,000 random dates and times")
  func readBack() {
    var rng = SplitMix64(seed: 0x2EAD)
    for _ in 0..<20_000 {
      let date = LocalDate(year: rng.int(0...9999), month: rng.int(1...12), day: rng.int(1...28))
      let time = LocalDateTime(date: date, minutes: rng.int(0...(24 * 60 - 1)))
      #expect(LocalDate(date.description) == date)
      #expect(LocalDateTime(time.description) == time)
      #expect(LocalDateTime.hasShape(time.description))
      #expect(
        Timestamp(logForm: Timestamp(milliseconds: time.naiveSeconds * 1000).description)?.milliseconds
          == time.naiveSeconds * 1000)
    }
  }

  @Test(
    "texts that are not a local time",
    arguments: [
      "2022-02-30T10:00", "2022-13-01T10:00", "2022-01-01T24:00", "2022-01-01T10:60", "2022-01-01 10:00",
      "2022-01-01T10:0", "2022-01-01T10:000", "２022-01-01T10:00", "2022-1-01T10:00", "2022-01-01T1a:00", "",
      "2022-01-01", "+022-01-01T10:00",
    ])
  func notTimes(text: String) {
    #expect(LocalDateTime(text) == nil)
    let shaped = ["2022-02-30T10:00", "2022-13-01T10:00", "2022-01-01T24:00", "2022-01-01T10:60"]
    #expect(LocalDateTime.hasShape(text) == shaped.contains(text))
    #expect(
      LocalDate(String(text.prefix(10)))
        == (text.hasPrefix("2022-01-01") ? LocalDate(year: 2022, month: 1, day: 1) : nil))
  }
}
