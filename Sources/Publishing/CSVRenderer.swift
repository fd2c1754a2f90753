import Planning

/// The attendee and task lists as CSV for spreadsheets: a header row in the chosen language, then
/// one row per attendee or task. Data is written as entered (line breaks stay inside quoted cells);
/// `CSV` quotes it and defuses formulas. Absent values are empty cells.
public enum CSVRenderer {
  /// Header and one row per attendee, side by side in the list's order.
  public static func attendees(_ list: AttendeeList, _ labels: Labels) -> String {
    CSV.encode(attendeeRows(list, labels))
  }

  /// Header and one row per task, in the list's order.
  public static func tasks(_ list: TaskList, _ labels: Labels) -> String {
    CSV.encode(taskRows(list, labels))
  }

  /// The cells of `attendees`, before encoding.
  public static func attendeeRows(_ list: AttendeeList, _ labels: Labels) -> [[String]] {
    let header = ExportLabel.attendeeColumns.map { labels[export: $0] }
    let rows = list.groups.flatMap { group in
      group.attendees.map { a in
        let p = a.personal
        return [
          a.id, labels[Label(a.side)], labels.name(of: p), p.function ?? "", p.organization ?? "",
          p.email ?? "",
          p.phone ?? "", p.diet ?? "", p.access ?? "",
        ]
      }
    }
    return [header] + rows
  }

  /// The cells of `tasks`, before encoding.
  public static func taskRows(_ list: TaskList, _ labels: Labels) -> [[String]] {
    let header = ExportLabel.taskColumns.map { labels[export: $0] }
    let words = TextRenderer(labels.language)
    let rows = list.rows.map { r in
      [
        r.visit, r.task.id, labels.title(r.task.title, german: r.task.titleDe), labels[Label(r.task.status)],
        r.task.owner ?? "",
        r.task.due?.description ?? "", labels[export: r.overdue ? .yes : .no], words.origin(r.task.origin),
      ]
    }
    return [header] + rows
  }
}
