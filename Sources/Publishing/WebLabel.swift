import Planning

/// The fixed words of the staff web interface.
public enum WebLabel: Wording, CaseIterable {
  case appName, dashboard, noVisits, dates, status, openTasks, overdue, warnings, noWarnings
  case timetable, sites, people, tasks, mous, notes, publications, noneYet
  case agenda, internalAgenda, calendar, attendeesCSV, tasksCSV, audit, diff, integrity, review
  case change, reason, save, newVisit, loggedInAs, notLoggedIn
  case errorTitle, notFound, forbidden, conflict, conflictExplain, refused, badRequest, tooLarge
  case methodNotAllowed, readOnly, version, publishNow, sinceLastPublication, nothingChangedSince,
    firstPublication
  case verifyOK, problems, events, head, anchorCheck, anchor, anchorFound, anchorMissing, check
  case from, to, actor, since, until, filter, show, history, language, attending, hosts

  public var wording: (en: String, de: String) {
    switch self {
    case .appName: return ("Delegation visits", "Delegationsbesuche")
    case .dashboard: return ("All visits", "Alle Besuche")
    case .noVisits: return ("No visits yet.", "Noch keine Besuche.")
    case .dates: return ("Dates", "Zeitraum")
    case .status: return ("Status", "Stand")
    case .openTasks: return ("Open tasks", "Offene Aufgaben")
    case .overdue: return ("overdue", "überfällig")
    case .warnings: return ("Warnings", "Warnungen")
    case .noWarnings: return ("No warnings.", "Keine Warnungen.")
    case .timetable: return ("Timetable", "Zeitplan")
    case .sites: return ("Places", "Orte")
    case .people: return ("People", "Personen")
    case .tasks: return ("Follow-up tasks", "Folgeaufgaben")
    case .mous: return ("Memoranda of understanding", "Absichtserklärungen (MoU)")
    case .notes: return ("Notes", "Notizen")
    case .publications: return ("Published agenda versions", "Veröffentlichte Programmfassungen")
    case .noneYet: return ("none yet", "noch keine")
    case .agenda: return ("Printable agenda", "Druckfassung des Programms")
    case .internalAgenda: return ("Internal agenda (staff)", "Interne Fassung (Team)")
    case .calendar: return ("Calendar (iCalendar)", "Kalender (iCalendar)")
    case .attendeesCSV: return ("Attendees (CSV)", "Teilnehmende (CSV)")
    case .tasksCSV: return ("Tasks (CSV)", "Aufgaben (CSV)")
    case .audit: return ("Who changed what", "Wer hat was geändert")
    case .diff: return ("Compare two points in time", "Zwei Zeitpunkte vergleichen")
    case .integrity: return ("Integrity of the store", "Unversehrtheit des Speichers")
    case .review: return ("Review and publish", "Prüfen und veröffentlichen")
    case .change: return ("Make a change", "Ändern")
    case .reason: return ("Reason (optional)", "Begründung (freiwillig)")
    case .save: return ("Save", "Speichern")
    case .newVisit: return ("Plan a new visit", "Neuen Besuch planen")
    case .loggedInAs: return ("Signed in as", "Angemeldet als")
    case .notLoggedIn: return ("not signed in", "nicht angemeldet")
    case .errorTitle: return ("Not done", "Nicht ausgeführt")
    case .notFound: return ("Not found", "Nicht gefunden")
    case .forbidden:
      return (
        "Refused: this request did not come from this site's form",
        "Abgelehnt: diese Anfrage kam nicht aus einem Formular dieser Seite"
      )
    case .conflict:
      return ("Someone changed this visit in the meantime", "Jemand hat diesen Besuch inzwischen geändert")
    case .conflictExplain:
      return (
        "Nothing of yours was saved. This changed since you opened the page; your input is below — check it and send it again.",
        "Von Ihnen wurde nichts gespeichert. Das hat sich geändert, seit Sie die Seite geöffnet haben; Ihre Eingaben stehen unten — prüfen Sie sie und senden Sie sie erneut."
      )
    case .refused: return ("Refused", "Abgelehnt")
    case .badRequest: return ("The form could not be read", "Das Formular konnte nicht gelesen werden")
    case .tooLarge: return ("The request is too large", "Die Anfrage ist zu groß")
    case .methodNotAllowed:
      return ("This address only takes a form", "Diese Adresse nimmt nur ein Formular an")
    case .readOnly:
      return (
        "This address can only be read; it takes no form",
        "Diese Adresse kann nur gelesen werden; sie nimmt kein Formular an"
      )
    case .version: return ("Version", "Version")
    case .publishNow: return ("Publish version", "Fassung veröffentlichen")
    case .sinceLastPublication:
      return (
        "Changes since the last published version", "Änderungen seit der letzten veröffentlichten Fassung"
      )
    case .nothingChangedSince:
      return (
        "Nothing changed since the last published version.",
        "Seit der letzten veröffentlichten Fassung hat sich nichts geändert."
      )
    case .firstPublication:
      return (
        "Not published yet: this will be the first version.",
        "Noch nicht veröffentlicht: dies wird die erste Fassung."
      )
    case .verifyOK: return ("intact", "unversehrt")
    case .problems: return ("problems", "Probleme")
    case .events: return ("events", "Ereignisse")
    case .head: return ("head hash", "Prüfsumme")
    case .anchorCheck: return ("Check a printed anchor", "Gedruckten Anker prüfen")
    case .anchor: return ("Anchor (hex digits)", "Anker (Hex-Ziffern)")
    case .anchorFound:
      return (
        "The log is intact and extends this state.",
        "Das Protokoll ist unversehrt und setzt diesen Stand fort."
      )
    case .anchorMissing: return ("This state is not in the log.", "Dieser Stand ist nicht im Protokoll.")
    case .check: return ("Check", "Prüfen")
    case .from: return ("From", "Von")
    case .to: return ("To", "Bis")
    case .actor: return ("Who", "Wer")
    case .since: return ("After", "Nach")
    case .until: return ("Up to", "Bis einschließlich")
    case .filter: return ("Filter", "Filtern")
    case .show: return ("Show", "Anzeigen")
    case .history: return ("History", "Verlauf")
    case .language: return ("Deutsch", "English")
    case .attending: return ("Attending", "Teilnahme")
    case .hosts: return ("Hosts", "Gastgebende")
    }
  }
}

/// The commands a form can send, by their CLI names, with their titles.
public enum WebCommand: String, Wording, CaseIterable {
  case schedule, reschedule, cancel, updateVisit = "update-visit"
  case addSite = "add-site", updateSite = "update-site", addAppointment = "add-appointment"
  case updateAppointment = "update-appointment", moveAppointment = "move-appointment"
  case cancelAppointment = "cancel-appointment", addAttendee = "add-attendee"
  case updateAttendee = "update-attendee", withdrawAttendee = "withdraw-attendee", assign, unassign
  case addTravel = "add-travel", cancelTravel = "cancel-travel", recordGift = "record-gift"
  case planMou = "plan-mou", signMou = "sign-mou", addTask = "add-task"
  case updateTask = "update-task", assignTask = "assign-task", setDue = "set-due", completeTask =
    "complete-task", reopenTask =
    "reopen-task"
  case shift, note, publish

  public var wording: (en: String, de: String) {
    switch self {
    case .schedule: return ("Plan a new visit", "Neuen Besuch planen")
    case .reschedule: return ("New dates", "Neuer Zeitraum")
    case .cancel: return ("Cancel the visit", "Besuch absagen")
    case .updateVisit: return ("Correct the visit's details", "Angaben zum Besuch korrigieren")
    case .addSite: return ("Add a place", "Ort hinzufügen")
    case .updateSite: return ("Correct a place", "Ort korrigieren")
    case .updateAppointment: return ("Correct", "Korrigieren")
    case .addAppointment: return ("Add an appointment", "Termin hinzufügen")
    case .moveAppointment: return ("Move", "Verschieben")
    case .cancelAppointment: return ("Cancel the appointment", "Termin absagen")
    case .addAttendee: return ("Register a person", "Person anmelden")
    case .updateAttendee: return ("Correct a person's details", "Angaben zu einer Person korrigieren")
    case .withdrawAttendee: return ("Withdraw", "Abmelden")
    case .assign: return ("Assign people", "Personen zuteilen")
    case .unassign: return ("Take people off", "Personen herausnehmen")
    case .addTravel: return ("Add an arrival or departure", "Ankunft oder Abreise erfassen")
    case .cancelTravel: return ("Cancel a travel leg", "Reiseetappe streichen")
    case .recordGift: return ("Record a gift", "Geschenk erfassen")
    case .planMou: return ("Record a planned MoU", "Geplantes MoU erfassen")
    case .signMou: return ("Record a signed MoU", "Unterzeichnetes MoU erfassen")
    case .addTask: return ("Add a task", "Aufgabe anlegen")
    case .updateTask: return ("Retitle a task", "Aufgabe umbenennen")
    case .assignTask: return ("Give to", "Übertragen an")
    case .setDue: return ("Due date", "Fälligkeit")
    case .completeTask: return ("Mark done", "Als erledigt markieren")
    case .reopenTask: return ("Open again", "Wieder öffnen")
    case .shift: return ("Shift the rest of the day", "Rest des Tages verschieben")
    case .note: return ("Add a note", "Notiz hinzufügen")
    case .publish: return ("Publish", "Veröffentlichen")
    }
  }
}
