import EventLog
import Planning

/// Dates and times in the compact form of lists, tables and the audit trail. German writes them
/// the German way (`22.04.2022`, `21.04.2022, 14:30`); English keeps ISO 8601 dates
/// (`2022-04-22`, `2022-04-21 14:30`), which British and American readers read alike. The
/// machine formats (JSON, JSONL, iCalendar, the data cells of CSV) do not use these: they keep ISO.
extension Labels {
  /// "22.04.2022" / "2022-04-22".
  public func numeric(_ d: LocalDate) -> String {
    switch language {
    case .de: return pad2(d.day) + "." + pad2(d.month) + "." + String(d.year)
    case .en: return d.description
    }
  }

  /// A wall-clock time: "02.05.2022, 14:00" / "2022-05-02 14:00".
  public func numeric(_ t: LocalDateTime) -> String {
    numeric(t.date) + (language == .de ? ", " : " ") + t.clock
  }

  /// When something was recorded, as wall-clock time in `zone` (the visit's), to the minute:
  /// "21.04.2022, 14:30" / "2022-04-21 14:30". Without a zone the time is UTC and says so.
  public func moment(_ t: Timestamp, in zone: String?) -> String {
    let ms = t.milliseconds
    let seconds = ms >= 0 ? ms / 1000 : (ms - 999) / 1000
    let local = numeric(Zone.wallClock(of: seconds, in: zone ?? "UTC"))
    return zone == nil ? local + " UTC" : local
  }

  private func pad2(_ v: Int) -> String { v < 10 ? "0" + String(v) : String(v) }
}
