import Foundation
import TestSupport
import Testing

/// The protocol office's own items on the sample store and through the command line.
@Suite("Protocol items through the command line")
struct ProtocolItemsTests {
  static let events = repositoryRoot.appendingPathComponent("events").path

  /// Runs visits on a copy of the sample store.
  static func sampleCopy() throws -> CLIStore {
    let store = CLIStore()
    try FileManager.default.removeItem(atPath: store.directory)
    try FileManager.default.copyItem(atPath: events, toPath: store.directory)
    return store
  }

  @Test(
    "seating of the Lord Mayor's reception: the Lord Mayor, the head of the delegation, then alternating sides"
  )
  func seating() throws {
    let r = try runVisits(
      ["--store", Self.events, "seating", "pittsburgh-2022", "reception", "--format", "csv"],
      environment: ["PATH": "/usr/bin:/bin"])
    #expect(r.code == 0, "\(r.err)")
    let rows = r.out.split(separator: "\r\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false)
    }
    // Place, person, name, …, side (column 6), rank, role.
    let seated = rows.dropFirst().filter { !$0[0].isEmpty }
    #expect(seated.first?[1] == "thomas-westphal")
    #expect(seated.dropFirst().first?[1] == "pgh-delegate-1")
    let sides = seated.map { String($0[1]) }.map {
      $0.hasPrefix("pgh-") || $0 == "iurc-expert" ? "guest" : "host"
    }
    // Alternating while both sides have people left.
    #expect(Array(sides.prefix(4)) == ["host", "guest", "host", "guest"])
    #expect(seated.count == 6)
    let text = try runVisits(
      ["--store", Self.events, "seating", "pittsburgh-2022", "reception", "--lang", "de"],
      environment: ["PATH": "/usr/bin:/bin"])
    #expect(text.out.contains("Sitzordnung nach Protokoll"))
    let html = try runVisits(
      ["--store", Self.events, "seating", "pittsburgh-2022", "reception", "--format", "html"],
      environment: ["PATH": "/usr/bin:/bin"])
    #expect(html.out.hasPrefix("<!DOCTYPE html>") && html.out.contains("<tr class=\"principal\">"))
  }

  @Test(
    "gifts --year 2022 --format csv is read by Python's csv with every gift",
    .enabled(if: Tools.hasPythonModule("csv"), "skipped: python3 is missing (needed to read CSV back)"))
  func giftsCSV() throws {
    let r = try runVisits(
      ["--store", Self.events, "gifts", "--year", "2022", "--format", "csv"],
      environment: ["PATH": "/usr/bin:/bin"])
    #expect(r.code == 0, "\(r.err)")
    let path = try Tools.temporaryFile(r.out, suffix: ".csv")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let read = try Tools.python(
      #"""
      import csv, json, sys
      with open(sys.argv[1], newline='', encoding='utf-8') as f:
          print(json.dumps(list(csv.reader(f, strict=True))))
      """#, [path])
    #expect(read.code == 0, "\(read.err)")
    let rows = try JSONDecoder().decode([[String]].self, from: Data(read.out.utf8))
    #expect(
      rows.first == [
        "Date", "Visit", "Gift ID", "Direction", "From", "To", "Description", "Value (EUR)", "Disposition",
      ])
    #expect(rows.dropFirst().map { $0[2] } == ["city-plate", "skyline-print"])
    #expect(rows.dropFirst().map { $0[7] } == ["85.00", "150.00"])
    #expect(rows[1][4] == "Thomas Westphal")
    // Another year has none.
    let none = try runVisits(
      ["--store", Self.events, "gifts", "--year", "2023", "--format", "csv"],
      environment: ["PATH": "/usr/bin:/bin"])
    #expect(none.out.split(separator: "\r\n").count == 1)
  }

  @Test("transfers list the delegation's arrival before the first appointment")
  func transfers() throws {
    let r = try runVisits(
      ["--store", Self.events, "transfers", "pittsburgh-2022", "--format", "csv"],
      environment: ["PATH": "/usr/bin:/bin"])
    #expect(r.code == 0, "\(r.err)")
    let first = r.out.split(separator: "\r\n").dropFirst().first.map(String.init) ?? ""
    #expect(first.hasPrefix("2022-05-01 17:40,arrival-delegation,Arrival,"))
    let itinerary = try runVisits(
      ["--store", Self.events, "itinerary", "pittsburgh-2022", "--format", "json"],
      environment: ["PATH": "/usr/bin:/bin"])
    #expect(itinerary.out.contains("\"2022-05-02T09:00\""))
    // Guests never see logistics; staff see them on the day.
    let guests = try runVisits(
      ["--store", Self.events, "agenda", "pittsburgh-2022"], environment: ["PATH": "/usr/bin:/bin"])
    #expect(!guests.out.contains("LH 2032") && !guests.out.contains("  Logistics:\n"))
    let staff = try runVisits(
      ["--store", Self.events, "agenda", "pittsburgh-2022", "--audience", "internal"],
      environment: ["PATH": "/usr/bin:/bin"])
    #expect(staff.out.contains("Sunday, 1 May 2022") && staff.out.contains("17:40 Arrival:"))
    #expect(!guests.out.contains("Porcelain plate") && !staff.out.contains("Porcelain plate"))
  }

  @Test(
    "a copied visit verifies, starts on the new date at the same times of day, and holds no personal data")
  func copyVisit() throws {
    let store = try Self.sampleCopy()
    let r = try store.run(["copy-visit", "pittsburgh-2022", "pittsburgh-2024", "--from", "2024-05-06"])
    #expect(r.code == 0, "\(r.err)")
    #expect(try store.run(["verify", "pittsburgh-2024"]).code == 0)
    let show = try store.run(["show", "pittsburgh-2024"]).out
    #expect(show.contains("6–8 May 2024"))
    #expect(show.contains("reception        2024-05-06 12:15–13:15"))
    #expect(show.contains("Attendees: 0"))
    let log = try String(contentsOfFile: store.path("pittsburgh-2024"), encoding: .utf8)
    let last =
      try String(contentsOfFile: store.path("pittsburgh-2022"), encoding: .utf8)
      .split(separator: "\n").last.map(String.init) ?? ""
    let head = try #require(last.components(separatedBy: "\"hash\":\"").last?.prefix(64))
    #expect(log.contains("\"copiedFrom\":{\"head\":\"\(head)\",\"visit\":\"pittsburgh-2022\"}"))
    // Nothing personal came along: no vault, no names, diets or needs of the template's people.
    #expect(!FileManager.default.fileExists(atPath: store.directory + "/.vault/pittsburgh-2024.jsonl"))
    for word in [
      "Delegation member", "vegan", "Wheelchair", "Jana Hoffmann", "AttendeeRegistered", "NoteAdded", "Task",
    ] {
      #expect(!log.contains(word), "\(word) in the copy")
    }
    // A second copy to the same id is refused, and the store is unchanged.
    let before = try store.snapshot()
    let again = try store.run(["copy-visit", "pittsburgh-2022", "pittsburgh-2024", "--from", "2024-05-06"])
    #expect(again.code == 65 && again.err.contains("already exists"))
    #expect(try store.snapshot() == before)
  }

  @Test(
    "bad protocol input is refused with its exit code, one line naming the field, the store unchanged",
    arguments: [
      (["add-attendee", "pittsburgh-2022", "p9", "--name", "N", "--rank", "first"], 64, "--rank"),
      (["add-attendee", "pittsburgh-2022", "p9", "--name", "N", "--rank", "0"], 65, "--rank"),
      (["add-attendee", "pittsburgh-2022", "p9", "--name", "N", "--language", "german"], 65, "--language"),
      (
        ["update-attendee", "pittsburgh-2022", "thomas-westphal", "--rank", "1"], 65,
        "already has these details"
      ),
      (
        [
          "add-travel", "pittsburgh-2022", "t9", "--person", "pgh-delegate-1", "--direction", "arriving",
          "--at", "2022-05-01T10:00",
        ],
        64, "--direction"
      ),
      (
        [
          "add-travel", "pittsburgh-2022", "t9", "--person", "pgh-delegate-1", "--direction", "arrival",
          "--at", "1 May",
        ], 64, "--at"
      ),
      (
        [
          "add-travel", "pittsburgh-2022", "t9", "--person", "pgh-delegate-1", "--direction", "arrival",
          "--at", "2022-06-01T10:00",
        ],
        65, "more than a week"
      ),
      (
        [
          "add-travel", "pittsburgh-2022", "t9", "--person", "nobody", "--direction", "arrival", "--at",
          "2022-05-01T10:00",
        ], 66, "nobody"
      ),
      (
        ["add-travel", "pittsburgh-2022", "t9", "--direction", "arrival", "--at", "2022-05-01T10:00"], 65,
        "at least one"
      ),
      (["cancel-travel", "pittsburgh-2022", "nope"], 66, "nope"),
      (
        [
          "record-gift", "pittsburgh-2022", "g9", "--description", "D", "--direction", "given", "--from", "a",
          "--to", "b", "--value", "12.345",
        ],
        65, "--value"
      ),
      (
        [
          "record-gift", "pittsburgh-2022", "city-plate", "--description", "D", "--direction", "given",
          "--from", "a", "--to", "b",
        ], 65, "already exists"
      ),
      (
        ["record-gift", "pittsburgh-2022", "g9", "--direction", "given", "--from", "a", "--to", "b"], 64,
        "--description"
      ),
      (
        ["plan-mou", "pittsburgh-2022", "climate-partnership", "--title", "T", "--signatory", "S"], 65,
        "already exists"
      ),
      (["sign-mou", "pittsburgh-2022", "climate-partnership"], 65, "already signed"),
      (["sign-mou", "pittsburgh-2022", "new-mou", "--signatory", "S"], 65, "--title"),
      (["copy-visit", "nope", "x", "--from", "2024-01-01"], 66, "nope"),
      (["copy-visit", "pittsburgh-2022", "x", "--from", "2024-13-01"], 65, "--from"),
      (["seating", "pittsburgh-2022", "nope"], 66, "nope"),
      (["gifts", "--year", "twenty"], 64, "--year"),
    ] as [([String], Int32, String)])
  func refusals(args: [String], code: Int32, message: String) throws {
    let store = try Self.sampleCopy()
    let before = try store.snapshot()
    let r = try store.run(args)
    #expect(r.code == code, "\(args): \(r.err)")
    #expect(r.err.contains(message), "\(args): \(r.err)")
    #expect(r.err.split(separator: "\n").count == 1, "\(r.err)")
    #expect(try store.snapshot() == before)
  }
}

@Suite("Protocol items on the web")
struct ProtocolItemsWebTests {
  @Test(
    "a travel leg and a gift recorded from the visit page's forms show on the staff's page, never the guests' agenda"
  )
  func travelAndGift() throws {
    let store = CLIStore()
    try store.seed()
    let page = try store.cgi("GET", "/v").body
    #expect(page.contains("action=\"/v/add-travel\"") && page.contains("action=\"/v/record-gift\""))
    #expect(page.contains("<option>arrival</option>") && page.contains("<option>received</option>"))
    // In German a gift goes "An" someone; a visit's dates run "Bis" a day.
    let german = try store.cgi("GET", "/v", query: "lang=de").body
    #expect(german.contains("<span>An</span> <input name=\"to\""))
    #expect(german.contains("<span>Bis</span>"))
    var hidden = store.hiddenFields(page, action: "/v/add-travel")
    let person = try #require(
      store.run(["attendees", "v", "--format", "csv"]).out.split(separator: "\r\n").dropFirst().first?
        .split(separator: ",").first.map(String.init))
    var r = try store.cgi(
      "POST", "/v/add-travel",
      form: formBody(
        [
          ("travel", "in"), ("person", person), ("direction", "arrival"), ("at", "2022-05-01T18:00"),
          ("mode", "train"), ("number", "ICE 17"), ("pickup", "Lukas"),
        ] + hidden.map { ($0.key, $0.value) }))
    #expect(r.status == 303, "\(r.body)")
    hidden = store.hiddenFields(try store.cgi("GET", "/v").body, action: "/v/record-gift")
    r = try store.cgi(
      "POST", "/v/record-gift",
      form: formBody(
        [
          ("gift", "plate"), ("description", "Plate <b>"), ("direction", "given"), ("from", "Mayor"),
          ("to", person), ("value", "85"),
        ] + hidden.map { ($0.key, $0.value) }))
    #expect(r.status == 303, "\(r.body)")
    let after = try store.cgi("GET", "/v").body
    #expect(after.contains("ICE 17") && after.contains("Plate &lt;b&gt;") && !after.contains("Plate <b>"))
    // A bad value comes back as the form with the rule's message (422), nothing written.
    hidden = store.hiddenFields(after, action: "/v/record-gift")
    let before = try store.snapshot()
    r = try store.cgi(
      "POST", "/v/record-gift",
      form: formBody(
        [
          ("gift", "pin"), ("description", "Pin"), ("direction", "given"), ("from", "a"), ("to", "b"),
          ("value", "lots"),
        ]
          + hidden.map { ($0.key, $0.value) }))
    #expect(r.status == 422, "\(r.body)")
    #expect(try store.snapshot() == before)
    let agenda = try store.cgi("GET", "/v/agenda").body
    #expect(!agenda.contains("ICE 17") && !agenda.contains("Plate"))
    #expect(try store.cgi("GET", "/v/agenda", query: "audience=internal").body.contains("ICE 17"))
  }
}
