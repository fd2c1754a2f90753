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

  /// The kind of an appointment in words.
  static func kind(_ k: AppointmentKind, _ l: Labels) -> String { l[Label(k)] }

  /// "moved", "changed: time, attendees".
  static func markText(_ c: Agenda.Change, _ l: Labels) -> String {
    c.kind == .changed && !c.fields.isEmpty
      ? "\(l[agenda: AgendaLabel(c.kind)]): \(l.fields(c.fields))" : l[agenda: AgendaLabel(c.kind)]
  }

  /// "new 1 · moved 3 · cancelled 1", leaving out kinds with none.
  static func countsText(_ ch: Agenda.Changes, _ l: Labels) -> String {
    Agenda.Change.Kind.allCases.compactMap { k in
      let n = ch.counts[k] ?? 0
      return n == 0 ? nil : "\(l[agenda: AgendaLabel(k)]): \(n)"
    }.joined(separator: " · ")
  }

  static func versionText(_ a: Agenda, _ l: Labels) -> String {
    guard let p = a.published else { return l[agenda: .draft] }
    let base = "\(p.version), \(l[agenda: .published]) \(l.dateTime(p.local))"
    return a.changedSincePublished ? base + " " + l[agenda: .changedSince] : base
  }

  static func anchor(_ a: Agenda, _ l: Labels) -> String {
    let hash = String(a.head.shortHash.filter { $0.isHexDigit })
    return "\(l[.asOf]) \(a.head.seq) · \(l[.head]) \(hash)"
  }

  static func title(_ a: Agenda, _ l: Labels) -> String {
    a.personQuery == nil ? l[agenda: .agenda] : l[agenda: .personal]
  }

  static func dayEmpty(_ a: Agenda, _ l: Labels) -> String {
    a.personQuery == nil ? l[agenda: .nothingPlanned] : l[agenda: .nothingForPerson]
  }

  /// Rows of the title block, label and value (values still to be made safe by the caller).
  static func facts(_ a: Agenda, _ l: Labels) -> [(label: String, value: String, data: Bool)] {
    var rows: [(label: String, value: String, data: Bool)] = []
    rows.append((l[agenda: .partner], a.partner, true))
    rows.append((l[agenda: .dates], l.range(a.from, a.to), false))
    rows.append((l[agenda: .timezone], a.timezone + " (" + l[agenda: .timezoneNote] + ")", false))
    if let p = a.program { rows.append((l[agenda: .program], p, true)) }
    if !a.organizers.isEmpty {
      rows.append((l[agenda: .organizers], a.organizers.joined(separator: "; "), true))
    }
    if !a.topics.isEmpty { rows.append((l[agenda: .topics], a.topics.joined(separator: "; "), true)) }
    rows.append((l[agenda: .version], versionText(a, l), false))
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
    let heading =
      d(l.title(a.title, german: a.titleDe)) + (a.status == .cancelled ? " (\(l[.cancelled]))" : "")
    if md {
      out.append("# " + heading)
      out.append("")
      out.append(italic(title(a, l)) + " · " + d(a.partner) + " · " + l.range(a.from, a.to))
    } else {
      out.append(title(a, l).uppercased())
      out.append(heading)
      out.append(String(repeating: "=", count: max(heading.count, 8)))
    }
    if a.audience == .internal {
      out.append("")
      out.append(bold(l[agenda: .internalOnly]))
    }
    if a.personQuery != nil {
      out.append("")
      if let p = a.person {
        let extra = personLine(p).map(d).joined(separator: ", ")
        out.append(
          "\(title(a, l)) \(l[agenda: .forPerson]) \(bold(d(l.name(of: p.personal))))"
            + (extra.isEmpty ? "" : " (\(extra))"))
      } else {
        out.append("\(l[agenda: .unknownPerson]): \(d(a.personQuery ?? ""))")
      }
    }
    if a.status == .cancelled {
      out.append("")
      out.append(bold(l[agenda: .visitCancelled]))
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
      out.append((md ? "## " : "") + "\(l[agenda: .changesSince]) \(d(ch.label))")
      if md { out.append("") }
      let bullet = md ? "- " : "  "
      if !ch.visitExisted { out.append(bullet + l[agenda: .didNotExist]) }
      if ch.visitCancelled { out.append(bullet + bold(l[agenda: .visitCancelled])) }
      if ch.isEmpty {
        out.append(bullet + l[agenda: .noChanges])
      } else if !countsText(ch, l).isEmpty {
        out.append(bullet + countsText(ch, l))
      }
      if let dates = ch.dates {
        let old = l.range(dates.old.from, dates.old.to)
        let new = l.range(dates.new.from, dates.new.to)
        out.append(bullet + "\(l[agenda: .datesChanged]): \(strike(old)) → \(new)")
      }
      if !ch.attendeesAdded.isEmpty {
        out.append(
          bullet
            + "\(l[agenda: .peopleAdded]): \(ch.attendeesAdded.map { d(l.name($0)) }.joined(separator: ", "))"
        )
      }
      if !ch.attendeesWithdrawn.isEmpty {
        out.append(
          bullet
            + "\(l[agenda: .peopleWithdrawn]): \(ch.attendeesWithdrawn.map { d(l.name($0)) }.joined(separator: ", "))"
        )
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
      // Arrivals and departures (internal agendas only), after the day's programme.
      let logistics = day.logistics.map { leg in
        (md ? "- " : "    ") + "\(leg.travel.at.clock) " + d(l.leg(leg))
      }
      let logisticsHeading =
        md ? "\n" + bold(l[protocol: .logistics]) + "\n" : "  " + l[protocol: .logistics] + ":"
      if day.entries.isEmpty {
        out.append(md ? "" : "  " + dayEmpty(a, l))
        if md { out.append(italic(dayEmpty(a, l))) }
        if !logistics.isEmpty { out += [logisticsHeading] + logistics }
        continue
      }
      if md { out.append("") }
      for e in day.entries {
        let ap = e.appointment
        var time = datePrefix(ap, day: day.date, l) + clockRange(ap, l)
        if e.foreignZone { time += " (\(d(ap.timezone)))" }
        var titleText = d(l.title(ap.title, german: ap.titleDe))
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
            "\(indent)\(l[agenda: .previously]): \(strike(md ? markdownSafe(previous) : terminalSafe(previous)))"
          )
        }
        if let s = e.site {
          let place = [s.name, s.organization, s.address].compactMap { $0 }.filter { !$0.isEmpty }.map(d)
          out.append("\(indent)\(l[agenda: .place]): \(place.joined(separator: ", "))")
        }
        if !e.hosts.isEmpty {
          out.append(
            "\(indent)\(l[agenda: .hosts]): \(e.hosts.map { d(l.name($0)) }.joined(separator: ", "))")
        }
        let names = e.attendees.map { d(l.name(of: $0.personal)) }
        var attending = names.isEmpty ? l[agenda: .nobody] : names.joined(separator: ", ")
        if let c = e.change, c.kind != .unassigned {
          if !c.joined.isEmpty {
            attending += "; \(l[agenda: .joined]): \(c.joined.map { d(l.name($0)) }.joined(separator: ", "))"
          }
          if !c.left.isEmpty {
            attending +=
              "; \(l[agenda: .left]): \(c.left.map { strike(d(l.name($0))) }.joined(separator: ", "))"
          }
        }
        out.append("\(indent)\(l[agenda: .attending]): \(attending)")
        if !e.languages.isEmpty {
          out.append("\(indent)\(l[agenda: .languages]): \(e.languages.map(d).joined(separator: ", "))")
        }
        if let n = ap.note {
          let parts = noteLines(n).map(d)
          let continuation = md ? "  \n" + String(repeating: " ", count: 4) : "\n" + indent + "  "
          out.append("\(indent)\(l[agenda: .note]): " + parts.joined(separator: continuation))
        }
        if a.audience == .internal {
          if let n = ap.internalNote {
            let parts = noteLines(n).map(d)
            let continuation = md ? "  \n" + String(repeating: " ", count: 4) : "\n" + indent + "  "
            out.append("\(indent)\(l[agenda: .internalNote]): " + parts.joined(separator: continuation))
          }
          out.append("\(indent)\(l[agenda: .appointmentID]): \(d(ap.id))")
        }
      }
      if !logistics.isEmpty { out += ["", logisticsHeading] + logistics }
    }

    if !a.internalNotes.isEmpty {
      out.append("")
      out.append((md ? "## " : "") + l[agenda: .internalNotes])
      if md { out.append("") }
      for n in a.internalNotes {
        let parts = noteLines(n.text).map(d)
        let continuation = md ? "  \n  " : "\n    "
        out.append((md ? "- " : "  ") + parts.joined(separator: continuation))
      }
    }

    out.append("")
    out.append((md ? "## " : "") + l[agenda: .contacts])
    if md { out.append("") }
    if a.contacts.isEmpty {
      out.append((md ? "" : "  ") + l[agenda: .noContacts])
    }
    for c in a.contacts {
      let details = [c.function, c.organization].compactMap { $0 }.filter { !$0.isEmpty }.map(d)
      var line = (md ? "- " : "  ") + bold(d(l.name(c.name)))
      if !details.isEmpty { line += " — " + details.joined(separator: ", ") }
      out.append(line)
      let reach = [
        c.phone.map { "\(l[agenda: .phone]): \(d($0))" }, c.email.map { "\(l[agenda: .email]): \(d($0))" },
      ]
      .compactMap { $0 }
      if !reach.isEmpty { out.append((md ? "  " : "    ") + reach.joined(separator: " · ")) }
    }
    out.append("")
    out.append(md ? italic(anchor(a, l)) : anchor(a, l))
    return out
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
