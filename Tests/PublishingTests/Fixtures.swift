import EventLog
import Planning

/// Builds a `Visit` the way replay does: by folding events, one minute apart from 2022-04-01 08:00 UTC.
struct VisitBuilder {
  private(set) var visit: Visit
  private var seq = 1
  static let firstRecorded: Int64 = 1_648_800_000_000  // 2022-04-01T08:00:00.000Z

  init(_ scheduled: VisitScheduled, id: String = "v") {
    let meta = EventMeta(seq: 1, recorded: Timestamp(milliseconds: Self.firstRecorded), actor: "tester")
    guard let v = Visit.start(id: id, with: .visitScheduled(scheduled), meta: meta) else {
      preconditionFailure("visitScheduled starts a visit")
    }
    visit = v
  }

  /// The timestamp the next event will carry.
  var nextRecorded: Timestamp { Timestamp(milliseconds: Self.firstRecorded + Int64(seq) * 60_000) }

  mutating func apply(_ event: Event) {
    let meta = EventMeta(seq: seq + 1, recorded: nextRecorded, actor: "tester")
    visit.apply(event, meta: meta)
    seq += 1
  }

  mutating func apply(_ events: [Event]) { events.forEach { apply($0) } }
}

func at(_ text: String) -> LocalDateTime {
  guard let t = LocalDateTime(text) else { preconditionFailure("bad local time \(text)") }
  return t
}

func day(_ text: String) -> LocalDate {
  guard let d = LocalDate(text) else { preconditionFailure("bad date \(text)") }
  return d
}

/// Text that has broken exporters: markup, quotes, an ampersand, a line break, umlauts and a
/// character outside the BMP.
let trickyName = "Zoë \"Z\" <script>alert(1)</script> & Jürgen\nSecond line; a,b \\ 😀"

enum Sample {
  /// Visit `v`, 2–4 May 2022 in Europe/Berlin, with:
  /// - `rec` reception 2 May 10:00–11:00 at the town hall, hosted by the mayor; p1 and p2 attend;
  /// - `call` meeting 3 May 09:00–10:00 America/New_York; p1 attends;
  /// - `dinner` meal 3 May 19:00–21:00, p2 attends, then cancelled;
  /// - `tour` site visit 4 May 08:00–12:00, moved to 09:00–13:00; p1 attends.
  static func visit(title: String = "Pittsburgh delegation", p2Name: String = trickyName) -> VisitBuilder {
    var b = VisitBuilder(
      VisitScheduled(title: title, partner: "Pittsburgh", from: day("2022-05-02"), to: day("2022-05-04")))
    b.apply([
      .siteAdded(SiteAdded(site: "hall", name: "Rathaus", address: "Friedensplatz 1, 44135 Dortmund")),
      .siteAdded(SiteAdded(site: "zeche", name: "Zeche Zollern")),
      .appointmentScheduled(
        AppointmentScheduled(
          appointment: "rec", title: "Reception", kind: .reception, start: at("2022-05-02T10:00"),
          end: at("2022-05-02T11:00"), timezone: "Europe/Berlin", site: "hall", hosts: ["Mayor", "Deputy"],
          note: "Bring gifts")),
      .appointmentScheduled(
        AppointmentScheduled(
          appointment: "call", title: "Call with Pittsburgh", kind: .meeting, start: at("2022-05-03T09:00"),
          end: at("2022-05-03T10:00"), timezone: "America/New_York")),
      .appointmentScheduled(
        AppointmentScheduled(
          appointment: "dinner", title: "Dinner", kind: .meal, start: at("2022-05-03T19:00"),
          end: at("2022-05-03T21:00"), timezone: "Europe/Berlin")),
      .appointmentScheduled(
        AppointmentScheduled(
          appointment: "tour", title: "Tour", kind: .siteVisit, start: at("2022-05-04T08:00"),
          end: at("2022-05-04T12:00"), timezone: "Europe/Berlin", site: "zeche", hosts: ["Guide"])),
      .attendeeRegistered(
        AttendeeRegistered(
          person: "p1", side: .delegation,
          personal: PersonalData(
            name: "Jane Roe", function: "Head of Office", organization: "City of Pittsburgh",
            email: "jane@example.org",
            phone: "+1 412 555-0100", diet: "vegetarian", access: "wheelchair"))),
      .attendeeRegistered(
        AttendeeRegistered(person: "p2", side: .host, personal: PersonalData(name: p2Name))),
      .attendeeAssigned(AttendeeAssigned(appointment: "rec", person: "p1")),
      .attendeeAssigned(AttendeeAssigned(appointment: "rec", person: "p2")),
      .attendeeAssigned(AttendeeAssigned(appointment: "call", person: "p1")),
      .attendeeAssigned(AttendeeAssigned(appointment: "dinner", person: "p2")),
      .attendeeAssigned(AttendeeAssigned(appointment: "tour", person: "p1")),
      .appointmentCancelled(AppointmentCancelled(appointment: "dinner")),
      .appointmentMoved(
        AppointmentMoved(appointment: "tour", start: at("2022-05-04T09:00"), end: at("2022-05-04T13:00"))),
    ])
    return b
  }
}
