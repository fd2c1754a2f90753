import Planning

/// Labels of the CSV and iCalendar exports, kept apart from the main table.
extension Labels {
  private static let exportTable: [String: (en: String, de: String)] = [
    // Attendee columns. The first is not "ID": Excel takes a file starting with "ID" for SYLK.
    "csv.person": ("Person ID", "Personen-ID"),
    "csv.side": ("Side", "Seite"),
    "csv.name": ("Name", "Name"),
    "csv.function": ("Function", "Funktion"),
    "csv.organization": ("Organisation", "Organisation"),
    "csv.email": ("Email", "E-Mail"),
    "csv.phone": ("Phone", "Telefon"),
    "csv.diet": ("Diet", "Ernährung"),
    "csv.access": ("Accessibility", "Barrierefreiheit"),
    // Task columns.
    "csv.visit": ("Visit", "Besuch"),
    "csv.task": ("Task ID", "Aufgaben-ID"),
    "csv.title": ("Title", "Titel"),
    "csv.status": ("Status", "Status"),
    "csv.owner": ("Owner", "Zuständig"),
    "csv.due": ("Due", "Fällig"),
    "csv.overdue": ("Overdue", "Überfällig"),
    "csv.origin": ("Origin", "Herkunft"),
    "yes": ("yes", "ja"),
    "no": ("no", "nein"),
    // iCalendar DESCRIPTION lines.
    "ics.kind": ("Kind", "Art"),
    "ics.hosts": ("Hosts", "Gastgebende"),
    "ics.attending": ("Attending", "Teilnahme"),
    "ics.note": ("Note", "Hinweis"),
  ]

  /// The export label for `key` in this language (the key itself if there is none).
  public func export(_ key: String) -> String {
    guard let entry = Self.exportTable[key] else { return key }
    return language == .de ? entry.de : entry.en
  }
}
