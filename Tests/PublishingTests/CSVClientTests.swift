import Foundation
import TestSupport
import Planning
import Testing

@testable import Publishing

/// Python's `csv` module, strict, reads what `CSVRenderer` writes.
@Suite(
  "CSV read back by Python's csv module",
  .enabled(if: Tools.hasPythonModule("csv"), "skipped: python3 is missing (needed to read CSV back)"))
struct CSVClientTests {
  /// Reads a CSV file with `csv.reader(strict=True)` as UTF-8 (a BOM would show up in the first cell).
  static let reader = #"""
    import csv, json, sys
    with open(sys.argv[1], newline='', encoding='utf-8') as f:
        rows = list(csv.reader(f, strict=True))
    print(json.dumps(rows))
    """#

  func readBack(_ csv: String) throws -> [[String]] {
    let path = try Tools.temporaryFile(csv, suffix: ".csv")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let r = try Tools.python(Self.reader, [path])
    try #require(r.code == 0, "python: \(r.err)")
    return try JSONDecoder().decode([[String]].self, from: Data(r.out.utf8))
  }

  @Test("attendee rows come back exactly, with markup, quotes, line breaks and umlauts intact")
  func attendees() throws {
    let v = Sample.visit().visit
    let rows = try readBack(CSVRenderer.attendees(AttendeeList(v), Labels(.de)))
    let expected =
      [CSVRendererTests.attendeeHeader[.de] ?? []] + [
        [
          "p1", "Delegation", "Jane Roe", "Head of Office", "City of Pittsburgh", "jane@example.org",
          "'+1 412 555-0100", "vegetarian", "wheelchair",
        ],
        ["p2", "Gastgebende", trickyName, "", "", "", "", "", ""],
      ]
    #expect(rows == expected)
    // Swift compares strings by canonical equivalence; the bytes must match too.
    #expect(rows.count == 3 && Array(rows[2][2].utf8) == Array(trickyName.utf8))
  }

  @Test(
    "formulas come back with an apostrophe, other text unchanged",
    arguments: [
      ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
      ("+1 cmd|' /C calc'!A0", "'+1 cmd|' /C calc'!A0"),
      ("-2+3", "'-2+3"),
      ("@SUM(1)", "'@SUM(1)"),
      ("\tTab", "'\tTab"),
      ("\rCR", "'\rCR"),
      ("\r\nCRLF", "'\r\nCRLF"),
      ("Müller-Lüdenscheidt", "Müller-Lüdenscheidt"),
      (trickyName, trickyName),
    ])
  func formulas(name: String, expected: String) throws {
    let v = Sample.visit(p2Name: name).visit
    let rows = try readBack(CSVRenderer.attendees(AttendeeList(v), Labels(.en)))
    try #require(rows.count == 3)
    #expect(rows[2] == ["p2", "Hosts", expected, "", "", "", "", "", ""])
    #expect(Array(rows[2][2].unicodeScalars) == Array(expected.unicodeScalars))
  }

  @Test("task rows come back exactly")
  func tasks() throws {
    var b = Sample.visit()
    b.apply(
      .taskAdded(
        TaskAdded(task: "t1", title: "=cmd, \"quoted\"\nnext line", owner: "Zoë", due: day("2022-05-01"))))
    let list = TaskList([b.visit], today: day("2022-05-20"))
    let rows = try readBack(CSVRenderer.tasks(list, Labels(.en)))
    #expect(rows.first == CSVRendererTests.taskHeader[.en])
    #expect(rows.count == 5)
    #expect(
      rows.dropFirst().first == [
        "v", "t1", "'=cmd, \"quoted\"\nnext line", "open", "Zoë", "2022-05-01", "yes",
        "added by hand",
      ])
  }
}
