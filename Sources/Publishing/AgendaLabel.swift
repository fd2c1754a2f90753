import Planning

/// The fixed words of the printable agenda (`visits agenda`, text, Markdown and HTML).
public enum AgendaLabel: Wording, CaseIterable {
  case agenda, personal, forPerson, unknownPerson
  case partner, dates, program, organizers, topics, timezone, timezoneNote
  case version, published, draft, changedSince, visitCancelled
  case changesSince, noChanges, didNotExist, datesChanged, peopleAdded, peopleWithdrawn
  // ChangeKind, as marks beside an appointment
  case added, moved, changed, cancelled, unassigned
  case previously
  // Fields of an appointment that changed (VisitDiff.differences)
  case fieldTime, fieldTitle, fieldKind, fieldSite, fieldHosts, fieldNote, fieldAttendees, fieldInternalNote
  case place, hosts, attending, note, nobody, joined, left, languages
  case nothingPlanned, nothingForPerson
  case contacts, noContacts, name, function, organization, phone, email
  // The internal (staff) agenda.
  case internalOnly, internalNote, internalNotes, appointmentID
  /// After a time of day: nothing in English, " Uhr" in German (intentionally empty in English).
  case oClock

  public var wording: (en: String, de: String) {
    switch self {
    case .agenda: return ("Agenda", "Besuchsprogramm")
    case .personal: return ("Personal itinerary", "Persönlicher Ablaufplan")
    case .forPerson: return ("for", "für")
    case .unknownPerson: return ("No such person on this visit", "Diese Person gehört nicht zu diesem Besuch")
    case .partner: return ("Partner", "Partner")
    case .dates: return ("Dates", "Zeitraum")
    case .program: return ("Programme", "Programm")
    case .organizers: return ("Organised by", "Organisation")
    case .topics: return ("Topics", "Themen")
    case .timezone: return ("Times", "Uhrzeiten")
    case .timezoneNote:
      return (
        "local time at the venue; other time zones are named",
        "Ortszeit am Termin; abweichende Zeitzonen sind angegeben"
      )
    case .version: return ("Version", "Version")
    case .published: return ("published", "veröffentlicht am")
    case .draft: return ("draft, not published", "Entwurf, nicht veröffentlicht")
    case .changedSince:
      return (
        "— changed since; these changes are not yet published",
        "— seither geändert; diese Änderungen sind noch nicht veröffentlicht"
      )
    case .visitCancelled: return ("This visit has been cancelled.", "Dieser Besuch wurde abgesagt.")
    case .changesSince: return ("Changes since", "Änderungen seit")
    case .noChanges: return ("No changes to the programme.", "Keine Änderungen am Programm.")
    case .didNotExist:
      return (
        "The visit had not been planned yet at that point: every appointment is new.",
        "Der Besuch war zu diesem Zeitpunkt noch nicht angelegt: alle Termine sind neu."
      )
    case .datesChanged: return ("Dates changed", "Zeitraum geändert")
    case .peopleAdded: return ("Taking part now", "Neu dabei")
    case .peopleWithdrawn: return ("No longer taking part", "Nicht mehr dabei")
    case .added: return ("new", "neu")
    case .moved: return ("moved", "verschoben")
    case .changed: return ("changed", "geändert")
    case .cancelled: return ("cancelled", "abgesagt")
    case .unassigned: return ("no longer attending", "Teilnahme entfällt")
    case .previously: return ("previously", "bisher")
    case .fieldTime: return ("time", "Zeit")
    case .fieldTitle: return ("title", "Titel")
    case .fieldKind: return ("type", "Art")
    case .fieldSite: return ("place", "Ort")
    case .fieldHosts: return ("hosts", "Gastgebende")
    case .fieldNote: return ("note", "Hinweis")
    case .fieldAttendees: return ("attendees", "Teilnehmende")
    case .fieldInternalNote: return ("internal note", "interner Hinweis")
    case .place: return ("Place", "Ort")
    case .hosts: return ("Hosts", "Gastgebende")
    case .attending: return ("Attending", "Teilnehmende")
    case .languages: return ("Languages", "Sprachen")
    case .note: return ("Note", "Hinweis")
    case .nobody: return ("nobody yet", "noch niemand")
    case .joined: return ("joined", "neu dabei")
    case .left: return ("left", "nicht mehr dabei")
    case .nothingPlanned: return ("No appointments.", "Keine Termine.")
    case .nothingForPerson: return ("No appointments for this person.", "Keine Termine für diese Person.")
    case .contacts: return ("Contacts: organising staff", "Ansprechpersonen: Organisationsteam")
    case .noContacts: return ("No organising staff registered.", "Kein Organisationsteam eingetragen.")
    case .name: return ("Name", "Name")
    case .function: return ("Function", "Funktion")
    case .organization: return ("Organisation", "Organisation")
    case .phone: return ("Phone", "Telefon")
    case .email: return ("Email", "E-Mail")
    case .oClock: return ("", " Uhr")
    case .internalOnly:
      return (
        "INTERNAL — for staff only, not for guests", "INTERN — nur für das Organisationsteam, nicht für Gäste"
      )
    case .internalNote: return ("Internal note", "Interner Hinweis")
    case .internalNotes: return ("Internal notes", "Interne Notizen")
    case .appointmentID: return ("ID", "Kennung")
    }
  }
}

extension AgendaLabel {
  /// The mark of a change, as shown beside an appointment ("moved", "new").
  public init(_ kind: ChangeKind) {
    switch kind {
    case .added: self = .added
    case .moved: self = .moved
    case .changed: self = .changed
    case .cancelled: self = .cancelled
    case .unassigned: self = .unassigned
    }
  }

  /// The word for a changed field of an appointment, by the name `VisitDiff` gives it (`time`,
  /// `title`, `kind`, `site`, `hosts`, `note`, `attendees`); nil for a name it does not know.
  public init?(field: String) {
    switch field {
    case "time": self = .fieldTime
    case "title": self = .fieldTitle
    case "kind": self = .fieldKind
    case "site": self = .fieldSite
    case "hosts": self = .fieldHosts
    case "note": self = .fieldNote
    case "attendees": self = .fieldAttendees
    case "internalNote": self = .fieldInternalNote
    default: return nil
    }
  }
}
