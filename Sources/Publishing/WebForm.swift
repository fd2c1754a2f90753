import Planning

/// A form of the web interface: which command it sends, its fields and their current values. The
/// adapter builds it from the command's options; `WebPage` renders it.
public struct WebForm: Sendable {
  public enum Kind: Sendable, Equatable {
    case text, date, dateTime, multiline, flag
    case choice([String])
  }

  public struct Field: Sendable {
    public var name: String
    public var kind: Kind
    public var values: [String]
    public var repeatable: Bool
    public var required: Bool

    public init(
      name: String, kind: Kind, values: [String] = [], repeatable: Bool = false, required: Bool = false
    ) {
      self.name = name
      self.kind = kind
      self.values = values
      self.repeatable = repeatable
      self.required = required
    }
  }

  /// Where it is sent (a path below the mount point).
  public var action: String
  public var command: WebCommand
  public var fields: [Field]
  /// Hidden fields: `expect-version`, `token`, fixed ids.
  public var hidden: [(String, String)]
  /// A message to show (a refusal), and the field it concerns.
  public var message: String?
  public var messageField: String?

  public init(
    action: String, command: WebCommand, fields: [Field], hidden: [(String, String)], message: String? = nil,
    messageField: String? = nil
  ) {
    self.action = action
    self.command = command
    self.fields = fields
    self.hidden = hidden
    self.message = message
    self.messageField = messageField
  }
}

/// The labels of form fields, by their names (the CLI's options without dashes).
public enum FormField: String, Wording, CaseIterable {
  case visit, title
  case titleDe = "title-de"
  case partner, from, to, timezone, direction, program, topic, organizer
  case travelBuffer = "travel-buffer"
  case site, name, organization, address, note, appointment, start, end, kind, host, person, function, side
  case diet, access, email, phone, mou, signatory, date, place, commitment, task, owner, due, text, reason, by
  case internalNote = "internal-note", noSite = "no-site", `internal`
  case rank, language, travel, gift, at, mode, number, pickup, description, value, disposition

  public var wording: (en: String, de: String) {
    switch self {
    case .visit: return ("Visit id", "Kennung des Besuchs")
    case .title: return ("Title", "Titel")
    case .titleDe: return ("Title in German", "Titel auf Deutsch")
    case .partner: return ("Partner", "Partner")
    case .from: return ("From", "Von")
    case .to: return ("To", "Bis")
    case .timezone: return ("Time zone", "Zeitzone")
    case .direction: return ("Direction", "Richtung")
    case .program: return ("Programme", "Programm")
    case .topic: return ("Topic", "Thema")
    case .organizer: return ("Organised by", "Organisiert von")
    case .travelBuffer: return ("Minutes between places", "Minuten zwischen Orten")
    case .site: return ("Place", "Ort")
    case .name: return ("Name", "Name")
    case .organization: return ("Organisation", "Organisation")
    case .address: return ("Address", "Anschrift")
    case .note: return ("Note", "Hinweis")
    case .internalNote: return ("Internal note (staff only)", "Interner Hinweis (nur Team)")
    case .noSite: return ("No place any more", "Kein Ort mehr")
    case .internal: return ("For staff only", "Nur für das Team")
    case .appointment: return ("Appointment", "Termin")
    case .start: return ("Start", "Beginn")
    case .end: return ("End", "Ende")
    case .kind: return ("Kind", "Art")
    case .host: return ("Host", "Gastgebend")
    case .person: return ("Person", "Person")
    case .function: return ("Function", "Funktion")
    case .side: return ("Side", "Seite")
    case .diet: return ("Diet", "Ernährung")
    case .access: return ("Accessibility", "Barrierefreiheit")
    case .email: return ("E-mail", "E-Mail")
    case .phone: return ("Phone", "Telefon")
    case .mou: return ("MoU id", "Kennung des MoU")
    case .signatory: return ("Signatory", "Unterzeichnet von")
    case .date: return ("Date", "Datum")
    case .place: return ("Place of signing", "Ort der Unterzeichnung")
    case .commitment: return ("Commitment", "Vereinbarung")
    case .task: return ("Task id", "Kennung der Aufgabe")
    case .owner: return ("Owner", "Zuständig")
    case .due: return ("Due", "Fällig")
    case .text: return ("Text", "Text")
    case .reason: return ("Reason (optional)", "Begründung (freiwillig)")
    case .by: return ("By (+30m, -15m, +1h30m)", "Um (+30m, -15m, +1h30m)")
    case .rank: return ("Rank (1 = highest)", "Rang (1 = höchster)")
    case .language: return ("Language (de, en, …)", "Sprache (de, en, …)")
    case .travel: return ("Travel leg id", "Kennung der Reiseetappe")
    case .gift: return ("Gift id", "Kennung des Geschenks")
    case .at: return ("When", "Zeitpunkt")
    case .mode: return ("Mode", "Verkehrsmittel")
    case .number: return ("Flight or train number", "Flug- oder Zugnummer")
    case .pickup: return ("Pick-up by", "Abholung durch")
    case .description: return ("Description", "Beschreibung")
    case .value: return ("Value (EUR)", "Wert (EUR)")
    case .disposition: return ("Disposition", "Verbleib")
    }
  }
}
