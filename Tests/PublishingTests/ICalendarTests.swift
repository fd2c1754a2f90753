import EventLog
import Foundation
import Planning
import Testing

@testable import Publishing

/// The logical lines of an iCalendar text: unfolded, without their CRLF.
func contentLines(_ ics: String) -> [String] {
  let unfolded = ics.replacingOccurrences(of: "\r\n ", with: "")
  var lines = unfolded.components(separatedBy: "\r\n")
  if lines.last == "" { lines.removeLast() }
  return lines
}

/// The lines of each VEVENT (without BEGIN/END), in file order.
func events(_ ics: String) -> [[String]] {
  blocks("VEVENT", in: contentLines(ics))
}

func blocks(_ name: String, in lines: [String]) -> [[String]] {
  var out: [[String]] = []
  var current: [String]?
  for l in lines {
    if l == "BEGIN:\(name)" {
      current = []
    } else if l == "END:\(name)" {
      if let c = current { out.append(c) }
      current = nil
    } else {
      current?.append(l)
    }
  }
  return out
}

/// The value of property `name` (with or without parameters) in a block.
func value(_ name: String, in block: [String]) -> String? {
  for l in block where l.hasPrefix(name + ":") || l.hasPrefix(name + ";") {
    guard let colon = l.firstIndex(of: ":") else { continue }
    return String(l[l.index(after: colon)...])
  }
  return nil
}

@Suite("iCalendar content lines")
struct ContentLineTests {
  @Test(
    "TEXT escaping",
    arguments: [
      ("plain", "plain"),
      ("a,b", "a\\,b"),
      ("a;b", "a\\;b"),
      ("back\\slash", "back\\\\slash"),
      ("line\nbreak", "line\\nbreak"),
      ("windows\r\nbreak", "windows\\nbreak"),
      ("lone\rreturn", "lonereturn"),
      ("tab\there", "tabhere"),
      ("bell\u{07}esc\u{1B}[31mdel\u{7F}nel\u{85}nul\u{0}", "bellesc[31mdelnelnul"),
      (
        "Zoë \"Z\" <script>alert(1)</script> & Jürgen: ok", "Zoë \"Z\" <script>alert(1)</script> & Jürgen: ok"
      ),
      ("\\n is not a newline", "\\\\n is not a newline"),
      ("😀", "😀"),
    ])
  func escaping(raw: String, escaped: String) {
    #expect(ICalendar.text(raw) == escaped)
  }

  @Test("75 octets stay on one line, 76 are folded")
  func boundary() {
    let a75 = String(repeating: "a", count: 75)
    #expect(ContentLine.fold(a75) == a75 + "\r\n")
    #expect(ContentLine.fold(a75 + "b") == a75 + "\r\n b\r\n")
    #expect(ContentLine.fold("") == "\r\n")
  }

  @Test(
    "a multi-byte character at the boundary moves to the next line whole",
    arguments: ["é", "€", "😀"])
  func multibyte(character: String) {
    let width = character.utf8.count
    // Exactly 75 octets: not folded.
    let fits = String(repeating: "a", count: 75 - width) + character
    #expect(ContentLine.fold(fits) == fits + "\r\n")
    // One octet more before it: the character would straddle octet 75, so it starts the next line.
    let head = String(repeating: "a", count: 76 - width)
    #expect(ContentLine.fold(head + character) == head + "\r\n " + character + "\r\n")
  }

  @Test(
    "long lines: every physical line at most 75 octets and valid UTF-8, unfolding restores the line",
    arguments: ["a", "é", "€", "😀", "aé€😀"])
  func long(unit: String) throws {
    let line = "SUMMARY:" + String(repeating: unit, count: 100)
    let folded = ContentLine.fold(line)
    #expect(folded.hasSuffix("\r\n"))
    var physical = Array(folded.utf8).split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
    #expect(physical.removeLast() == [])
    #expect(physical.count > 1)
    for (i, p) in physical.enumerated() {
      #expect(p.last == 0x0D)
      let content = p.dropLast()
      #expect(content.count <= 75)
      #expect(String(validating: content, as: UTF8.self) != nil)
      if i > 0 { #expect(content.first == 0x20) }
    }
    #expect(folded.replacingOccurrences(of: "\r\n ", with: "") == line + "\r\n")
  }

  @Test("UTC timestamps, local times and offsets")
  func formats() throws {
    let t = try #require(Timestamp(logForm: "2022-04-01T08:05:09.999Z"))
    #expect(ICalendar.utc(t) == "20220401T080509Z")
    #expect(ICalendar.local(at("2022-05-02T07:05")) == "20220502T070500")
    #expect(ICalendar.offset(3600) == "+0100")
    #expect(ICalendar.offset(-18000) == "-0500")
    #expect(ICalendar.offset(19800) == "+0530")
    #expect(ICalendar.offset(0) == "+0000")
    #expect(ICalendar.offset(-(3600 + 75)) == "-010115")
  }
}

@Suite("iCalendar export")
struct ICalendarTests {
  let sample = Sample.visit()

  @Test("calendar header and footer")
  func envelope() {
    let lines = contentLines(ICalendar.calendar(sample.visit))
    #expect(
      Array(lines.prefix(5)) == [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Stadt Dortmund//visits//EN", "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:Pittsburgh delegation",
      ])
    #expect(lines.last == "END:VCALENDAR")
  }

  @Test("CRLF after every line, no bare CR or LF, no line over 75 octets")
  func lineEndings() {
    let long = String(repeating: "Zoë, Jürgen & 😀; ", count: 20) + "\nend"
    var b = Sample.visit(title: long, p2Name: long)
    b.apply(.noteAdded(NoteAdded(text: "irrelevant")))
    let ics = ICalendar.calendar(b.visit)
    let bytes = Array(ics.utf8)
    #expect(bytes.suffix(2) == [0x0D, 0x0A])
    for (i, byte) in bytes.enumerated() {
      if byte == 0x0A { #expect(i > 0 && bytes[i - 1] == 0x0D, "bare LF at octet \(i)") }
      if byte == 0x0D { #expect(i + 1 < bytes.count && bytes[i + 1] == 0x0A, "bare CR at octet \(i)") }
    }
    let physical = bytes.split(separator: 0x0A).map { $0.dropLast() }
    #expect(physical.allSatisfy { $0.count <= 75 })
    #expect(physical.contains { $0.count > 70 })
    #expect(contentLines(ics).contains("X-WR-CALNAME:" + ICalendar.text(long)))
  }

  @Test("one VEVENT per appointment, cancelled included, in order of start")
  func order() {
    var b = sample
    b.apply(
      .appointmentScheduled(
        AppointmentScheduled(
          appointment: "breakfast", title: "Breakfast", kind: .meal, start: at("2022-05-02T08:00"),
          end: at("2022-05-02T09:00"), timezone: "Europe/Berlin")))
    let uids = events(ICalendar.calendar(b.visit)).map { value("UID", in: $0) }
    #expect(
      uids == [
        "breakfast.v@visits.dortmund.de", "rec.v@visits.dortmund.de", "call.v@visits.dortmund.de",
        "dinner.v@visits.dortmund.de", "tour.v@visits.dortmund.de",
      ])
  }

  @Test("the fields of one event")
  func fields() throws {
    let rec = try #require(events(ICalendar.calendar(sample.visit)).first)
    #expect(
      rec == [
        "UID:rec.v@visits.dortmund.de",
        "DTSTAMP:20220401T081000Z",
        "DTSTART;TZID=Europe/Berlin:20220502T100000",
        "DTEND;TZID=Europe/Berlin:20220502T110000",
        "SUMMARY:Reception",
        "LOCATION:Rathaus\\, Friedensplatz 1\\, 44135 Dortmund",
        "DESCRIPTION:Kind: reception\\nHosts: Mayor\\, Deputy\\nAttending: Jane Roe\\, "
          + ICalendar.text(trickyName) + "\\nNote: Bring gifts",
        "CATEGORIES:reception",
        "STATUS:CONFIRMED",
        "SEQUENCE:0",
      ])
    let call = try #require(events(ICalendar.calendar(sample.visit)).dropFirst().first)
    #expect(value("DTSTART", in: call) == "20220503T090000")
    #expect(call.contains("DTSTART;TZID=America/New_York:20220503T090000"))
    #expect(value("LOCATION", in: call) == nil)
    #expect(value("DESCRIPTION", in: call) == "Kind: meeting\\nAttending: Jane Roe")
  }

  @Test("DESCRIPTION in German")
  func german() throws {
    let rec = try #require(events(ICalendar.calendar(sample.visit, labels: Labels(.de))).first)
    #expect(
      value("DESCRIPTION", in: rec) == "Art: Empfang\\nGastgebende: Mayor\\, Deputy\\nTeilnahme: Jane Roe\\, "
        + ICalendar.text(trickyName) + "\\nHinweis: Bring gifts")
  }

  @Test("a VTIMEZONE for each zone the exported appointments use")
  func timezones() throws {
    let all = contentLines(ICalendar.calendar(sample.visit))
    #expect(
      blocks("VTIMEZONE", in: all).map { value("TZID", in: $0) } == ["America/New_York", "Europe/Berlin"])
    // p2 attends only Berlin appointments.
    let p2 = contentLines(ICalendar.calendar(sample.visit, person: "p2"))
    #expect(blocks("VTIMEZONE", in: p2).map { value("TZID", in: $0) } == ["Europe/Berlin"])
    // No appointments, no zones.
    let empty = VisitBuilder(
      VisitScheduled(title: "E", partner: "X", from: day("2022-05-02"), to: day("2022-05-02")))
    #expect(blocks("VTIMEZONE", in: contentLines(ICalendar.calendar(empty.visit))).isEmpty)
  }

  @Test("Berlin and New York transitions of the visit's year and the year before")
  func transitions() throws {
    let all = contentLines(ICalendar.calendar(sample.visit))
    let zones = blocks("VTIMEZONE", in: all)
    let berlin = try #require(zones.first { value("TZID", in: $0) == "Europe/Berlin" })
    let newYork = try #require(zones.first { value("TZID", in: $0) == "America/New_York" })
    let berlinDaylight = blocks("DAYLIGHT", in: berlin)
    let berlinStandard = blocks("STANDARD", in: berlin)
    #expect(berlinDaylight.map { value("DTSTART", in: $0) } == ["20210328T020000", "20220327T020000"])
    #expect(
      berlinStandard.map { value("DTSTART", in: $0) } == [
        "20210101T000000", "20211031T030000", "20221030T030000",
      ])
    #expect(
      berlinDaylight.allSatisfy { $0.contains("TZOFFSETFROM:+0100") && $0.contains("TZOFFSETTO:+0200") })
    #expect(
      berlinStandard.dropFirst().allSatisfy {
        $0.contains("TZOFFSETFROM:+0200") && $0.contains("TZOFFSETTO:+0100")
      })
    #expect(berlinStandard.allSatisfy { value("TZNAME", in: $0) != nil })
    let nyDaylight = try #require(blocks("DAYLIGHT", in: newYork).last)
    #expect(value("DTSTART", in: nyDaylight) == "20220313T020000")
    #expect(value("TZOFFSETFROM", in: nyDaylight) == "-0500")
    #expect(value("TZOFFSETTO", in: nyDaylight) == "-0400")
  }

  @Test(
    "a zone without daylight saving time gets one STANDARD",
    arguments: [("UTC", "+0000"), ("Asia/Kolkata", "+0530")])
  func noDaylight(zone: String, offset: String) throws {
    var b = VisitBuilder(
      VisitScheduled(title: "T", partner: "X", from: day("2022-05-02"), to: day("2022-05-02")))
    b.apply(
      .appointmentScheduled(
        AppointmentScheduled(
          appointment: "a", title: "A", start: at("2022-05-02T10:00"), end: at("2022-05-02T11:00"),
          timezone: zone)))
    let zones = blocks("VTIMEZONE", in: contentLines(ICalendar.calendar(b.visit)))
    try #require(zones.count == 1)
    #expect(value("TZID", in: zones[0]) == zone)
    #expect(blocks("DAYLIGHT", in: zones[0]).isEmpty)
    let standard = blocks("STANDARD", in: zones[0])
    try #require(standard.count == 1)
    #expect(value("TZOFFSETFROM", in: standard[0]) == offset)
    #expect(value("TZOFFSETTO", in: standard[0]) == offset)
    #expect(value("DTSTART", in: standard[0]) == "20210101T000000")
  }

  @Test("UIDs and bytes are stable across exports and unrelated events")
  func stable() {
    var b = sample
    let first = ICalendar.calendar(b.visit)
    #expect(ICalendar.calendar(b.visit) == first)
    b.apply(.noteAdded(NoteAdded(text: "not about appointments")))
    b.apply(.taskAdded(TaskAdded(task: "t", title: "T")))
    #expect(ICalendar.calendar(b.visit) == first)
    let uids = events(first).compactMap { value("UID", in: $0) }
    #expect(Set(uids).count == 4)
    #expect(uids.allSatisfy { $0.hasSuffix(".v@visits.dortmund.de") })
  }

  @Test("a move raises SEQUENCE and DTSTAMP; a cancellation is STATUS:CANCELLED")
  func moveAndCancel() throws {
    let byUID = Dictionary(
      uniqueKeysWithValues: events(ICalendar.calendar(sample.visit)).map { (value("UID", in: $0) ?? "", $0) })
    let tour = try #require(byUID["tour.v@visits.dortmund.de"])
    #expect(value("SEQUENCE", in: tour) == "1")
    #expect(value("DTSTART", in: tour) == "20220504T090000")
    #expect(value("DTEND", in: tour) == "20220504T130000")
    #expect(value("DTSTAMP", in: tour) == "20220401T081500Z")
    #expect(value("STATUS", in: tour) == "CONFIRMED")
    let dinner = try #require(byUID["dinner.v@visits.dortmund.de"])
    #expect(value("STATUS", in: dinner) == "CANCELLED")
    #expect(value("SEQUENCE", in: dinner) == "0")
    #expect(value("DTSTAMP", in: dinner) == "20220401T081400Z")
    var b = sample
    b.apply(
      .appointmentMoved(
        AppointmentMoved(appointment: "tour", start: at("2022-05-04T10:00"), end: at("2022-05-04T14:00"))))
    let moved = try #require(events(ICalendar.calendar(b.visit)).last)
    #expect(value("SEQUENCE", in: moved) == "2")
  }

  @Test("a cancelled visit cancels every event")
  func cancelledVisit() {
    var b = sample
    b.apply(.visitCancelled(VisitCancelled()))
    let statuses = events(ICalendar.calendar(b.visit)).map { value("STATUS", in: $0) }
    #expect(statuses == Array(repeating: "CANCELLED", count: 4))
  }

  @Test("person: only the appointments that list the person now")
  func person() {
    func uids(_ v: Visit, _ p: String?) -> [String] {
      events(ICalendar.calendar(v, person: p)).compactMap {
        value("UID", in: $0)?.components(separatedBy: ".").first
      }
    }
    #expect(uids(sample.visit, nil) == ["rec", "call", "dinner", "tour"])
    #expect(uids(sample.visit, "p1") == ["rec", "call", "tour"])
    #expect(uids(sample.visit, "p2") == ["rec", "dinner"])
    #expect(uids(sample.visit, "nobody").isEmpty)
    var b = sample
    b.apply(.attendeeUnassigned(AttendeeUnassigned(appointment: "call", person: "p1")))
    #expect(uids(b.visit, "p1") == ["rec", "tour"])
    b.apply(.attendeeWithdrawn(AttendeeWithdrawn(person: "p2")))
    #expect(uids(b.visit, "p2").isEmpty)
  }
}

@Suite("iCalendar: values read from the log")
struct ICalendarForgedTests {
  @Test("a forged appointment id or zone cannot end a content line or a parameter")
  func forgedValues() throws {
    var b = Sample.visit()
    b.apply([
      .appointmentScheduled(
        AppointmentScheduled(
          appointment: "x\r\nATTENDEE:mailto:evil@example.org\r\nX", title: "T", kind: .meeting,
          start: at("2022-05-02T15:00"), end: at("2022-05-02T16:00"), timezone: "Europe/Berlin\r\nX-EVIL:1;\""
        )
      )
    ])
    let ics = ICalendar.calendar(b.visit)
    let lines = ics.components(separatedBy: "\r\n")
    #expect(!lines.contains { $0.hasPrefix("ATTENDEE") || $0.hasPrefix("X-EVIL") })
    // Every line break is a CRLF, and no line holds a bare CR or LF.
    #expect(!lines.contains { $0.contains("\r") || $0.contains("\n") })
    #expect(lines.contains { $0.hasPrefix("DTSTART;TZID=Europe/BerlinX-EVIL1:") })
  }
}
