import EventLog
import Planning

/// The agenda as one self-contained HTML file for screen and A4 print.
extension AgendaRenderer {
  public static func html(_ a: Agenda, _ l: Labels) -> String {
    var o = ""
    o += "<!DOCTYPE html>\n"
    o += "<html lang=\"\(l.language.rawValue)\">\n<head>\n<meta charset=\"utf-8\">\n"
    o += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    let visitTitle = l.title(a.title, german: a.titleDe)
    o += "<title>\(html(title(a, l))) – \(html(visitTitle))</title>\n"
    let header = visitTitle + (a.person.map { " · " + l.name(of: $0.personal) } ?? "")
    o += "<style>\n" + css(header: header, dates: l.range(a.from, a.to), footer: anchor(a, l))
    o += "</style>\n</head>\n<body>\n<main class=\"sheet\">\n"

    // Title block.
    o += "<header class=\"masthead\">\n"
    o += "<p class=\"kicker\">\(html(title(a, l)))</p>\n"
    o += "<h1>\(html(visitTitle))</h1>\n"
    o += "<p class=\"subtitle\">\(html(a.partner)) · \(html(l.range(a.from, a.to)))</p>\n"
    if a.personQuery != nil {
      if let p = a.person {
        let extra = personLine(p).map { html($0) }.joined(separator: ", ")
        o +=
          "<p class=\"for\">\(html(title(a, l))) \(html(l[agenda: .forPerson])) <strong>\(html(l.name(of: p.personal)))</strong>"
        o += (extra.isEmpty ? "" : "<span class=\"function\">\(extra)</span>") + "</p>\n"
      } else {
        o +=
          "<p class=\"for unknown\">\(html(l[agenda: .unknownPerson])): \(html(a.personQuery ?? ""))</p>\n"
      }
    }
    if a.status == .cancelled { o += "<p class=\"alert\">\(html(l[agenda: .visitCancelled]))</p>\n" }
    if a.audience == .internal { o += "<p class=\"alert internal\">\(html(l[agenda: .internalOnly]))</p>\n" }
    o += "</header>\n"
    o += "<dl class=\"facts\">\n"
    for r in facts(a, l) {
      let value =
        r.label == l[agenda: .version] && a.published == nil
        ? "<span class=\"draft\">\(html(r.value))</span>" : html(r.value)
      o += "<dt>\(html(r.label))</dt><dd>\(value)</dd>\n"
    }
    o += "</dl>\n"

    // Changes.
    if let ch = a.changes {
      o +=
        "<section class=\"changes\">\n<h2>\(html(l[agenda: .changesSince])) \(html(ch.label))</h2>\n<ul>\n"
      if !ch.visitExisted { o += "<li>\(html(l[agenda: .didNotExist]))</li>\n" }
      if ch.visitCancelled { o += "<li><strong>\(html(l[agenda: .visitCancelled]))</strong></li>\n" }
      if ch.isEmpty {
        o += "<li>\(html(l[agenda: .noChanges]))</li>\n"
      } else {
        let counts = Agenda.Change.Kind.allCases.compactMap { k -> String? in
          let n = ch.counts[k] ?? 0
          return n == 0
            ? nil : "<span class=\"badge \(k.rawValue)\">\(html(l[agenda: AgendaLabel(k)]))</span> \(n)"
        }
        if !counts.isEmpty { o += "<li class=\"counts\">\(counts.joined(separator: " "))</li>\n" }
      }
      if let dates = ch.dates {
        o +=
          "<li>\(html(l[agenda: .datesChanged])): <del>\(html(l.range(dates.old.from, dates.old.to)))</del> → "
        o += "\(html(l.range(dates.new.from, dates.new.to)))</li>\n"
      }
      if !ch.attendeesAdded.isEmpty {
        o +=
          "<li>\(html(l[agenda: .peopleAdded])): \(ch.attendeesAdded.map { html(l.name($0)) }.joined(separator: ", "))</li>\n"
      }
      if !ch.attendeesWithdrawn.isEmpty {
        o += "<li>\(html(l[agenda: .peopleWithdrawn])): "
        o +=
          "\(ch.attendeesWithdrawn.map { "<del>\(html(l.name($0)))</del>" }.joined(separator: ", "))</li>\n"
      }
      o += "</ul>\n</section>\n"
    }

    // Days.
    for day in a.days {
      o += "<section class=\"day\">\n<h2>\(html(l.longDate(day.date)))</h2>\n"
      if day.entries.isEmpty { o += "<p class=\"empty\">\(html(dayEmpty(a, l)))</p>\n" }
      for e in day.entries {
        o += entry(e, day: day.date, person: a.person?.id, staff: a.audience == .internal, l)
      }
      if !day.logistics.isEmpty {
        o += "<div class=\"logistics\">\n<h3>\(html(l[protocol: .logistics]))</h3>\n<ul>\n"
        for leg in day.logistics {
          o += "<li><span class=\"time\">\(html(leg.travel.at.clock))</span> \(html(l.leg(leg)))</li>\n"
        }
        o += "</ul>\n</div>\n"
      }
      o += "</section>\n"
    }

    if !a.internalNotes.isEmpty {
      o += "<section class=\"internal-notes\">\n<h2>\(html(l[agenda: .internalNotes]))</h2>\n<ul>\n"
      for n in a.internalNotes { o += "<li class=\"note\">\(html(n.text, breaks: true))</li>\n" }
      o += "</ul>\n</section>\n"
    }

    // Contacts: guests see who to ask, staff also how to reach them.
    let reach = a.audience == .internal
    o += "<section class=\"contacts\">\n<h2>\(html(l[agenda: .contacts]))</h2>\n"
    if a.contacts.isEmpty {
      o += "<p class=\"empty\">\(html(l[agenda: .noContacts]))</p>\n"
    } else {
      o += "<table>\n<thead><tr>"
      for k: AgendaLabel in reach
        ? [.name, .function, .organization, .phone, .email] : [.name, .function, .organization]
      {
        o += "<th>\(html(l[agenda: k]))</th>"
      }
      o += "</tr></thead>\n<tbody>\n"
      for c in a.contacts {
        o += "<tr><td class=\"name\">\(html(l.name(c.name)))</td>"
        for v in [c.function, c.organization] { o += "<td>\(html(v ?? ""))</td>" }
        if reach {
          o +=
            "<td class=\"nowrap\">\(html(c.phone ?? ""))</td><td class=\"email\">\(html(c.email ?? ""))</td>"
        }
        o += "</tr>\n"
      }
      o += "</tbody>\n</table>\n"
    }
    o += "</section>\n"
    o += "<footer class=\"anchor\">\(html(anchor(a, l)))</footer>\n"
    o += "</main>\n</body>\n</html>\n"
    return o
  }

  private static func entry(_ e: Agenda.Entry, day: LocalDate, person: String?, staff: Bool, _ l: Labels)
    -> String
  {
    let ap = e.appointment
    var classes = ["appt"]
    if let c = e.change { classes.append(c.kind.rawValue) }
    if e.struck { classes.append("struck") }
    var o = "<article class=\"\(classes.joined(separator: " "))\">\n<div class=\"time\">"
    let now = html(datePrefix(ap, day: day, l) + clockRange(ap, l))
    o += e.struck ? "<del class=\"now\">\(now)</del>" : "<span class=\"now\">\(now)</span>"
    if e.foreignZone { o += "<span class=\"zone\">(\(html(ap.timezone)))</span>" }
    if let previous = previousTime(e, l) {
      o += "<span class=\"was\">\(html(l[agenda: .previously]))<br><del>\(html(previous))</del></span>"
    }
    o += "</div>\n<div class=\"body\">\n"
    let badge =
      e.change.map { "<span class=\"badge \($0.kind.rawValue)\">\(html(markText($0, l)))</span> " } ?? ""
    let shown = l.title(ap.title, german: ap.titleDe)
    let titleHTML = e.struck ? "<del>\(html(shown))</del>" : html(shown)
    o += "<h3>\(badge)\(titleHTML) <span class=\"kind\">\(html(kind(ap.kind, l)))</span></h3>\n"
    o += "<dl class=\"details\">\n"
    if let s = e.site {
      var place = "<strong>\(html(s.name))</strong>"
      let more = [s.organization, s.address].compactMap { $0 }.filter { !$0.isEmpty }.map { html($0) }
      if !more.isEmpty { place += "<br><span class=\"address\">\(more.joined(separator: " · "))</span>" }
      o += "<dt>\(html(l[agenda: .place]))</dt><dd class=\"place\">\(place)</dd>\n"
    }
    if !e.hosts.isEmpty {
      o +=
        "<dt>\(html(l[agenda: .hosts]))</dt><dd>\(e.hosts.map { html(l.name($0)) }.joined(separator: ", "))</dd>\n"
    }
    var names = e.attendees.map { p in
      let shown = html(l.name(of: p.personal))
      let name = p.id == person ? "<strong>\(shown)</strong>" : shown
      return (e.change?.joined.contains(p.personal.displayName) == true && e.change?.kind != .added)
        ? "<span class=\"joined\">\(name)</span>" : name
    }
    if let c = e.change, c.kind != .unassigned { names += c.left.map { "<del>\(html(l.name($0)))</del>" } }
    let attending =
      names.isEmpty
      ? "<span class=\"none\">\(html(l[agenda: .nobody]))</span>" : names.joined(separator: ", ")
    o += "<dt>\(html(l[agenda: .attending]))</dt><dd>\(attending)</dd>\n"
    if !e.languages.isEmpty {
      o += "<dt>\(html(l[agenda: .languages]))</dt><dd>\(html(e.languages.joined(separator: ", ")))</dd>\n"
    }
    if let n = ap.note {
      o += "<dt>\(html(l[agenda: .note]))</dt><dd class=\"note\">\(html(n, breaks: true))</dd>\n"
    }
    if staff {
      if let n = ap.internalNote {
        o +=
          "<dt>\(html(l[agenda: .internalNote]))</dt><dd class=\"note internal\">\(html(n, breaks: true))</dd>\n"
      }
      o += "<dt>\(html(l[agenda: .appointmentID]))</dt><dd class=\"id\">\(html(ap.id))</dd>\n"
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
  /// `\HEX `, so data can end neither the string nor the `<style>` element; bidirectional controls
  /// and line separators become spaces first (`terminalSafe`), as in the page itself, so they
  /// cannot reorder the printed running header either.
  static func cssString(_ s: String) -> String {
    var out = "\""
    for u in terminalSafe(s).unicodeScalars {
      if "\"'\\<>&".unicodeScalars.contains(u) || u.value < 0x20 || (0x7F...0x9F).contains(u.value) {
        out += "\\" + String(u.value, radix: 16) + " "
      } else {
        out.unicodeScalars.append(u)
      }
    }
    return out + "\""
  }
}
