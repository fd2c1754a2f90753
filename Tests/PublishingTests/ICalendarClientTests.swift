import Foundation
import TestSupport
import Planning
import Testing

@testable import Publishing

/// What Python's `icalendar` makes of one exported file.
struct ParsedCalendar: Decodable {
  struct Event: Decodable {
    var uid: String
    var start: String
    var end: String
    var startZone: String
    var endZone: String
    var startUTC: Int64
    var endUTC: Int64
    var zoneOffset: Int
    /// The offset at the start as the file's own VTIMEZONE defines it.
    var vtimezoneOffset: Int?
    var sequence: Int
    var status: String
    var summary: String
    var description: String
    var location: String?
    var categories: [String]
    var dtstamp: String
  }

  var name: String
  var timezones: [String]
  var events: [Event]
  /// Problems icalendar noted while parsing (it records them instead of failing).
  var errors: [String]
}

/// Python's `icalendar` package reads what `ICalendar` writes.
@Suite(
  "iCalendar read by Python's icalendar",
  .enabled(
    if: Tools.hasPythonModule("icalendar"),
    "skipped: python3 module icalendar is missing (pip install icalendar)"))
struct ICalendarClientTests {
  static let reader = #"""
    import json, re, sys
    from datetime import timezone
    import icalendar

    def zone_name(dt):
        tz = dt.tzinfo
        return getattr(tz, 'key', None) or getattr(tz, 'zone', None) or str(tz)

    def text(raw):
        # icalendar keeps X- properties raw (vUnknown); RFC 5545 3.8.8.2 makes them TEXT by default.
        return re.sub(r'\\([\\;,nN])', lambda m: '\n' if m.group(1) in 'nN' else m.group(1), raw)

    def errors(component):
        found = [f'{component.name}: {e}' for e in getattr(component, 'errors', [])]
        for sub in component.subcomponents:
            found += errors(sub)
        return found

    out = []
    for path in sys.argv[1:]:
        with open(path, 'rb') as f:
            cal = icalendar.Calendar.from_ical(f.read())
        vtimezones = {str(t['TZID']): t for t in cal.walk('VTIMEZONE')}
        own = {k: v.to_tz(lookup_tzid=False) for k, v in vtimezones.items()}
        events = []
        for ev in cal.walk('VEVENT'):
            s = ev['DTSTART'].dt
            e = ev['DTEND'].dt
            tzid = str(ev['DTSTART'].params.get('TZID'))
            mine = own.get(tzid)
            events.append({
                'uid': str(ev['UID']),
                'start': s.replace(tzinfo=None).isoformat(),
                'end': e.replace(tzinfo=None).isoformat(),
                'startZone': zone_name(s),
                'endZone': zone_name(e),
                'startUTC': int(s.timestamp()),
                'endUTC': int(e.timestamp()),
                'zoneOffset': int(s.utcoffset().total_seconds()),
                'vtimezoneOffset': None if mine is None
                    else int(s.replace(tzinfo=mine).utcoffset().total_seconds()),
                'sequence': int(ev['SEQUENCE']),
                'status': str(ev['STATUS']),
                'summary': str(ev['SUMMARY']),
                'description': str(ev.get('DESCRIPTION', '')),
                'location': str(ev['LOCATION']) if 'LOCATION' in ev else None,
                'categories': [str(c) for c in ev['CATEGORIES'].cats],
                'dtstamp': ev['DTSTAMP'].dt.astimezone(timezone.utc).strftime('%Y%m%dT%H%M%SZ'),
            })
        out.append({'name': text(str(cal.get('X-WR-CALNAME'))), 'timezones': sorted(vtimezones),
                    'events': events, 'errors': errors(cal)})
    print(json.dumps(out))
    """#

  /// Writes each calendar to a file and parses them all in one run of Python.
  func parse(_ calendars: [String]) throws -> [ParsedCalendar] {
    let paths = try calendars.map { try Tools.temporaryFile($0, suffix: ".ics") }
    defer { paths.forEach { try? FileManager.default.removeItem(atPath: $0) } }
    let r = try Tools.python(Self.reader, paths)
    try #require(r.code == 0, "python: \(r.err)")
    let parsed = try JSONDecoder().decode([ParsedCalendar].self, from: Data(r.out.utf8))
    try #require(parsed.count == calendars.count)
    return parsed
  }

  @Test("events, times, zones and UIDs match the appointments")
  func appointments() throws {
    let v = Sample.visit().visit
    let cal = try #require(try parse([ICalendar.calendar(v)]).first)
    #expect(cal.errors == [])
    #expect(cal.name == "Pittsburgh delegation")
    #expect(cal.timezones == ["America/New_York", "Europe/Berlin"])
    let expected = v.appointments.sorted { $0.startInstant < $1.startInstant }
    try #require(cal.events.count == expected.count)
    #expect(cal.events.count == 4)
    for (e, a) in zip(cal.events, expected) {
      #expect(e.uid == "\(a.id).v@visits.dortmund.de")
      #expect(e.start == a.start.description + ":00")
      #expect(e.end == a.end.description + ":00")
      #expect(e.startZone == a.timezone)
      #expect(e.endZone == a.timezone)
      #expect(e.startUTC == a.startInstant)
      #expect(e.endUTC == a.endInstant)
      #expect(e.zoneOffset == Zone.offset(at: a.startInstant, in: a.timezone))
      #expect(
        e.vtimezoneOffset == e.zoneOffset, "the VTIMEZONE of \(a.timezone) disagrees with the zone database")
      #expect(e.sequence == a.changes)
      #expect(e.status == (a.cancelled ? "CANCELLED" : "CONFIRMED"))
      #expect(e.summary == a.title)
      #expect(e.categories == [Labels(.en)[Label(a.kind)]])
      #expect(e.dtstamp == ICalendar.utc(a.updated))
    }
    #expect(cal.events.first?.location == "Rathaus, Friedensplatz 1, 44135 Dortmund")
    #expect(
      cal.events.first?.description
        == "Kind: reception\nHosts: Mayor, Deputy\nAttending: Jane Roe, \(trickyName)\nNote: Bring gifts")
  }

  @Test("the VTIMEZONEs agree with the zone database across DST changes and in zones without DST")
  func ownTimezones() throws {
    var b = VisitBuilder(
      VisitScheduled(title: "Zones", partner: "X", from: day("2022-03-25"), to: day("2022-11-08")))
    let slots: [(String, String)] = [
      ("Europe/Berlin", "2022-03-26T12:00"), ("Europe/Berlin", "2022-03-27T12:00"),
      ("Europe/Berlin", "2022-10-29T12:00"), ("Europe/Berlin", "2022-10-30T12:00"),
      ("America/New_York", "2022-03-12T12:00"), ("America/New_York", "2022-03-13T12:00"),
      ("America/New_York", "2022-11-05T12:00"), ("America/New_York", "2022-11-06T12:00"),
      ("Australia/Sydney", "2022-04-02T12:00"), ("Australia/Sydney", "2022-04-03T12:00"),
      ("Asia/Kolkata", "2022-05-02T12:00"), ("UTC", "2022-05-02T12:00"),
    ]
    for (i, (zone, start)) in slots.enumerated() {
      let s = at(start)
      b.apply(
        .appointmentScheduled(
          AppointmentScheduled(
            appointment: "a\(i)", title: "A\(i)", start: s,
            end: LocalDateTime(date: s.date, minutes: s.minutes + 30),
            timezone: zone)))
    }
    let cal = try #require(try parse([ICalendar.calendar(b.visit)]).first)
    #expect(cal.errors == [])
    #expect(
      cal.timezones == ["America/New_York", "Asia/Kolkata", "Australia/Sydney", "Europe/Berlin", "UTC"])
    #expect(cal.events.count == slots.count)
    for e in cal.events {
      #expect(e.vtimezoneOffset == e.zoneOffset, "\(e.uid) at \(e.start) in \(e.startZone)")
    }
    let offsets = Dictionary(uniqueKeysWithValues: cal.events.map { ($0.uid, $0.zoneOffset) })
    #expect(offsets["a0.v@visits.dortmund.de"] == 3600)
    #expect(offsets["a1.v@visits.dortmund.de"] == 7200)
    #expect(offsets["a10.v@visits.dortmund.de"] == 19800)
  }

  @Test("UIDs equal across exports; a moved appointment has a higher SEQUENCE")
  func updates() throws {
    var b = Sample.visit()
    let before = ICalendar.calendar(b.visit)
    let again = ICalendar.calendar(b.visit)
    b.apply(
      .appointmentMoved(
        AppointmentMoved(appointment: "rec", start: at("2022-05-02T12:00"), end: at("2022-05-02T13:00"))))
    let after = ICalendar.calendar(b.visit)
    let parsed = try parse([before, again, after])
    let uids = parsed.map { $0.events.map(\.uid).sorted() }
    #expect(uids[0] == uids[1])
    #expect(uids[0] == uids[2])
    func rec(_ c: ParsedCalendar) -> ParsedCalendar.Event? {
      c.events.first { $0.uid == "rec.v@visits.dortmund.de" }
    }
    let old = try #require(rec(parsed[0]))
    let new = try #require(rec(parsed[2]))
    #expect(new.sequence > old.sequence)
    #expect(new.dtstamp > old.dtstamp)
    #expect(new.start == "2022-05-02T12:00:00")
    #expect(new.startZone == "Europe/Berlin")
  }

  @Test("markup, quotes, ampersands, line breaks and umlauts come through intact")
  func hostileText() throws {
    var b = VisitBuilder(
      VisitScheduled(title: trickyName, partner: "X", from: day("2022-05-02"), to: day("2022-05-02")))
    b.apply([
      .siteAdded(SiteAdded(site: "s", name: trickyName, address: "Straße 1, Köln")),
      .appointmentScheduled(
        AppointmentScheduled(
          appointment: "a", title: trickyName, kind: .ceremony, start: at("2022-05-02T10:00"),
          end: at("2022-05-02T11:00"), timezone: "Europe/Berlin", site: "s", hosts: [trickyName],
          note: trickyName)),
      .attendeeRegistered(
        AttendeeRegistered(person: "p", side: .press, personal: PersonalData(name: trickyName))),
      .attendeeAssigned(AttendeeAssigned(appointment: "a", person: "p")),
    ])
    let cal = try #require(try parse([ICalendar.calendar(b.visit, person: "p")]).first)
    #expect(cal.errors == [])
    #expect(cal.name == trickyName)
    let e = try #require(cal.events.first)
    #expect(e.summary == trickyName)
    #expect(Array(e.summary.utf8) == Array(trickyName.utf8))
    #expect(e.location == trickyName + ", Straße 1, Köln")
    let description = "Kind: ceremony\nHosts: \(trickyName)\nAttending: \(trickyName)\nNote: \(trickyName)"
    #expect(e.description == description)
    #expect(Array(e.description.utf8) == Array(description.utf8))
  }
}
