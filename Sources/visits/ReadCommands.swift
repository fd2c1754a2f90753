import EventLog
import Foundation
import Planning
import Publishing

/// The commands that read: each replays what it needs (as of `--as-of`) and renders it.
enum ReadCommands {
  static let all: [CommandSpec] = [list, show, itinerary, attendees, tasks, check, agenda, calendar]

  static let list = CommandSpec(
    name: "list", usage: "", summary: "all visits: id, title, partner, dates, status", arity: 0...0,
    formats: ["text", "json"]
  ) { ctx in
    let loaded = try Planner(store: ctx.store).loadAll(at: try ctx.point())
    loaded.flatMap(\.warnings).forEach { ctx.warn($0.description) }
    let entries = loaded.map { CatalogEntry($0.visit) }.sorted { ($0.from, $0.id) < ($1.from, $1.id) }
    ctx.standardOutput =
      ctx.format == "json"
      ? JSONRenderer.text(JSONRenderer.catalog(entries)) : try ctx.text().catalog(entries)
  }

  static let show = CommandSpec(
    name: "show", usage: "VISIT", summary: "one visit's summary", arity: 1...1, formats: ["text", "json"]
  ) { ctx in
    let l = try ctx.loadVisit()
    ctx.standardOutput =
      ctx.format == "json"
      ? JSONRenderer.text(JSONRenderer.visit(l.visit, head: l.head))
      : try ctx.text().visit(l.visit, head: l.head)
  }

  static let itinerary = CommandSpec(
    name: "itinerary", usage: "VISIT",
    summary: "day by day, in local time, with sites, hosts, attendees and conflict warnings", arity: 1...1,
    formats: ["text", "json", "md"]
  ) { ctx in
    let l = try ctx.loadVisit()
    let it = Itinerary(l.visit)
    switch ctx.format {
    case "json": ctx.standardOutput = JSONRenderer.text(JSONRenderer.itinerary(it, head: l.head))
    default: ctx.standardOutput = try ctx.text().itinerary(it, head: l.head, markdown: ctx.format == "md")
    }
  }

  static let attendees = CommandSpec(
    name: "attendees", usage: "VISIT [--appointment APPT]",
    summary: "who takes part, by side, with catering and accessibility summary", arity: 1...1,
    options: [
      OptionSpec(name: "--appointment", valueName: "APPT", help: "only the people at this appointment")
    ],
    formats: ["text", "json", "csv"]
  ) { ctx in
    let l = try ctx.loadVisit()
    var appointment: Appointment?
    if let id = ctx.invocation.value("--appointment") {
      try ctx.checkSlug(id, "--appointment")
      guard let a = l.visit.appointments[id] else {
        throw PlanningError.notFound(kind: "appointment", id: id, visit: l.visit.id)
      }
      appointment = a
    }
    let list = AttendeeList(l.visit, appointment: appointment)
    switch ctx.format {
    case "json": ctx.standardOutput = JSONRenderer.text(JSONRenderer.attendees(list, head: l.head))
    case "csv": ctx.standardOutput = CSVRenderer.attendees(list, Labels(try ctx.language()))
    default: ctx.standardOutput = try ctx.text().attendees(list, head: l.head)
    }
  }

  static let tasks = CommandSpec(
    name: "tasks", usage: "[VISIT] [--status open|done|all] [--overdue]",
    summary: "follow-up tasks, all visits when VISIT is left out", arity: 0...1,
    options: [
      OptionSpec(name: "--status", valueName: "STATUS", help: "open (default), done or all"),
      OptionSpec(name: "--overdue", help: "only tasks past their due date"),
    ],
    formats: ["text", "json", "csv"]
  ) { ctx in
    let filter =
      try ctx.invocation.value("--status").map { s throws(CLIError) in
        try PlanningCommands.enumValue(TaskList.Filter.self, s, "--status")
      } ?? .open
    let visits: [Visit]
    if ctx.positionals.isEmpty {
      let loaded = try Planner(store: ctx.store).loadAll(at: try ctx.point())
      loaded.flatMap(\.warnings).forEach { ctx.warn($0.description) }
      visits = loaded.map(\.visit)
    } else {
      visits = [try ctx.loadVisit().visit]
    }
    let list = TaskList(
      visits, today: try ctx.today(), filter: filter, overdueOnly: ctx.invocation.flag("--overdue"))
    switch ctx.format {
    case "json": ctx.standardOutput = JSONRenderer.text(JSONRenderer.tasks(list))
    case "csv": ctx.standardOutput = CSVRenderer.tasks(list, Labels(try ctx.language()))
    default: ctx.standardOutput = try ctx.text().tasks(list)
    }
  }

  static let check = CommandSpec(
    name: "check", usage: "VISIT [--strict]",
    summary: "conflicts and rule warnings (exit 65 with --strict when any)",
    arity: 1...1, options: [OptionSpec(name: "--strict", help: "exit 65 when there are warnings")],
    formats: ["text", "json"]
  ) { ctx in
    let l = try ctx.loadVisit()
    ctx.standardOutput =
      ctx.format == "json" ? JSONRenderer.text(JSONRenderer.check(l.visit)) : try ctx.text().check(l.visit)
    let count = l.visit.warnings.count
    if ctx.invocation.flag("--strict") && count > 0 {
      throw CLIError.problemsReported("check --strict: \(count) warning(s) in visit \(l.visit.id)")
    }
  }

  static let agenda = CommandSpec(
    name: "agenda", usage: "VISIT [--for PERSON] [--changes-since POINT]",
    summary: "the printable agenda; with --for a personal itinerary, with --changes-since marked changes",
    arity: 1...1,
    options: [
      OptionSpec(name: "--for", valueName: "PERSON", help: "only this person's appointments"),
      OptionSpec(
        name: "--changes-since", valueName: "POINT",
        help: "mark what was added, moved, changed or cancelled since POINT"),
    ],
    formats: ["text", "md", "html"]
  ) { ctx in
    // One read of the stream serves the agenda's three points: as of, changes since, published.
    let history = try ctx.history()
    let l = try history.state(at: try ctx.point())
    let person = try ctx.person(in: l.visit)
    var since: (label: String, visit: Visit?)?
    if let point = try ctx.point("--changes-since", visit: l.visit.id) {
      do {
        since = (point.description, try history.state(at: point).visit)
      } catch PlanningError.notYetScheduled {
        since = (point.description, nil)
      }
    }
    var agenda = Agenda(visit: l.visit, head: l.head, person: person, since: since)
    if let last = l.visit.publications.last, last.meta.seq < l.head.seq {
      let published = try history.state(at: .seq(last.meta.seq)).visit
      agenda.changedSincePublished = !VisitDiff(from: published, to: l.visit).appointments.isEmpty
    }
    let labels = Labels(try ctx.language())
    switch ctx.format {
    case "md": ctx.standardOutput = AgendaRenderer.markdown(agenda, labels)
    case "html": ctx.standardOutput = AgendaRenderer.html(agenda, labels)
    default: ctx.standardOutput = AgendaRenderer.text(agenda, labels)
    }
  }

  static let calendar = CommandSpec(
    name: "calendar", usage: "VISIT [--for PERSON]",
    summary: "the appointments as an iCalendar file (RFC 5545) for Outlook, Google and others", arity: 1...1,
    options: [OptionSpec(name: "--for", valueName: "PERSON", help: "only this person's appointments")],
    formats: ["ics"]
  ) { ctx in
    let l = try ctx.loadVisit()
    let person = try ctx.person(in: l.visit)
    ctx.standardOutput = ICalendar.calendar(l.visit, person: person, labels: Labels(try ctx.language()))
  }
}

extension Context {
  /// The --for PERSON, checked to be a registered attendee of the visit.
  func person(in visit: Visit) throws -> String? {
    guard let id = invocation.value("--for") else { return nil }
    try checkSlug(id, "--for")
    guard visit.attendees.contains(id) else {
      throw PlanningError.notFound(kind: "person", id: id, visit: visit.id)
    }
    return id
  }

  /// --lang, else $VISITS_LANG, else English.
  func language() throws(CLIError) -> Language {
    let text = invocation.value("--lang") ?? environment["VISITS_LANG"] ?? "en"
    guard let l = Language(rawValue: text) else {
      throw .usage("invalid --lang '\(printable(text))': de or en")
    }
    return l
  }

  func text() throws(CLIError) -> TextRenderer { TextRenderer(try language()) }

  /// The --as-of point, if given.
  func point() throws(CLIError) -> Point? { try point("--as-of", visit: positionals.first ?? "") }

  /// --today, else the system's date.
  func today() throws(CLIError) -> LocalDate {
    if let text = invocation.value("--today") {
      guard let d = LocalDate(text) else {
        throw .usage("invalid --today '\(printable(text))': use YYYY-MM-DD")
      }
      return d
    }
    let c = Calendar.current.dateComponents([.year, .month, .day], from: Date())
    return LocalDate(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1)
  }

  /// The visit named by the first argument, as of --as-of, with store warnings passed on.
  mutating func loadVisit() throws -> Planner.Loaded { try history().state(at: try point()) }

  /// The stream of the visit named by the first argument, read once, with store warnings passed on.
  mutating func history() throws -> Planner.History {
    let h = try Planner(store: store).history(try slug(0, "VISIT"))
    h.warnings.forEach { warn($0.description) }
    return h
  }
}
