import Planning

/// The names of fields as the audit trail gives them (`AuditEntry.FieldChange.field`) and as the
/// readable log shows an event's data, with their English and German text. English shows the name
/// as the event gives it; a name this table does not know is shown as it is in both languages.
///
/// Adding a field: a case named as the field (its raw value when that is not a Swift name), its line
/// in `wording`, and its line in `value` when its values are not plain text.
public enum FieldLabel: String, Wording, CaseIterable {
  // The visit.
  case title, titleDe, partner, from, to, timezone, direction, program, topics, organizers, travelBuffer
  case status, text, version
  // Sites and appointments.
  case name, organization, address, note, kind, start, end, site, hosts, internalNote
  case `internal`, cleared
  // People.
  case side, personal, function, email, phone, diet, access, appointments, attendee, rank, languages
  // MoUs and tasks.
  case signatories, date, place, commitments, owner, due
  // Travel legs and gifts, a copied visit.
  case persons, at, mode, number, pickup, description, value, disposition, copiedFrom
  // The ids an event names (the readable log).
  case appointment, person, task, mou

  public var wording: (en: String, de: String) {
    switch self {
    case .title: return ("title", "Titel")
    case .titleDe: return ("titleDe", "Titel (deutsch)")
    case .partner: return ("partner", "Partner")
    case .from: return ("from", "Erster Tag")
    case .to: return ("to", "Letzter Tag")
    case .timezone: return ("timezone", "Zeitzone")
    case .direction: return ("direction", "Richtung")
    case .program: return ("program", "Programm")
    case .topics: return ("topics", "Themen")
    case .organizers: return ("organizers", "Organisation")
    case .travelBuffer: return ("travelBuffer", "Wegezeit-Puffer (Min.)")
    case .status: return ("status", "Status")
    case .text: return ("text", "Text")
    case .version: return ("version", "Version")
    case .name: return ("name", "Name")
    case .organization: return ("organization", "Organisation")
    case .address: return ("address", "Adresse")
    case .note: return ("note", "Hinweis")
    case .kind: return ("kind", "Art")
    case .start: return ("start", "Beginn")
    case .end: return ("end", "Ende")
    case .site: return ("site", "Ort")
    case .hosts: return ("hosts", "Gastgebende")
    case .internalNote: return ("internalNote", "Interner Hinweis")
    case .internal: return ("internal", "Intern")
    case .cleared: return ("cleared", "Entfernt")
    case .side: return ("side", "Seite")
    case .personal: return ("personal", "Personendaten")
    case .function: return ("function", "Funktion")
    case .email: return ("email", "E-Mail")
    case .phone: return ("phone", "Telefon")
    case .diet: return ("diet", "Ernährung")
    case .access: return ("access", "Barrierefreiheit")
    case .rank: return ("rank", "Rang")
    case .languages: return ("languages", "Sprachen")
    case .appointments: return ("appointments", "Termine")
    case .attendee: return ("attendee", "Person")
    case .signatories: return ("signatories", "Unterzeichnende")
    case .date: return ("date", "Datum")
    case .place: return ("place", "Unterzeichnungsort")
    case .commitments: return ("commitments", "Vereinbarungen")
    case .owner: return ("owner", "Zuständig")
    case .due: return ("due", "Fällig")
    case .persons: return ("persons", "Personen")
    case .at: return ("at", "Zeitpunkt")
    case .mode: return ("mode", "Verkehrsmittel")
    case .number: return ("number", "Nummer")
    case .pickup: return ("pickup", "Abholung")
    case .description: return ("description", "Beschreibung")
    case .value: return ("value", "Wert (EUR)")
    case .disposition: return ("disposition", "Verbleib")
    case .copiedFrom: return ("copiedFrom", "Kopiert aus")
    case .appointment: return ("appointment", "Termin")
    case .person: return ("person", "Person")
    case .task: return ("task", "Aufgabe")
    case .mou: return ("mou", "MoU")
    }
  }

  /// How the field's values are written in text.
  public enum Value: Sendable {
    /// As entered.
    case text
    /// A `LocalDate`, written as `Labels.numeric(_:)` writes dates.
    case date
    /// A `LocalDateTime`, written as `Labels.numeric(_:)` writes wall-clock times.
    case dateTime
    /// A raw value of `Side`, `AppointmentKind`, `Direction`, or a status, in words.
    case side, kind, direction, status
    /// A raw value of `TravelMode`, in words.
    case mode
    /// `yes` (the audit's word for a flag that is set), in words.
    case flag
  }

  /// How this field's values are written; plain text unless said otherwise.
  public var value: Value {
    switch self {
    case .from, .to, .due, .date: return .date
    case .start, .end, .at: return .dateTime
    case .mode: return .mode
    case .side: return .side
    case .kind: return .kind
    case .direction: return .direction
    case .status: return .status
    case .internal: return .flag
    default: return .text
    }
  }
}

extension Labels {
  /// A field's name in this language; a name `FieldLabel` does not know, as it is.
  public func field(_ name: String) -> String {
    FieldLabel(rawValue: name).map { $0.text(language) } ?? name
  }

  /// A field's value in this language: dates and times in the compact form, sides, kinds,
  /// directions and statuses in words; anything else (and a value that does not parse) as it is.
  public func value(_ raw: String, of name: String) -> String {
    switch FieldLabel(rawValue: name)?.value ?? .text {
    case .text: return raw
    case .date: return LocalDate(raw).map { numeric($0) } ?? raw
    case .dateTime: return LocalDateTime(raw).map { numeric($0) } ?? raw
    case .side: return Side(rawValue: raw).map { self[Label($0)] } ?? raw
    case .kind: return AppointmentKind(rawValue: raw).map { self[Label($0)] } ?? raw
    case .direction:
      if let d = Direction(rawValue: raw) { return self[Label(d)] }
      if let d = TravelDirection(rawValue: raw) { return self[protocol: ProtocolLabel(d)] }
      return GiftDirection(rawValue: raw).map { self[protocol: ProtocolLabel($0)] } ?? raw
    case .mode: return TravelMode(rawValue: raw).map { self[protocol: ProtocolLabel($0)] } ?? raw
    case .status: return status(raw)
    case .flag: return raw == "yes" ? self[export: .yes] : raw
    }
  }

  /// A status as the audit trail gives it (a visit's, an appointment's, a person's or a task's).
  private func status(_ raw: String) -> String {
    if let s = VisitStatus(rawValue: raw) { return self[Label(s)] }
    if let s = TaskStatus(rawValue: raw) { return self[Label(s)] }
    switch raw {
    case "scheduled": return self[audit: .scheduled]
    case "registered": return self[audit: .registered]
    case "withdrawn": return self[audit: .withdrawn]
    default: return raw
    }
  }
}
