import Planning

/// The short dates and time spans of the audit trail and diffs.
extension Labels {
  /// The text of a word of the audit trail or a diff in this language.
  public subscript(audit key: AuditLabel) -> String { key.text(language) }

  /// The text of a sentence in this language.
  public subscript(phrase phrase: Phrase) -> String { phrase.text(language) }

  private static let shortWeekdays = (
    en: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    de: ["Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."]
  )

  /// "Mon 2 May" / "Mo. 2. Mai".
  func shortDate(_ d: LocalDate) -> String {
    let dayMonth = String(date(d).dropLast(5))  // drop " 2022"
    let weekday = language == .de ? Self.shortWeekdays.de[d.weekday] : Self.shortWeekdays.en[d.weekday]
    return weekday + " " + dayMonth
  }

  /// "Mon 2 May 14:00–15:30", the end's date only when it differs.
  func span(_ start: LocalDateTime, _ end: LocalDateTime, withDate: Bool = true) -> String {
    let head = withDate ? shortDate(start.date) + " " : ""
    let tail = end.date == start.date ? end.clock : shortDate(end.date) + " " + end.clock
    return head + start.clock + "–" + tail
  }
}
