import EventLog
import Planning

/// The words of `seating`.
public enum SeatingLabel: Wording, CaseIterable {
  case heading, convention, apart, nobody, place, role, rank
  case principalHost, principalGuest, hostSide, guestSide

  public var wording: (en: String, de: String) {
    switch self {
    case .heading: return ("Order of precedence", "Sitzordnung nach Protokoll")
    case .convention:
      return (
        "The principal host first, the principal guest at the host's right, then the host's and the guests' sides alternately by rank.",
        "Zuerst die gastgebende Person, der Ehrengast zu ihrer Rechten, dann Gastgeber- und Gästeseite abwechselnd nach Rang."
      )
    case .apart: return ("Not in the order", "Außerhalb der Sitzordnung")
    case .nobody: return ("Nobody attends this appointment.", "An diesem Termin nimmt niemand teil.")
    case .place: return ("Place", "Platz")
    case .role: return ("Role", "Rolle")
    case .rank: return ("Rank", "Rang")
    case .principalHost: return ("principal host", "gastgebende Person")
    case .principalGuest:
      return ("principal guest, at the host's right", "Ehrengast, rechts der gastgebenden Person")
    case .hostSide: return ("host's side", "Gastgeberseite")
    case .guestSide: return ("guests' side", "Gästeseite")
    }
  }

  init(_ role: Seating.Role) {
    switch role {
    case .principalHost: self = .principalHost
    case .principalGuest: self = .principalGuest
    case .hostSide: self = .hostSide
    case .guestSide: self = .guestSide
    }
  }
}

extension Labels {
  public subscript(seating key: SeatingLabel) -> String { key.text(language) }
}

/// `seating` as text (through `terminalSafe`), CSV (formula-safe) or one printable HTML page
/// (every piece of data escaped).
public enum SeatingRenderer {
  /// "Reception by … · Mon 2 May 2022, 12:15–13:15 · Rathaus".
  static func subtitle(_ s: Seating, _ l: Labels) -> String {
    let a = s.appointment
    var parts = [
      l.title(a.title, german: a.titleDe), l.longDate(a.start.date) + ", " + AgendaRenderer.clockRange(a, l),
    ]
    if let site = a.site.flatMap({ s.visit.sites[$0] }) { parts.append(site.name) }
    return parts.joined(separator: " · ")
  }

  static func details(_ p: Attendee) -> String {
    [p.personal.function, p.personal.organization].compactMap { $0 }.filter { !$0.isEmpty }.joined(
      separator: ", ")
  }

  public static func text(_ s: Seating, head: StreamHead, _ l: Labels) -> String {
    let t = terminalSafe
    var out = ["\(l[seating: .heading]): \(t(subtitle(s, l)))", l[seating: .convention], ""]
    if s.places.isEmpty && s.apart.isEmpty { out.append(l[seating: .nobody]) }
    let width = s.places.map { l.name(of: $0.attendee.personal).count }.max() ?? 0
    for p in s.places {
      let name = t(l.name(of: p.attendee.personal))
      let padded = name + String(repeating: " ", count: max(0, width - name.count))
      let d = details(p.attendee)
      out.append(
        String(repeating: " ", count: p.number < 10 ? 1 : 0)
          + "\(p.number)  \(padded)  \(l[seating: SeatingLabel(p.role)])"
          + (d.isEmpty ? "" : " — \(t(d))"))
    }
    if !s.apart.isEmpty {
      out.append("")
      out.append(
        "\(l[seating: .apart]): "
          + s.apart.map { "\(t(l.name(of: $0.personal))) (\(l[Label($0.side)]))" }.joined(separator: ", "))
    }
    out.append("")
    out.append(TextRenderer(l.language).anchor(head))
    return out.joined(separator: "\n") + "\n"
  }

  public static func csv(_ s: Seating, _ l: Labels) -> String {
    var rows = [
      [
        l[seating: .place], l[export: .person], l[export: .name], l[export: .function],
        l[export: .organization],
        l[export: .side], l[seating: .rank], l[seating: .role],
      ]
    ]
    func row(_ number: String, _ p: Attendee, _ role: String) -> [String] {
      [
        number, p.id, l.name(of: p.personal), p.personal.function ?? "", p.personal.organization ?? "",
        l[Label(p.side)], p.rank.map(String.init) ?? "", role,
      ]
    }
    rows += s.places.map { row("\($0.number)", $0.attendee, l[seating: SeatingLabel($0.role)]) }
    rows += s.apart.map { row("", $0, l[seating: .apart]) }
    return CSV.encode(rows)
  }

  public static func html(_ s: Seating, head: StreamHead, _ l: Labels) -> String {
    let h = { (x: String) in AgendaRenderer.html(x) }
    let visitTitle = l.title(s.visit.title, german: s.visit.titleDe)
    var o = "<!DOCTYPE html>\n<html lang=\"\(l.language.rawValue)\">\n<head>\n<meta charset=\"utf-8\">\n"
    o += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    o +=
      "<title>\(h(l[seating: .heading])) – \(h(visitTitle))</title>\n<style>\n\(css)</style>\n</head>\n<body>\n"
    o += "<main class=\"sheet\">\n<header>\n<p class=\"kicker\">\(h(l[seating: .heading]))</p>\n"
    o += "<h1>\(h(visitTitle))</h1>\n<p class=\"subtitle\">\(h(subtitle(s, l)))</p>\n"
    o += "<p class=\"convention\">\(h(l[seating: .convention]))</p>\n</header>\n"
    if s.places.isEmpty && s.apart.isEmpty { o += "<p>\(h(l[seating: .nobody]))</p>\n" }
    if !s.places.isEmpty {
      o += "<table>\n<thead><tr><th>\(h(l[seating: .place]))</th><th>\(h(l[export: .name]))</th>"
      o += "<th>\(h(l[export: .function]))</th><th>\(h(l[seating: .role]))</th></tr></thead>\n<tbody>\n"
      for p in s.places {
        let principal = p.role == .principalHost || p.role == .principalGuest
        o += "<tr\(principal ? " class=\"principal\"" : "")><td class=\"number\">\(p.number)</td>"
        o += "<td>\(h(l.name(of: p.attendee.personal)))</td><td>\(h(details(p.attendee)))</td>"
        o += "<td>\(h(l[seating: SeatingLabel(p.role)]))</td></tr>\n"
      }
      o += "</tbody>\n</table>\n"
    }
    if !s.apart.isEmpty {
      o += "<h2>\(h(l[seating: .apart]))</h2>\n<ul>\n"
      for p in s.apart { o += "<li>\(h(l.name(of: p.personal))) (\(h(l[Label(p.side)])))</li>\n" }
      o += "</ul>\n"
    }
    o += "<footer>\(h(TextRenderer(l.language).anchor(head)))</footer>\n</main>\n</body>\n</html>\n"
    return o
  }

  static let css = """
    @page { size: A4; margin: 18mm 16mm; }
    body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 11pt; color: #111; margin: 0; }
    .sheet { max-width: 180mm; margin: 0 auto; padding: 8mm 0; }
    .kicker { text-transform: uppercase; letter-spacing: 0.08em; font-size: 9pt; color: #555; margin: 0; }
    h1 { font-size: 18pt; margin: 2mm 0; }
    h2 { font-size: 12pt; margin-top: 8mm; }
    .subtitle { margin: 0 0 2mm; }
    .convention { font-size: 9pt; color: #444; }
    table { border-collapse: collapse; width: 100%; margin-top: 4mm; }
    th, td { text-align: left; padding: 2mm 2mm; border-bottom: 0.3mm solid #bbb; vertical-align: top; }
    td.number { width: 10mm; font-weight: bold; }
    tr.principal td { font-weight: bold; }
    footer { margin-top: 8mm; font-size: 8pt; color: #666; }

    """
}
