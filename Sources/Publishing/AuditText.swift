import EventLog
import Planning

/// The audit trail and diffs in plain words, in German or English.
public struct AuditText: Sendable {
  public let labels: Labels

  public init(_ language: Language) { labels = Labels(language) }

  /// One sentence saying what an entry did.
  public func summary(_ e: AuditEntry) -> String { labels[phrase: Phrase(e, german: labels.language == .de)] }

  /// The text form: a heading line per entry, the reason, then `field: old → new` lines.
  public func entry(_ e: AuditEntry) -> String {
    let t = terminalSafe
    let when = labels.moment(e.meta.recorded, in: e.timezone)
    var out = "\(when)  \(t(e.meta.actor))  \(e.visit)#\(e.meta.seq)  \(t(summary(e)))\n"
    if let r = e.meta.reason { out += "    \(labels[audit: .why]): \(t(r))\n" }
    for c in e.changes { out += "    \(change(c))\n" }
    return out
  }

  /// A change as the text and CSV forms show it: the field's name and `old → new` in this
  /// language, or the mark that the values were erased.
  func change(_ c: AuditEntry.FieldChange) -> String {
    terminalSafe(labels.field(c.field)) + ": " + terminalSafe(values(c))
  }

  /// A change's values: `old → new` (dates and known words in this language), or the mark that
  /// they were erased.
  func values(_ c: AuditEntry.FieldChange) -> String {
    func shown(_ v: String?) -> String { v.map { labels.value($0, of: c.field) } ?? "–" }
    return c.erased ? labels[.erased] : "\(shown(c.old)) → \(shown(c.new))"
  }

  /// A subject as JSON: a person whose data was erased has no label, but `erased`.
  private func subject(_ s: AuditEntry.Subject) -> JSONValue {
    var o: [String: JSONValue] = ["kind": .string(s.kind), "id": .string(s.id), "label": .string(s.label)]
    if s.erased {
      o["label"] = nil
      o["erased"] = .bool(true)
    }
    return .object(o)
  }

  /// The JSON form of an entry.
  public func json(_ e: AuditEntry) -> JSONValue {
    var o: [String: JSONValue] = [
      "visit": .string(e.visit), "seq": .int(Int64(e.meta.seq)),
      "recorded": .string(e.meta.recorded.description),
      "actor": .string(e.meta.actor), "type": .string(e.type), "summary": .string(summary(e)),
      "subject": subject(e.subject),
      "changes": .array(
        e.changes.map { c in
          c.erased
            ? .object(["field": .string(c.field), "erased": .bool(true)])
            : .object(
              [
                "field": .string(c.field), "old": c.old.map(JSONValue.string) ?? .null,
                "new": c.new.map(JSONValue.string) ?? .null,
              ])
        }),
    ]
    if let r = e.meta.reason { o["reason"] = .string(r) }
    if !e.related.isEmpty {
      o["related"] = .array(
        e.related.map(subject))
    }
    return .object(o)
  }

  /// The cells of an entry for CSV: recorded, visit, seq, actor, type, summary, reason, changes.
  /// The time of recording and the type stay as stored (data a spreadsheet sorts and filters by);
  /// the summary and the changes are text in this language.
  public func row(_ e: AuditEntry) -> [String] {
    let changes = e.changes.map { "\(labels.field($0.field)): \(values($0))" }.joined(separator: "\n")
    return [
      e.meta.recorded.description, e.visit, String(e.meta.seq), e.meta.actor, e.type, summary(e),
      e.meta.reason ?? "", changes,
    ]
  }

  /// The header row of the CSV form, in this language.
  public var csvHeader: [String] { AuditLabel.csvColumns.map { labels[audit: $0] } }

  // MARK: Diff

  /// `visits diff` in words; `to` nil is now.
  public func diff(_ d: VisitDiff, visit: Visit, from: String, to: String?) -> String {
    let t = terminalSafe
    let l = labels
    func span(_ a: Appointment) -> String { l.span(a.start, a.end) }
    func fields(_ names: [String]) -> String { names.map { t(l.field($0)) }.joined(separator: ", ") }
    func value(_ v: String?, _ field: String) -> String { v.map { t(l.value($0, of: field)) } ?? "–" }
    let heading = Phrase.diffHeading(
      title: t(l.title(visit.title, german: visit.titleDe)), from: t(from), to: t(to ?? l[audit: .now]))
    var out = l[phrase: heading] + "\n"
    if d.isEmpty { return out + "  \(l[audit: .noChanges])\n" }
    if d.cancelled { out += "  \(l[audit: .visitCancelled])\n" }
    if let dates = d.dates {
      let old = l.range(dates.old.from, dates.old.to)
      out += "  \(l[audit: .dates]): \(old) → \(l.range(dates.new.from, dates.new.to))\n"
    }
    for a in d.appointments {
      let title = l.quoted(t(l.title(a.new.title, german: a.new.titleDe)))
      switch a.kind {
      case .added: out += "  \(l[audit: .added]): \(title) \(span(a.new))\n"
      case .cancelled: out += "  \(l[audit: .cancelled]): \(title) \(span(a.new))\n"
      case .moved:
        let was = a.old.map(span) ?? "?"
        out += "  \(l[audit: .moved]): \(title) \(was) → \(span(a.new))"
        let other = a.fields.filter { $0 != "time" }
        out += other.isEmpty ? "\n" : " (\(l[audit: .also]): \(l.fields(other)))\n"
      case .changed, .unassigned:
        out += "  \(l[audit: .changed]): \(title): \(l.fields(a.fields))\n"
      }
      // What a correction changed, old → new.
      if let before = a.old, a.kind == .moved || a.kind == .changed {
        for c in Self.corrections(before, a.new, visit) {
          out += "    \(t(l.field(c.field))): \(value(c.old, c.field)) → \(value(c.new, c.field))\n"
        }
      }
    }
    if !d.details.isEmpty {
      out += "  \(l[audit: .visitDetails])\n"
      for c in d.details {
        out += "    \(t(l.field(c.field))): \(value(c.old, c.field)) → \(value(c.new, c.field))\n"
      }
    }
    for s in d.sitesChanged {
      out += "  \(l[audit: .siteChanged]): \(t(l.name(s.label)))\n"
      for c in s.changes {
        out += "    \(t(l.field(c.field))): \(value(c.old, c.field)) → \(value(c.new, c.field))\n"
      }
    }
    for p in d.attendeesChanged {
      out += "  \(l[audit: .attendeeChanged]): \(t(l.name(p.label)))\n"
      for c in p.changes {
        out += "    \(t(l.field(c.field))): \(value(c.old, c.field)) → \(value(c.new, c.field))\n"
      }
    }
    for p in d.attendeesAdded { out += "  \(l[audit: .attendeeAdded]): \(t(l.name(of: p.personal)))\n" }
    for p in d.attendeesWithdrawn {
      out += "  \(l[audit: .attendeeWithdrawn]): \(t(l.name(of: p.personal)))\n"
    }
    for s in d.sitesAdded { out += "  \(l[audit: .siteAdded]): \(t(s.name))\n" }
    for m in d.mousPlanned { out += "  \(l[audit: .mouPlanned]): \(t(m.title))\n" }
    for m in d.mousSigned { out += "  \(l[audit: .mouSigned]): \(t(m.title))\n" }
    for c in d.tasks {
      let title = t(
        c.new.map { l.title($0.title, german: $0.titleDe) } ?? c.old.map {
          l.title($0.title, german: $0.titleDe)
        }
          ?? c.id)
      if c.old == nil {
        out += "  \(l[audit: .taskAdded]): \(title)\n"
      } else if c.new == nil {
        out += "  \(l[audit: .taskDropped]): \(title)\n"
      } else {
        out += "  \(l[audit: .taskChanged]): \(title): \(fields(c.fields))\n"
      }
    }
    return out
  }

  /// The corrected fields of an appointment (not its time, which the line above names, nor who
  /// attends), old → new, as text values.
  static func corrections(_ a: Appointment, _ b: Appointment, _ visit: Visit?) -> [VisitDiff.FieldChange] {
    func site(_ id: String?) -> String? { id.map { visit?.sites[$0]?.name ?? $0 } }
    func hosts(_ h: [String]) -> String? { h.isEmpty ? nil : h.joined(separator: "; ") }
    let pairs: [(String, String?, String?)] = [
      ("title", a.title, b.title), ("titleDe", a.titleDe, b.titleDe),
      ("kind", a.kind.rawValue, b.kind.rawValue),
      ("site", site(a.site), site(b.site)), ("hosts", hosts(a.hosts), hosts(b.hosts)),
      ("note", a.note, b.note),
      ("internalNote", a.internalNote, b.internalNote),
    ]
    return pairs.compactMap { f, o, n in o == n ? nil : VisitDiff.FieldChange(field: f, old: o, new: n) }
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
    func change(_ c: VisitDiff.FieldChange) -> JSONValue {
      .object([
        "field": .string(c.field), "old": c.old.map(JSONValue.string) ?? .null,
        "new": c.new.map(JSONValue.string) ?? .null,
      ])
    }
    func correction(_ c: VisitDiff.Correction) -> JSONValue {
      .object(["id": .string(c.id), "changes": .array(c.changes.map(change))])
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
            // Corrections old → new, with sites by id.
            "changes": .array(a.old.map { corrections($0, a.new, nil).map(change) } ?? []),
          ])
        }),
      "attendeesAdded": .array(d.attendeesAdded.map { .string($0.id) }),
      "attendeesWithdrawn": .array(d.attendeesWithdrawn.map { .string($0.id) }),
      "sitesAdded": .array(d.sitesAdded.map { .string($0.id) }),
      "details": .array(d.details.map(change)),
      "sitesChanged": .array(d.sitesChanged.map(correction)),
      "attendeesChanged": .array(d.attendeesChanged.map(correction)),
      "mousPlanned": .array(d.mousPlanned.map { .string($0.id) }),
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
        "old": .object(["from": .string(dates.old.from.description), "to": .string(dates.old.to.description)]
        ),
        "new": .object(["from": .string(dates.new.from.description), "to": .string(dates.new.to.description)]
        ),
      ])
    }
    return .object(o)
  }
}
