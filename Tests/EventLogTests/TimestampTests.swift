import Foundation
import TestSupport
import Testing

@testable import EventLog

@Suite("Timestamp")
struct TimestampTests {
  /// The log form made the plain way, with Foundation's UTC calendar: what `description` must give.
  static func reference(_ t: Timestamp) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
    let seconds = t.milliseconds.quotientAndRemainder(dividingBy: 1000)
    let (whole, ms) = seconds.remainder < 0 ? (seconds.quotient - 1, seconds.remainder + 1000) : seconds
    let c = calendar.dateComponents(
      [.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: TimeInterval(whole)))
    func pad(_ v: Int?, _ width: Int) -> String {
      let s = String(v ?? -1)
      return String(repeating: "0", count: max(0, width - s.count)) + s
    }
    return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))T\(pad(c.hour, 2)):\(pad(c.minute, 2)):"
      + "\(pad(c.second, 2)).\(pad(Int(ms), 3))Z"
  }

  @Test(
    "the log form is what a calendar gives, and reads back to the same instant, on 20,000 random instants")
  func logForm() {
    var rng = SplitMix64(seed: 0x7157)
    // Year 1 to 9999, and the edges.
    let low: Int64 = -62_135_596_800_000
    let high: Int64 = 253_402_300_799_999
    var instants: [Int64] = [0, -1, 1, low, high, 951_782_400_000, 1_651_500_000_123]
    for _ in 0..<20_000 { instants.append(Int64(rng.int(Int(low)...Int(high)))) }
    // Foundation's calendar turns Julian before the Gregorian reform; the log's is proleptic.
    let reform: Int64 = -11_676_096_000_000  // 1600-01-01
    var compared = 0
    for ms in instants {
      let t = Timestamp(milliseconds: ms)
      if ms >= reform {
        compared += 1
        #expect(t.description == Self.reference(t), "\(ms)")
      }
      #expect(Timestamp(logForm: t.description) == t, "\(ms)")
    }
    #expect(compared > 15_000)
    #expect(Timestamp(milliseconds: low).description == "0001-01-01T00:00:00.000Z")
    #expect(Timestamp(milliseconds: high).description == "9999-12-31T23:59:59.999Z")
  }
}
