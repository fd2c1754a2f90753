/// The fixed words of the exports: CSV column headers and cells, iCalendar DESCRIPTION lines.
public enum ExportLabel: Wording, CaseIterable {
  // Attendee columns.
  case person, side, name, function, organization, email, phone, diet, access
  // Task columns.
  case visit, task, title, status, owner, due, overdue, origin
  // Cells.
  case yes, no
  // iCalendar DESCRIPTION lines.
  case kind, hosts, attending, note, internalNote

  public var wording: (en: String, de: String) {
    switch self {
    // The first column is not "ID": Excel takes a file starting with "ID" for SYLK.
    case .person: return ("Person ID", "Personen-ID")
    case .side: return ("Side", "Seite")
    case .name: return ("Name", "Name")
    case .function: return ("Function", "Funktion")
    case .organization: return ("Organisation", "Organisation")
    case .email: return ("Email", "E-Mail")
    case .phone: return ("Phone", "Telefon")
    case .diet: return ("Diet", "Ernährung")
    case .access: return ("Accessibility", "Barrierefreiheit")
    case .visit: return ("Visit", "Besuch")
    case .task: return ("Task ID", "Aufgaben-ID")
    case .title: return ("Title", "Titel")
    case .status: return ("Status", "Status")
    case .owner: return ("Owner", "Zuständig")
    case .due: return ("Due", "Fällig")
    case .overdue: return ("Overdue", "Überfällig")
    case .origin: return ("Origin", "Herkunft")
    case .yes: return ("yes", "ja")
    case .no: return ("no", "nein")
    case .kind: return ("Kind", "Art")
    case .hosts: return ("Hosts", "Gastgebende")
    case .attending: return ("Attending", "Teilnahme")
    case .note: return ("Note", "Hinweis")
    case .internalNote: return ("Internal note", "Interner Hinweis")
    }
  }

  /// The header of the attendee CSV, in column order.
  public static let attendeeColumns: [ExportLabel] = [
    .person, .side, .name, .function, .organization, .email, .phone, .diet, .access,
  ]

  /// The header of the task CSV, in column order.
  public static let taskColumns: [ExportLabel] = [
    .visit, .task, .title, .status, .owner, .due, .overdue, .origin,
  ]
}
