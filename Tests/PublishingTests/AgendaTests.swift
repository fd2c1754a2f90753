import EventLog
import Foundation
import Planning
import Testing

@testable import Publishing

/// A three-day visit, 2–4 May 2022 in Europe/Berlin, folded from events: several sites, one
/// appointment in America/New_York, one cancelled after the first publication, a staff contact.
enum AgendaFixture {
  static let id = "pgh"

  static func at(_ s: String) -> LocalDateTime {
    guard let t = LocalDateTime(s) else { fatalError("bad fixture time \(s)") }
    return t
  }

  static func date(_ s: String) -> LocalDate {
    guard let d = LocalDate(s) else { fatalError("bad fixture date \(s)") }
    return d
  }

  static func appt(
    _ id: String, _ title: String, _ kind: AppointmentKind, _ start: String, _ end: String,
    site: String? = nil,
    zone: String = "Europe/Berlin", hosts: [String] = [], note: String? = nil
  ) -> Event {
    .appointmentScheduled(
      AppointmentScheduled(
        appointment: id, title: title, kind: kind, start: at(start), end: at(end), timezone: zone, site: site,
        hosts: hosts, note: note))
  }

  static func assign(_ appointment: String, _ people: String...) -> [Event] {
    people.map { .attendeeAssigned(AttendeeAssigned(appointment: appointment, person: $0)) }
  }

  static func person(_ id: String, _ side: Side, _ data: PersonalData) -> Event {
    .attendeeRegistered(AttendeeRegistered(person: id, side: side, personal: data))
  }

  /// Everything up to and including the first publication.
  static let firstVersion: [Event] =
    [
      .visitScheduled(
        VisitScheduled(
          title: "Delegation from Pittsburgh in Dortmund", partner: "City of Pittsburgh",
          from: date("2022-05-02"),
          to: date("2022-05-04"), timezone: "Europe/Berlin", direction: .incoming,
          program: "IURC study visit",
          topics: ["Food transition", "Hydrogen"], organizers: ["Büro für Internationale Beziehungen"])),
      .siteAdded(
        SiteAdded(
          site: "rathaus", name: "Rathaus Dortmund", organization: "Stadt Dortmund",
          address: "Friedensplatz 1, 44135 Dortmund")),
      .siteAdded(SiteAdded(site: "stadthaus", name: "Stadthaus", organization: "Stadt Dortmund")),
      .siteAdded(SiteAdded(site: "gruenfrau", name: "GrünFrau garden", address: "Dortmund-Hörde")),
      .siteAdded(SiteAdded(site: "dew21", name: "DEW21 headquarters")),
      person(
        "d1", .delegation,
        PersonalData(name: "Delegate One", function: "City planning", organization: "City of Pittsburgh")),
      person("d2", .delegation, PersonalData(name: "Delegate Two", organization: "City of Pittsburgh")),
      person(
        "westphal", .host, PersonalData(name: "Thomas Westphal", function: "Lord Mayor", phone: "+49 231 111")
      ),
      person(
        "jana", .staff,
        PersonalData(
          name: "Jana Hoffmann", function: "Project lead", organization: "Stadt Dortmund",
          email: "jana@example.invalid",
          phone: "+49 231 50-12345")),
      person(
        "lukas", .staff, PersonalData(name: "Lukas Wagner", function: "Logistics", phone: "+49 231 50-67890")),
      appt(
        "cleanport", "Presentation of the CleanPort project", .presentation, "2022-05-02T09:00",
        "2022-05-02T10:00", site: "stadthaus", hosts: ["CleanPort team"]),
      appt(
        "reception", "Reception by the Lord Mayor", .reception, "2022-05-02T11:45", "2022-05-02T12:45",
        site: "rathaus", hosts: ["Thomas Westphal (Lord Mayor)"], note: "Dark suit.\nGuest book signing."),
      // 09:00 in New York is 15:00 in Dortmund.
      appt(
        "pgh-call", "Video call with the Mayor's Office in Pittsburgh", .meeting, "2022-05-02T09:00",
        "2022-05-02T10:00", zone: "America/New_York"),
      appt(
        "ernaehrungsrat", "Meeting with the Ernährungsrat", .meeting, "2022-05-02T16:30", "2022-05-02T17:30",
        site: "stadthaus"),
      appt(
        "gruenfrau", "Visit to GrünFrau", .siteVisit, "2022-05-03T13:00", "2022-05-03T15:00",
        site: "gruenfrau"),
      appt("city-walk", "Guided city walk", .other, "2022-05-03T17:30", "2022-05-03T18:30"),
      appt(
        "dew21", "Visit to DEW21", .siteVisit, "2022-05-04T09:00", "2022-05-04T10:30", site: "dew21",
        hosts: ["DEW21 management"]),
      appt("wrap-up", "Wrap-up", .meeting, "2022-05-04T16:30", "2022-05-04T17:30", site: "stadthaus"),
    ]
    + assign("cleanport", "d1", "d2", "jana")
    + assign("reception", "d1", "d2", "westphal", "jana")
    + assign("pgh-call", "jana")
    + assign("ernaehrungsrat", "d1", "d2", "jana")
    + assign("gruenfrau", "d1", "d2", "lukas")
    + assign("city-walk", "d1", "d2", "lukas")
    + assign("dew21", "d1", "d2")
    + assign("wrap-up", "d1", "d2", "jana")
    + [.agendaPublished(AgendaPublished(version: 1, note: "First agenda"))]

  /// The changes after the first publication, and the second publication.
  static let secondVersion: [Event] = [
    .appointmentMoved(
      AppointmentMoved(appointment: "reception", start: at("2022-05-02T12:15"), end: at("2022-05-02T13:15"))),
    .appointmentCancelled(AppointmentCancelled(appointment: "city-walk")),
    appt("press", "Press photo", .press, "2022-05-04T11:00", "2022-05-04T11:30", site: "rathaus"),
    .attendeeAssigned(AttendeeAssigned(appointment: "press", person: "d1")),
    .attendeeAssigned(AttendeeAssigned(appointment: "dew21", person: "lukas")),
    .attendeeUnassigned(AttendeeUnassigned(appointment: "wrap-up", person: "d2")),
    .agendaPublished(AgendaPublished(version: 2, note: "Reception later, walk dropped")),
  ]

  static var all: [Event] { firstVersion + secondVersion }

  /// When event `seq` was recorded: 2022-04-20T08:00Z plus `seq` minutes.
  static func recorded(_ seq: Int) -> Timestamp {
    Timestamp(milliseconds: (date("2022-04-20").dayNumber * 86_400 + 8 * 3600 + Int64(seq) * 60) * 1000)
  }

  /// The visit after the first `count` events (all when nil).
  static func visit(_ events: [Event] = all, upTo count: Int? = nil) -> Visit {
    let list = Array(events.prefix(count ?? events.count))
    guard let first = list.first,
      var v = Visit.start(
        id: id, with: first, meta: EventMeta(seq: 1, recorded: recorded(1), actor: "jana.hoffmann"))
    else { fatalError("fixture does not start with VisitScheduled") }
    for (i, e) in list.enumerated().dropFirst() {
      v.apply(e, meta: EventMeta(seq: i + 1, recorded: recorded(i + 1), actor: "jana.hoffmann"))
    }
    return v
  }

  static var current: Visit { visit() }
  static var atFirstVersion: Visit { visit(upTo: firstVersion.count) }

  static func head(_ v: Visit) -> StreamHead {
    StreamHead(
      seq: v.version, hash: "3f2a9c1b7d4e" + String(repeating: "ab", count: 26), recorded: recorded(v.version)
    )
  }

  static func agenda(
    _ v: Visit = current, person: String? = nil, since: (label: String, visit: Visit?)? = nil,
    audience: Audience = .guests
  ) -> Agenda {
    Agenda(visit: v, head: head(v), person: person, since: since, audience: audience)
  }

  /// Every format, for checks that hold in all of them.
  static func outputs(_ a: Agenda, _ language: Language) -> [String] {
    let l = Labels(language)
    return [AgendaRenderer.text(a, l), AgendaRenderer.markdown(a, l), AgendaRenderer.html(a, l)]
  }
}

extension AgendaFixture {
  /// What a reader sees of an HTML page (the style sheet and tags dropped; text unchanged).
  static func visibleText(_ html: String) -> String {
    var s = html
    if let a = s.range(of: "<style>"), let b = s.range(of: "</style>") {
      s.removeSubrange(a.lowerBound..<b.upperBound)
    }
    var out = ""
    var inTag = false
    for c in s {
      if c == "<" {
        inTag = true
      } else if c == ">" && inTag {
        inTag = false
      } else if !inTag {
        out.append(c)
      }
    }
    return out
  }

  /// Where each of `needles` occurs, searching on from the previous one; nil for any not found.
  static func positions(of needles: [String], in haystack: String) -> [String.Index]? {
    var from = haystack.startIndex
    var found: [String.Index] = []
    for n in needles {
      guard let r = haystack.range(of: n, range: from..<haystack.endIndex) else { return nil }
      found.append(r.lowerBound)
      from = r.upperBound
    }
    return found
  }
}

@Suite("Agenda: model and renderers")
struct AgendaTests {
  static let headings: [(Language, [String])] = [
    (.de, ["Montag, 2. Mai 2022", "Dienstag, 3. Mai 2022", "Mittwoch, 4. Mai 2022"]),
    (.en, ["Monday, 2 May 2022", "Tuesday, 3 May 2022", "Wednesday, 4 May 2022"]),
  ]

  @Test("day headings in German and English, in order, in every format", arguments: headings)
  func dayHeadings(language: Language, expected: [String]) throws {
    let a = AgendaFixture.agenda()
    #expect(a.days.map(\.date) == ["2022-05-02", "2022-05-03", "2022-05-04"].map(AgendaFixture.date))
    for out in AgendaFixture.outputs(a, language) {
      #expect(
        AgendaFixture.positions(of: expected, in: out) != nil, "headings missing or out of order in:\n\(out)")
    }
    let other = language == .de ? "Monday" : "Montag"
    #expect(!AgendaRenderer.html(a, Labels(language)).contains(other))
  }

  @Test("appointments in order of start, the New York call by its instant (15:00 in Dortmund)")
  func order() throws {
    let a = AgendaFixture.agenda()
    #expect(
      a.days[0].entries.map(\.appointment.id) == ["cleanport", "reception", "pgh-call", "ernaehrungsrat"])
    #expect(a.days[1].entries.map(\.appointment.id) == ["gruenfrau"])
    #expect(a.days[2].entries.map(\.appointment.id) == ["dew21", "press", "wrap-up"])
    let titles = a.entries.map(\.appointment.title)
    let l = Labels(.en)
    let outputs: [(String, (String) -> String)] = [
      (AgendaRenderer.text(a, l), terminalSafe), (AgendaRenderer.markdown(a, l), markdownSafe),
      (AgendaRenderer.html(a, l), { AgendaRenderer.html($0) }),
    ]
    for (out, escape) in outputs {
      #expect(
        AgendaFixture.positions(of: titles.map(escape), in: out) != nil,
        "appointments out of order in:\n\(out)")
    }
  }

  @Test("cancelled appointments are left out without a point to compare with")
  func cancelledLeftOut() {
    let a = AgendaFixture.agenda()
    #expect(!a.entries.contains { $0.appointment.id == "city-walk" })
    for out in AgendaFixture.outputs(a, .en) { #expect(!out.contains("Guided city walk")) }
    // Before it was cancelled it is there.
    let before = AgendaFixture.agenda(AgendaFixture.atFirstVersion)
    #expect(before.entries.contains { $0.appointment.id == "city-walk" })
  }

  @Test("changes since the first version: added, moved with the old time, changed, cancelled")
  func changesSince() throws {
    let a = AgendaFixture.agenda(since: ("v:1", AgendaFixture.atFirstVersion))
    func change(_ id: String) -> Agenda.Change? { a.entries.first { $0.appointment.id == id }?.change }
    #expect(change("press")?.kind == .added)
    #expect(change("reception")?.kind == .moved)
    #expect(change("reception")?.old?.start.clock == "11:45")
    #expect(change("city-walk")?.kind == .cancelled)
    #expect(change("dew21")?.kind == .changed)
    #expect(change("dew21")?.fields == ["attendees"])
    #expect(change("dew21")?.joined == ["Lukas Wagner"])
    #expect(change("wrap-up")?.left == ["Delegate Two"])
    #expect(change("cleanport") == nil)
    let ch = try #require(a.changes)
    #expect(
      ch.counts[.added] == 1 && ch.counts[.moved] == 1 && ch.counts[.cancelled] == 1
        && ch.counts[.changed] == 2)

    let text = AgendaRenderer.text(a, Labels(.en))
    #expect(text.contains("Changes since v:1"))
    #expect(text.contains("new: 1 · moved: 1 · changed: 2 · cancelled: 1"))
    #expect(text.contains("12:15–13:15  [moved] Reception by the Lord Mayor"))
    #expect(text.contains("previously: 11:45–12:45"))
    #expect(text.contains("[cancelled] Guided city walk"))
    #expect(text.contains("[new] Press photo (press)"))
    #expect(text.contains("[changed: attendees] Visit to DEW21"))

    let md = AgendaRenderer.markdown(a, Labels(.en))
    #expect(md.contains("~~11:45–12:45~~"))
    #expect(md.contains("~~Guided city walk~~"))

    let html = AgendaRenderer.html(a, Labels(.de))
    #expect(
      html.contains(
        "<span class=\"now\">12:15–13:15</span><span class=\"was\">bisher<br><del>11:45–12:45</del></span>"))
    #expect(html.contains("<del>Guided city walk</del>"))
    #expect(html.contains("<span class=\"badge added\">neu</span>"))
    #expect(html.contains("Änderungen seit v:1"))
    #expect(html.contains("<del>Delegate Two</del>"))
  }

  @Test("changes since a point before the visit existed: every appointment is new")
  func changesSinceNothing() throws {
    let a = AgendaFixture.agenda(since: ("2022-01-01", nil))
    #expect(a.entries.allSatisfy { $0.change?.kind == .added })
    #expect(a.changes?.visitExisted == false)
    #expect(AgendaRenderer.text(a, Labels(.en)).contains("had not been planned yet"))
    // And with nothing changed since now, no marks and a plain "no changes".
    let same = AgendaFixture.agenda(since: ("seq:\(AgendaFixture.all.count)", AgendaFixture.current))
    #expect(same.entries.allSatisfy { $0.change == nil })
    #expect(AgendaRenderer.text(same, Labels(.de)).contains("Keine Änderungen am Programm."))
  }

  @Test("a withdrawal is named once in the summary, not as a change to each appointment")
  func withdrawalSaidOnce() throws {
    let first = AgendaFixture.atFirstVersion
    let withdrawn = AgendaFixture.visit(
      AgendaFixture.firstVersion + [.attendeeWithdrawn(AttendeeWithdrawn(person: "d2"))])
    let a = AgendaFixture.agenda(withdrawn, since: ("v:1", first))
    #expect(a.entries.allSatisfy { $0.change == nil }, "\(a.entries.compactMap(\.change))")
    #expect(a.changes?.attendeesWithdrawn == ["Delegate Two"])
    let text = AgendaRenderer.text(a, Labels(.en))
    #expect(text.contains("No longer taking part: Delegate Two"))
    #expect(!text.contains("left: Delegate Two"))
    // Their own itinerary shows every appointment they no longer attend.
    let own = AgendaFixture.agenda(withdrawn, person: "d2", since: ("v:1", first))
    #expect(own.entries.count == 7 && own.entries.allSatisfy { $0.change?.kind == .unassigned })
  }

  @Test("a personal itinerary holds only what the person attends, and names them")
  func personFilter() throws {
    let a = AgendaFixture.agenda(person: "lukas")
    #expect(a.person?.id == "lukas")
    #expect(a.entries.map(\.appointment.id) == ["gruenfrau", "dew21"])
    #expect(a.days.count == 3)
    let text = AgendaRenderer.text(a, Labels(.en))
    #expect(text.contains("Personal itinerary for Lukas Wagner (Logistics)"))
    #expect(text.contains("No appointments for this person."))
    #expect(!text.contains("Reception by the Lord Mayor"))
    let html = AgendaRenderer.html(a, Labels(.de))
    #expect(html.contains("Persönlicher Ablaufplan für <strong>Lukas Wagner</strong>"))
    #expect(html.contains("Delegate One, Delegate Two, <strong>Lukas Wagner</strong>"))
    // By name too, regardless of case; an unknown person gets nothing.
    #expect(AgendaFixture.agenda(person: "jana hoffmann").entries.count == 5)
    let unknown = AgendaFixture.agenda(person: "nobody-here")
    #expect(unknown.person == nil && unknown.entries.isEmpty)
    #expect(AgendaRenderer.text(unknown, Labels(.en)).contains("No such person on this visit: nobody-here"))
  }

  @Test("a personal itinerary with changes: new for them, cancelled, no longer attending")
  func personWithChanges() {
    let first = AgendaFixture.atFirstVersion
    let lukas = AgendaFixture.agenda(person: "lukas", since: ("v:1", first))
    #expect(lukas.entries.map(\.appointment.id) == ["gruenfrau", "city-walk", "dew21"])
    #expect(lukas.entries.map { $0.change?.kind } == [nil, .cancelled, .added])
    let d2 = AgendaFixture.agenda(person: "d2", since: ("v:1", first))
    #expect(d2.entries.first { $0.appointment.id == "wrap-up" }?.change?.kind == .unassigned)
    #expect(d2.entries.first { $0.appointment.id == "press" } == nil)
    #expect(AgendaRenderer.text(d2, Labels(.en)).contains("[no longer attending] Wrap-up"))
  }

  @Test("the zone is named only where it differs from the visit's")
  func zoneNamedOnlyWhereItDiffers() {
    let a = AgendaFixture.agenda()
    #expect(a.entries.filter(\.foreignZone).map(\.appointment.id) == ["pgh-call"])
    let text = AgendaRenderer.text(a, Labels(.en))
    #expect(text.contains("  09:00–10:00 (America/New_York)  Video call"))
    #expect(text.components(separatedBy: "(America/New_York)").count == 2)
    #expect(!text.contains("(Europe/Berlin)"))
    let html = AgendaRenderer.html(a, Labels(.en))
    #expect(html.components(separatedBy: "<span class=\"zone\">").count == 2)
    #expect(html.contains("<span class=\"zone\">(America/New_York)</span>"))
    #expect(!html.contains("(Europe/Berlin)</span>"))
    #expect(AgendaRenderer.markdown(a, Labels(.en)).contains("**09:00–10:00 (America/New\\_York)**"))
  }

  /// A visit whose every text field tries to break out of HTML.
  static func hostile() -> Visit {
    let evil = "<script>alert(\"x\")</script> & 'Grüße' aus Dortmund"
    let events: [Event] = [
      .visitScheduled(
        VisitScheduled(
          title: evil, partner: "Müller & Söhne <b>", from: AgendaFixture.date("2022-05-02"),
          to: AgendaFixture.date("2022-05-02"), program: "\"quoted\" programme", topics: ["a<b"],
          organizers: ["O'Brien & Co"])),
      .siteAdded(
        SiteAdded(site: "s", name: "Site <img src=x onerror=alert(1)>", address: "Straße \"1\" & 'A'")),
      .attendeeRegistered(
        AttendeeRegistered(
          person: "p", side: .staff,
          personal: PersonalData(name: "Zoë <i>O'Hara</i>", email: "a&b@example.invalid", phone: "<0231>"))),
      AgendaFixture.appt(
        "a", "Title </h3><script>x()</script>", .meeting, "2022-05-02T10:00", "2022-05-02T11:00", site: "s",
        hosts: ["Host \"H\""], note: "Line one & <two>\nLine \"three\"\r\nÄrger 'vier'"),
      .attendeeAssigned(AttendeeAssigned(appointment: "a", person: "p")),
    ]
    return AgendaFixture.visit(events)
  }

  @Test("HTML escapes every piece of data; notes keep their line breaks as <br>")
  func htmlEscaping() throws {
    let v = Self.hostile()
    let html = AgendaRenderer.html(
      AgendaFixture.agenda(v, since: ("<v:1>", nil), audience: .internal), Labels(.de))
    #expect(!html.contains("<script"))
    #expect(!html.contains("<img"))
    #expect(!html.contains("<b>") && !html.contains("<i>"))
    #expect(
      html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Grüße&#39; aus Dortmund"))
    #expect(html.contains("<title>Besuchsprogramm – &lt;script&gt;"))
    #expect(html.contains("Müller &amp; Söhne &lt;b&gt;"))
    #expect(html.contains("Site &lt;img src=x onerror=alert(1)&gt;"))
    #expect(html.contains("Straße &quot;1&quot; &amp; &#39;A&#39;"))
    #expect(html.contains("Zoë &lt;i&gt;O&#39;Hara&lt;/i&gt;"))
    #expect(html.contains("a&amp;b@example.invalid"))
    #expect(html.contains("O&#39;Brien &amp; Co"))
    #expect(html.contains("Änderungen seit &lt;v:1&gt;"))
    #expect(html.contains("Line one &amp; &lt;two&gt;<br>\nLine &quot;three&quot;<br>\nÄrger &#39;vier&#39;"))
    #expect(html.contains("Title &lt;/h3&gt;&lt;script&gt;x()&lt;/script&gt;"))
    // No stray ampersand: every & starts an entity.
    let bare = html.components(separatedBy: "&").dropFirst().filter { part in
      !["amp;", "lt;", "gt;", "quot;", "#39;"].contains { part.hasPrefix($0) }
    }
    #expect(bare.isEmpty, "unescaped & before: \(bare.map { $0.prefix(12) })")
    #expect(AgendaRenderer.html("a\u{1B}[31mb\u{202E}c") == "a [31mb c")
    // The running head of printed pages carries the title as a CSS string, escaped for CSS.
    #expect(
      html.contains(
        #"content: "\3c script\3e alert(\22 x\22 )\3c /script\3e  \26  \27 Grüße\27  aus Dortmund";"#))
    #expect(!html.contains("alert(\"x\")"))
    // Line breaks, bidirectional controls and separators become spaces first, as in the page.
    #expect(AgendaRenderer.cssString("a\"b\\c</style>\n") == #""a\22 b\5c c\3c /style\3e  ""#)
    #expect(AgendaRenderer.cssString("a\u{202E}b\u{2028}c\u{1B}") == #""a b c ""#)
  }

  @Test("the HTML is one self-contained file that prints on A4", arguments: Language.allCases)
  func htmlSelfContained(language: Language) throws {
    let a = AgendaFixture.agenda(since: ("v:1", AgendaFixture.atFirstVersion))
    let html = AgendaRenderer.html(a, Labels(language))
    #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"\(language.rawValue)\">"))
    #expect(html.contains("<meta charset=\"utf-8\">"))
    for banned in [
      "<script", "http://", "https://", "@import", "url(", "<link", "<img", "src=", "@font-face",
    ] {
      #expect(!html.lowercased().contains(banned), "found \(banned)")
    }
    #expect(html.contains("size: A4"))
    #expect(html.contains("@bottom-right {\n    content: counter(page) \" / \" counter(pages);"))
    #expect(html.contains("break-after: avoid;\n  page-break-after: avoid;"))
    #expect(html.contains("break-inside: avoid;\n  page-break-inside: avoid;"))
    #expect(html.contains("\"DejaVu Sans\", Arial, Helvetica, sans-serif"))
    #expect(html.hasSuffix("</html>\n"))
    #expect(html.components(separatedBy: "<style>").count == 2)
  }

  @Test("the anchor (seq and short head hash) ends every format")
  func anchor() {
    let a = AgendaFixture.agenda()
    let seq = AgendaFixture.all.count
    #expect(a.head.seq == seq)
    let en = AgendaFixture.outputs(a, .en)
    #expect(en[0].hasSuffix("as of event \(seq) · head 3f2a9c1b7d4e\n"))
    #expect(en[1].hasSuffix("_as of event \(seq) · head 3f2a9c1b7d4e_\n"))
    #expect(en[2].contains("<footer class=\"anchor\">as of event \(seq) · head 3f2a9c1b7d4e</footer>"))
    #expect(en[2].contains("content: \"as of event \(seq) · head 3f2a9c1b7d4e\";"))
    #expect(
      AgendaRenderer.text(a, Labels(.de)).hasSuffix("Stand: Ereignis \(seq) · Prüfsumme 3f2a9c1b7d4e\n"))
  }

  @Test("title block: partner, dates, programme, organisers, topics, published version or draft")
  func titleBlock() {
    let text = AgendaRenderer.text(AgendaFixture.agenda(), Labels(.en))
    for s in [
      "Delegation from Pittsburgh in Dortmund", "Partner:       City of Pittsburgh",
      "Dates:         2–4 May 2022",
      "Programme:     IURC study visit", "Organised by:  Büro für Internationale Beziehungen",
      "Topics:        Food transition; Hydrogen",
    ] {
      #expect(text.contains(s), "missing \(s) in:\n\(text)")
    }
    // Version 2 is the last event, recorded at 2022-04-20T08:MMZ (MM = its seq): 10:MM in Dortmund.
    let seq = AgendaFixture.all.count
    #expect((10..<60).contains(seq))
    #expect(text.contains("Version:       2, published 20 April 2022, 10:\(seq)"))
    let de = AgendaRenderer.text(AgendaFixture.agenda(), Labels(.de))
    #expect(de.contains("Version:       2, veröffentlicht am 20. April 2022, 10:\(seq) Uhr"))
    #expect(de.contains("Zeitraum:      2.–4. Mai 2022"))
    let draft = AgendaFixture.agenda(AgendaFixture.visit(upTo: 5))
    #expect(draft.published == nil)
    #expect(AgendaRenderer.text(draft, Labels(.en)).contains("Version:       draft, not published"))
    #expect(
      AgendaRenderer.html(draft, Labels(.de)).contains(
        "<span class=\"draft\">Entwurf, nicht veröffentlicht</span>"))
  }

  @Test("each appointment: place with address, hosts, who attends, note")
  func appointmentDetails() {
    let text = AgendaRenderer.text(AgendaFixture.agenda(), Labels(.en))
    #expect(
      text.contains(
        """
          12:15–13:15  Reception by the Lord Mayor (reception)
              Place: Rathaus Dortmund, Stadt Dortmund, Friedensplatz 1, 44135 Dortmund
              Hosts: Thomas Westphal (Lord Mayor)
              Attending: Delegate One, Delegate Two, Thomas Westphal, Jana Hoffmann
              Note: Dark suit.
                Guest book signing.
        """))
    let de = AgendaRenderer.text(AgendaFixture.agenda(), Labels(.de))
    #expect(de.contains("Ort: Rathaus Dortmund") && de.contains("Teilnehmende: Delegate One"))
    #expect(de.contains("(Besichtigung)") && !de.contains("Attending"))
  }

  @Test("contacts: organising staff with function and organisation; phone and email for staff only")
  func contacts() {
    let guests = AgendaFixture.agenda()
    #expect(guests.contacts.map(\.name) == ["Jana Hoffmann", "Lukas Wagner"])
    #expect(guests.contacts.allSatisfy { $0.phone == nil && $0.email == nil })
    for out in AgendaFixture.outputs(guests, .en) + AgendaFixture.outputs(guests, .de) {
      #expect(!out.contains("+49 231 50-12345") && !out.contains("jana@example.invalid"))
      #expect(!out.contains("Telefon</th>") && !out.contains("Phone</th>"))
    }
    let a = AgendaFixture.agenda(audience: .internal)
    #expect(a.contacts.map(\.name) == ["Jana Hoffmann", "Lukas Wagner"])
    let text = AgendaRenderer.text(a, Labels(.en))
    #expect(
      text.contains(
        "  Jana Hoffmann — Project lead, Stadt Dortmund\n    Phone: +49 231 50-12345 · Email: jana@example.invalid"
      ))
    #expect(!text.contains("+49 231 111"))
    let html = AgendaRenderer.html(a, Labels(.de))
    #expect(html.contains("<th>Telefon</th><th>E-Mail</th>"))
    #expect(html.contains("<td class=\"nowrap\">+49 231 50-67890</td>"))
    let withdrawn = AgendaFixture.visit(
      AgendaFixture.all + [.attendeeWithdrawn(AttendeeWithdrawn(person: "lukas"))])
    #expect(AgendaFixture.agenda(withdrawn).contacts.map(\.name) == ["Jana Hoffmann"])
  }

  @Test("text is terminal-safe and Markdown escapes data")
  func safeText() {
    let v = AgendaFixture.visit(
      [
        .visitScheduled(
          VisitScheduled(
            title: "Evil\u{1B}[2J *bold* [link](x)", partner: "P\u{202E}",
            from: AgendaFixture.date("2022-05-02"),
            to: AgendaFixture.date("2022-05-02")))
      ])
    let a = AgendaFixture.agenda(v)
    let text = AgendaRenderer.text(a, Labels(.en))
    #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E })
    #expect(text.contains("Evil [2J *bold* [link](x)"))
    let md = AgendaRenderer.markdown(a, Labels(.en))
    #expect(md.contains("# Evil \\[2J \\*bold\\* \\[link\\]\\(x\\)"))
  }

  @Test("every agenda label exists in both languages; German output carries no English label")
  func labels() {
    for key in AgendaLabel.allCases {
      #expect(!Labels(.de)[agenda: key].isEmpty, "German label missing for \(key)")
    }
    #expect(Labels(.de).fields(["no-such-field"]) == "no-such-field")
    for k in Agenda.Change.Kind.allCases { #expect(!Labels(.de)[agenda: AgendaLabel(k)].isEmpty) }
    for f in ["time", "title", "kind", "site", "hosts", "note", "attendees"] {
      #expect(AgendaLabel(field: f) != nil)
    }
    let a = AgendaFixture.agenda(since: ("v:1", AgendaFixture.atFirstVersion))
    let d2 = AgendaFixture.agenda(person: "d2", since: ("v:1", AgendaFixture.atFirstVersion))
    let english = [
      "Agenda", "Personal itinerary", "Dates", "Programme", "Organised by", "Topics", "Times", "published",
      "Changes since", "previously", "moved", "changed", "cancelled", "no longer attending", "Place", "Hosts",
      "Attending", "Note", "joined", "Contacts", "Phone", "Email", "as of event", "reception", "site visit",
    ]
    for out in AgendaFixture.outputs(a, .de) + AgendaFixture.outputs(d2, .de) {
      let stripped = AgendaFixture.visibleText(out).replacingOccurrences(
        of: "Reception by the Lord Mayor", with: ""
      )
      .replacingOccurrences(of: "Guided city walk", with: "")
      for word in english where stripped.contains(word) {
        Issue.record("English label '\(word)' in German output")
      }
    }
  }
}
