import EventLog
import Planning

/// The fixed words of the printable agenda, in English and German.
extension Labels {
  private static let agendaTable: [String: (en: String, de: String)] = [
    "agenda": ("Agenda", "Besuchsprogramm"),
    "personal": ("Personal itinerary", "Persönlicher Ablaufplan"),
    "for": ("for", "für"),
    "partner": ("Partner", "Partner"),
    "dates": ("Dates", "Zeitraum"),
    "program": ("Programme", "Programm"),
    "organizers": ("Organised by", "Organisation"),
    "topics": ("Topics", "Themen"),
    "timezone": ("Times", "Uhrzeiten"),
    "timezone note": (
      "local time at the venue; other time zones are named",
      "Ortszeit am Termin; abweichende Zeitzonen sind angegeben"
    ),
    "version": ("Version", "Version"),
    "published": ("published", "veröffentlicht am"),
    "draft": ("draft, not published", "Entwurf, nicht veröffentlicht"),
    "changed since": (
      "— changed since; these changes are not yet published",
      "— seither geändert; diese Änderungen sind noch nicht veröffentlicht"
    ),
    "visit cancelled": ("This visit has been cancelled.", "Dieser Besuch wurde abgesagt."),
    "changes since": ("Changes since", "Änderungen seit"),
    "no changes": ("No changes to the programme.", "Keine Änderungen am Programm."),
    "did not exist": (
      "The visit had not been planned yet at that point: every appointment is new.",
      "Der Besuch war zu diesem Zeitpunkt noch nicht angelegt: alle Termine sind neu."
    ),
    "dates changed": ("Dates changed", "Zeitraum geändert"),
    "people added": ("Taking part now", "Neu dabei"),
    "people withdrawn": ("No longer taking part", "Nicht mehr dabei"),
    "added": ("new", "neu"),
    "moved": ("moved", "verschoben"),
    "changed": ("changed", "geändert"),
    "cancelled": ("cancelled", "abgesagt"),
    "unassigned": ("no longer attending", "Teilnahme entfällt"),
    "previously": ("previously", "bisher"),
    "field.time": ("time", "Zeit"),
    "field.title": ("title", "Titel"),
    "field.kind": ("type", "Art"),
    "field.site": ("place", "Ort"),
    "field.hosts": ("hosts", "Gastgebende"),
    "field.note": ("note", "Hinweis"),
    "field.attendees": ("attendees", "Teilnehmende"),
    "kind.press": ("press", "Pressetermin"),
    "place": ("Place", "Ort"),
    "hosts": ("Hosts", "Gastgebende"),
    "attending": ("Attending", "Teilnehmende"),
    "note": ("Note", "Hinweis"),
    "nobody": ("nobody yet", "noch niemand"),
    "joined": ("joined", "neu dabei"),
    "left": ("left", "nicht mehr dabei"),
    "nothing planned": ("No appointments.", "Keine Termine."),
    "nothing for person": ("No appointments for this person.", "Keine Termine für diese Person."),
    "unknown person": ("No such person on this visit", "Diese Person gehört nicht zu diesem Besuch"),
    "contacts": ("Contacts: organising staff", "Ansprechpersonen: Organisationsteam"),
    "no contacts": ("No organising staff registered.", "Kein Organisationsteam eingetragen."),
    "name": ("Name", "Name"),
    "function": ("Function", "Funktion"),
    "organization": ("Organisation", "Organisation"),
    "phone": ("Phone", "Telefon"),
    "email": ("Email", "E-Mail"),
    "time": ("Time", "Zeit"),
    "page": ("Page", "Seite"),
    "of": ("of", "von"),
    "o'clock": ("", " Uhr"),
  ]

  /// The keys of the agenda's labels (for tests that check both languages have each).
  public static var agendaKeys: [String] { agendaTable.keys.sorted() }

  /// The agenda label for `key` in this language (the key itself if there is none).
  public func agenda(_ key: String) -> String {
    guard let entry = Self.agendaTable[key] else { return key }
    return language == .de ? entry.de : entry.en
  }

  /// "29 April 2022, 11:00" / "29. April 2022, 11:00 Uhr".
  public func dateTime(_ t: LocalDateTime) -> String {
    date(t.date) + ", " + t.clock + agenda("o'clock")
  }

  /// The name of a change mark, as shown beside an appointment.
  public func mark(_ k: Agenda.Change.Kind) -> String { agenda(k.rawValue) }

  /// The changed fields in words: "time, attendees" / "Zeit, Teilnehmende".
  public func fields(_ names: [String]) -> String {
    names.map { agenda("field." + $0) }.joined(separator: ", ")
  }
}
