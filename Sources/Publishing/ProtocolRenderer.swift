import EventLog
import Planning

/// The words of the protocol office's own lists: transfers, logistics, the gifts register.
public enum ProtocolLabel: Wording, CaseIterable {
  case transfers, logistics, noTravel, noGifts, giftsRegister
  case arrival, departure, pickup, from, to, at, mode, number, persons, note, travel
  case flight, train, car, bus, other
  case date, visit, direction, given, received, giver, receiver, description, value, disposition, gift
  case givenBy, givenTo

  public var wording: (en: String, de: String) {
    switch self {
    case .transfers: return ("Arrivals, departures and pick-ups", "Ankünfte, Abreisen und Abholungen")
    case .logistics: return ("Logistics", "Logistik")
    case .noTravel: return ("No arrivals or departures recorded.", "Keine Ankünfte oder Abreisen erfasst.")
    case .noGifts: return ("No gifts recorded.", "Keine Geschenke erfasst.")
    case .giftsRegister: return ("Gifts register", "Geschenkeregister")
    case .arrival: return ("Arrival", "Ankunft")
    case .departure: return ("Departure", "Abreise")
    case .pickup: return ("pick-up", "Abholung")
    case .from: return ("from", "von")
    case .to: return ("to", "nach")
    case .at: return ("When", "Zeitpunkt")
    case .mode: return ("Mode", "Verkehrsmittel")
    case .number: return ("Number", "Nummer")
    case .persons: return ("People", "Personen")
    case .note: return ("Note", "Hinweis")
    case .travel: return ("Travel leg", "Reiseetappe")
    case .flight: return ("flight", "Flug")
    case .train: return ("train", "Zug")
    case .car: return ("car", "Auto")
    case .bus: return ("bus", "Bus")
    case .other: return ("other", "sonstiges")
    case .date: return ("Date", "Datum")
    case .visit: return ("Visit", "Besuch")
    case .direction: return ("Direction", "Richtung")
    case .given: return ("given", "überreicht")
    case .received: return ("received", "erhalten")
    case .giver: return ("From", "Von")
    case .receiver: return ("To", "An")
    case .description: return ("Description", "Beschreibung")
    case .value: return ("Value (EUR)", "Wert (EUR)")
    case .disposition: return ("Disposition", "Verbleib")
    case .gift: return ("Gift ID", "Geschenk-ID")
    case .givenBy: return ("from", "von")
    case .givenTo: return ("to", "an")
    }
  }

  init(_ d: TravelDirection) { self = d == .arrival ? .arrival : .departure }
  init(_ d: GiftDirection) { self = d == .given ? .given : .received }
  init(_ m: TravelMode) {
    switch m {
    case .flight: self = .flight
    case .train: self = .train
    case .car: self = .car
    case .bus: self = .bus
    case .other: self = .other
    }
  }
}

extension Labels {
  public subscript(protocol key: ProtocolLabel) -> String { key.text(language) }

  /// "Arrival: A, B — flight LH 427 from Pittsburgh to Dortmund; pick-up: C" (without the time).
  public func leg(_ leg: TravelLeg) -> String {
    let t = leg.travel
    var s = "\(self[protocol: ProtocolLabel(t.direction)]): " + leg.people.map(name).joined(separator: ", ")
    var how: [String] = []
    if let m = t.mode { how.append(self[protocol: ProtocolLabel(m)]) }
    if let n = t.number { how.append(n) }
    if let f = t.from { how.append("\(self[protocol: .from]) \(f)") }
    if let to = t.to { how.append("\(self[protocol: .to]) \(to)") }
    if !how.isEmpty { s += " — " + how.joined(separator: " ") }
    if let p = leg.pickup { s += "; \(self[protocol: .pickup]): \(name(p))" }
    if let n = t.note { s += "; \(n)" }
    return s
  }

  /// A gift's value: "120.00" (English) or "120,00" (German).
  public func euros(_ cents: Int) -> String {
    let s = Gift.euros(cents)
    return language == .de ? s.replacingOccurrences(of: ".", with: ",") : s
  }
}

/// `transfers` as text (through `terminalSafe`) or CSV (formula-safe).
public enum TransfersRenderer {
  public static func text(_ list: TransferList, head: StreamHead, _ l: Labels) -> String {
    var out = [
      terminalSafe(l.title(list.visit.title, german: list.visit.titleDe)) + " — " + l[protocol: .transfers],
      "",
    ]
    if list.legs.isEmpty { out.append(l[protocol: .noTravel]) }
    for leg in list.legs {
      out.append("\(l.numeric(leg.travel.at))  \(leg.travel.id)  \(terminalSafe(l.leg(leg)))")
    }
    out.append("")
    out.append(TextRenderer(l.language).anchor(head))
    return out.joined(separator: "\n") + "\n"
  }

  public static func csv(_ list: TransferList, _ l: Labels) -> String {
    let header = [
      l[protocol: .at], l[protocol: .travel], l[protocol: .direction], l[protocol: .persons],
      l[protocol: .mode],
      l[protocol: .number], l[protocol: .from], l[protocol: .to], l[protocol: .pickup], l[protocol: .note],
    ]
    let rows = list.legs.map { leg -> [String] in
      let t = leg.travel
      return [
        l.numeric(t.at), t.id, l[protocol: ProtocolLabel(t.direction)],
        leg.people.map(l.name).joined(separator: ", "),
        t.mode.map { l[protocol: ProtocolLabel($0)] } ?? "", t.number ?? "", t.from ?? "", t.to ?? "",
        leg.pickup.map(l.name) ?? "", t.note ?? "",
      ]
    }
    return CSV.encode([header] + rows)
  }
}

/// `gifts` as text (through `terminalSafe`), CSV (formula-safe) or JSON.
public enum GiftsRenderer {
  public static func text(_ r: GiftRegister, year: Int?, _ l: Labels) -> String {
    var out = [l[protocol: .giftsRegister] + (year.map { " \($0)" } ?? ""), ""]
    if r.rows.isEmpty { out.append(l[protocol: .noGifts]) }
    for row in r.rows {
      let g = row.gift
      var line =
        "\(l.numeric(g.date))  \(row.visit)  \(l[protocol: ProtocolLabel(g.direction)]): \(terminalSafe(g.description))"
        + " — \(l[protocol: .givenBy]) \(terminalSafe(l.name(row.from))) \(l[protocol: .givenTo]) \(terminalSafe(l.name(row.to)))"
      if let v = g.value { line += "; \(l.euros(v)) EUR" }
      if let d = g.disposition { line += "; \(l[protocol: .disposition]): \(terminalSafe(d))" }
      out.append(line)
    }
    return out.joined(separator: "\n") + "\n"
  }

  public static func csv(_ r: GiftRegister, _ l: Labels) -> String {
    let header = [
      l[protocol: .date], l[protocol: .visit], l[protocol: .gift], l[protocol: .direction],
      l[protocol: .giver],
      l[protocol: .receiver], l[protocol: .description], l[protocol: .value], l[protocol: .disposition],
    ]
    let rows = r.rows.map { row -> [String] in
      let g = row.gift
      return [
        g.date.description, row.visit, g.id, l[protocol: ProtocolLabel(g.direction)], l.name(row.from),
        l.name(row.to), g.description, g.value.map(l.euros) ?? "", g.disposition ?? "",
      ]
    }
    return CSV.encode([header] + rows)
  }

  /// A name, or `{"erased": true}` for one that was erased.
  static func name(_ n: PersonName) -> JSONValue {
    switch n {
    case .named(let s): return .string(s)
    case .erased: return .object(["erased": .bool(true)])
    }
  }

  public static func json(_ r: GiftRegister) -> JSONValue {
    .object([
      "gifts": .array(
        r.rows.map { row in
          let g = row.gift
          var o: [String: JSONValue] = [
            "date": .string(g.date.description), "visit": .string(row.visit), "gift": .string(g.id),
            "direction": .string(g.direction.rawValue), "from": name(row.from), "to": name(row.to),
            "description": .string(g.description),
          ]
          if let v = g.value { o["value"] = .string(Gift.euros(v)) }
          if let d = g.disposition { o["disposition"] = .string(d) }
          return .object(o)
        })
    ])
  }
}
