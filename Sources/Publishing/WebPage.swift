import EventLog
import Planning

/// The pages of the staff web interface, server-rendered HTML readable without JavaScript. Every
/// value is escaped as in the printed agenda (`AgendaRenderer.html`).
public enum WebPage {
  /// What every page needs: where links point, the language, who is signed in.
  public struct Frame: Sendable {
    /// The mount point, prefixed to every link (`""` at the root).
    public var base: String
    public var labels: Labels
    public var user: String?

    public init(base: String, labels: Labels, user: String?) {
      self.base = base
      self.labels = labels
      self.user = user
    }

    /// A link below the mount point, in this page's language.
    func link(_ path: String, _ query: [(String, String)] = []) -> String {
      let all = query + [("lang", labels.language.rawValue)]
      return base + path + "?" + all.map { "\(percent($0.0))=\(percent($0.1))" }.joined(separator: "&")
    }
  }

  static func h(_ s: String) -> String { AgendaRenderer.html(s) }

  /// Percent-encodes a query component.
  static func percent(_ s: String) -> String {
    var out = ""
    for b in s.utf8 {
      switch b {
      case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x2E, 0x5F, 0x7E:
        out.append(Character(UnicodeScalar(b)))
      default:
        out += "%" + String(b >> 4, radix: 16, uppercase: true) + String(b & 15, radix: 16, uppercase: true)
      }
    }
    return out
  }

  /// The whole page around `body`.
  public static func page(_ title: String, _ f: Frame, body: String, visit: String? = nil) -> String {
    let l = f.labels
    let other: Language = l.language == .de ? .en : .de
    var nav = "<a href=\"\(h(f.link("/")))\">\(h(l[web: .dashboard]))</a>"
    if let visit {
      nav += " · <a href=\"\(h(f.link("/" + visit)))\">\(h(visit))</a>"
    }
    nav += " · <a href=\"\(h(f.link("/-/verify")))\">\(h(l[web: .integrity]))</a>"
    let user = f.user.map { "\(h(l[web: .loggedInAs])) <strong>\(h($0))</strong>" } ?? h(l[web: .notLoggedIn])
    let switchLang = h(f.base + "/" + (visit ?? "") + "?lang=" + other.rawValue)
    return """
      <!DOCTYPE html>
      <html lang="\(l.language.rawValue)">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>\(h(title)) · \(h(l[web: .appName]))</title>
      <link rel="stylesheet" href="\(h(f.base))/-/style.css">
      </head>
      <body>
      <header><nav>\(nav)</nav><p class="who">\(user) · <a href="\(switchLang)">\(h(l[web: .language]))</a></p></header>
      <main>
      <h1>\(h(title))</h1>
      \(body)
      </main>
      </body>
      </html>

      """
  }

  // MARK: Pages

  /// The dashboard: every visit with dates, status, open and overdue tasks and warnings.
  public static func dashboard(
    _ entries: [CatalogEntry], tasks: TaskList, warnings: [String: Int], schedule: WebForm, _ f: Frame
  ) -> String {
    let l = f.labels
    var body = ""
    if entries.isEmpty {
      body += "<p>\(h(l[web: .noVisits]))</p>\n"
    } else {
      body +=
        "<table class=\"visits\">\n<thead><tr><th>\(h(l[.dates]))</th><th></th><th>\(h(l[.partner]))</th>"
      body +=
        "<th>\(h(l[web: .status]))</th><th>\(h(l[web: .openTasks]))</th><th>\(h(l[web: .warnings]))</th></tr></thead>\n<tbody>\n"
      for e in entries {
        let rows = tasks.rows.filter { $0.visit == e.id }
        let overdue = rows.filter(\.overdue).count
        let status = e.status == .cancelled ? l[.cancelled] : l[.planned]
        body += "<tr><td class=\"nowrap\">\(h(l.range(e.from, e.to)))</td>"
        body +=
          "<td><a href=\"\(h(f.link("/" + e.id)))\">\(h(l.title(e.title, german: e.titleDe)))</a></td><td>\(h(e.partner))</td>"
        body += "<td>\(h(status))</td><td>\(rows.count)"
        if overdue > 0 { body += " <span class=\"warn\">(\(overdue) \(h(l[web: .overdue])))</span>" }
        body += "</td><td>\(warnings[e.id] ?? 0)</td></tr>\n"
      }
      body += "</tbody></table>\n"
    }
    body += "<section><h2>\(h(l[web: .newVisit]))</h2>\n\(form(schedule, f))</section>\n"
    return page(l[web: .dashboard], f, body: body)
  }

  /// One visit: timetable by day with warnings beside their appointments, places, people by side,
  /// tasks, MoUs, notes, published versions, the downloads, and the forms to change it.
  public static func visit(
    _ it: Itinerary, people: AttendeeList, tasks: TaskList, forms: [WebForm],
    appointmentForms: [String: [WebForm]],
    _ f: Frame
  ) -> String {
    let l = f.labels
    let v = it.visit
    var body = "<p class=\"meta\">\(h(v.partner)) · \(h(l.range(v.from, v.to))) · \(h(v.timezone))"
    if v.status == .cancelled { body += " · <strong>\(h(l[.cancelled]))</strong>" }
    body += " · \(h(l[web: .version])) \(v.version)</p>\n"
    let links: [(String, [(String, String)], WebLabel)] = [
      ("/\(v.id)/agenda", [], .agenda), ("/\(v.id)/agenda", [("audience", "internal")], .internalAgenda),
      ("/\(v.id)/calendar.ics", [], .calendar), ("/\(v.id)/attendees.csv", [], .attendeesCSV),
      ("/\(v.id)/tasks.csv", [], .tasksCSV), ("/\(v.id)/audit", [], .audit), ("/\(v.id)/diff", [], .diff),
      ("/\(v.id)/review", [], .review),
    ]
    body +=
      "<p class=\"links\">"
      + links.map { "<a href=\"\(h(f.link($0.0, $0.1)))\">\(h(l[web: $0.2]))</a>" }
      .joined(separator: " · ") + "</p>\n"
    body += "<h2>\(h(l[web: .timetable]))</h2>\n"
    for day in it.days {
      body += "<h3>\(h(l.longDate(day.date)))</h3>\n"
      if day.items.isEmpty { body += "<p class=\"empty\">\(h(l[.nothingPlanned]))</p>\n" }
      for item in day.items {
        let a = item.appointment
        body += "<article class=\"appointment\" id=\"a-\(h(a.id))\">\n"
        body += "<p class=\"when\">\(h(a.start.clock))–\(h(a.end.clock))"
        if item.foreignZone { body += " \(h(a.timezone))" }
        body +=
          "</p>\n<h4>\(h(l.title(a.title, german: a.titleDe))) <span class=\"kind\">\(h(l[Label(a.kind)]))</span> "
        body += "<a class=\"id\" href=\"\(h(f.link("/\(v.id)/history/\(a.id)")))\">\(h(a.id))</a></h4>\n"
        if let s = item.site {
          body += "<p>\(h(([s.name] + [s.address].compactMap { $0 }).joined(separator: ", ")))</p>\n"
        }
        if !a.hosts.isEmpty {
          let hosts = a.hosts.map { l.name(v.personName($0)) }
          body += "<p>\(h(l[web: .hosts])): \(h(hosts.joined(separator: ", ")))</p>\n"
        }
        let names = item.attendees.map { l.name(of: $0.personal) }
        body +=
          "<p>\(h(l[web: .attending])): \(h(names.isEmpty ? l[.nobody] : names.joined(separator: ", ")))</p>\n"
        if let n = a.note { body += "<p class=\"note\">\(AgendaRenderer.html(n, breaks: true))</p>\n" }
        if let n = a.internalNote {
          body +=
            "<p class=\"note internal\">\(h(l[.internalNote])): \(AgendaRenderer.html(n, breaks: true))</p>\n"
        }
        for w in item.warnings {
          body += "<p class=\"warn\">⚠ \(h(WarningText.describe(w, in: v, l)))</p>\n"
        }
        for form in appointmentForms[a.id] ?? [] { body += details(form, f) }
        body += "</article>\n"
      }
    }
    body += "<h2>\(h(l[web: .sites]))</h2>\n<ul>\n"
    for s in v.sites {
      body +=
        "<li>\(h(s.name))" + (s.address.map { ", " + h($0) } ?? "")
        + " <span class=\"id\">\(h(s.id))</span></li>\n"
    }
    body += "</ul>\n<h2>\(h(l[web: .people]))</h2>\n"
    for g in people.groups {
      body += "<h3>\(h(l[Label(g.side)]))</h3>\n<ul>\n"
      for p in g.attendees {
        let details = [p.personal.function, p.personal.organization].compactMap { $0 }
        body += "<li><a href=\"\(h(f.link("/\(v.id)/history/\(p.id)")))\">\(h(l.name(of: p.personal)))</a>"
        if !details.isEmpty { body += " — \(h(details.joined(separator: ", ")))" }
        body += " <span class=\"id\">\(h(p.id))</span>"
        body +=
          " · <a href=\"\(h(f.link("/\(v.id)/agenda", [("for", p.id)])))\">\(h(l[web: .agenda]))</a></li>\n"
      }
      body += "</ul>\n"
    }
    body += "<h2>\(h(l[web: .tasks]))</h2>\n<ul>\n"
    for r in tasks.rows {
      let t = r.task
      body += "<li>\(h(l.title(t.title, german: t.titleDe))) — \(h(l[Label(t.status)]))"
      if let owner = t.owner { body += ", \(h(l[.owner])) \(h(owner))" }
      if let due = t.due { body += ", \(h(l[.due])) \(h(l.date(due)))" }
      if r.overdue { body += " <span class=\"warn\">\(h(l[.overdue]))</span>" }
      body += " <span class=\"id\">\(h(t.id))</span></li>\n"
    }
    body += "</ul>\n"
    if !v.mous.items.isEmpty {
      body += "<h2>\(h(l[web: .mous]))</h2>\n<ul>\n"
      for m in v.mous {
        let by = m.signatories.map { l.name(v.personName($0)) }
        let signed = m.isPlanned ? l[.toBeSignedBy] : l[.signedBy]
        body += "<li>\(h(m.title)) — \(h(signed)) \(h(by.joined(separator: ", ")))"
        if !m.commitments.isEmpty {
          body += "<ul>" + m.commitments.map { "<li>\(h($0))</li>" }.joined() + "</ul>"
        }
        body += "</li>\n"
      }
      body += "</ul>\n"
    }
    let legs = v.activeTravel
    if !legs.isEmpty {
      body += "<h2>\(h(l[protocol: .transfers]))</h2>\n<ul>\n"
      for leg in legs {
        body +=
          "<li>\(h(l.numeric(leg.travel.at))) \(h(l.leg(leg))) <span class=\"id\">\(h(leg.travel.id))</span></li>\n"
      }
      body += "</ul>\n"
    }
    if !v.gifts.items.isEmpty {
      body += "<h2>\(h(l[protocol: .giftsRegister]))</h2>\n<ul>\n"
      for row in GiftRegister(rows: GiftRegister.rows(of: v, year: nil)).rows {
        let g = row.gift
        var line = "\(l.numeric(g.date)) \(l[protocol: ProtocolLabel(g.direction)]): \(g.description) — "
        line += "\(l[protocol: .givenBy]) \(l.name(row.from)) \(l[protocol: .givenTo]) \(l.name(row.to))"
        if let value = g.value { line += "; \(l.euros(value)) EUR" }
        if let d = g.disposition { line += "; \(d)" }
        body += "<li>\(h(line)) <span class=\"id\">\(h(g.id))</span></li>\n"
      }
      body += "</ul>\n"
    }
    if !v.notes.isEmpty {
      body += "<h2>\(h(l[web: .notes]))</h2>\n"
      for n in v.notes {
        let mark = n.internal ? "<span class=\"internal\">\(h(l[.internalMark]))</span> " : ""
        body +=
          "<p class=\"note\">\(mark)\(AgendaRenderer.html(n.text, breaks: true)) <span class=\"by\">— \(h(n.meta.actor)), \(h(l.moment(n.meta.recorded, in: v.timezone)))</span></p>\n"
      }
    }
    body += "<h2>\(h(l[web: .publications]))</h2>\n"
    body +=
      v.publications.isEmpty
      ? "<p>\(h(l[web: .noneYet]))</p>\n"
      : "<ul>\n"
        + v.publications.map {
          "<li>\(h(l[web: .version])) \($0.version) — \(h(l.moment($0.meta.recorded, in: v.timezone))), \(h($0.meta.actor))</li>"
        }.joined(separator: "\n") + "\n</ul>\n"
    body += "<h2>\(h(l[web: .change]))</h2>\n"
    for form in forms { body += details(form, f) }
    return page(v.title, f, body: body, visit: v.id)
  }

  /// The review before publishing: what changed since the last published version, the open
  /// warnings, then the button.
  public static func review(_ v: Visit, since diff: VisitDiff?, publish: WebForm, _ f: Frame) -> String {
    let l = f.labels
    var body = "<h2>\(h(l[web: .sinceLastPublication]))</h2>\n"
    if let diff {
      body +=
        diff.isEmpty
        ? "<p>\(h(l[web: .nothingChangedSince]))</p>\n"
        : "<pre>\(h(AuditText(l.language).diff(diff, visit: v, from: "v:\(v.publishedVersion)", to: nil)))</pre>\n"
    } else {
      body += "<p>\(h(l[web: .firstPublication]))</p>\n"
    }
    body += "<h2>\(h(l[web: .warnings]))</h2>\n"
    let warnings = v.warnings
    body +=
      warnings.isEmpty
      ? "<p>\(h(l[web: .noWarnings]))</p>\n"
      : "<ul>\n"
        + warnings.map {
          "<li class=\"warn\">\(h(WarningText.describe($0, in: v, l)))</li>"
        }.joined(separator: "\n") + "\n</ul>\n"
    body += form(publish, f, submit: "\(l[web: .publishNow]) \(v.publishedVersion + 1)")
    return page(l[web: .review], f, body: body, visit: v.id)
  }

  /// The audit trail of a visit (or one entity of it), with its filter.
  public static func audit(
    _ entries: [AuditEntry], visit: String, entity: String?, filter: [(String, String)], _ f: Frame
  ) -> String {
    let l = f.labels
    let words = AuditText(l.language)
    var body = ""
    if entity == nil {
      body += "<form method=\"get\" action=\"\(h(f.base + "/" + visit + "/audit"))\" class=\"filter\">\n"
      for (name, label) in [("actor", WebLabel.actor), ("since", .since), ("until", .until)] {
        let value = filter.first { $0.0 == name }?.1 ?? ""
        body += "<label>\(h(l[web: label])) <input name=\"\(name)\" value=\"\(h(value))\"></label>\n"
      }
      body += "<input type=\"hidden\" name=\"lang\" value=\"\(l.language.rawValue)\">"
      body += "<button>\(h(l[web: .filter]))</button></form>\n"
    }
    body += "<ol class=\"audit\">\n"
    for e in entries {
      body +=
        "<li><p><span class=\"when\">\(h(l.moment(e.meta.recorded, in: e.timezone)))</span> <strong>\(h(e.meta.actor))</strong> "
      body += "\(h(words.summary(e))) <span class=\"id\">#\(e.meta.seq)</span></p>\n"
      if let r = e.meta.reason { body += "<p class=\"why\">\(h(r))</p>\n" }
      if !e.changes.isEmpty {
        body +=
          "<ul class=\"changes\">"
          + e.changes.map { "<li>\(h(l.field($0.field))): \(h(words.values($0)))</li>" }
          .joined() + "</ul>\n"
      }
      body += "</li>\n"
    }
    body += "</ol>\n"
    let title = entity.map { "\(l[web: .history]): \($0)" } ?? l[web: .audit]
    return page(title, f, body: body, visit: visit)
  }

  /// What changed between two points, with the form to choose them.
  public static func diff(
    _ text: String?, visit: String, from: String, to: String, _ f: Frame
  ) -> String {
    let l = f.labels
    var body = "<form method=\"get\" action=\"\(h(f.base + "/" + visit + "/diff"))\" class=\"filter\">\n"
    body +=
      "<label>\(h(l[web: .from])) <input name=\"from\" value=\"\(h(from))\" placeholder=\"v:1\"></label>\n"
    body += "<label>\(h(l[web: .to])) <input name=\"to\" value=\"\(h(to))\" placeholder=\"now\"></label>\n"
    body +=
      "<input type=\"hidden\" name=\"lang\" value=\"\(l.language.rawValue)\"><button>\(h(l[web: .show]))</button></form>\n"
    if let text { body += "<pre>\(h(text))</pre>\n" }
    return page(l[web: .diff], f, body: body, visit: visit)
  }

  /// The integrity of the store: each visit's events and head hash, and an anchor check.
  public static func verify(
    _ reports: [StreamReport], anchor: (visit: String, text: String, found: Bool)?, _ f: Frame
  )
    -> String
  {
    let l = f.labels
    var body = "<table>\n"
    for r in reports {
      body += "<tr><td>\(h(r.stream))</td><td>"
      body +=
        r.problems.isEmpty
        ? "\(h(l[web: .verifyOK])), \(r.count) \(h(l[web: .events]))"
        : "<span class=\"warn\">\(r.problems.count) \(h(l[web: .problems]))</span>"
      body += "</td><td class=\"hash\">\(h(r.headHash))</td></tr>\n"
      for p in r.problems {
        body += "<tr><td></td><td colspan=\"2\" class=\"warn\">\(h(p.description))</td></tr>\n"
      }
    }
    body += "</table>\n<h2>\(h(l[web: .anchorCheck]))</h2>\n"
    body += "<form method=\"get\" action=\"\(h(f.base + "/-/verify"))\" class=\"filter\">\n"
    body +=
      "<label>\(h(FormField.visit.text(l.language))) <select name=\"visit\">"
      + reports.map { "<option>\(h($0.stream))</option>" }.joined() + "</select></label>\n"
    body +=
      "<label>\(h(l[web: .anchor])) <input name=\"anchor\" value=\"\(h(anchor?.text ?? ""))\"></label>\n"
    body +=
      "<input type=\"hidden\" name=\"lang\" value=\"\(l.language.rawValue)\"><button>\(h(l[web: .check]))</button></form>\n"
    if let anchor {
      body +=
        "<p class=\"\(anchor.found ? "ok" : "warn")\">\(h(anchor.visit)): \(h(l[web: anchor.found ? .anchorFound : .anchorMissing]))</p>\n"
    }
    return page(l[web: .integrity], f, body: body)
  }

  /// A refusal: the message, what changed (on a conflict), and the form filled in again.
  public static func refusal(
    title: WebLabel, message: String, changes: String? = nil, form: WebForm?, visit: String?, _ f: Frame
  ) -> String {
    let l = f.labels
    var body = "<p class=\"warn\" role=\"alert\">\(h(message))</p>\n"
    if let changes { body += "<pre>\(h(changes))</pre>\n" }
    if let form { body += self.form(form, f) }
    return page(l[web: title], f, body: body, visit: visit)
  }

  // MARK: Forms

  /// A form inside a `<details>` element, open when it carries a message.
  static func details(_ form: WebForm, _ f: Frame) -> String {
    "<details\(form.message == nil ? "" : " open")><summary>\(h(form.command.text(f.labels.language)))</summary>\n"
      + self.form(form, f) + "</details>\n"
  }

  /// A form that posts to its command; a message beside the field it concerns.
  public static func form(_ form: WebForm, _ f: Frame, submit: String? = nil) -> String {
    let l = f.labels
    var out = "<form method=\"post\" action=\"\(h(f.base + form.action))\">\n"
    for (name, value) in form.hidden {
      out += "<input type=\"hidden\" name=\"\(h(name))\" value=\"\(h(value))\">\n"
    }
    if let m = form.message, form.messageField == nil {
      out += "<p class=\"warn\" role=\"alert\">\(h(m))</p>\n"
    }
    for field in form.fields + [WebForm.Field(name: "reason", kind: .text)] {
      // A gift's `from` and `to` are people ("Von", "An"), elsewhere dates or places ("Von", "Bis").
      let gift = form.command == .recordGift
      let label =
        gift && field.name == "from"
        ? l[protocol: .giver]
        : gift && field.name == "to"
          ? l[protocol: .receiver] : FormField(rawValue: field.name)?.text(l.language) ?? field.name
      let values = field.values.isEmpty || field.repeatable ? field.values + [""] : field.values
      for (i, value) in values.enumerated() {
        let required = field.required && i == 0 ? " required" : ""
        out += "<label><span>\(h(label))</span> "
        switch field.kind {
        case .text, .date, .dateTime:
          let placeholder =
            field.kind == .date
            ? " placeholder=\"YYYY-MM-DD\""
            : field.kind == .dateTime ? " placeholder=\"YYYY-MM-DDTHH:MM\"" : ""
          out += "<input name=\"\(h(field.name))\" value=\"\(h(value))\"\(placeholder)\(required)>"
        case .multiline:
          out += "<textarea name=\"\(h(field.name))\"\(required)>\(h(value))</textarea>"
        case .flag:
          out +=
            "<input type=\"checkbox\" name=\"\(h(field.name))\" value=\"on\"\(value == "on" ? " checked" : "")>"
        case .choice(let options):
          out +=
            "<select name=\"\(h(field.name))\">"
            + ([""] + options).map {
              "<option\($0 == value ? " selected" : "")>\(h($0))</option>"
            }.joined() + "</select>"
        }
        out += "</label>\n"
      }
      if let m = form.message, form.messageField == field.name {
        out += "<p class=\"warn field-message\" role=\"alert\">\(h(m))</p>\n"
      }
    }
    out += "<button>\(h(submit ?? form.command.text(l.language)))</button>\n</form>\n"
    return out
  }

  /// The stylesheet of every page (served under `/-/style.css`; pages carry no inline style).
  public static let css = """
    body { font: 15px/1.45 "DejaVu Sans", Arial, Helvetica, sans-serif; color: #1d1f23; margin: 0; }
    header { background: #1d3557; color: #fff; padding: .5em 1.5em; display: flex; justify-content: space-between; flex-wrap: wrap; }
    header a { color: #fff; }
    main { max-width: 60em; padding: 0 1.5em 3em; }
    h1 { font-size: 1.6em; margin: .8em 0 .2em; }
    h2 { font-size: 1.2em; border-bottom: 1px solid #ccd; margin-top: 1.6em; }
    h3 { font-size: 1.05em; margin: 1.2em 0 .4em; }
    h4 { margin: .1em 0; font-size: 1em; }
    table { border-collapse: collapse; width: 100%; }
    td, th { text-align: left; padding: .3em .5em; border-bottom: 1px solid #e4e6ea; vertical-align: top; }
    .nowrap, .when { white-space: nowrap; }
    .appointment { border-left: 3px solid #457b9d; padding: .3em .8em; margin: .6em 0; }
    .appointment p { margin: .15em 0; }
    .kind { font-weight: normal; color: #6b6f76; font-size: .9em; }
    .id, .by, .meta, .hash { color: #6b6f76; font-size: .85em; }
    .hash { font-family: "DejaVu Sans Mono", monospace; }
    .warn { color: #a4161a; }
    .ok { color: #2d6a4f; }
    details { margin: .4em 0; }
    summary { cursor: pointer; color: #1d3557; }
    form label { display: block; margin: .3em 0; }
    form label span { display: inline-block; min-width: 12em; }
    form.filter label { display: inline-block; margin-right: 1em; }
    form.filter label span { min-width: 0; }
    input, select, textarea { font: inherit; padding: .15em .3em; }
    textarea { width: 30em; height: 4em; vertical-align: top; }
    button { font: inherit; padding: .3em 1em; margin-top: .3em; }
    pre { white-space: pre-wrap; background: #f4f5f7; padding: .6em; }
    """
}
