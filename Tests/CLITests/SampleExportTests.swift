import Foundation
import TestSupport
import Testing

/// The exports of the sample visit, read by the real clients: Chromium and poppler for the printed
/// agenda, Python's icalendar for the calendar, Python's csv for the attendee list.
@Suite("Exports of the sample visit, read by real clients")
struct SampleExportTests {
  let events = repositoryRoot.appendingPathComponent("events").path
  let env = ["PATH": "/usr/bin:/bin:/usr/local/bin"]

  func visits(_ args: [String]) throws -> CLIStore.Result {
    let r = try runVisits(["--store", events] + args, environment: env)
    guard r.code == 0 else { throw CLIFailure(args: args, result: r) }
    return r
  }

  @Test(
    "the HTML agenda printed by headless Chromium: A4 pages, every day heading and site in order",
    .enabled(
      if: PrintTools.has("chromium") && PrintTools.has("pdftotext") && PrintTools.has("pdfinfo"),
      "skipped: chromium or poppler-utils missing (apt-get install chromium poppler-utils)"),
    arguments: [
      ("en", ["Monday, 2 May 2022", "Tuesday, 3 May 2022", "Wednesday, 4 May 2022"]),
      ("de", ["Montag, 2. Mai 2022", "Dienstag, 3. Mai 2022", "Mittwoch, 4. Mai 2022"]),
    ])
  func printedAgenda(lang: String, days: [String]) throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("agenda-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let html = dir.appendingPathComponent("agenda.html")
    let pdf = dir.appendingPathComponent("agenda.pdf")
    _ = try visits(["agenda", "pittsburgh-2022", "--lang", lang, "--format", "html", "-o", html.path])
    let printed = try PrintTools.printToPDF(
      html: html, pdf: pdf, profile: dir.appendingPathComponent("profile"))
    #expect(FileManager.default.fileExists(atPath: pdf.path), "chromium: \(printed.err)")
    let info = try PrintTools.run(try #require(PrintTools.path("pdfinfo")), [pdf.path]).out
    #expect(info.contains("595 x 842 pts (A4)") || info.contains("594.96 x 841.92 pts (A4)"), "\(info)")
    let text = try PrintTools.run(try #require(PrintTools.path("pdftotext")), ["-layout", pdf.path, "-"]).out
    // Days in order, and the programme's sites in the order the itinerary visits them.
    let sites = [
      "Stadthaus", "Rathaus Dortmund", "St. Urbanus", "GrünFrau", "DEW21", "WEW GmbH", "Deutsche Gasrußwerke",
    ]
    var cursor = text.startIndex
    for needle in [
      days[0], "Stadthaus", "Rathaus Dortmund", days[1], "St. Urbanus", "GrünFrau", days[2], "DEW21",
      "WEW GmbH", "Deutsche Gasrußwerke",
    ] {
      let found = text.range(of: needle, range: cursor..<text.endIndex)
      #expect(found != nil, "\(lang): '\(needle)' missing or out of order")
      cursor = found?.upperBound ?? cursor
    }
    for s in sites { #expect(text.contains(s)) }
    #expect(!text.contains("Guided walk"), "a cancelled appointment is left out")
  }

  @Test(
    "the calendar read by Python's icalendar matches the itinerary; UIDs are stable; moves raise SEQUENCE",
    .enabled(
      if: Tools.hasPythonModule("icalendar"),
      "skipped: python3 module icalendar is missing (pip install icalendar)"))
  func calendar() throws {
    let ics = try visits(["calendar", "pittsburgh-2022"]).out
    #expect(try visits(["calendar", "pittsburgh-2022"]).out == ics, "two exports are identical")
    let path = try Tools.temporaryFile(ics, suffix: ".ics")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let script = """
      import icalendar, json, sys
      cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
      out = []
      for e in cal.walk('VEVENT'):
          s = e.decoded('DTSTART')
          out.append({"uid": str(e['UID']), "start": s.strftime('%Y-%m-%dT%H:%M'), "tz": str(s.tzinfo),
                      "seq": int(e.get('SEQUENCE', 0)), "status": str(e.get('STATUS'))})
      print(json.dumps(out))
      """
    let r = try Tools.python(script, [path])
    #expect(r.code == 0, "\(r.err)")
    let events = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [[String: Any]])
    let itinerary = try #require(
      try JSONSerialization.jsonObject(
        with: Data(try visits(["itinerary", "pittsburgh-2022", "--format", "json"]).out.utf8))
        as? [String: Any])
    let appointments = (itinerary["days"] as? [[String: Any]] ?? []).flatMap {
      $0["appointments"] as? [[String: Any]] ?? []
    }
    let confirmed = events.filter { $0["status"] as? String == "CONFIRMED" }
    #expect(confirmed.count == appointments.count)
    #expect(events.count == appointments.count + 1, "plus the cancelled city walk")
    for a in appointments {
      let id = try #require(a["id"] as? String)
      let e = try #require(
        confirmed.first { $0["uid"] as? String == "\(id).pittsburgh-2022@visits.dortmund.de" }, "\(id)")
      #expect(e["start"] as? String == a["start"] as? String, "\(id)")
      #expect(e["tz"] as? String == "Europe/Berlin", "\(id)")
      #expect(e["seq"] as? Int == a["changes"] as? Int, "\(id)")
    }
    let reception = events.first { ($0["uid"] as? String)?.hasPrefix("reception.") == true }
    #expect((reception?["seq"] as? Int ?? 0) >= 1, "the reception was moved once")
  }

  @Test(
    "the attendee CSV read by Python's csv gives the same rows",
    .enabled(if: Tools.hasPythonModule("csv"), "skipped: python3 is missing"))
  func attendeeCSV() throws {
    let csv = try visits(["attendees", "pittsburgh-2022", "--format", "csv"]).out
    let json = try #require(
      try JSONSerialization.jsonObject(
        with: Data(try visits(["attendees", "pittsburgh-2022", "--format", "json"]).out.utf8))
        as? [String: Any])
    let people = try #require(json["attendees"] as? [[String: Any]])
    let path = try Tools.temporaryFile(csv, suffix: ".csv")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let r = try Tools.python(
      "import csv, json, sys; print(json.dumps(list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8'), strict=True))))",
      [path])
    let rows = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [[String]])
    #expect(rows.count == people.count + 1)
    #expect(rows.dropFirst().map { $0[0] } == people.map { $0["id"] as? String ?? "" })
    #expect(rows.dropFirst().map { $0[2] } == people.map { $0["name"] as? String ?? "" })
  }
}
