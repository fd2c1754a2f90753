import Foundation
import Testing

/// A three-day delegation from Kumasi planned from scratch, then the late changes every visit has:
/// a name typo corrected, an appointment retitled and moved to another site, the reception moved
/// by 30 minutes, the rest of an afternoon shifted, internal notes added.
@Suite("The Kumasi story: corrections, moves and internal notes end to end")
struct KumasiStoryTests {
  static let plan: [[String]] = [
    [
      "schedule", "k", "--title", "Delegation from Kumasi", "--title-de", "Delegation aus Kumasi",
      "--partner", "Kumasi Metropolitan Assembly", "--from", "2026-03-02", "--to", "2026-03-04",
    ],
    ["add-site", "k", "rathaus", "--name", "Rathaus", "--address", "Friedensplatz 1, 44135 Dortmund"],
    ["add-site", "k", "stadthaus", "--name", "Stadthaus", "--address", "Südwall 2-4, 44135 Dortmund"],
    ["add-site", "k", "phoenix", "--name", "PHOENIX See"],
    ["add-attendee", "k", "ofori", "--name", "Kwabena Ofroi", "--function", "Mayor of Kumasi"],
    ["add-attendee", "k", "asante", "--name", "Ama Asante", "--function", "Head of planning"],
    ["add-attendee", "k", "westphal", "--name", "Thomas Westphal", "--side", "host"],
    [
      "add-attendee", "k", "hoffmann", "--name", "Jana Hoffmann", "--side", "staff", "--phone",
      "+49 231 50-1",
    ],
    [
      "add-appointment", "k", "reception", "--title", "Reception by the Lord Mayor", "--kind", "reception",
      "--site", "rathaus", "--host", "westphal", "--start", "2026-03-02T11:00", "--end", "2026-03-02T12:00",
      "--note", "Dark suit",
    ],
    [
      "add-appointment", "k", "lunch", "--title", "Lunch", "--kind", "meal", "--site", "rathaus",
      "--start", "2026-03-02T12:30", "--end", "2026-03-02T13:30",
    ],
    [
      "add-appointment", "k", "planning", "--title", "Urban planning talk", "--kind", "meeting",
      "--site", "rathaus", "--start", "2026-03-02T14:00", "--end", "2026-03-02T15:00",
    ],
    [
      "add-appointment", "k", "walk", "--title", "Walk at the lake", "--site", "phoenix",
      "--start", "2026-03-02T16:00", "--end", "2026-03-02T17:00",
    ],
    ["assign", "k", "reception", "--side", "delegation", "--side", "host", "--side", "staff"],
    ["assign", "k", "lunch", "--side", "delegation", "--side", "staff"],
    ["assign", "k", "planning", "--side", "delegation"],
    ["assign", "k", "walk", "--side", "delegation"],
  ]

  static let changes: [[String]] = [
    ["update-attendee", "k", "ofori", "--name", "Kwabena Ofori", "--reason", "Typo in the name"],
    [
      "update-appointment", "k", "planning", "--title", "Urban planning and housing", "--site", "stadthaus",
      "--internal-note", "City gift: porcelain plate (stock no. 17)",
    ],
    ["move-appointment", "k", "reception", "--by", "+30m"],
    ["shift", "k", "--from", "planning", "--by", "+15m"],
    ["note", "k", "--internal", "--text", "Driver Mr. K. waits at the hotel from 10:15"],
  ]

  static func uids(_ ics: String) -> [String: Int] {
    var out: [String: Int] = [:]
    var uid = ""
    for line in ics.components(separatedBy: "\r\n") {
      if line.hasPrefix("UID:") { uid = String(line.dropFirst(4)) }
      if line.hasPrefix("SEQUENCE:") { out[uid] = Int(line.dropFirst(9)) }
    }
    return out
  }

  @Test(
    "every change is in the audit with old → new; UIDs kept, SEQUENCE raised; internal notes stay internal")
  func story() throws {
    let store = CLIStore()
    for args in Self.plan {
      let r = try store.run(args)
      #expect(r.code == 0, "\(args): \(r.err)")
    }
    let calendarBefore = Self.uids(try store.run(["calendar", "k"]).out)
    let attendeesBefore = try store.run(["attendees", "k"]).out
    for args in Self.changes {
      let r = try store.run(args)
      #expect(r.code == 0, "\(args): \(r.err)")
    }

    // The audit names each change, old → new.
    let audit = try store.run(["audit", "k", "--since", "seq:16"]).out
    for line in [
      "corrected the details of Kwabena Ofori", "why: Typo in the name",
      "name: Kwabena Ofroi → Kwabena Ofori",
      "corrected 'Urban planning talk'", "title: Urban planning talk → Urban planning and housing",
      "site: rathaus → stadthaus", "internalNote: – → City gift: porcelain plate (stock no. 17)",
      "start: 2026-03-02 11:00 → 2026-03-02 11:30", "start: 2026-03-02 14:00 → 2026-03-02 14:15",
      "start: 2026-03-02 16:00 → 2026-03-02 16:15", "noted for staff only: Driver Mr. K.",
    ] {
      #expect(audit.contains(line), "audit lacks '\(line)':\n\(audit)")
    }
    // The name is corrected in place: the person keeps their place in the list (all but the
    // anchor line, which names the new head).
    func body(_ s: String) -> [String] { s.split(separator: "\n").dropLast().map(String.init) }
    let attendeesAfter = try store.run(["attendees", "k"]).out
    #expect(
      body(attendeesAfter)
        == body(attendeesBefore.replacingOccurrences(of: "Kwabena Ofroi", with: "Kwabena Ofori")))
    #expect(attendeesAfter.contains("ofori  Kwabena Ofori — Mayor of Kumasi"))
    let diff = try store.run(["diff", "k", "--from", "seq:16"]).out
    #expect(diff.contains("name: Kwabena Ofroi → Kwabena Ofori"), "\(diff)")
    #expect(diff.contains("title: Urban planning talk → Urban planning and housing"), "\(diff)")

    // The calendar keeps every UID and raises SEQUENCE for what changed, not for the lunch.
    let calendarAfter = Self.uids(try store.run(["calendar", "k"]).out)
    #expect(Set(calendarAfter.keys) == Set(calendarBefore.keys))
    #expect(calendarAfter.count == 4)
    for (id, raised) in [("reception", 1), ("planning", 2), ("walk", 1), ("lunch", 0)] {
      let uid = "\(id).k@visits.dortmund.de"
      #expect(calendarAfter[uid] == (calendarBefore[uid] ?? -1) + raised, "\(uid)")
    }

    // No internal note in the guests' agenda, a delegation member's agenda or the calendar.
    let secrets = ["porcelain", "Driver Mr. K.", "+49 231 50-1"]
    var guestOutputs: [String] = []
    for lang in ["en", "de"] {
      for format in ["text", "md", "html"] {
        guestOutputs.append(try store.run(["agenda", "k", "--lang", lang, "--format", format]).out)
        let personal = try store.run([
          "agenda", "k", "--for", "ofori", "--audience", "internal", "--lang", lang, "--format", format,
        ])
        #expect(personal.code == 0)
        #expect(personal.err.contains("always the guests' agenda"))
        guestOutputs.append(personal.out)
      }
      guestOutputs.append(try store.run(["itinerary", "k", "--lang", lang]).out)
      guestOutputs.append(try store.run(["calendar", "k", "--lang", lang]).out)
      guestOutputs.append(
        try store.run(["calendar", "k", "--for", "ofori", "--audience", "internal", "--lang", lang]).out)
    }
    for out in guestOutputs {
      #expect(!out.isEmpty)
      for secret in secrets { #expect(!out.contains(secret), "guests see '\(secret)'") }
    }
    // Staff see them.
    let staff = try store.run(["agenda", "k", "--audience", "internal"]).out
    for secret in secrets { #expect(staff.contains(secret), "the internal agenda lacks '\(secret)'") }
    #expect(try store.run(["calendar", "k", "--audience", "internal"]).out.contains("porcelain"))

    // The host's own agenda holds what he hosts; he is named, not his id.
    let host = try store.run(["agenda", "k", "--for", "westphal"]).out
    #expect(host.contains("Reception by the Lord Mayor") && host.contains("Hosts: Thomas Westphal"))

    // The German agenda: the German title and no English label.
    let german = try store.run(["agenda", "k", "--lang", "de"]).out
    #expect(german.contains("Delegation aus Kumasi"))
    let leaks = LanguageTests.occurring(LanguageTests.englishWords, in: german)
    #expect(leaks.isEmpty, "German agenda says \(leaks)")

    // Incoming: the thank-you letter goes to the partner, not to our own Lord Mayor.
    let tasks = try store.run(["tasks", "k", "--lang", "de"]).out
    #expect(
      tasks.contains("Dankschreiben an Kumasi Metropolitan Assembly nach „Reception by the Lord Mayor“"))
    #expect(!tasks.contains("Westphal"))
  }
}
