/// The fixed words of the audit trail (`audit`, `history`) and of `visits diff`.
public enum AuditLabel: Wording, CaseIterable {
  /// Before the reason of an entry.
  case why
  // The lines of a diff.
  case noChanges, visitCancelled, dates, added, cancelled, moved, also, changed
  case attendeeAdded, attendeeWithdrawn, siteAdded, mouPlanned, mouSigned, visitDetails, siteChanged,
    attendeeChanged
  case taskAdded, taskDropped, taskChanged
  /// The later point of a diff when none was given.
  case now
  // Statuses that are not a visit's or a task's (see `Labels.value(_:of:)`).
  case scheduled, registered, withdrawn
  // The columns of the audit CSV; English keeps the names of the JSON form.
  case recorded, visit, seq, actor, type, summary, reason, changes

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
    case .mouPlanned: return ("MoU planned", "MoU geplant")
    case .mouSigned: return ("MoU signed", "MoU unterzeichnet")
    case .visitDetails: return ("visit details corrected", "Angaben zum Besuch korrigiert")
    case .siteChanged: return ("site corrected", "Ort korrigiert")
    case .attendeeChanged: return ("person corrected", "Angaben zur Person korrigiert")
    case .taskAdded: return ("task added", "neue Aufgabe")
    case .taskDropped: return ("task dropped", "Aufgabe entfallen")
    case .taskChanged: return ("task changed", "Aufgabe geändert")
    case .now: return ("now", "jetzt")
    case .scheduled: return ("scheduled", "geplant")
    case .registered: return ("registered", "angemeldet")
    case .withdrawn: return ("withdrawn", "abgemeldet")
    case .recorded: return ("recorded", "Erfasst")
    case .visit: return ("visit", "Besuch")
    case .seq: return ("seq", "Ereignis-Nr.")
    case .actor: return ("actor", "Bearbeitet von")
    case .type: return ("type", "Ereignistyp")
    case .summary: return ("summary", "Zusammenfassung")
    case .reason: return ("reason", "Begründung")
    case .changes: return ("changes", "Änderungen")
    }
  }

  /// The header of the audit CSV, in column order.
  public static let csvColumns: [AuditLabel] = [
    .recorded, .visit, .seq, .actor, .type, .summary, .reason, .changes,
  ]
}
