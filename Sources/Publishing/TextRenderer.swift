import EventLog
import Planning

/// Plain-text views of the projections, for a terminal: every piece of data passes `terminalSafe`.
public struct TextRenderer: Sendable {
  public let labels: Labels

  public init(_ language: Language) { labels = Labels(language) }

  private func t(_ s: String) -> String { terminalSafe(s) }

  /// "as of event 57 · head 3f2a9c1b7d4e": which log state a printout was built from.
  public func anchor(_ head: StreamHead) -> String {
    "\(labels[.asOf]) \(head.seq) · \(labels[.head]) \(head.shortHash)"
  }

  /// `visits list`.
  public func catalog(_ entries: [CatalogEntry]) -> String {
    guard !entries.isEmpty else { return labels[.noVisits] + "\n" }
    return entries.map { e in
      let status = labels[Label(e.status)]
      return
        "\(e.id)  \(labels.numeric(e.from)) – \(labels.numeric(e.to))  \(status)  \(t(labels.title(e.title, german: e.titleDe))) — \(t(e.partner))"
    }.joined(separator: "\n") + "\n"
  }

  /// `visits show`.
  public func visit(_ v: Visit, head: StreamHead) -> String {
    var out: [String] = []
    out.append(
      t(labels.title(v.title, german: v.titleDe)) + (v.status == .cancelled ? " (\(labels[.cancelled]))" : "")
    )
    out.append("  \(labels[.partner]): \(t(v.partner))")
    out.append("  \(labels[.dates]): \(labels.range(v.from, v.to)) (\(v.timezone))")
    out.append("  \(labels[.direction]): \(labels[Label(v.direction)])")
    if let p = v.program { out.append("  \(labels[.program]): \(t(p))") }
    if !v.topics.isEmpty { out.append("  \(labels[.topics]): \(v.topics.map(t).joined(separator: "; "))") }
    if !v.organizers.isEmpty {
      out.append("  \(labels[.organizers]): \(v.organizers.map(t).joined(separator: "; "))")
    }
    let entry = CatalogEntry(v)
    out.append(
      "  \(labels[.appointments]): \(entry.appointments) · \(labels[.attendees]): \(entry.attendees) · \(labels[.openTasks]): \(entry.openTasks)"
    )
    if let p = v.publications.last {
      let when = labels.moment(p.meta.recorded, in: v.timezone)
      out.append("  \(labels[.published]) \(p.version): \(when) (\(t(p.meta.actor)))")
    } else {
      out.append("  \(labels[.published]): \(labels[.notPublished])")
    }
    let tasks = v.tasks
    for m in v.mous {
      let by = m.signatories.map { t(labels.name(v.personName($0))) }
      let signed = m.isPlanned ? labels[.toBeSignedBy] : labels[.signedBy]
      out.append("  MoU \(m.id): \(t(m.title)), \(signed) \(by.joined(separator: ", "))")
      // Each commitment with the task that follows it up (once signed).
      for (i, c) in m.commitments.enumerated() {
        let task = tasks.first { $0.origin == .mouCommitment(mou: m.id, number: i + 1) }
        out.append(
          "    - \(t(c))" + (task.map { " → \($0.id) (\(labels[Label($0.status)]))" } ?? ""))
      }
    }
    let programme = v.activeAppointments
    if !programme.isEmpty {
      out.append("  \(labels[.programme]):")
      let width = programme.map(\.id.count).max() ?? 0
      for a in programme {
        let when = "\(labels.numeric(a.start.date)) \(a.start.clock)–\(a.end.clock)"
        out.append(
          "    \(a.id)" + String(repeating: " ", count: width - a.id.count + 2)
            + "\(when)  \(t(labels.title(a.title, german: a.titleDe)))")
      }
    }
    if !v.notes.isEmpty {
      out.append("  \(labels[.notes]):")
      for n in v.notes {
        let mark = n.internal ? " (\(labels[.internalMark]))" : ""
        out.append(
          "    \(labels.moment(n.meta.recorded, in: v.timezone)) \(t(n.meta.actor))\(mark): \(t(n.text))")
      }
    }
    out.append("  \(anchor(head))")
    return out.joined(separator: "\n") + "\n"
  }

  /// `visits itinerary`, as text or Markdown.
  public func itinerary(_ it: Itinerary, head: StreamHead, markdown: Bool = false) -> String {
    let v = it.visit
    var out: [String] = []
    let md = markdown
    func esc(_ s: String) -> String { md ? markdownSafe(s) : t(s) }
    out.append(
      (md ? "# " : "") + esc(labels.title(v.title, german: v.titleDe))
        + (v.status == .cancelled ? " (\(labels[.cancelled]))" : ""))
    out.append((md ? "" : "") + "\(esc(v.partner)) · \(labels.range(v.from, v.to)) · \(v.timezone)")
    out.append(md ? "\n_\(anchor(head))_" : anchor(head))
    for day in it.days {
      out.append("")
      out.append(md ? "## " + labels.longDate(day.date) : labels.longDate(day.date))
      if day.items.isEmpty {
        out.append(md ? "\n_\(labels[.nothingPlanned])_" : "  (\(labels[.nothingPlanned]))")
        continue
      }
      if md { out.append("") }
      for item in day.items {
        let a = item.appointment
        var time = "\(a.start.clock)–\(a.end.clock)"
        if a.end.date != a.start.date { time += " (\(labels.date(a.end.date)))" }
        if item.foreignZone { time += " \(a.timezone)" }
        let title = esc(labels.title(a.title, german: a.titleDe))
        let head = "\(time)  \(a.id)  \(title) [\(labels[Label(a.kind)])]"
        out.append(
          md ? "- **\(time)** \(markdownSafe(a.id)): \(title) _(\(labels[Label(a.kind)]))_" : "  " + head)
        let indent = md ? "  - " : "      "
        if let s = item.site {
          let place = [s.name, s.address].compactMap { $0 }.map(esc).joined(separator: ", ")
          out.append("\(indent)\(labels[.at]): \(place)")
        }
        if !a.hosts.isEmpty {
          let hosts = a.hosts.map { esc(labels.name(v.personName($0))) }
          out.append("\(indent)\(labels[.hosts]): \(hosts.joined(separator: ", "))")
        }
        let names = item.attendees.map { esc(labels.name(of: $0.personal)) }
        out.append(
          "\(indent)\(labels[.attending]): \(names.isEmpty ? labels[.nobody] : names.joined(separator: ", "))"
        )
        if let n = a.note { out.append("\(indent)\(labels[.note]): \(esc(n))") }
        // Present only on the internal itinerary (`Visit.seen(by:)` removed it for guests).
        if let n = a.internalNote { out.append("\(indent)\(labels[.internalNote]): \(esc(n))") }
        for w in item.warnings {
          out.append("\(indent)! \(esc(WarningText.describe(w, in: v, labels)))")
        }
      }
    }
    return out.joined(separator: "\n") + "\n"
  }

  /// `visits attendees`.
  public func attendees(_ list: AttendeeList, head: StreamHead) -> String {
    var out: [String] = []
    var title = t(list.visit.title)
    if let a = list.appointment { title += " — \(labels[.forAppointment]) \(labels.quoted(t(a.title)))" }
    out.append(title)
    for g in list.groups {
      out.append("")
      out.append("\(labels[Label(g.side)]) (\(g.attendees.count))")
      for p in g.attendees {
        let details = [p.personal.function, p.personal.organization].compactMap { $0 }.map(t)
        out.append(
          "  \(p.id)  \(t(labels.name(of: p.personal)))"
            + (details.isEmpty ? "" : " — " + details.joined(separator: ", ")))
      }
    }
    if list.groups.isEmpty { out.append("  (\(labels[.nobody]))") }
    out.append("")
    out.append("\(labels[.catering]):")
    if list.catering.isEmpty { out.append("  \(labels[.noneNoted])") }
    for n in list.catering {
      out.append("  \(t(n.need)): \(n.people.count) (\(n.people.map(t).joined(separator: ", ")))")
    }
    out.append("\(labels[.accessibility]):")
    if list.accessibility.isEmpty { out.append("  \(labels[.noneNoted])") }
    for n in list.accessibility { out.append("  \(t(n.need)): \(n.people.map(t).joined(separator: ", "))") }
    out.append("")
    out.append(anchor(head))
    return out.joined(separator: "\n") + "\n"
  }

  /// `visits tasks`.
  public func tasks(_ list: TaskList) -> String {
    guard !list.rows.isEmpty else { return labels[.noTasks] + "\n" }
    return list.rows.map { r in
      let task = r.task
      var parts = ["\(r.visit)/\(task.id)", labels[Label(task.status)]]
      if r.overdue { parts.append(labels[.overdue]) }
      parts.append(t(labels.title(task.title, german: task.titleDe)))
      parts.append("\(labels[.owner]): \(task.owner.map(t) ?? labels[.unassigned])")
      if let d = task.due { parts.append("\(labels[.due]): \(labels.numeric(d))") }
      parts.append("\(labels[.origin]): \(origin(task.origin))")
      return parts.joined(separator: "  ")
    }.joined(separator: "\n") + "\n"
  }

  /// Where a task comes from, in words.
  public func origin(_ o: TaskOrigin) -> String {
    switch o {
    case .manual: return labels[.manual]
    case .mouCopy(let m, _), .mouCommitment(let m, _): return "MoU \(m)"
    case .receptionThanks(let a), .hostThanks(let a, _), .goldenBook(let a):
      return "\(labels[.appointment]) \(a)"
    case .visitReport: return labels[.visitReport]
    }
  }

  /// `visits check`.
  public func check(_ v: Visit) -> String {
    let ws = v.warnings
    guard !ws.isEmpty else { return labels[.noWarnings] + "\n" }
    return ws.map { "\(labels[Label($0.rule)]): \(t(WarningText.describe($0, in: v, labels)))" }.joined(
      separator: "\n") + "\n"
  }
}

/// Text for Markdown: control characters as spaces, and the characters Markdown would act on
/// escaped with a backslash, so data cannot make links, headings or HTML.
public func markdownSafe(_ s: String) -> String {
  var out = ""
  for c in terminalSafe(s) {
    if "\\`*_{}[]()<>#+-.!|&".contains(c) { out.append("\\") }
    out.append(c)
  }
  return out
}
