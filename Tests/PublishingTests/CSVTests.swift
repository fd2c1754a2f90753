import Foundation
import Planning
import Testing

@testable import Publishing

@Suite("CSV writer")
struct CSVTests {
  @Test(
    "quoting",
    arguments: [
      ("plain", "plain"),
      ("", ""),
      ("a,b", "\"a,b\""),
      ("say \"hi\"", "\"say \"\"hi\"\"\""),
      ("\"", "\"\"\"\""),
      ("line\nbreak", "\"line\nbreak\""),
      ("carriage\rreturn", "\"carriage\rreturn\""),
      ("windows\r\nbreak", "\"windows\r\nbreak\""),
      (" spaced ", " spaced "),
      ("semi;colon", "semi;colon"),
      ("Jürgen Müller", "Jürgen Müller"),
      ("it's", "it's"),
      ("<script>alert(1)</script> & co", "<script>alert(1)</script> & co"),
    ])
  func quoting(value: String, expected: String) {
    #expect(CSV.field(value) == expected)
  }

  @Test(
    "formula triggers get an apostrophe, then quoting",
    arguments: [
      ("=1+1", "'=1+1"),
      ("+49 231 50-0", "'+49 231 50-0"),
      ("-5", "'-5"),
      ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
      ("\tindented", "'\tindented"),
      ("\rreturn", "\"'\rreturn\""),
      ("\r\nwindows", "\"'\r\nwindows\""),
      ("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""),
      ("=a,b", "\"'=a,b\""),
    ])
  func formulaPrefix(value: String, expected: String) {
    #expect(CSV.field(value) == expected)
  }

  @Test(
    "no apostrophe when the trigger is not first",
    arguments: [
      "Müller-Lüdenscheidt", "a-b", "x=1", "a+b", "mail@example.org", "'=quoted", " =1", "x\t", "1-2",
    ])
  func noPrefix(value: String) {
    #expect(CSV.field(value) == value)
  }

  @Test("every trigger character is covered")
  func triggers() {
    #expect(CSV.formulaTriggers == ["=", "+", "-", "@", "\u{09}", "\u{0D}"])
  }

  @Test("records end in CRLF, fields are separated by commas")
  func records() {
    #expect(CSV.encode([["a", "b"], ["c", "d,e"]]) == "a,b\r\nc,\"d,e\"\r\n")
    #expect(CSV.encode([]) == "")
    #expect(CSV.encode([["only"]]) == "only\r\n")
    #expect(CSV.encode([["", ""]]) == ",\r\n")
  }

  @Test("UTF-8 without a byte-order mark")
  func utf8() {
    let bytes = Array(CSV.encode([["Zoë", "Jürgen"]]).utf8)
    #expect(bytes.prefix(3) != [0xEF, 0xBB, 0xBF])
    #expect(bytes == Array("Zoë,Jürgen\r\n".utf8))
  }
}

@Suite("CSV renderer")
struct CSVRendererTests {
  static let attendeeHeader: [Language: [String]] = [
    .en: [
      "Person ID", "Side", "Name", "Function", "Organisation", "Email", "Phone", "Diet", "Accessibility",
    ],
    .de: [
      "Personen-ID", "Seite", "Name", "Funktion", "Organisation", "E-Mail", "Telefon", "Ernährung",
      "Barrierefreiheit",
    ],
  ]
  static let taskHeader: [Language: [String]] = [
    .en: ["Visit", "Task ID", "Title", "Status", "Owner", "Due", "Overdue", "Origin"],
    .de: ["Besuch", "Aufgaben-ID", "Titel", "Status", "Zuständig", "Fällig", "Überfällig", "Herkunft"],
  ]

  @Test("attendee header row", arguments: Language.allCases)
  func attendeeHeader(language: Language) throws {
    let csv = CSVRenderer.attendees(AttendeeList(Sample.visit().visit), Labels(language))
    let header = try #require(Self.attendeeHeader[language])
    #expect(csv.hasPrefix(header.joined(separator: ",") + "\r\n"))
  }

  @Test("task header row", arguments: Language.allCases)
  func taskHeader(language: Language) throws {
    let list = TaskList([Sample.visit().visit], today: day("2022-05-20"), filter: .all)
    let csv = CSVRenderer.tasks(list, Labels(language))
    let header = try #require(Self.taskHeader[language])
    #expect(csv.hasPrefix(header.joined(separator: ",") + "\r\n"))
  }

  @Test("one row per attendee, by side, data as entered, empty cells for what is missing")
  func attendeeRows() {
    var b = Sample.visit(p2Name: "Jürgen\nSecond line")
    b.apply(
      .attendeeRegistered(
        AttendeeRegistered(person: "p3", side: .delegation, personal: PersonalData(name: "Gone"))))
    b.apply(.attendeeWithdrawn(AttendeeWithdrawn(person: "p3")))
    let rows = CSVRenderer.attendeeRows(AttendeeList(b.visit), Labels(.en))
    #expect(rows.dropFirst() == Sample.attendeeRows(p2Name: "Jürgen\nSecond line")[...])
    let csv = CSVRenderer.attendees(AttendeeList(b.visit), Labels(.en))
    #expect(csv.contains("p2,Hosts,\"Jürgen\nSecond line\",,,,,,\r\n"))
    #expect(csv.contains(",'+1 412 555-0100,"))
  }

  @Test("attendees of one appointment only")
  func attendeesOfAppointment() throws {
    let v = Sample.visit().visit
    let call = try #require(v.appointments["call"])
    let rows = CSVRenderer.attendeeRows(AttendeeList(v, appointment: call), Labels(.de))
    #expect(rows.count == 2)
    #expect(rows.last?.first == "p1")
    #expect(rows.last?[1] == "Delegation")
  }

  @Test("one row per task with status, overdue and origin in words")
  func taskRows() {
    var b = Sample.visit()
    b.apply(.taskAdded(TaskAdded(task: "t1", title: "Book the bus", owner: "Anna", due: day("2022-05-01"))))
    b.apply(.taskCompleted(TaskCompleted(task: "thanks-rec")))
    let all = TaskList([b.visit], today: day("2022-05-20"), filter: .all)
    #expect(
      CSVRenderer.taskRows(all, Labels(.en)).dropFirst() == [
        ["v", "t1", "Book the bus", "open", "Anna", "2022-05-01", "yes", "added by hand"],
        [
          "v", "thanks-rec", "Thank-you letter to Pittsburgh after 'Reception'", "done", "", "2022-05-11",
          "no",
          "appointment rec",
        ],
        [
          "v", "thanks-tour-guide", "Thank-you letter to Guide (Zeche Zollern)", "open", "", "2022-05-11",
          "yes",
          "appointment tour",
        ],
        ["v", "visit-report", "Write the visit report", "open", "", "2022-06-03", "no", "end of the visit"],
      ])
    let german = CSVRenderer.taskRows(all, Labels(.de))
    #expect(german[1][3...] == ["offen", "Anna", "2022-05-01", "ja", "manuell angelegt"])
    #expect(german[2][3] == "erledigt")
    // Derived tasks have German titles.
    #expect(german[2][2] == "Dankschreiben an Pittsburgh nach „Reception“")
    #expect(german[3][2] == "Dankschreiben an Guide (Zeche Zollern)")
    #expect(german[4][2] == "Besuchsbericht schreiben")
    #expect(german[2][6] == "nein")
  }

  @Test("no rows: header only")
  func headerOnly() {
    let b = VisitBuilder(
      VisitScheduled(title: "Empty", partner: "X", from: day("2022-05-02"), to: day("2022-05-02")))
    let csv = CSVRenderer.attendees(AttendeeList(b.visit), Labels(.en))
    #expect(csv == "Person ID,Side,Name,Function,Organisation,Email,Phone,Diet,Accessibility\r\n")
    let tasks = CSVRenderer.tasks(TaskList([b.visit], today: day("2022-05-02"), filter: .done), Labels(.en))
    #expect(tasks == "Visit,Task ID,Title,Status,Owner,Due,Overdue,Origin\r\n")
  }
}

extension Sample {
  /// The data rows `CSVRenderer.attendeeRows` gives for `Sample.visit(p2Name:)`, before CSV encoding.
  static func attendeeRows(p2Name: String = trickyName) -> [[String]] {
    [
      [
        "p1", "Delegation", "Jane Roe", "Head of Office", "City of Pittsburgh", "jane@example.org",
        "+1 412 555-0100",
        "vegetarian", "wheelchair",
      ],
      ["p2", "Hosts", p2Name, "", "", "", "", "", ""],
    ]
  }
}
