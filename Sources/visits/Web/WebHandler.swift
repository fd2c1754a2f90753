import EventLog
import Foundation
import Planning
import Publishing

/// The CGI adapter: one request in, one response out. It parses the request, calls the same use
/// cases as the command line, renders HTML with `WebPage`, and maps errors to statuses. It never
/// listens on a socket; the web server does HTTP, TLS and login (`docs/web.md`).
struct WebHandler {
  let store: any EventStore
  let commands: [String: CommandSpec]
  /// Passed to the commands' argument handling (it reads nothing from it).
  let environment: [String: String]

  var planner: Planner { Planner(store: store) }

  /// Handles one request.
  func handle(_ r: WebRequest, today: LocalDate) -> WebResponse {
    let f = WebPage.Frame(base: r.base, labels: Labels(Self.language(r)), user: r.remoteUser)
    do {
      return try route(r, f, today: today)
    } catch {
      return failure(error, f, visit: r.segments.first.flatMap { $0 == "-" ? nil : $0 })
    }
  }

  /// `lang=`, else the first of `Accept-Language` that is German or English, else English.
  static func language(_ r: WebRequest) -> Language {
    if let l = r.query.value("lang")?.lowercased(), let lang = Language(rawValue: l) { return lang }
    for part in (r.acceptLanguage ?? "").split(separator: ",") {
      let tag = part.split(separator: ";")[0].trimmingCharacters(in: .whitespaces).lowercased()
      if tag.hasPrefix("de") { return .de }
      if tag.hasPrefix("en") { return .en }
    }
    return .en
  }

  private static let readPaths: Set<String> = [
    "agenda", "calendar.ics", "attendees.csv", "tasks.csv", "audit", "history", "diff", "review",
  ]

  private func route(_ r: WebRequest, _ f: WebPage.Frame, today: LocalDate) throws -> WebResponse {
    let s = r.segments
    let isWrite =
      s.count == 2 && commands[s[1]]?.build != nil || s == ["-", "schedule"]
    if isWrite && r.method != "POST" { return Self.notAllowed(allow: "POST", f) }
    if !isWrite && r.method != "GET" && r.method != "HEAD" { return Self.notAllowed(allow: "GET", f) }
    if isWrite { return try write(r, f) }
    switch s.count {
    case 0: return try dashboard(f, today: today)
    case 2 where s[0] == "-" && s[1] == "style.css":
      return WebResponse(
        status: 200,
        headers: [
          ("Content-Type", "text/css; charset=utf-8"), ("Cache-Control", "max-age=300"),
          ("Content-Security-Policy", WebResponse.policy()),
        ],
        body: Array(WebPage.css.utf8))
    case 2 where s[0] == "-" && s[1] == "verify": return try verify(r, f)
    case 1 where s[0] != "-": return try visitPage(s[0], f, today: today)
    case 2, 3:
      guard s[0] != "-", Self.readPaths.contains(s[1]), s.count == 2 || s[1] == "history" else { break }
      return try read(s[0], s[1], entity: s.count == 3 ? s[2] : nil, r, f, today: today)
    default: break
    }
    return .html(
      404,
      WebPage.refusal(title: .notFound, message: r.segments.joined(separator: "/"), form: nil, visit: nil, f))
  }

  // MARK: Reads

  private func dashboard(_ f: WebPage.Frame, today: LocalDate) throws -> WebResponse {
    // One replay per visit serves its line, its tasks and its warnings.
    let visits = try planner.catalog().value.map { try planner.visit($0.id).value }
    let catalog = visits.map(CatalogEntry.init)
    let tasks = TaskList(visits, today: today)
    let warnings = Dictionary(uniqueKeysWithValues: visits.map { ($0.id, $0.warnings.count) })
    let schedule = try scheduleForm(f, values: Form())
    return .html(200, WebPage.dashboard(catalog, tasks: tasks, warnings: warnings, schedule: schedule, f))
  }

  private func visitPage(_ id: String, _ f: WebPage.Frame, today: LocalDate) throws
    -> WebResponse
  {
    // One replay serves the timetable, the people and the tasks.
    let v = try planner.visit(id).value
    // Staff plan here: the timetable shows internal notes too.
    let it = Itinerary(v, audience: .internal)
    let people = AttendeeList(v)
    let tasks = TaskList([v], today: today, filter: .all)
    let (forms, perAppointment) = try visitForms(it.visit, f)
    return .html(
      200,
      WebPage.visit(it, people: people, tasks: tasks, forms: forms, appointmentForms: perAppointment, f))
  }

  private func read(
    _ id: String, _ what: String, entity: String?, _ r: WebRequest, _ f: WebPage.Frame, today: LocalDate
  ) throws -> WebResponse {
    let q = r.query
    func point(_ name: String, _ field: Field) throws -> Point? {
      guard let text = q.value(name), !text.isEmpty else { return nil }
      return try Point.parse(text, field: field)
    }
    func audience() throws -> Audience {
      guard let text = q.value("audience"), !text.isEmpty else { return .guests }
      guard let a = Audience(rawValue: text) else {
        throw PlanningError.invalidInput(field: .audience, value: text, expected: "guests or internal")
      }
      return a
    }
    let l = f.labels
    switch what {
    case "agenda":
      let person = q.value("for").flatMap { $0.isEmpty ? nil : $0 }
      let agenda = try planner.agenda(
        id, person: person, changesSince: try point("changes-since", .changesSince),
        asOf: try point("as-of", .asOf), audience: try audience()
      ).value
      let page = AgendaRenderer.html(agenda, l)
      return .html(200, page, styleHash: Self.styleHash(page))
    case "calendar.ics":
      let person = q.value("for").flatMap { $0.isEmpty ? nil : $0 }
      let visit = try planner.calendar(id, person: person, audience: try audience()).value
      return .file(
        "text/calendar; charset=utf-8", ICalendar.calendar(visit, person: person, labels: l),
        name: "\(id).ics")
    case "attendees.csv":
      return .file(
        "text/csv; charset=utf-8", CSVRenderer.attendees(try planner.attendees(id).value, l),
        name: "\(id)-attendees.csv")
    case "tasks.csv":
      return .file(
        "text/csv; charset=utf-8",
        CSVRenderer.tasks(try planner.tasks(id, filter: .all, today: today).value, l),
        name: "\(id)-tasks.csv")
    case "audit", "history":
      var entries: [AuditEntry] = []
      if let entity {
        try planner.history(id, entity: entity) { entries.append($0) }
      } else {
        let actor = q.value("actor").flatMap { $0.isEmpty ? nil : $0 }
        try planner.audit(
          AuditQuery(
            visit: id, actor: actor, since: try point("since", .since), until: try point("until", .until))
        ) { entries.append($0) }
      }
      let filter = ["actor", "since", "until"].compactMap { n in q.value(n).map { (n, $0) } }
      return .html(200, WebPage.audit(entries, visit: id, entity: entity, filter: filter, f))
    case "diff":
      var text: String?
      if let from = try point("from", .from) {
        let r = try planner.diff(id, from: from, to: try point("to", .to)).value
        text = AuditText(l.language).diff(
          r.diff, visit: r.later, from: from.description, to: q.value("to"))
      } else {
        _ = try planner.visit(id)
      }
      return .html(
        200, WebPage.diff(text, visit: id, from: q.value("from") ?? "", to: q.value("to") ?? "", f))
    default:  // review
      let v = try planner.visit(id).value
      var diff: VisitDiff?
      if v.publishedVersion > 0 {
        diff = try planner.diff(id, from: .published(v.publishedVersion)).value.diff
      }
      guard let spec = commands["publish"],
        let form = WebForms.form(spec, visit: id, values: Form(), hidden: try hidden(v, f))
      else { throw CLIError.notFound("publish") }
      return .html(200, WebPage.review(v, since: diff, publish: form, f))
    }
  }

  private func verify(_ r: WebRequest, _ f: WebPage.Frame) throws -> WebResponse {
    let reports = try planner.verify([])
    var anchor: (String, String, Bool)?
    if let visit = r.query.value("visit"), let text = r.query.value("anchor"), !text.isEmpty {
      do {
        _ = try planner.verifyAnchor(visit, anchor: text)
        anchor = (visit, text, true)
      } catch PlanningError.anchorNotFound, PlanningError.anchorOnDamagedStream {
        anchor = (visit, text, false)
      }
    }
    return .html(200, WebPage.verify(reports, anchor: anchor, f))
  }

  // MARK: Writes

  private func write(_ r: WebRequest, _ f: WebPage.Frame) throws -> WebResponse {
    let isSchedule = r.segments == ["-", "schedule"]
    guard let spec = commands[isSchedule ? "schedule" : r.segments[1]], let build = spec.build else {
      throw CLIError.notFound(r.segments.joined(separator: "/"))
    }
    // Cross-site requests, forged tokens and anonymous writes are refused before anything is read.
    guard let user = r.remoteUser, r.isSameOrigin else { return forbidden(f) }
    let visit = isSchedule ? (r.form.value("visit") ?? "") : r.segments[0]
    // Without a secret no token was ever given out; checking one must not make the secret.
    guard store.hasSecret, let token = r.form.value("token"),
      HMAC.equal(Array(token.utf8), Array(try self.token(user, scope: isSchedule ? "-" : visit).utf8))
    else { return forbidden(f) }
    let inv = try WebForms.invocation(spec, visit: visit, form: r.form)
    guard spec.arity.contains(inv.positionals.count) else {
      let missing = WebForms.positionals(spec).map(\.field).filter { (r.form.value($0) ?? "").isEmpty }
      throw CLIError.usage("missing \(missing.isEmpty ? "an id" : missing.joined(separator: ", "))")
    }
    let ctx = Context(
      invocation: inv, environment: environment, store: store, format: "text", sink: OutputSink())
    let expected: ExpectedVersion
    if isSchedule {
      expected = .noStream
    } else {
      guard let text = r.form.value("expect-version"), let n = Int(text), n >= 0 else {
        throw CLIError.usage("expect-version: the version the form was made for is missing")
      }
      expected = .exactly(n)
    }
    let reason = r.form.value("reason").flatMap { $0.isEmpty ? nil : $0 }
    do {
      if !isSchedule { try Planner.checkID(visit, .visit) }
      let command = try build(ctx)
      _ = try planner.write(
        WriteRequest(visit: visit, command: command, actor: user, reason: reason, expected: expected))
    } catch let e as PlanningError {
      return try refusal(e, spec: spec, visit: visit, r, f)
    } catch let e as CLIError {
      return try refusal(e, spec: spec, visit: visit, r, f)
    }
    return .redirect(r.base + "/" + visit + "?lang=" + f.labels.language.rawValue)
  }

  /// A refused write: the status its error has, the message beside its field, the form refilled;
  /// on a conflict, what changed since the version the form was made for.
  private func refusal(
    _ error: any Error, spec: CommandSpec, visit: String, _ r: WebRequest, _ f: WebPage.Frame
  ) throws
    -> WebResponse
  {
    let (status, message) = Self.status(error)
    var field: String?
    if case .rule(_, let domainField?, _)? = error as? PlanningError { field = WebForms.name(domainField) }
    var hidden: [(String, String)] = []
    var changes: String?
    let current = spec.name == "schedule" ? nil : try? planner.visit(visit).value
    if let v = current {
      hidden = try self.hidden(v, f)
      if case .versionConflict(_, .exactly(let seen), _)? = error as? PlanningError {
        let d = try planner.diff(visit, from: .seq(seen)).value
        changes = AuditText(f.labels.language).diff(d.diff, visit: d.later, from: "seq:\(seen)", to: nil)
      }
    } else if spec.name == "schedule" {
      hidden = [("token", try token(r.remoteUser ?? "", scope: "-"))]
    }
    let fixed = WebForms.positionals(spec).filter { p in !p.repeated && hiddenPositional(r, p.field) }
    hidden += fixed.compactMap { p in r.form.value(p.field).map { (p.field, $0) } }
    let form = WebForms.form(
      spec, visit: visit, values: r.form, hidden: hidden, message: message, messageField: field)
    let title: WebLabel =
      status == 409 ? .conflict : status == 404 ? .notFound : status == 400 ? .badRequest : .refused
    let text = status == 409 ? f.labels[web: .conflictExplain] + "\n" + message : message
    return .html(
      status,
      WebPage.refusal(title: title, message: text, changes: changes, form: form, visit: current?.id, f))
  }

  /// Whether a positional field came as a fixed (hidden) field of a per-appointment form.
  private func hiddenPositional(_ r: WebRequest, _ field: String) -> Bool {
    r.form.value("fixed")?.split(separator: ",").contains { String($0) == field } ?? false
  }

  /// The status and message of an error, as the contract's table has them.
  static func status(_ error: any Error) -> (Int, String) {
    let (code, lines) = report(error)
    var message = lines.joined(separator: " ")
    if let e = error as? PlanningError { message = e.message(naming: WebForms.name) }
    if error is CLIError { message = message.replacingOccurrences(of: "--", with: "") }
    switch code {
    case .usage: return (400, message)
    case .data: return (422, message)
    case .noInput: return (404, message)
    case .retry: return (409, message)
    case .ok, .cannotCreate, .internalError: return (500, message)
    }
  }

  private func failure(_ error: any Error, _ f: WebPage.Frame, visit: String?) -> WebResponse {
    let (status, message) = Self.status(error)
    let title: WebLabel = status == 404 ? .notFound : status == 400 ? .badRequest : .errorTitle
    return .html(status, WebPage.refusal(title: title, message: message, form: nil, visit: nil, f))
  }

  private func forbidden(_ f: WebPage.Frame) -> WebResponse {
    .html(
      403, WebPage.refusal(title: .forbidden, message: f.labels[web: .forbidden], form: nil, visit: nil, f))
  }

  static func notAllowed(allow: String, _ f: WebPage.Frame) -> WebResponse {
    // A write path takes only a form; a page takes none.
    let label: WebLabel = allow == "POST" ? .methodNotAllowed : .readOnly
    var r = WebResponse.html(
      405, WebPage.refusal(title: label, message: f.labels[web: label], form: nil, visit: nil, f))
    r.headers.append(("Allow", allow))
    return r
  }

  // MARK: Forms and tokens

  /// The anti-forgery token of a user for a visit (`-` for a new visit): hex HMAC-SHA-256 of both
  /// under the store's secret.
  func token(_ user: String, scope: String) throws -> String {
    let mac = HMAC.sha256(key: try store.secret(), message: Array((user + "\n" + scope).utf8))
    return mac.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }
      .joined()
  }

  /// The hidden fields every form of a visit carries.
  private func hidden(_ v: Visit, _ f: WebPage.Frame) throws -> [(String, String)] {
    [("expect-version", String(v.version)), ("token", try token(f.user ?? "", scope: v.id))]
  }

  private func scheduleForm(_ f: WebPage.Frame, values: Form) throws -> WebForm {
    guard let spec = commands["schedule"],
      var form = WebForms.form(
        spec, visit: "", values: values, hidden: [("token", try token(f.user ?? "", scope: "-"))])
    else { throw CLIError.notFound("schedule") }
    form.fields.insert(
      WebForm.Field(name: "visit", kind: .text, values: values.all("visit"), required: true), at: 0)
    return form
  }

  /// The forms of a visit page: per appointment (move, cancel, assign, unassign, prefilled), then
  /// one of every other command.
  private func visitForms(_ v: Visit, _ f: WebPage.Frame) throws -> (
    [WebForm], [String: [WebForm]]
  ) {
    let base = try hidden(v, f)
    var perAppointment: [String: [WebForm]] = [:]
    let appointmentCommands = [
      "update-appointment", "move-appointment", "shift", "assign", "unassign", "cancel-appointment",
    ]
    for a in v.activeAppointments {
      perAppointment[a.id] = appointmentCommands.compactMap { name in
        guard let spec = commands[name] else { return nil }
        var values = Form()
        if name == "move-appointment" {
          values.pairs = [("start", a.start.description), ("end", a.end.description)]
        }
        if name == "update-appointment" {
          // Filled in with what stands; only what the user changes is recorded.
          values.pairs =
            [("title", a.title), ("title-de", a.titleDe), ("site", a.site), ("kind", a.kind.rawValue)]
            .compactMap { k, v in v.map { (k, $0) } } + a.hosts.map { ("host", $0) }
            + [("note", a.note), ("internal-note", a.internalNote)].compactMap { k, v in v.map { (k, $0) } }
        }
        let fixed = name == "shift" ? [("from", a.id)] : [("appointment", a.id), ("fixed", "appointment")]
        return WebForms.form(spec, visit: v.id, values: values, hidden: base + fixed)
      }
    }
    let others = commands.values.filter {
      $0.build != nil && $0.name != "schedule" && !appointmentCommands.contains($0.name)
    }
    .sorted {
      (WebCommand(rawValue: $0.name)?.ordinal ?? 99) < (WebCommand(rawValue: $1.name)?.ordinal ?? 99)
    }
    return (
      others.compactMap { WebForms.form($0, visit: v.id, values: Form(), hidden: base) }, perAppointment
    )
  }

  /// The SHA-256 of the page's inline stylesheet, base64, for the Content-Security-Policy.
  static func styleHash(_ page: String) -> String? {
    guard let open = page.range(of: "<style>"),
      let close = page.range(of: "</style>", range: open.upperBound..<page.endIndex)
    else { return nil }
    return Data(SHA256.digest(Array(page[open.upperBound..<close.lowerBound].utf8))).base64EncodedString()
  }
}

extension WebCommand {
  /// The order forms are listed in: the order of the cases.
  var ordinal: Int { Self.allCases.firstIndex(of: self) ?? 0 }
}
