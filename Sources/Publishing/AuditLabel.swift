/// The fixed words of the audit trail (`audit`, `history`) and of `visits diff`.
public enum AuditLabel: Wording, CaseIterable {
  /// Before the reason of an entry.
  case why
  // The lines of a diff.
  case noChanges, visitCancelled, dates, added, cancelled, moved, also, changed
  case attendeeAdded, attendeeWithdrawn, siteAdded, mouSigned
  case taskAdded, taskDropped, taskChanged

  public var wording: (en: String, de: String) {
    switch self {
    case .why: return ("why", "warum")
    case .noChanges: return ("none", "keine")
    case .visitCancelled: return ("visit cancelled", "Besuch abgesagt")
    case .dates: return ("dates", "Zeitraum")
    case .added: return ("added", "neu")
    case .cancelled: return ("cancelled", "abgesagt")
    case .moved: return ("moved", "verschoben")
    case .also: return ("also", "auch")
    case .changed: return ("changed", "geändert")
    case .attendeeAdded: return ("attendee added", "angemeldet")
    case .attendeeWithdrawn: return ("attendee withdrawn", "abgemeldet")
    case .siteAdded: return ("site added", "neuer Ort")
    case .mouSigned: return ("MoU signed", "MoU unterzeichnet")
    case .taskAdded: return ("task added", "neue Aufgabe")
    case .taskDropped: return ("task dropped", "Aufgabe entfallen")
    case .taskChanged: return ("task changed", "Aufgabe geändert")
    }
  }
}
