import Planning

/// The language of fixed labels and dates; visit content is shown as entered.
public enum Language: String, Sendable, CaseIterable {
  case en, de
}

/// Fixed labels and date formats in German and English.
public struct Labels: Sendable {
  public let language: Language

  public init(_ language: Language) { self.language = language }

  private static let table: [String: (en: String, de: String)] = [
    "partner": ("Partner", "Partner"),
    "dates": ("Dates", "Zeitraum"),
    "status": ("Status", "Status"),
    "direction": ("Direction", "Richtung"),
    "program": ("Programme", "Programm"),
    "topics": ("Topics", "Themen"),
    "organizers": ("Organised by", "Organisation"),
    "timezone": ("Time zone", "Zeitzone"),
    "appointments": ("Appointments", "Termine"),
    "appointment": ("appointment", "Termin"),
    "attendees": ("Attendees", "Teilnehmende"),
    "open tasks": ("Open tasks", "Offene Aufgaben"),
    "tasks": ("Follow-up tasks", "Folgeaufgaben"),
    "notes": ("Notes", "Notizen"),
    "mous": ("Memoranda of understanding", "Absichtserklärungen (MoU)"),
    "signed by": ("signed by", "unterzeichnet von"),
    "commitments": ("Commitments", "Vereinbarungen"),
    "published": ("Agenda version", "Agenda-Version"),
    "not published": ("not yet published", "noch nicht veröffentlicht"),
    "version": ("version", "Version"),
    "as of": ("as of event", "Stand: Ereignis"),
    "head": ("head", "Kopf-Hash"),
    "at": ("at", "Ort"),
    "hosts": ("hosts", "Gastgebende"),
    "attending": ("attending", "Teilnahme"),
    "note": ("note", "Hinweis"),
    "nothing planned": ("nothing planned", "keine Termine"),
    "warnings": ("Warnings", "Warnungen"),
    "no warnings": ("No warnings.", "Keine Warnungen."),
    "catering": ("Catering", "Verpflegung"),
    "accessibility": ("Accessibility", "Barrierefreiheit"),
    "none": ("none", "keine"),
    "nobody": ("nobody", "niemand"),
    "owner": ("owner", "zuständig"),
    "due": ("due", "fällig"),
    "overdue": ("OVERDUE", "ÜBERFÄLLIG"),
    "done": ("done", "erledigt"),
    "open": ("open", "offen"),
    "origin": ("from", "aus"),
    "no tasks": ("No tasks.", "Keine Aufgaben."),
    "no visits": ("No visits.", "Keine Besuche."),
    "visit": ("Visit", "Besuch"),
    "unassigned": ("unassigned", "nicht zugewiesen"),
    "planned": ("planned", "geplant"),
    "cancelled": ("cancelled", "abgesagt"),
    "incoming": ("incoming", "eingehend"),
    "outgoing": ("outgoing", "ausgehend"),
    "delegation": ("Delegation", "Delegation"),
    "host": ("Hosts", "Gastgebende"),
    "staff": ("Staff", "Organisationsteam"),
    "interpreter": ("Interpreters", "Dolmetschende"),
    "press": ("Press", "Presse"),
    "kind.reception": ("reception", "Empfang"),
    "kind.site-visit": ("site visit", "Besichtigung"),
    "kind.meeting": ("meeting", "Gespräch"),
    "kind.presentation": ("presentation", "Präsentation"),
    "kind.meal": ("meal", "Essen"),
    "kind.transfer": ("transfer", "Transfer"),
    "kind.press": ("press", "Pressetermin"),
    "kind.signing": ("signing", "Unterzeichnung"),
    "kind.ceremony": ("ceremony", "Zeremonie"),
    "kind.other": ("other", "Sonstiges"),
    "manual": ("added by hand", "manuell angelegt"),
    "visit report": ("end of the visit", "Ende des Besuchs"),
    "for appointment": ("for appointment", "für Termin"),
  ]

  /// The label for `key` in this language (the key itself if there is none).
  public subscript(_ key: String) -> String {
    guard let entry = Self.table[key] else { return key }
    return language == .de ? entry.de : entry.en
  }

  private static let weekdays = (
    en: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    de: ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]
  )
  private static let months = (
    en: [
      "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
      "November", "December",
    ],
    de: [
      "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
      "November", "Dezember",
    ]
  )

  /// "Monday, 2 May 2022" / "Montag, 2. Mai 2022".
  public func longDate(_ d: LocalDate) -> String {
    let w = language == .de ? Self.weekdays.de[d.weekday] : Self.weekdays.en[d.weekday]
    return w + ", " + date(d)
  }

  /// "2 May 2022" / "2. Mai 2022".
  public func date(_ d: LocalDate) -> String {
    let m = language == .de ? Self.months.de[d.month - 1] : Self.months.en[d.month - 1]
    return language == .de ? "\(d.day). \(m) \(d.year)" : "\(d.day) \(m) \(d.year)"
  }

  /// "2–4 May 2022", "29 April – 2 May 2022", "2 May 2022".
  public func range(_ from: LocalDate, _ to: LocalDate) -> String {
    if from == to { return date(from) }
    if from.year == to.year && from.month == to.month {
      return language == .de ? "\(from.day).–\(date(to))" : "\(from.day)–\(date(to))"
    }
    if from.year == to.year {
      let m = language == .de ? Self.months.de[from.month - 1] : Self.months.en[from.month - 1]
      let head = language == .de ? "\(from.day). \(m)" : "\(from.day) \(m)"
      return head + " – " + date(to)
    }
    return date(from) + " – " + date(to)
  }

  public func side(_ s: Side) -> String { self[s.rawValue] }
  /// An appointment kind (its own keys: "press" is also a side).
  public func kind(_ k: AppointmentKind) -> String { self["kind." + k.rawValue] }
}
