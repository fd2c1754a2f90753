import EventLog
import Foundation
import Planning

/// RFC 5545 content-line folding.
public enum ContentLine {
  /// The longest a physical line may be, in octets, without its CRLF.
  public static let maxOctets = 75

  /// One content line (given without its line break) as physical lines of at most 75 octets of
  /// UTF-8, each ended by CRLF; every line after the first starts with one space. Breaks fall
  /// between Unicode scalars, so no UTF-8 sequence is ever split.
  public static func fold(_ line: String) -> String {
    var out = String.UnicodeScalarView()
    var used = 0
    for u in line.unicodeScalars {
      let size = UTF8.width(u)
      if used + size > maxOctets {
        out.append(contentsOf: "\r\n ".unicodeScalars)
        used = 1  // the leading space counts
      }
      out.append(u)
      used += size
    }
    out.append(contentsOf: "\r\n".unicodeScalars)
    return String(out)
  }
}

/// One visit as an iCalendar file (RFC 5545) for calendar clients.
///
/// - Every appointment becomes a VEVENT, cancelled ones with `STATUS:CANCELLED` (all of them when
///   the visit is cancelled), in order of start. The UID comes from the appointment and visit ids,
///   `SEQUENCE` counts moves and `DTSTAMP` is the appointment's last change, so exporting an
///   unchanged log again gives the same bytes and clients update rather than duplicate events.
/// - Times are local to the appointment's zone, with a VTIMEZONE per zone used, built from the
///   system's zone data for the visit's years and the year before.
/// - With `person`, only appointments that currently list that person. Someone unassigned from an
///   appointment therefore gets no cancellation for it: their client keeps the old event until they
///   delete it or re-import a full export.
public enum ICalendar {
  public static let productID = "-//Stadt Dortmund//visits//EN"
  public static let uidDomain = "visits.dortmund.de"

  /// The calendar of `visit`, or of the appointments `person` attends in it.
  ///
  /// - Parameter labels: language of the DESCRIPTION lines (English unless given).
  public static func calendar(_ visit: Visit, person: String? = nil, labels: Labels = Labels(.en)) -> String {
    let appointments = visit.appointments
      .filter { a in person.map { a.attendees.contains($0) || a.hosts.contains($0) } ?? true }
      .sorted { ($0.startInstant, $0.id) < ($1.startInstant, $1.id) }
    var lines = [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:" + productID,
      "CALSCALE:GREGORIAN",
      "X-WR-CALNAME:" + text(labels.title(visit.title, german: visit.titleDe)),
    ]
    for zone in Set(appointments.map(\.timezone)).sorted() {
      let used = appointments.filter { $0.timezone == zone }
      let years = [visit.from.year, visit.to.year] + used.flatMap { [$0.start.date.year, $0.end.date.year] }
      let first = years.min() ?? visit.from.year
      let last = years.max() ?? visit.to.year
      lines += timezone(zone, fromYear: first - 1, toYear: last)
    }
    for a in appointments {
      lines += event(a, in: visit, labels)
    }
    lines.append("END:VCALENDAR")
    return lines.map(ContentLine.fold).joined()
  }

  /// The VEVENT lines of one appointment.
  static func event(_ a: Appointment, in visit: Visit, _ labels: Labels) -> [String] {
    var lines = [
      "BEGIN:VEVENT",
      "UID:" + text("\(a.id).\(visit.id)@\(uidDomain)"),
      "DTSTAMP:" + utc(a.updated),
      "DTSTART;TZID=\(zone(a.timezone)):" + local(a.start),
      "DTEND;TZID=\(zone(a.timezone)):" + local(a.end),
      "SUMMARY:" + text(labels.title(a.title, german: a.titleDe)),
    ]
    if let site = a.site.flatMap({ visit.sites[$0] }) {
      lines.append("LOCATION:" + text([site.name, site.address].compactMap { $0 }.joined(separator: ", ")))
    }
    var description = ["\(labels[export: .kind]): \(labels[Label(a.kind)])"]
    if !a.hosts.isEmpty {
      description.append(
        "\(labels[export: .hosts]): "
          + a.hosts.map { labels.name(visit.personName($0)) }.joined(separator: ", "))
    }
    let names = visit.attending(a).map { labels.name(of: $0.personal) }
    if !names.isEmpty {
      description.append("\(labels[export: .attending]): " + names.joined(separator: ", "))
    }
    if let note = a.note { description.append("\(labels[export: .note]): " + note) }
    if let note = a.internalNote { description.append("\(labels[export: .internalNote]): " + note) }
    lines.append("DESCRIPTION:" + text(description.joined(separator: "\n")))
    lines.append("CATEGORIES:" + text(labels[Label(a.kind)]))
    lines.append("STATUS:" + (a.cancelled || visit.status == .cancelled ? "CANCELLED" : "CONFIRMED"))
    lines.append("SEQUENCE:\(a.changes)")
    lines.append("END:VEVENT")
    return lines
  }

  /// A zone name as a TZID: only the characters IANA names use (letters, digits, `/`, `_`, `+`,
  /// `-`), so a value read from the log can never end the parameter or the line.
  static func zone(_ name: String) -> String {
    String(
      String.UnicodeScalarView(
        name.unicodeScalars.filter {
          ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
            || "/_+-".unicodeScalars.contains($0)
        }))
  }

  /// A TEXT value: `\`, `;` and `,` escaped, line feeds as `\n`, CR and other control characters
  /// (C0, DEL, C1; TAB too) removed.
  public static func text(_ s: String) -> String {
    var out = String.UnicodeScalarView()
    for u in s.unicodeScalars {
      switch u {
      case "\\": out.append(contentsOf: "\\\\".unicodeScalars)
      case ";": out.append(contentsOf: "\\;".unicodeScalars)
      case ",": out.append(contentsOf: "\\,".unicodeScalars)
      case "\n": out.append(contentsOf: "\\n".unicodeScalars)
      default:
        let v = u.value
        if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) { continue }
        out.append(u)
      }
    }
    return String(out)
  }

  /// The VTIMEZONE of `name` for whole years `fromYear` through `toYear`: the observance in effect on
  /// 1 January of `fromYear`, then one sub-component per transition the system knows in that span.
  /// A zone without transitions there (UTC, Asia/Kolkata) has just the one STANDARD.
  static func timezone(_ name: String, fromYear: Int, toYear: Int) -> [String] {
    guard let tz = TimeZone(identifier: name) else { return [] }
    func date(_ instant: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(instant)) }
    let startNaive = CivilDate.toDays(year: Int64(fromYear), month: 1, day: 1) * 86_400
    let start = startNaive - Int64(tz.secondsFromGMT(for: date(startNaive)))
    let end = CivilDate.toDays(year: Int64(toYear + 1), month: 1, day: 1) * 86_400 + 86_400

    func observance(at instant: Int64, from: Int) -> [String] {
      let to = tz.secondsFromGMT(for: date(instant))
      let kind = tz.isDaylightSavingTime(for: date(instant)) ? "DAYLIGHT" : "STANDARD"
      var lines = [
        "BEGIN:" + kind,
        "DTSTART:" + wallClock(instant + Int64(from)),
        "TZOFFSETFROM:" + offset(from),
        "TZOFFSETTO:" + offset(to),
      ]
      if let abbreviation = tz.abbreviation(for: date(instant)) {
        lines.append("TZNAME:" + text(abbreviation))
      }
      lines.append("END:" + kind)
      return lines
    }

    var lines = ["BEGIN:VTIMEZONE", "TZID:" + zone(name)]
    lines += observance(at: start, from: tz.secondsFromGMT(for: date(start)))
    var after = start
    while let next = tz.nextDaylightSavingTimeTransition(after: date(after)) {
      let instant = Int64(next.timeIntervalSince1970.rounded())
      guard instant > after, instant < end else { break }
      lines += observance(at: instant, from: tz.secondsFromGMT(for: date(instant - 1)))
      after = instant
    }
    lines.append("END:VTIMEZONE")
    return lines
  }

  /// `YYYYMMDDTHHMMSSZ`.
  static func utc(_ t: Timestamp) -> String {
    let ms = t.milliseconds
    let seconds = ms >= 0 ? ms / 1000 : (ms - 999) / 1000
    return wallClock(seconds) + "Z"
  }

  /// `YYYYMMDDTHHMMSS` of a wall-clock time.
  static func local(_ t: LocalDateTime) -> String {
    let d = t.date
    return digits(d.year, 4) + digits(d.month, 2) + digits(d.day, 2) + "T" + digits(t.hour, 2)
      + digits(t.minute, 2) + "00"
  }

  /// `YYYYMMDDTHHMMSS` of seconds since the epoch read as a wall clock.
  static func wallClock(_ seconds: Int64) -> String {
    var days = seconds / 86_400
    var rest = seconds - days * 86_400
    if rest < 0 {
      rest += 86_400
      days -= 1
    }
    let (y, m, d) = CivilDate.fromDays(days)
    let r = Int(rest)
    return digits(Int(y), 4) + digits(m, 2) + digits(d, 2) + "T" + digits(r / 3600, 2)
      + digits(r / 60 % 60, 2)
      + digits(r % 60, 2)
  }

  /// A UTC offset, `+HHMM` or `-HHMM`, with seconds only when there are any.
  static func offset(_ seconds: Int) -> String {
    let a = abs(seconds)
    let hhmm = (seconds < 0 ? "-" : "+") + digits(a / 3600, 2) + digits(a / 60 % 60, 2)
    return a % 60 == 0 ? hhmm : hhmm + digits(a % 60, 2)
  }

  private static func digits(_ v: Int, _ width: Int) -> String {
    let s = String(v)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
  }
}
