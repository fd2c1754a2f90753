import EventLog
import Planning

/// The `--format json` outputs: one JSON document each, keys sorted, documented in `docs/cli.md`.
/// Optional fields are left out when empty; nothing is localised.
public enum JSONRenderer {
  /// The document as text: canonical JSON (sorted keys, no insignificant space) and a newline.
  public static func text(_ v: JSONValue) -> String {
    String(decoding: CanonicalJSON.encode(v), as: UTF8.self) + "\n"
  }

  public static func anchor(_ head: StreamHead) -> JSONValue {
    .object(["seq": .int(Int64(head.seq)), "head": .string(head.hash)])
  }

  public static func catalog(_ entries: [CatalogEntry]) -> JSONValue {
    .object([
      "visits": .array(
        entries.map { e in
          .object([
            "id": .string(e.id), "title": .string(e.title), "partner": .string(e.partner),
            "from": .string(e.from.description), "to": .string(e.to.description),
            "timezone": .string(e.timezone),
            "direction": .string(e.direction.rawValue), "status": .string(e.status.rawValue),
            "appointments": .int(Int64(e.appointments)), "attendees": .int(Int64(e.attendees)),
            "openTasks": .int(Int64(e.openTasks)), "version": .int(Int64(e.version)),
            "publishedVersion": .int(Int64(e.publishedVersion)),
          ])
        })
    ])
  }

  public static func visit(_ v: Visit, head: StreamHead) -> JSONValue {
    var o = catalog([CatalogEntry(v)]).objectValue?["visits"]?.arrayValue?.first?.objectValue ?? [:]
    o["program"] = v.program.map(JSONValue.string)
    o["titleDe"] = v.titleDe.map(JSONValue.string)
    o["topics"] = .array(v.topics.map(JSONValue.string))
    o["organizers"] = .array(v.organizers.map(JSONValue.string))
    o["travelBuffer"] = .int(Int64(v.travelBuffer))
    o["sites"] = .array(v.sites.map(site))
    o["mous"] = .array(
      v.mous.map { m in
        compact([
          "id": .string(m.id), "title": .string(m.title),
          "status": .string(m.isPlanned ? "planned" : "signed"),
          "signatories": .array(m.signatories.map(JSONValue.string)),
          "date": m.date.map { .string($0.description) }, "place": m.place.map(JSONValue.string),
          "commitments": .array(m.commitments.map(JSONValue.string)),
        ])
      })
    o["notes"] = .array(
      v.notes.map { n in
        compact([
          "text": .string(n.text), "recorded": .string(n.meta.recorded.description),
          "actor": .string(n.meta.actor), "internal": n.internal ? .bool(true) : nil,
        ])
      })
    o["publications"] = .array(
      v.publications.map { p in
        compact([
          "version": .int(Int64(p.version)), "seq": .int(Int64(p.meta.seq)),
          "recorded": .string(p.meta.recorded.description), "actor": .string(p.meta.actor),
          "note": p.note.map(JSONValue.string),
        ])
      })
    o["anchor"] = anchor(head)
    return .object(o.compactMapValues { $0 })
  }

  static func site(_ s: Site) -> JSONValue {
    compact([
      "id": .string(s.id), "name": .string(s.name), "organization": s.organization.map(JSONValue.string),
      "address": s.address.map(JSONValue.string), "note": s.note.map(JSONValue.string),
    ])
  }

  static func person(_ p: Attendee) -> JSONValue {
    let d = p.personal
    if d.isErased {
      return .object(["id": .string(p.id), "side": .string(p.side.rawValue), "erased": .bool(true)])
    }
    return compact([
      "id": .string(p.id), "side": .string(p.side.rawValue), "name": .string(d.name),
      "function": d.function.map(JSONValue.string), "organization": d.organization.map(JSONValue.string),
      "email": d.email.map(JSONValue.string), "phone": d.phone.map(JSONValue.string),
      "diet": d.diet.map(JSONValue.string), "access": d.access.map(JSONValue.string),
    ])
  }

  public static func warning(_ w: PlanWarning) -> JSONValue {
    compact([
      "rule": .string(w.rule.rawValue), "appointments": .array(w.appointments.map(JSONValue.string)),
      "persons": .array(w.persons.map(JSONValue.string)), "minutes": w.minutes.map { .int(Int64($0)) },
    ])
  }

  public static func itinerary(_ it: Itinerary, head: StreamHead) -> JSONValue {
    let v = it.visit
    return .object([
      "visit": .string(v.id), "title": .string(v.title), "timezone": .string(v.timezone),
      "status": .string(v.status.rawValue), "anchor": anchor(head), "audience": .string(it.audience.rawValue),
      "days": .array(
        it.days.map { day in
          .object([
            "date": .string(day.date.description),
            "appointments": .array(
              day.items.map { item in
                let a = item.appointment
                return compact([
                  "id": .string(a.id), "title": .string(a.title), "kind": .string(a.kind.rawValue),
                  "start": .string(a.start.description), "end": .string(a.end.description),
                  "timezone": .string(a.timezone), "site": item.site.map(site),
                  "hosts": .array(a.hosts.map(JSONValue.string)),
                  "attendees": .array(item.attendees.map { .string($0.id) }),
                  "note": a.note.map(JSONValue.string), "internalNote": a.internalNote.map(JSONValue.string),
                  "titleDe": a.titleDe.map(JSONValue.string),
                  "warnings": .array(item.warnings.map(warning)), "changes": .int(Int64(a.changes)),
                ])
              }),
          ])
        }),
      "warnings": .array(it.warnings.map(warning)),
    ])
  }

  public static func attendees(_ list: AttendeeList, head: StreamHead) -> JSONValue {
    func needs(_ ns: [AttendeeList.Need]) -> JSONValue {
      .array(
        ns.map {
          .object([
            "need": .string($0.need), "count": .int(Int64($0.people.count)),
            "people": .array($0.people.map(JSONValue.string)),
          ])
        })
    }
    return compact([
      "visit": .string(list.visit.id), "appointment": list.appointment.map { .string($0.id) },
      "attendees": .array(list.groups.flatMap { $0.attendees.map(person) }),
      "catering": needs(list.catering), "accessibility": needs(list.accessibility), "anchor": anchor(head),
    ])
  }

  public static func tasks(_ list: TaskList) -> JSONValue {
    .object([
      "today": .string(list.today.description),
      "tasks": .array(
        list.rows.map { r in
          compact([
            "visit": .string(r.visit), "id": .string(r.task.id), "title": .string(r.task.title),
            "titleDe": r.task.titleDe.map(JSONValue.string),
            "status": .string(r.task.status.rawValue), "owner": r.task.owner.map(JSONValue.string),
            "due": r.task.due.map { .string($0.description) }, "overdue": .bool(r.overdue),
            "origin": origin(r.task.origin),
          ])
        }),
    ])
  }

  static func origin(_ o: TaskOrigin) -> JSONValue {
    switch o {
    case .manual: return .object(["rule": .string("manual")])
    case .mouCopy(let m, let s):
      return .object(["rule": .string("mou-copy"), "mou": .string(m), "signatory": .string(s)])
    case .mouCommitment(let m, let n):
      return .object(["rule": .string("mou-commitment"), "mou": .string(m), "number": .int(Int64(n))])
    case .receptionThanks(let a):
      return .object(["rule": .string("reception-thanks"), "appointment": .string(a)])
    case .hostThanks(let a, let h):
      return .object(["rule": .string("host-thanks"), "appointment": .string(a), "host": .string(h)])
    case .goldenBook(let a):
      return .object(["rule": .string("golden-book"), "appointment": .string(a)])
    case .visitReport: return .object(["rule": .string("visit-report")])
    }
  }

  public static func check(_ v: Visit) -> JSONValue {
    .object(["visit": .string(v.id), "warnings": .array(v.warnings.map(warning))])
  }

  private static func compact(_ o: [String: JSONValue?]) -> JSONValue { .object(o.compactMapValues { $0 }) }
}

/// `visits log`: the raw events.
public enum LogRenderer {
  /// The lines exactly as stored.
  public static func jsonl(_ records: [EventRecord]) -> String {
    records.map { r in
      var copy = r
      return String(decoding: copy.storedLine(), as: UTF8.self)
    }.joined()
  }

  /// One block per event: seq, time (in the visit's zone), actor, type, reason, and the payload's
  /// fields, sealed ones (kept in the vault) included, or the mark that they were erased. The type
  /// is the name in the log; field names and known values are in the language of `labels`, as the
  /// audit trail words them.
  public static func text(_ records: [EventRecord], _ labels: Labels) -> String {
    let zone = records.first { $0.type == VisitScheduled.eventType }?.data["timezone"]?.stringValue
    var out = ""
    for r in records {
      out += "#\(r.seq)  \(labels.moment(r.recorded, in: zone))  \(terminalSafe(r.actor))  \(r.type)"
      if let reason = r.reason { out += "  (\(terminalSafe(reason)))" }
      out += "\n"
      var fields = r.data.merging(r.unsealed) { line, _ in line }
      for name in r.erased { fields[name] = nil }
      let lines =
        fields.map { (labels.field($0.key), flat($0.value, field: $0.key, labels)) }
        + r.erased.map { (labels.field($0), labels[.erased]) }
      for (name, value) in lines.sorted(by: { $0.0 < $1.0 }) {
        out += "    \(terminalSafe(name)): \(terminalSafe(value))\n"
      }
    }
    return out
  }

  private static func flat(_ v: JSONValue, field: String, _ l: Labels) -> String {
    switch v {
    case .null: return "–"
    case .bool(let b): return l[export: b ? .yes : .no]
    case .int(let i): return String(i)
    case .string(let s): return l.value(s, of: field)
    case .array(let a): return "[" + a.map { flat($0, field: field, l) }.joined(separator: ", ") + "]"
    case .object(let o):
      return "{"
        + o.keys.sorted().map { "\(l.field($0)): \(flat(o[$0] ?? .null, field: $0, l))" }.joined(
          separator: ", ")
        + "}"
    }
  }
}
