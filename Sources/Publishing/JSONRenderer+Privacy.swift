import EventLog
import Planning

/// The person's copy of what the store holds about them (`export-person`, Art. 15 GDPR).
extension JSONRenderer {
  public static func personRecord(_ r: PersonRecord) -> JSONValue {
    func meta(_ m: EventMeta) -> [String: JSONValue] {
      var o: [String: JSONValue] = [
        "seq": .int(Int64(m.seq)), "recorded": .string(m.recorded.description), "actor": .string(m.actor),
      ]
      if let reason = m.reason { o["reason"] = .string(reason) }
      return o
    }
    return .object([
      "person": .string(r.person),
      "visits": .array(
        r.visits.map { v in
          var o: [String: JSONValue] = [
            "visit": .string(v.visit), "title": .string(v.title), "from": .string(v.from.description),
            "to": .string(v.to.description), "side": .string(v.side.rawValue),
            "withdrawn": .bool(v.withdrawn),
            "recorded": .array(
              v.records.map { rec in
                var o = meta(rec.meta)
                o["side"] = .string(rec.side.rawValue)
                o["personal"] = personal(rec.personal)
                o["event"] = .string(rec.correction ? "AttendeeUpdated" : "AttendeeRegistered")
                return .object(o)
              }),
            "appointments": .array(
              v.appointments.map { a in
                .object([
                  "id": .string(a.id), "title": .string(a.title), "start": .string(a.start.description),
                  "end": .string(a.end.description), "timezone": .string(a.timezone),
                ])
              }),
            "notes": .array(
              v.notes.map { n in
                var o = meta(n.meta)
                o["text"] = .string(n.text)
                return .object(o)
              }),
          ]
          if let erased = v.erased { o["erased"] = .object(meta(erased)) }
          return .object(o)
        }),
    ])
  }

  /// Personal data as recorded, or `{"erased": true}` once erased.
  static func personal(_ p: PersonalData) -> JSONValue {
    if p.isErased { return .object(["erased": .bool(true)]) }
    return .object(
      p.fields.reduce(into: [String: JSONValue]()) { o, f in if let v = f.value { o[f.field] = .string(v) } })
  }
}
