import EventLog
import Planning

/// The words of the printable agenda.
extension Labels {
  /// The agenda text of `key` in this language.
  public subscript(agenda key: AgendaLabel) -> String { key.text(language) }

  /// "29 April 2022, 11:00" / "29. April 2022, 11:00 Uhr".
  public func dateTime(_ t: LocalDateTime) -> String {
    date(t.date) + ", " + t.clock + self[agenda: .oClock]
  }

  /// The changed fields in words: "time, attendees" / "Zeit, Teilnehmende". `Agenda.Change.fields`
  /// holds plain names; a name `AgendaLabel(field:)` does not know is shown as it is.
  public func fields(_ names: [String]) -> String {
    names.map { name in AgendaLabel(field: name).map { self[agenda: $0] } ?? name }.joined(separator: ", ")
  }
}
