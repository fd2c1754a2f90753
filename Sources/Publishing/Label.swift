import Planning

/// The fixed words of the text views: `show`, `list`, `itinerary`, `attendees`, `tasks`, `check`,
/// and the anchor every rendered output ends with.
public enum Label: Wording, CaseIterable {
  case asOf, head
  case noVisits, noTasks, noWarnings
  case partner, dates, direction, program, topics, organizers
  case appointments, attendees, openTasks
  case published, notPublished, signedBy, toBeSignedBy, notes, programme
  case nothingPlanned, at, hosts, attending, nobody, note, internalNote, internalMark
  case forAppointment, catering, accessibility, noneNoted
  case overdue, owner, unassigned, due, origin
  case manual, appointment, visitReport
  /// In place of a person's data once it has been erased.
  case erased
  // VisitStatus
  case planned, cancelled
  // TaskStatus
  case open, done
  // Direction
  case incoming, outgoing
  // Side
  case sideDelegation, sideHost, sideStaff, sideInterpreter, sidePress
  // AppointmentKind
  case kindReception, kindSiteVisit, kindMeeting, kindPresentation, kindMeal, kindTransfer, kindPress
  case kindSigning, kindCeremony, kindGoldenBook, kindGiftExchange, kindOther
  // PlanWarning.Rule: English names the rule as `check --format json` does.
  case ruleDoubleBooked, ruleParallelSites, ruleTravelBuffer, ruleNoDelegation, ruleInterpreterNeeded
  case ruleBeforeArrival, ruleAfterDeparture, ruleTransferWithoutTravel

  public var wording: (en: String, de: String) {
    switch self {
    case .asOf: return ("as of event", "Stand: Ereignis")
    case .head: return ("head", "Prüfsumme")
    case .noVisits: return ("No visits.", "Keine Besuche.")
    case .noTasks: return ("No tasks.", "Keine Aufgaben.")
    case .noWarnings: return ("No warnings.", "Keine Warnungen.")
    case .partner: return ("Partner", "Partner")
    case .dates: return ("Dates", "Zeitraum")
    case .direction: return ("Direction", "Richtung")
    case .program: return ("Programme", "Programm")
    case .topics: return ("Topics", "Themen")
    case .organizers: return ("Organised by", "Organisation")
    case .appointments: return ("Appointments", "Termine")
    case .attendees: return ("Attendees", "Teilnehmende")
    case .openTasks: return ("Open tasks", "Offene Aufgaben")
    case .published: return ("Agenda version", "Agenda-Version")
    case .notPublished: return ("not yet published", "noch nicht veröffentlicht")
    case .signedBy: return ("signed by", "unterzeichnet von")
    case .toBeSignedBy: return ("planned, to be signed by", "geplant, zu unterzeichnen von")
    case .notes: return ("Notes", "Notizen")
    case .programme: return ("Programme", "Ablauf")
    case .internalNote: return ("internal note", "interner Hinweis")
    case .internalMark: return ("internal", "intern")
    case .nothingPlanned: return ("nothing planned", "keine Termine")
    case .at: return ("at", "Ort")
    case .hosts: return ("hosts", "Gastgebende")
    case .attending: return ("attending", "Teilnahme")
    case .nobody: return ("nobody", "niemand")
    case .erased: return ("[erased]", "[gelöscht]")
    case .note: return ("note", "Hinweis")
    case .forAppointment: return ("for appointment", "für Termin")
    case .catering: return ("Catering", "Verpflegung")
    case .accessibility: return ("Accessibility", "Barrierefreiheit")
    case .noneNoted: return ("none", "keine")
    case .overdue: return ("OVERDUE", "ÜBERFÄLLIG")
    case .owner: return ("owner", "zuständig")
    case .unassigned: return ("unassigned", "nicht zugewiesen")
    case .due: return ("due", "fällig")
    case .origin: return ("from", "aus")
    case .manual: return ("added by hand", "manuell angelegt")
    case .appointment: return ("appointment", "Termin")
    case .visitReport: return ("end of the visit", "Ende des Besuchs")
    case .planned: return ("planned", "geplant")
    case .cancelled: return ("cancelled", "abgesagt")
    case .open: return ("open", "offen")
    case .done: return ("done", "erledigt")
    case .incoming: return ("incoming", "eingehend")
    case .outgoing: return ("outgoing", "ausgehend")
    case .sideDelegation: return ("Delegation", "Delegation")
    case .sideHost: return ("Hosts", "Gastgebende")
    case .sideStaff: return ("Staff", "Organisationsteam")
    case .sideInterpreter: return ("Interpreters", "Dolmetschende")
    case .sidePress: return ("Press", "Presse")
    case .kindReception: return ("reception", "Empfang")
    case .kindSiteVisit: return ("site visit", "Besichtigung")
    case .kindMeeting: return ("meeting", "Gespräch")
    case .kindPresentation: return ("presentation", "Präsentation")
    case .kindMeal: return ("meal", "Essen")
    case .kindTransfer: return ("transfer", "Transfer")
    case .kindPress: return ("press", "Pressetermin")
    case .kindSigning: return ("signing", "Unterzeichnung")
    case .kindCeremony: return ("ceremony", "Zeremonie")
    case .kindGoldenBook: return ("Golden Book entry", "Eintragung ins Goldene Buch")
    case .kindGiftExchange: return ("gift exchange", "Geschenkübergabe")
    case .kindOther: return ("other", "Sonstiges")
    case .ruleDoubleBooked: return ("double-booked", "Doppelbelegung")
    case .ruleParallelSites: return ("parallel-sites", "Gleichzeitig an zwei Orten")
    case .ruleTravelBuffer: return ("travel-buffer", "Wegezeit")
    case .ruleNoDelegation: return ("no-delegation", "Ohne Delegation")
    case .ruleInterpreterNeeded: return ("interpreter-needed", "Dolmetschung fehlt")
    case .ruleBeforeArrival: return ("before-arrival", "Vor der Ankunft")
    case .ruleAfterDeparture: return ("after-departure", "Nach der Abreise")
    case .ruleTransferWithoutTravel: return ("transfer-without-travel", "Transfer ohne Reisedaten")
    }
  }
}

extension Label {
  /// The word for a visit's status.
  public init(_ status: VisitStatus) {
    switch status {
    case .planned: self = .planned
    case .cancelled: self = .cancelled
    }
  }

  /// The word for a task's status.
  public init(_ status: TaskStatus) {
    switch status {
    case .open: self = .open
    case .done: self = .done
    }
  }

  /// The word for a visit's direction.
  public init(_ direction: Direction) {
    switch direction {
    case .incoming: self = .incoming
    case .outgoing: self = .outgoing
    }
  }

  /// The heading of a side ("Hosts", "Interpreters").
  public init(_ side: Side) {
    switch side {
    case .delegation: self = .sideDelegation
    case .host: self = .sideHost
    case .staff: self = .sideStaff
    case .interpreter: self = .sideInterpreter
    case .press: self = .sidePress
    }
  }

  /// The word for an appointment's kind.
  public init(_ kind: AppointmentKind) {
    switch kind {
    case .reception: self = .kindReception
    case .siteVisit: self = .kindSiteVisit
    case .meeting: self = .kindMeeting
    case .presentation: self = .kindPresentation
    case .meal: self = .kindMeal
    case .transfer: self = .kindTransfer
    case .press: self = .kindPress
    case .signing: self = .kindSigning
    case .ceremony: self = .kindCeremony
    case .goldenBook: self = .kindGoldenBook
    case .giftExchange: self = .kindGiftExchange
    case .other: self = .kindOther
    }
  }

  /// The name of a plan warning's rule.
  public init(_ rule: PlanWarning.Rule) {
    switch rule {
    case .doubleBooked: self = .ruleDoubleBooked
    case .parallelSites: self = .ruleParallelSites
    case .travelBuffer: self = .ruleTravelBuffer
    case .noDelegation: self = .ruleNoDelegation
    case .interpreterNeeded: self = .ruleInterpreterNeeded
    case .beforeArrival: self = .ruleBeforeArrival
    case .afterDeparture: self = .ruleAfterDeparture
    case .transferWithoutTravel: self = .ruleTransferWithoutTravel
    }
  }
}
