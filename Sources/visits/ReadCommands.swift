import EventLog
import Foundation
import Planning
import Publishing

/// The commands that read: each calls one use case (as of `--as-of`) and renders what it returns.
enum ReadCommands {
  static let all: [CommandSpec] = [
    list, show, itinerary, attendees, seating, transfers, gifts, tasks, check, agenda, calendar,
  ]

  /// The commands that take `--audience`.
  static let withAudience = ["agenda", "itinerary", "calendar"]

  static let list = CommandSpec(
    name: "list", usage: "", summary: "all visits: id, title, partner, dates, status", arity: 0...0,
    formats: ["text", "json"], readsAsOf: true
  ) { ctx in
    let r = try ctx.planner.catalog(asOf: try ctx.asOf())
    ctx.warn(r.warnings)
    ctx.standardOutput =
      ctx.format == "json"
      ? JSONRenderer.text(JSONRenderer.catalog(r.value)) : try ctx.text().catalog(r.value)
  }

  static let show = CommandSpec(
    name: "show", usage: "VISIT", summary: "one visit's summary", arity: 1...1, formats: ["text", "json"],
    readsAsOf: true
  ) { ctx in
    let r = try ctx.planner.visit(try ctx.slug(0, "VISIT"), asOf: try ctx.asOf())
    ctx.warn(r.warnings)
    let head = r.head ?? StreamHead()
    ctx.standardOutput =
      ctx.format == "json"
      ? JSONRenderer.text(JSONRenderer.visit(r.value, head: head)) : try ctx.text().visit(r.value, head: head)
  }

  static let itinerary = CommandSpec(
    name: "itinerary", usage: "VISIT [--audience guests|internal]",
    summary: "day by day, in local time, with sites, hosts, attendees and conflict warnings", arity: 1...1,
    formats: ["text", "json", "md"], readsAsOf: true
  ) { ctx in
    let r = try ctx.planner.itinerary(
      try ctx.slug(0, "VISIT"), asOf: try ctx.asOf(), audience: try ctx.audience())
    ctx.warn(r.warnings)
    let head = r.head ?? StreamHead()
    switch ctx.format {
    case "json": ctx.standardOutput = JSONRenderer.text(JSONRenderer.itinerary(r.value, head: head))
    default: ctx.standardOutput = try ctx.text().itinerary(r.value, head: head, markdown: ctx.format == "md")
    }
  }

  static let attendees = CommandSpec(
    name: "attendees", usage: "VISIT [--appointment APPT]",
    summary: "who takes part, by side, with catering and accessibility summary", arity: 1...1,
    options: [
      OptionSpec(name: "--appointment", valueName: "APPT", help: "only the people at this appointment")
    ],
    formats: ["text", "json", "csv"], readsAsOf: true
  ) { ctx in
    let visit = try ctx.slug(0, "VISIT")
    let appointment = ctx.invocation.value("--appointment")
    if let id = appointment { try ctx.checkSlug(id, "--appointment") }
    let r = try ctx.planner.attendees(visit, appointment: appointment, asOf: try ctx.asOf())
    ctx.warn(r.warnings)
    let head = r.head ?? StreamHead()
    switch ctx.format {
    case "json": ctx.standardOutput = JSONRenderer.text(JSONRenderer.attendees(r.value, head: head))
    case "csv": ctx.standardOutput = CSVRenderer.attendees(r.value, Labels(try ctx.language()))
    default: ctx.standardOutput = try ctx.text().attendees(r.value, head: head)
    }
  }

  static let seating = CommandSpec(
    name: "seating", usage: "VISIT APPT",
    summary: "the order of precedence for a receiving line or a table: hosts and guests by side and rank",
    arity: 2...2, formats: ["text", "csv", "html"], readsAsOf: true
  ) { ctx in
    let r = try ctx.planner.seating(
      try ctx.slug(0, "VISIT"), appointment: try ctx.slug(1, "APPT"), asOf: try ctx.asOf())
    ctx.warn(r.warnings)
    let l = Labels(try ctx.language())
    switch ctx.format {
    case "csv": ctx.standardOutput = SeatingRenderer.csv(r.value, l)
    case "html": ctx.standardOutput = SeatingRenderer.html(r.value, head: r.head ?? StreamHead(), l)
    default: ctx.standardOutput = SeatingRenderer.text(r.value, head: r.head ?? StreamHead(), l)
    }
  }

  static let transfers = CommandSpec(
    name: "transfers", usage: "VISIT", summary: "arrivals, departures and pick-ups in time order",
    arity: 1...1,
    formats: ["text", "csv"], readsAsOf: true
  ) { ctx in
    let r = try ctx.planner.transfers(try ctx.slug(0, "VISIT"), asOf: try ctx.asOf())
    ctx.warn(r.warnings)
    let l = Labels(try ctx.language())
    ctx.standardOutput =
      ctx.format == "csv"
      ? TransfersRenderer.csv(r.value, l) : TransfersRenderer.text(r.value, head: r.head ?? StreamHead(), l)
  }

  static let gifts = CommandSpec(
    name: "gifts", usage: "[VISIT] [--year Y]",
    summary: "the gifts register across visits (of one visit, of one year): the annual report", arity: 0...1,
    options: [OptionSpec(name: "--year", valueName: "Y", help: "only gifts of that year")],
    formats: ["text", "csv", "json"], readsAsOf: true
  ) { ctx in
    let visit = try ctx.positionals.isEmpty ? nil : ctx.slug(0, "VISIT")
    let year = try ctx.invocation.value("--year").map { y throws(CLIError) in
      try PlanningCommands.integer(y, "--year")
    }
    let r = try ctx.planner.gifts(visit, year: year, asOf: try ctx.asOf())
    ctx.warn(r.warnings)
    let l = Labels(try ctx.language())
    switch ctx.format {
    case "csv": ctx.standardOutput = GiftsRenderer.csv(r.value, l)
    case "json": ctx.standardOutput = JSONRenderer.text(GiftsRenderer.json(r.value))
    default: ctx.standardOutput = GiftsRenderer.text(r.value, year: year, l)
    }
  }

  static let tasks = CommandSpec(
    name: "tasks", usage: "[VISIT] [--status open|done|all] [--overdue]",
    summary: "follow-up tasks, all visits when VISIT is left out", arity: 0...1,
    options: [
      OptionSpec(name: "--status", valueName: "STATUS", help: "open (default), done or all"),
      OptionSpec(name: "--overdue", help: "only tasks past their due date"),
    ],
    formats: ["text", "json", "csv"], readsAsOf: true
  ) { ctx in
    let filter =
      try ctx.invocation.value("--status").map { s throws(CLIError) in
        try PlanningCommands.enumValue(TaskList.Filter.self, s, "--status")
      } ?? .open
    let visit = ctx.positionals.isEmpty ? nil : try ctx.slug(0, "VISIT")
    let r = try ctx.planner.tasks(
      visit, filter: filter, overdueOnly: ctx.invocation.flag("--overdue"), today: try ctx.today(),
      asOf: try ctx.asOf())
    ctx.warn(r.warnings)
    switch ctx.format {
    case "json": ctx.standardOutput = JSONRenderer.text(JSONRenderer.tasks(r.value))
    case "csv": ctx.standardOutput = CSVRenderer.tasks(r.value, Labels(try ctx.language()))
    default: ctx.standardOutput = try ctx.text().tasks(r.value)
    }
  }

  static let check = CommandSpec(
    name: "check", usage: "VISIT [--strict]",
    summary: "conflicts and rule warnings (exit 65 with --strict when any)",
    arity: 1...1, options: [OptionSpec(name: "--strict", help: "exit 65 when there are warnings")],
    formats: ["text", "json"], readsAsOf: true
  ) { ctx in
    let r = try ctx.planner.visit(try ctx.slug(0, "VISIT"), asOf: try ctx.asOf())
    ctx.warn(r.warnings)
    ctx.standardOutput =
      ctx.format == "json" ? JSONRenderer.text(JSONRenderer.check(r.value)) : try ctx.text().check(r.value)
    let count = r.value.warnings.count
    if ctx.invocation.flag("--strict") && count > 0 {
      throw CLIError.problemsReported("check --strict: \(count) warning(s) in visit \(r.value.id)")
    }
  }

  static let agenda = CommandSpec(
    name: "agenda", usage: "VISIT [--for PERSON] [--changes-since POINT] [--audience guests|internal]",
    summary: "the printable agenda; with --for a personal itinerary, with --changes-since marked changes",
    arity: 1...1,
    options: [
      OptionSpec(name: "--for", valueName: "PERSON", help: "only this person's appointments"),
      OptionSpec(
        name: "--changes-since", valueName: "POINT",
        help: "mark what was added, moved, changed or cancelled since POINT"),
    ],
    formats: ["text", "md", "html"], readsAsOf: true
  ) { ctx in
    let r = try ctx.planner.agenda(
      try ctx.slug(0, "VISIT"), person: try ctx.person(), changesSince: try ctx.point("--changes-since"),
      asOf: try ctx.asOf(), audience: try ctx.audience())
    ctx.warn(r.warnings)
    if r.value.audience != (try ctx.audience()) {
      ctx.warn("note: the agenda of a delegation member is always the guests' agenda")
    }
    let labels = Labels(try ctx.language())
    switch ctx.format {
    case "md": ctx.standardOutput = AgendaRenderer.markdown(r.value, labels)
    case "html": ctx.standardOutput = AgendaRenderer.html(r.value, labels)
    default: ctx.standardOutput = AgendaRenderer.text(r.value, labels)
    }
  }

  static let calendar = CommandSpec(
    name: "calendar", usage: "VISIT [--for PERSON] [--audience guests|internal]",
    summary: "the appointments as an iCalendar file (RFC 5545) for Outlook, Google and others", arity: 1...1,
    options: [OptionSpec(name: "--for", valueName: "PERSON", help: "only this person's appointments")],
    formats: ["ics"], readsAsOf: true
  ) { ctx in
    let person = try ctx.person()
    let r = try ctx.planner.calendar(
      try ctx.slug(0, "VISIT"), person: person, asOf: try ctx.asOf(), audience: try ctx.audience())
    ctx.warn(r.warnings)
    if try ctx.audience() == .internal, let p = person, r.value.attendees[p]?.side == .delegation {
      ctx.warn("note: the calendar of a delegation member is always the guests' calendar")
    }
    ctx.standardOutput = ICalendar.calendar(r.value, person: person, labels: Labels(try ctx.language()))
  }
}

extension Context {
  /// The --for PERSON, checked to be a slug (the use case checks that the person is an attendee).
  func person() throws(CLIError) -> String? {
    guard let id = invocation.value("--for") else { return nil }
    try checkSlug(id, "--for")
    return id
  }

  /// --audience: guests unless `internal` is asked for.
  func audience() throws(CLIError) -> Audience {
    guard let text = invocation.value("--audience") else { return .guests }
    guard let a = Audience(rawValue: text.lowercased()) else {
      throw .usage("invalid --audience '\(printable(text))': guests or internal")
    }
    return a
  }

  /// --lang, else $VISITS_LANG, else English; `DE` and `de` alike.
  func language() throws(CLIError) -> Language {
    let text = invocation.value("--lang") ?? environment["VISITS_LANG"] ?? "en"
    guard let l = Language(rawValue: text.lowercased()) else {
      throw .usage("invalid --lang '\(printable(text))': de or en")
    }
    return l
  }

  func text() throws(CLIError) -> TextRenderer { TextRenderer(try language()) }

  /// A POINT option, parsed (the use case checks whether it needs a visit).
  func point(_ option: String) throws(PlanningError) -> Point? {
    guard let text = invocation.value(option) else { return nil }
    return try Point.parse(text, field: CLIFields.field(of: option))
  }

  /// The --as-of point, if given.
  func asOf() throws(PlanningError) -> Point? { try point("--as-of") }

  /// --today, else the system's date.
  func today() throws(CLIError) -> LocalDate {
    if let text = invocation.value("--today") {
      guard let d = LocalDate(text) else {
        throw .usage("invalid --today '\(printable(text))': use YYYY-MM-DD")
      }
      return d
    }
    return systemToday()
  }

  /// Passes the store's warnings on to standard error.
  mutating func warn(_ warnings: [EventLogWarning]) { warnings.forEach { warn($0.description) } }
}

/// Today's date on this machine, in its time zone: what "overdue" is judged against by default.
func systemToday() -> LocalDate {
  let c = Calendar.current.dateComponents([.year, .month, .day], from: Date())
  return LocalDate(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1)
}
