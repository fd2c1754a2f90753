import EventLog
import Planning
import Testing

@testable import Publishing

@Suite("Audit entries in words")
struct AuditTextTests {
  func meta(_ seq: Int) -> EventMeta {
    EventMeta(seq: seq, recorded: Timestamp(milliseconds: Int64(seq) * 1000), actor: "anna")
  }

  /// A visit 2–5 May 2022 with an appointment 09:30–11:30 on 3 May.
  func visit() throws -> Visit {
    let scheduled = Event.visitScheduled(
      VisitScheduled(
        title: "V", partner: "P", from: try #require(LocalDate("2022-05-02")),
        to: try #require(LocalDate("2022-05-05"))))
    var v = try #require(Visit.start(id: "v", with: scheduled, meta: meta(1)))
    v.apply(
      .appointmentScheduled(
        AppointmentScheduled(
          appointment: "a", title: "Garden", start: try #require(LocalDateTime("2022-05-03T09:30")),
          end: try #require(LocalDateTime("2022-05-03T11:30")), timezone: "Europe/Berlin")), meta: meta(2))
    return v
  }

  @Test(
    "moves and reschedules are worded with both the old and the new values",
    arguments: [
      (
        "2022-05-03T09:30", "2022-05-03T11:50", "moved 'Garden' from Tue 3 May 09:30–11:30 to 09:30–11:50",
        "verschob „Garden“ von Di. 3. Mai 09:30–11:30 auf 09:30–11:50"
      ),
      (
        "2022-05-04T10:00", "2022-05-04T11:00",
        "moved 'Garden' from Tue 3 May 09:30–11:30 to Wed 4 May 10:00–11:00",
        "verschob „Garden“ von Di. 3. Mai 09:30–11:30 auf Mi. 4. Mai 10:00–11:00"
      ),
    ])
  func moved(start: String, end: String, en: String, de: String) throws {
    let v = try visit()
    let e = Event.appointmentMoved(
      AppointmentMoved(
        appointment: "a", start: try #require(LocalDateTime(start)), end: try #require(LocalDateTime(end))))
    let entry = AuditEntry(visit: "v", before: v, event: e, meta: meta(3), type: "AppointmentMoved")
    #expect(AuditText(.en).summary(entry) == en)
    #expect(AuditText(.de).summary(entry) == de)
    #expect(entry.changes.map(\.field) == (start.hasPrefix("2022-05-03T09:30") ? ["end"] : ["start", "end"]))
  }

  @Test("a reschedule that keeps the first day names the old range whole")
  func rescheduled() throws {
    let v = try visit()
    let e = Event.visitRescheduled(
      VisitRescheduled(from: try #require(LocalDate("2022-05-02")), to: try #require(LocalDate("2022-05-04")))
    )
    let entry = AuditEntry(visit: "v", before: v, event: e, meta: meta(3), type: "VisitRescheduled")
    #expect(AuditText(.en).summary(entry) == "rescheduled the visit from 2–5 May 2022 to 2–4 May 2022")
    #expect(entry.changes == [AuditEntry.FieldChange(field: "to", old: "2022-05-05", new: "2022-05-04")])
    #expect(AuditText(.en).entry(entry).hasSuffix("    to: 2022-05-05 → 2022-05-04\n"))
  }

  @Test("control characters in data never reach the terminal")
  func terminalSafety() throws {
    let v = try visit()
    let e = Event.noteAdded(NoteAdded(text: "line\u{1B}[2Jcleared\nnext\u{202E}"))
    let text = AuditText(.en).entry(
      AuditEntry(visit: "v", before: v, event: e, meta: meta(3), type: "NoteAdded"))
    #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E })
    #expect(text.contains("line [2Jcleared next"))
  }
}
