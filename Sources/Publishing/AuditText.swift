import EventLog
import Planning

/// The audit trail and diffs in plain words, in German or English.
public struct AuditText: Sendable {
  public let labels: Labels

  public init(_ language: Language) { labels = Labels(language) }

  private var de: Bool { labels.language == .de }

  /// "Mon 2 May" / "Mo. 2. Mai".
  func shortDate(_ d: LocalDate) -> String {
    let en = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    let ge = ["Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."]
    let full = labels.date(d)
    let dayMonth = String(full.dropLast(5))  // drop " 2022"
    return (de ? ge : en)[d.weekday] + " " + dayMonth
  }

  /// "Mon 2 May 14:00–15:30", the end's date only when it differs.
  func span(_ start: LocalDateTime, _ end: LocalDateTime, withDate: Bool = true) -> String {
    let head = withDate ? shortDate(start.date) + " " : ""
    let tail = end.date == start.date ? end.clock : shortDate(end.date) + " " + end.clock
    return head + start.clock + "–" + tail
  }

  /// One sentence saying what an entry did.
  public func summary(_ e: AuditEntry) -> String {
    let q = { (s: String) in de ? "„\(s)“" : "'\(s)'" }
    let label = q(e.subject.label)
    func old(_ f: String) -> String? { e.changes.first { $0.field == f }?.old }
    switch e.event {
    case .visitScheduled(let s):
      return de
        ? "plante den Besuch \(q(s.title)) (\(labels.range(s.from, s.to)))"
        : "scheduled the visit \(q(s.title)) (\(labels.range(s.from, s.to)))"
    case .visitRescheduled(let s):
      // A field that did not change has no entry: it kept its new value.
      let wasFrom = old("from").flatMap(LocalDate.init) ?? s.from
      let wasTo = old("to").flatMap(LocalDate.init) ?? s.to
      let from = labels.range(wasFrom, wasTo)
      return de
        ? "verlegte den Besuch von \(from) auf \(labels.range(s.from, s.to))"
        : "rescheduled the visit from \(from) to \(labels.range(s.from, s.to))"
    case .visitCancelled:
      return de ? "sagte den Besuch ab" : "cancelled the visit"
    case .siteAdded:
      return de ? "fügte den Ort \(label) hinzu" : "added the site \(label)"
    case .appointmentScheduled(let a):
      return de
        ? "plante \(label) am \(span(a.start, a.end))" : "scheduled \(label) on \(span(a.start, a.end))"
    case .appointmentMoved(let m):
      let oldStart = old("start").flatMap(LocalDateTime.init) ?? m.start
      let oldEnd = old("end").flatMap(LocalDateTime.init) ?? m.end
      let was = span(oldStart, oldEnd)
      let now = span(m.start, m.end, withDate: oldStart.date != m.start.date)
      return de ? "verschob \(label) von \(was) auf \(now)" : "moved \(label) from \(was) to \(now)"
    case .appointmentCancelled:
      return de ? "sagte \(label) ab" : "cancelled \(label)"
    case .attendeeRegistered(let r):
      return de
        ? "meldete \(r.personal.name) an (\(labels[Label(r.side)]))"
        : "registered \(r.personal.name) (\(labels[Label(r.side)]))"
    case .attendeeWithdrawn:
      return de ? "meldete \(e.subject.label) ab" : "withdrew \(e.subject.label)"
    case .attendeeAssigned:
      let who = e.related.first?.label ?? "?"
      return de ? "teilte \(who) \(label) zu" : "assigned \(who) to \(label)"
    case .attendeeUnassigned:
      let who = e.related.first?.label ?? "?"
      return de ? "nahm \(who) aus \(label) heraus" : "removed \(who) from \(label)"
    case .mouSigned(let m):
      let by = m.signatories.joined(separator: ", ")
      return de ? "erfasste die Unterzeichnung von \(label) durch \(by)" : "recorded \(label) signed by \(by)"
    case .taskAdded:
      return de ? "legte die Aufgabe \(label) an" : "added the task \(label)"
    case .taskAssigned(let t):
      return de ? "übertrug \(label) an \(t.owner)" : "assigned \(label) to \(t.owner)"
    case .taskDueSet(let t):
      return de
        ? "setzte die Frist von \(label) auf \(labels.date(t.due))"
        : "set \(label) due on \(labels.date(t.due))"
    case .taskCompleted:
      return de ? "erledigte \(label)" : "completed \(label)"
    case .taskReopened:
      return de ? "öffnete \(label) wieder" : "reopened \(label)"
    case .noteAdded(let n):
      let text = n.text.count > 80 ? String(n.text.prefix(79)) + "…" : n.text
      return de ? "notierte: \(text)" : "noted: \(text)"
    case .agendaPublished(let p):
      return de ? "veröffentlichte die Agenda-Version \(p.version)" : "published agenda version \(p.version)"
    }
  }

  /// The text form: a heading line per entry, the reason, then `field: old → new` lines.
  public func entry(_ e: AuditEntry) -> String {
    let t = terminalSafe
    var out = "\(e.meta.recorded)  \(t(e.meta.actor))  \(e.visit)#\(e.meta.seq)  \(t(summary(e)))\n"
    if let r = e.meta.reason { out += "    \(de ? "warum" : "why"): \(t(r))\n" }
    for c in e.changes {
      out += "    \(c.field): \(t(c.old ?? "–")) → \(t(c.new ?? "–"))\n"
    }
    return out
  }

  /// The JSON form of an entry.
  public func json(_ e: AuditEntry) -> JSONValue {
    var o: [String: JSONValue] = [
      "visit": .string(e.visit), "seq": .int(Int64(e.meta.seq)),
      "recorded": .string(e.meta.recorded.description),
      "actor": .string(e.meta.actor), "type": .string(e.type), "summary": .string(summary(e)),
      "subject": .object([
        "kind": .string(e.subject.kind), "id": .string(e.subject.id), "label": .string(e.subject.label),
      ]),
      "changes": .array(
        e.changes.map { c in
          .object(
            [
              "field": .string(c.field), "old": c.old.map(JSONValue.string) ?? .null,
              "new": c.new.map(JSONValue.string) ?? .null,
            ])
        }),
    ]
    if let r = e.meta.reason { o["reason"] = .string(r) }
    if !e.related.isEmpty {
      o["related"] = .array(
        e.related.map {
          .object(["kind": .string($0.kind), "id": .string($0.id), "label": .string($0.label)])
        })
    }
    return .object(o)
  }

  /// The cells of an entry for CSV: recorded, visit, seq, actor, type, summary, reason, changes.
  public func row(_ e: AuditEntry) -> [String] {
    let changes = e.changes.map { "\($0.field): \($0.old ?? "–") → \($0.new ?? "–")" }.joined(separator: "\n")
    return [
      e.meta.recorded.description, e.visit, String(e.meta.seq), e.meta.actor, e.type, summary(e),
      e.meta.reason ?? "", changes,
    ]
  }

  public static let csvHeader = ["recorded", "visit", "seq", "actor", "type", "summary", "reason", "changes"]

  // MARK: Diff

  /// `visits diff` in words.
  public func diff(_ d: VisitDiff, visit: Visit, from: String, to: String) -> String {
    let t = terminalSafe
    var out =
      de
      ? "Änderungen an \(t(visit.title)) zwischen \(from) und \(to):\n"
      : "Changes to \(t(visit.title)) between \(from) and \(to):\n"
    if d.isEmpty { return out + (de ? "  keine\n" : "  none\n") }
    if d.cancelled { out += de ? "  Besuch abgesagt\n" : "  visit cancelled\n" }
    if let dates = d.dates {
      out +=
        de
        ? "  Zeitraum: \(labels.range(dates.old.from, dates.old.to)) → \(labels.range(dates.new.from, dates.new.to))\n"
        : "  dates: \(labels.range(dates.old.from, dates.old.to)) → \(labels.range(dates.new.from, dates.new.to))\n"
    }
    for a in d.appointments {
      let title = "'\(t(a.new.title))'"
      switch a.kind {
      case .added: out += (de ? "  neu: " : "  added: ") + "\(title) \(span(a.new.start, a.new.end))\n"
      case .cancelled:
        out += (de ? "  abgesagt: " : "  cancelled: ") + "\(title) \(span(a.new.start, a.new.end))\n"
      case .moved:
        let was = a.old.map { span($0.start, $0.end) } ?? "?"
        out += (de ? "  verschoben: " : "  moved: ") + "\(title) \(was) → \(span(a.new.start, a.new.end))"
        let other = a.fields.filter { $0 != "time" }
        out += other.isEmpty ? "\n" : (de ? " (auch: " : " (also: ") + other.joined(separator: ", ") + ")\n"
      case .changed, .unassigned:
        out += (de ? "  geändert: " : "  changed: ") + "\(title): \(a.fields.joined(separator: ", "))\n"
      }
    }
    for p in d.attendeesAdded {
      out += (de ? "  angemeldet: " : "  attendee added: ") + t(p.personal.name) + "\n"
    }
    for p in d.attendeesWithdrawn {
      out += (de ? "  abgemeldet: " : "  attendee withdrawn: ") + t(p.personal.name) + "\n"
    }
    for s in d.sitesAdded { out += (de ? "  neuer Ort: " : "  site added: ") + t(s.name) + "\n" }
    for m in d.mousSigned { out += (de ? "  MoU unterzeichnet: " : "  MoU signed: ") + t(m.title) + "\n" }
    for c in d.tasks {
      let title = t(c.new?.title ?? c.old?.title ?? c.id)
      if c.old == nil {
        out += (de ? "  neue Aufgabe: " : "  task added: ") + title + "\n"
      } else if c.new == nil {
        out += (de ? "  Aufgabe entfallen: " : "  task dropped: ") + title + "\n"
      } else {
        out +=
          (de ? "  Aufgabe geändert: " : "  task changed: ")
          + "\(title): \(c.fields.joined(separator: ", "))\n"
      }
    }
    return out
  }

  /// `visits diff --format json`.
  public static func diffJSON(_ d: VisitDiff, visit: String, from: String, to: String) -> JSONValue {
    func appt(_ a: Appointment?) -> JSONValue {
      guard let a else { return .null }
      return .object([
        "start": .string(a.start.description), "end": .string(a.end.description), "title": .string(a.title),
        "timezone": .string(a.timezone),
      ])
    }
    func task(_ t: FollowUpTask?) -> JSONValue {
      guard let t else { return .null }
      var o: [String: JSONValue] = ["title": .string(t.title), "status": .string(t.status.rawValue)]
      if let owner = t.owner { o["owner"] = .string(owner) }
      if let due = t.due { o["due"] = .string(due.description) }
      return .object(o)
    }
    var o: [String: JSONValue] = [
      "visit": .string(visit), "from": .string(from), "to": .string(to), "cancelled": .bool(d.cancelled),
      "appointments": .array(
        d.appointments.map { a in
          .object([
            "id": .string(a.id), "change": .string(a.kind.rawValue), "old": appt(a.old), "new": appt(a.new),
            "fields": .array(a.fields.map(JSONValue.string)),
          ])
        }),
      "attendeesAdded": .array(d.attendeesAdded.map { .string($0.id) }),
      "attendeesWithdrawn": .array(d.attendeesWithdrawn.map { .string($0.id) }),
      "sitesAdded": .array(d.sitesAdded.map { .string($0.id) }),
      "mousSigned": .array(d.mousSigned.map { .string($0.id) }),
      "tasks": .array(
        d.tasks.map { c in
          .object([
            "id": .string(c.id), "old": task(c.old), "new": task(c.new),
            "fields": .array(c.fields.map(JSONValue.string)),
          ])
        }),
    ]
    if let dates = d.dates {
      o["dates"] = .object([
        "old": .object(["from": .string(dates.old.from.description), "to": .string(dates.old.to.description)]),
        "new": .object(["from": .string(dates.new.from.description), "to": .string(dates.new.to.description)]),
      ])
    }
    return .object(o)
  }
}
