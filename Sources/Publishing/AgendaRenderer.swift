import EventLog
import Planning

/// The agenda as plain text (through `terminalSafe`), Markdown (through `markdownSafe`) or one
/// self-contained HTML file (every piece of data escaped) that prints on A4.
public enum AgendaRenderer {
  // MARK: - Shared wording

  /// "09:00–10:30", with the end date when it is another day.
  static func clockRange(_ a: Appointment, _ l: Labels) -> String {
    var s = "\(a.start.clock)–\(a.end.clock)"
    if a.end.date != a.start.date { s += " (\(l.date(a.end.date)))" }
    return s
  }

  /// The start date when it is not the day the appointment is listed under (a far zone).
  static func datePrefix(_ a: Appointment, day: LocalDate, _ l: Labels) -> String {
    a.start.date == day ? "" : l.date(a.start.date) + ", "
  }

  /// The earlier time of a moved appointment, naming its date when that changed too.
  static func previousTime(_ e: Agenda.Entry, _ l: Labels) -> String? {
    guard let c = e.change, c.kind == .moved, let old = c.old else { return nil }
    var s =
      (old.start.date == e.appointment.start.date ? "" : l.date(old.start.date) + ", ") + clockRange(old, l)
    if old.timezone != e.appointment.timezone { s += " (\(old.timezone))" }
    return s
  }

  /// The kind of an appointment in words (`press` has its own word: the base table's is the side's).
  static func kind(_ k: AppointmentKind, _ l: Labels) -> String {
    k == .press ? l.agenda("kind.press") : l.kind(k)
  }

  /// "moved", "changed: time, attendees".
  static func markText(_ c: Agenda.Change, _ l: Labels) -> String {
    c.kind == .changed && !c.fields.isEmpty ? "\(l.mark(c.kind)): \(l.fields(c.fields))" : l.mark(c.kind)
  }

  /// "new 1 · moved 3 · cancelled 1", leaving out kinds with none.
  static func countsText(_ ch: Agenda.Changes, _ l: Labels) -> String {
    Agenda.Change.Kind.allCases.compactMap { k in
      let n = ch.counts[k] ?? 0
      return n == 0 ? nil : "\(l.mark(k)): \(n)"
    }.joined(separator: " · ")
  }

  static func versionText(_ a: Agenda, _ l: Labels) -> String {
    guard let p = a.published else { return l.agenda("draft") }
    let base = "\(p.version), \(l.agenda("published")) \(l.dateTime(p.local))"
    return a.changedSincePublished ? base + " " + l.agenda("changed since") : base
  }

  static func anchor(_ a: Agenda, _ l: Labels) -> String {
    let hash = String(a.head.shortHash.filter { $0.isHexDigit })
    return "\(l["as of"]) \(a.head.seq) · \(l["head"]) \(hash)"
  }

  static func title(_ a: Agenda, _ l: Labels) -> String {
    a.personQuery == nil ? l.agenda("agenda") : l.agenda("personal")
  }

  static func dayEmpty(_ a: Agenda, _ l: Labels) -> String {
    a.personQuery == nil ? l.agenda("nothing planned") : l.agenda("nothing for person")
  }

  /// Rows of the title block, label and value (values still to be made safe by the caller).
  static func facts(_ a: Agenda, _ l: Labels) -> [(label: String, value: String, data: Bool)] {
    var rows: [(label: String, value: String, data: Bool)] = []
    rows.append((l.agenda("partner"), a.partner, true))
    rows.append((l.agenda("dates"), l.range(a.from, a.to), false))
    rows.append((l.agenda("timezone"), a.timezone + " (" + l.agenda("timezone note") + ")", false))
    if let p = a.program { rows.append((l.agenda("program"), p, true)) }
    if !a.organizers.isEmpty {
      rows.append((l.agenda("organizers"), a.organizers.joined(separator: "; "), true))
    }
    if !a.topics.isEmpty { rows.append((l.agenda("topics"), a.topics.joined(separator: "; "), true)) }
    rows.append((l.agenda("version"), versionText(a, l), false))
    return rows
  }

  static func personLine(_ p: Attendee) -> [String] {
    [p.personal.function, p.personal.organization].compactMap { $0 }.filter { !$0.isEmpty }
  }

  static func noteLines(_ s: String) -> [String] {
    s.replacingNewlines.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  }

  // MARK: - Text

  public static func text(_ a: Agenda, _ l: Labels) -> String {
    lines(a, l, md: false).joined(separator: "\n") + "\n"
  }

  // MARK: - Markdown

  public static func markdown(_ a: Agenda, _ l: Labels) -> String {
    lines(a, l, md: true).joined(separator: "\n") + "\n"
  }

  /// Text and Markdown share one layout; Markdown adds its marks and escapes data with
  /// `markdownSafe`, text with `terminalSafe`.
  private static func lines(_ a: Agenda, _ l: Labels, md: Bool) -> [String] {
    func d(_ s: String) -> String { md ? markdownSafe(s) : terminalSafe(s) }
    func strike(_ s: String) -> String { md ? "~~\(s)~~" : s }
    func bold(_ s: String) -> String { md ? "**\(s)**" : s }
    func italic(_ s: String) -> String { md ? "_\(s)_" : s }
    var out: [String] = []
    let heading = d(a.title) + (a.status == .cancelled ? " (\(l["cancelled"]))" : "")
    if md {
      out.append("# " + heading)
      out.append("")
      out.append(italic(title(a, l)) + " · " + d(a.partner) + " · " + l.range(a.from, a.to))
    } else {
      out.append(title(a, l).uppercased())
      out.append(heading)
      out.append(String(repeating: "=", count: max(heading.count, 8)))
    }
    if a.personQuery != nil {
      out.append("")
      if let p = a.person {
        let extra = personLine(p).map(d).joined(separator: ", ")
        out.append(
          "\(title(a, l)) \(l.agenda("for")) \(bold(d(p.personal.name)))"
            + (extra.isEmpty ? "" : " (\(extra))"))
      } else {
        out.append("\(l.agenda("unknown person")): \(d(a.personQuery ?? ""))")
      }
    }
    if a.status == .cancelled {
      out.append("")
      out.append(bold(l.agenda("visit cancelled")))
    }
    out.append("")
    let rows = facts(a, l)
    let width = rows.map { $0.label.count }.max() ?? 0
    for r in rows {
      let value = r.data ? d(r.value) : (md ? markdownSafe(r.value) : r.value)
      if md {
        out.append("- **\(r.label):** \(value)")
      } else {
        out.append("  " + r.label + ":" + String(repeating: " ", count: width - r.label.count + 2) + value)
      }
    }

    if let ch = a.changes {
      out.append("")
      out.append((md ? "## " : "") + "\(l.agenda("changes since")) \(d(ch.label))")
      if md { out.append("") }
      let bullet = md ? "- " : "  "
      if !ch.visitExisted { out.append(bullet + l.agenda("did not exist")) }
      if ch.visitCancelled { out.append(bullet + bold(l.agenda("visit cancelled"))) }
      if ch.isEmpty {
        out.append(bullet + l.agenda("no changes"))
      } else if !countsText(ch, l).isEmpty {
        out.append(bullet + countsText(ch, l))
      }
      if let dates = ch.dates {
        let old = l.range(dates.old.0, dates.old.1)
        let new = l.range(dates.new.0, dates.new.1)
        out.append(bullet + "\(l.agenda("dates changed")): \(strike(old)) → \(new)")
      }
      if !ch.attendeesAdded.isEmpty {
        out.append(
          bullet + "\(l.agenda("people added")): \(ch.attendeesAdded.map(d).joined(separator: ", "))")
      }
      if !ch.attendeesWithdrawn.isEmpty {
        out.append(
          bullet + "\(l.agenda("people withdrawn")): \(ch.attendeesWithdrawn.map(d).joined(separator: ", "))")
      }
    }

    for day in a.days {
      out.append("")
      let dayHeading = l.longDate(day.date)
      if md {
        out.append("## " + dayHeading)
      } else {
        out.append(dayHeading)
        out.append(String(repeating: "-", count: dayHeading.count))
      }
      if day.entries.isEmpty {
        out.append(md ? "" : "  " + dayEmpty(a, l))
        if md { out.append(italic(dayEmpty(a, l))) }
        continue
      }
      if md { out.append("") }
      for e in day.entries {
        let ap = e.appointment
        var time = datePrefix(ap, day: day.date, l) + clockRange(ap, l)
        if e.foreignZone { time += " (\(d(ap.timezone)))" }
        var titleText = d(ap.title)
        if e.struck {
          time = strike(time)
          titleText = strike(titleText)
        }
        let mark = e.change.map { "[\(markText($0, l))] " } ?? ""
        let kind = md ? "_(\(Self.kind(ap.kind, l)))_" : "(\(Self.kind(ap.kind, l)))"
        let indent: String
        if md {
          out.append(
            "- **\(time)** \(mark.isEmpty ? "" : bold(markdownSafe(mark.trimmingTrailingSpace)) + " ")\(titleText) \(kind)"
          )
          indent = "  - "
        } else {
          out.append("  \(time)  \(mark)\(titleText) \(kind)")
          indent = "      "
        }
        if let previous = previousTime(e, l) {
          out.append(
            "\(indent)\(l.agenda("previously")): \(strike(md ? markdownSafe(previous) : terminalSafe(previous)))"
          )
        }
        if let s = e.site {
          let place = [s.name, s.organization, s.address].compactMap { $0 }.filter { !$0.isEmpty }.map(d)
          out.append("\(indent)\(l.agenda("place")): \(place.joined(separator: ", "))")
        }
        if !ap.hosts.isEmpty {
          out.append("\(indent)\(l.agenda("hosts")): \(ap.hosts.map(d).joined(separator: ", "))")
        }
        let names = e.attendees.map { d($0.personal.name) }
        var attending = names.isEmpty ? l.agenda("nobody") : names.joined(separator: ", ")
        if let c = e.change, c.kind != .unassigned {
          if !c.joined.isEmpty {
            attending += "; \(l.agenda("joined")): \(c.joined.map(d).joined(separator: ", "))"
          }
          if !c.left.isEmpty {
            attending += "; \(l.agenda("left")): \(c.left.map { strike(d($0)) }.joined(separator: ", "))"
          }
        }
        out.append("\(indent)\(l.agenda("attending")): \(attending)")
        if let n = ap.note {
          let parts = noteLines(n).map(d)
          let continuation = md ? "  \n" + String(repeating: " ", count: 4) : "\n" + indent + "  "
          out.append("\(indent)\(l.agenda("note")): " + parts.joined(separator: continuation))
        }
      }
    }

    out.append("")
    out.append((md ? "## " : "") + l.agenda("contacts"))
    if md { out.append("") }
    if a.contacts.isEmpty {
      out.append((md ? "" : "  ") + l.agenda("no contacts"))
    }
    for c in a.contacts {
      let details = [c.function, c.organization].compactMap { $0 }.filter { !$0.isEmpty }.map(d)
      var line = (md ? "- " : "  ") + bold(d(c.name))
      if !details.isEmpty { line += " — " + details.joined(separator: ", ") }
      out.append(line)
      let reach = [
        c.phone.map { "\(l.agenda("phone")): \(d($0))" }, c.email.map { "\(l.agenda("email")): \(d($0))" },
      ]
      .compactMap { $0 }
      if !reach.isEmpty { out.append((md ? "  " : "    ") + reach.joined(separator: " · ")) }
    }
    out.append("")
    out.append(md ? italic(anchor(a, l)) : anchor(a, l))
    return out
  }

  // MARK: - HTML

  public static func html(_ a: Agenda, _ l: Labels) -> String {
    var o = ""
    o += "<!DOCTYPE html>\n"
    o += "<html lang=\"\(l.language.rawValue)\">\n<head>\n<meta charset=\"utf-8\">\n"
    o += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    o += "<title>\(html(title(a, l))) – \(html(a.title))</title>\n"
    let header = a.title + (a.person.map { " · " + $0.personal.name } ?? "")
    o += "<style>\n" + css(header: header, dates: l.range(a.from, a.to), footer: anchor(a, l))
    o += "</style>\n</head>\n<body>\n<main class=\"sheet\">\n"

    // Title block.
    o += "<header class=\"masthead\">\n"
    o += "<p class=\"kicker\">\(html(title(a, l)))</p>\n"
    o += "<h1>\(html(a.title))</h1>\n"
    o += "<p class=\"subtitle\">\(html(a.partner)) · \(html(l.range(a.from, a.to)))</p>\n"
    if a.personQuery != nil {
      if let p = a.person {
        let extra = personLine(p).map { html($0) }.joined(separator: ", ")
        o +=
          "<p class=\"for\">\(html(title(a, l))) \(html(l.agenda("for"))) <strong>\(html(p.personal.name))</strong>"
        o += (extra.isEmpty ? "" : "<span class=\"function\">\(extra)</span>") + "</p>\n"
      } else {
        o +=
          "<p class=\"for unknown\">\(html(l.agenda("unknown person"))): \(html(a.personQuery ?? ""))</p>\n"
      }
    }
    if a.status == .cancelled { o += "<p class=\"alert\">\(html(l.agenda("visit cancelled")))</p>\n" }
    o += "</header>\n"
    o += "<dl class=\"facts\">\n"
    for r in facts(a, l) {
      let value =
        r.label == l.agenda("version") && a.published == nil
        ? "<span class=\"draft\">\(html(r.value))</span>" : html(r.value)
      o += "<dt>\(html(r.label))</dt><dd>\(value)</dd>\n"
    }
    o += "</dl>\n"

    // Changes.
    if let ch = a.changes {
      o +=
        "<section class=\"changes\">\n<h2>\(html(l.agenda("changes since"))) \(html(ch.label))</h2>\n<ul>\n"
      if !ch.visitExisted { o += "<li>\(html(l.agenda("did not exist")))</li>\n" }
      if ch.visitCancelled { o += "<li><strong>\(html(l.agenda("visit cancelled")))</strong></li>\n" }
      if ch.isEmpty {
        o += "<li>\(html(l.agenda("no changes")))</li>\n"
      } else {
        let counts = Agenda.Change.Kind.allCases.compactMap { k -> String? in
          let n = ch.counts[k] ?? 0
          return n == 0 ? nil : "<span class=\"badge \(k.rawValue)\">\(html(l.mark(k)))</span> \(n)"
        }
        if !counts.isEmpty { o += "<li class=\"counts\">\(counts.joined(separator: " "))</li>\n" }
      }
      if let dates = ch.dates {
        o +=
          "<li>\(html(l.agenda("dates changed"))): <del>\(html(l.range(dates.old.0, dates.old.1)))</del> → "
        o += "\(html(l.range(dates.new.0, dates.new.1)))</li>\n"
      }
      if !ch.attendeesAdded.isEmpty {
        o +=
          "<li>\(html(l.agenda("people added"))): \(ch.attendeesAdded.map { html($0) }.joined(separator: ", "))</li>\n"
      }
      if !ch.attendeesWithdrawn.isEmpty {
        o += "<li>\(html(l.agenda("people withdrawn"))): "
        o += "\(ch.attendeesWithdrawn.map { "<del>\(html($0))</del>" }.joined(separator: ", "))</li>\n"
      }
      o += "</ul>\n</section>\n"
    }

    // Days.
    for day in a.days {
      o += "<section class=\"day\">\n<h2>\(html(l.longDate(day.date)))</h2>\n"
      if day.entries.isEmpty {
        o += "<p class=\"empty\">\(html(dayEmpty(a, l)))</p>\n</section>\n"
        continue
      }
      for e in day.entries { o += entry(e, day: day.date, person: a.person?.id, l) }
      o += "</section>\n"
    }

    // Contacts.
    o += "<section class=\"contacts\">\n<h2>\(html(l.agenda("contacts")))</h2>\n"
    if a.contacts.isEmpty {
      o += "<p class=\"empty\">\(html(l.agenda("no contacts")))</p>\n"
    } else {
      o += "<table>\n<thead><tr>"
      for k in ["name", "function", "organization", "phone", "email"] { o += "<th>\(html(l.agenda(k)))</th>" }
      o += "</tr></thead>\n<tbody>\n"
      for c in a.contacts {
        o += "<tr><td class=\"name\">\(html(c.name))</td>"
        for v in [c.function, c.organization] { o += "<td>\(html(v ?? ""))</td>" }
        o +=
          "<td class=\"nowrap\">\(html(c.phone ?? ""))</td><td class=\"email\">\(html(c.email ?? ""))</td></tr>\n"
      }
      o += "</tbody>\n</table>\n"
    }
    o += "</section>\n"
    o += "<footer class=\"anchor\">\(html(anchor(a, l)))</footer>\n"
    o += "</main>\n</body>\n</html>\n"
    return o
  }

  private static func entry(_ e: Agenda.Entry, day: LocalDate, person: String?, _ l: Labels) -> String {
    let ap = e.appointment
    var classes = ["appt"]
    if let c = e.change { classes.append(c.kind.rawValue) }
    if e.struck { classes.append("struck") }
    var o = "<article class=\"\(classes.joined(separator: " "))\">\n<div class=\"time\">"
    let now = html(datePrefix(ap, day: day, l) + clockRange(ap, l))
    o += e.struck ? "<del class=\"now\">\(now)</del>" : "<span class=\"now\">\(now)</span>"
    if e.foreignZone { o += "<span class=\"zone\">(\(html(ap.timezone)))</span>" }
    if let previous = previousTime(e, l) {
      o += "<span class=\"was\">\(html(l.agenda("previously")))<br><del>\(html(previous))</del></span>"
    }
    o += "</div>\n<div class=\"body\">\n"
    let badge =
      e.change.map { "<span class=\"badge \($0.kind.rawValue)\">\(html(markText($0, l)))</span> " } ?? ""
    let titleHTML = e.struck ? "<del>\(html(ap.title))</del>" : html(ap.title)
    o += "<h3>\(badge)\(titleHTML) <span class=\"kind\">\(html(kind(ap.kind, l)))</span></h3>\n"
    o += "<dl class=\"details\">\n"
    if let s = e.site {
      var place = "<strong>\(html(s.name))</strong>"
      let more = [s.organization, s.address].compactMap { $0 }.filter { !$0.isEmpty }.map { html($0) }
      if !more.isEmpty { place += "<br><span class=\"address\">\(more.joined(separator: " · "))</span>" }
      o += "<dt>\(html(l.agenda("place")))</dt><dd class=\"place\">\(place)</dd>\n"
    }
    if !ap.hosts.isEmpty {
      o +=
        "<dt>\(html(l.agenda("hosts")))</dt><dd>\(ap.hosts.map { html($0) }.joined(separator: ", "))</dd>\n"
    }
    var names = e.attendees.map { p in
      let name = p.id == person ? "<strong>\(html(p.personal.name))</strong>" : html(p.personal.name)
      return (e.change?.joined.contains(p.personal.name) == true && e.change?.kind != .added)
        ? "<span class=\"joined\">\(name)</span>" : name
    }
    if let c = e.change, c.kind != .unassigned { names += c.left.map { "<del>\(html($0))</del>" } }
    let attending =
      names.isEmpty
      ? "<span class=\"none\">\(html(l.agenda("nobody")))</span>" : names.joined(separator: ", ")
    o += "<dt>\(html(l.agenda("attending")))</dt><dd>\(attending)</dd>\n"
    if let n = ap.note {
      o += "<dt>\(html(l.agenda("note")))</dt><dd class=\"note\">\(html(n, breaks: true))</dd>\n"
    }
    o += "</dl>\n</div>\n</article>\n"
    return o
  }

  /// Escapes data for HTML text and attribute values: `&`, `<`, `>`, `"`, `'`; control characters
  /// and bidirectional overrides become spaces; with `breaks`, line breaks become `<br>` (after
  /// escaping), else spaces.
  public static func html(_ s: String, breaks: Bool = false) -> String {
    var out = ""
    for line in (breaks ? noteLines(s) : [s]).enumerated() {
      if line.offset > 0 { out += "<br>\n" }
      for c in terminalSafe(line.element) {
        switch c {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.append(c)
        }
      }
    }
    return out
  }

  /// A CSS string literal: quotes, backslashes, `<`, `>`, `&` and control characters escaped as
  /// `\HEX `, so data can end neither the string nor the `<style>` element.
  static func cssString(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
      if "\"'\\<>&".unicodeScalars.contains(u) || u.value < 0x20 || (0x7F...0x9F).contains(u.value) {
        out += "\\" + String(u.value, radix: 16) + " "
      } else {
        out.unicodeScalars.append(u)
      }
    }
    return out + "\""
  }

  /// The style sheet. Data (the visit's title in the running head) enters only as CSS strings
  /// escaped by `cssString`, so it cannot end the `<style>` element or the declaration.
  static func css(header: String, dates: String, footer: String) -> String {
    """
    @page {
      size: A4;
      margin: 16mm 16mm 18mm 18mm;
      @top-left {
        content: \(cssString(header));
        font: 7pt "DejaVu Sans", Arial, Helvetica, sans-serif;
        color: #6b6f76;
        vertical-align: bottom;
        padding-bottom: 4mm;
      }
      @top-right {
        content: \(cssString(dates));
        font: 7pt "DejaVu Sans", Arial, Helvetica, sans-serif;
        color: #6b6f76;
        vertical-align: bottom;
        padding-bottom: 4mm;
      }
      @bottom-left {
        content: \(cssString(footer));
        font: 7pt "DejaVu Sans", Arial, Helvetica, sans-serif;
        color: #6b6f76;
      }
      @bottom-right {
        content: counter(page) " / " counter(pages);
        font: 7pt "DejaVu Sans", Arial, Helvetica, sans-serif;
        color: #6b6f76;
      }
    }
    @page :first {
      @top-left { content: none; }
      @top-right { content: none; }
    }
    :root {
      --ink: #1d1f22;
      --muted: #5d6168;
      --rule: #cfd2d6;
      --accent: #9b111e;
      --soft: #f3f4f6;
    }
    * { box-sizing: border-box; }
    html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    body {
      margin: 0;
      font-family: "DejaVu Sans", Arial, Helvetica, sans-serif;
      font-size: 9.5pt;
      line-height: 1.42;
      color: var(--ink);
      background: #e7e8ea;
    }
    .sheet {
      max-width: 200mm;
      margin: 24px auto;
      padding: 16mm 16mm 12mm 18mm;
      background: #fff;
      box-shadow: 0 1px 6px rgba(0, 0, 0, 0.18);
    }
    @media print {
      body { background: none; }
      .sheet { max-width: none; margin: 0; padding: 0; box-shadow: none; }
    }
    .masthead { border-top: 4px solid var(--accent); padding-top: 10px; margin-bottom: 12px; }
    .kicker {
      margin: 0 0 3px;
      font-size: 7.5pt;
      font-weight: bold;
      letter-spacing: 0.12em;
      text-transform: uppercase;
      color: var(--accent);
    }
    h1 { margin: 0 0 3px; font-size: 17pt; line-height: 1.2; }
    .subtitle { margin: 0; font-size: 10.5pt; color: var(--muted); }
    .for {
      margin: 10px 0 0;
      padding: 6px 10px;
      background: var(--soft);
      border-left: 3px solid var(--accent);
    }
    .for .function { color: var(--muted); margin-left: 0.6em; }
    .alert {
      margin: 10px 0 0;
      padding: 6px 10px;
      border: 1.5px solid var(--accent);
      color: var(--accent);
      font-weight: bold;
    }
    .facts {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 2px 14px;
      margin: 0 0 6px;
      padding: 8px 0;
      border-top: 1px solid var(--rule);
      border-bottom: 1px solid var(--rule);
      font-size: 8.5pt;
    }
    .facts dt { color: var(--muted); }
    .facts dd { margin: 0; }
    .draft { font-weight: bold; color: var(--accent); }
    .changes {
      margin: 14px 0 4px;
      padding: 8px 12px;
      border: 1px solid #e3c3c6;
      border-left: 3px solid var(--accent);
      background: #fbf5f5;
      break-inside: avoid;
      page-break-inside: avoid;
    }
    .changes h2 { margin: 0 0 4px; font-size: 10pt; }
    .changes ul { margin: 0; padding-left: 1.2em; }
    .changes li.counts { list-style: none; margin-left: -1.2em; margin-bottom: 2px; }
    .day { margin-top: 16px; }
    .day > h2 {
      margin: 0;
      padding: 3px 0 4px;
      font-size: 12pt;
      border-bottom: 1.5px solid var(--ink);
      break-after: avoid;
      page-break-after: avoid;
    }
    .empty { margin: 6px 0 0; color: var(--muted); font-style: italic; }
    .appt {
      display: grid;
      grid-template-columns: 29mm 1fr;
      gap: 0 10px;
      padding: 7px 0 7px;
      border-bottom: 1px solid var(--rule);
      break-inside: avoid;
      page-break-inside: avoid;
    }
    .time { font-weight: bold; white-space: nowrap; font-variant-numeric: tabular-nums; }
    .time .now { display: block; }
    .time .zone, .time .was {
      display: block;
      margin-top: 1px;
      font-size: 7.5pt;
      font-weight: normal;
      color: var(--muted);
      white-space: normal;
    }
    .time .was del { white-space: nowrap; font-size: 8pt; }
    .appt h3 { margin: 0 0 3px; font-size: 10pt; line-height: 1.3; }
    .appt h3 .badge { margin-right: 4px; vertical-align: 1.5px; }
    .kind {
      display: inline-block;
      margin-left: 5px;
      padding: 0 4px;
      font-size: 6.5pt;
      font-weight: normal;
      letter-spacing: 0.06em;
      text-transform: uppercase;
      vertical-align: 1.5px;
      color: var(--muted);
      border: 1px solid var(--rule);
      border-radius: 2px;
      white-space: nowrap;
    }
    .details {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 1px 10px;
      margin: 0;
      font-size: 8.5pt;
    }
    .details dt { color: var(--muted); }
    .details dd { margin: 0; overflow-wrap: anywhere; }
    .address { color: var(--muted); }
    .none { color: var(--muted); font-style: italic; }
    .badge {
      display: inline-block;
      padding: 0 5px;
      line-height: 1.45;
      font-size: 6.5pt;
      font-weight: bold;
      letter-spacing: 0.06em;
      text-transform: uppercase;
      border: 1px solid currentColor;
      border-radius: 2px;
    }
    .badge.added { color: #1d6b36; background: #edf6ef; }
    .badge.moved { color: #8a5300; background: #fbf3e4; }
    .badge.changed { color: #1f4f8f; background: #edf2fa; }
    .badge.cancelled, .badge.unassigned { color: #9b111e; background: #fbeeee; }
    del { text-decoration: line-through; text-decoration-thickness: 1px; color: var(--muted); }
    .joined { text-decoration: underline; text-decoration-color: #1d6b36; text-decoration-thickness: 1.5px; }
    .appt.struck { color: var(--muted); }
    .appt.struck .details { opacity: 0.75; }
    .appt.struck h3 del, .appt.struck .time del { color: var(--muted); text-decoration-thickness: 1.5px; }
    .contacts { margin-top: 20px; break-inside: avoid; page-break-inside: avoid; }
    .contacts h2 {
      margin: 0 0 4px;
      font-size: 11pt;
      break-after: avoid;
      page-break-after: avoid;
    }
    .contacts table { width: 100%; border-collapse: collapse; font-size: 8.5pt; }
    .contacts th {
      text-align: left;
      font-size: 7.5pt;
      font-weight: bold;
      color: var(--muted);
      text-transform: uppercase;
      letter-spacing: 0.05em;
      border-bottom: 1.5px solid var(--ink);
      padding: 3px 8px 3px 0;
    }
    .contacts td { padding: 4px 8px 4px 0; border-bottom: 1px solid var(--rule); vertical-align: top; }
    .contacts td.name { font-weight: bold; }
    .contacts td.nowrap { white-space: nowrap; }
    .contacts td.email { overflow-wrap: anywhere; }
    .anchor {
      margin-top: 16px;
      padding-top: 5px;
      border-top: 1px solid var(--rule);
      font-size: 7.5pt;
      color: var(--muted);
    }

    """
  }
}

extension String {
  /// `\r\n` and `\r` as `\n`.
  fileprivate var replacingNewlines: String {
    var out = ""
    var lastCR = false
    for u in unicodeScalars {
      if u == "\r" {
        out.unicodeScalars.append("\n")
        lastCR = true
      } else {
        if !(u == "\n" && lastCR) { out.unicodeScalars.append(u) }
        lastCR = false
      }
    }
    return out
  }

  fileprivate var trimmingTrailingSpace: String {
    var s = self
    while s.last == " " { s.removeLast() }
    return s
  }
}
