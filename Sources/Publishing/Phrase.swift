import EventLog
import Planning

/// Sentences with values, the English and German wording of each side by side: what an audit
/// entry did, the heading of a diff, and the plan warnings. Values are data as entered, except
/// dates, sides and times, which are written out in the sentence's language.
public enum Phrase: Wording {
  // What an audit entry did; a subject in quotes is quoted the language's way ('X', „X“).
  case visitScheduled(title: String, dates: DateRange)
  case visitRescheduled(from: DateRange, to: DateRange)
  case visitCancelled
  case siteAdded(String)
  case appointmentScheduled(String, start: LocalDateTime, end: LocalDateTime)
  /// The new time names its date only when that changed.
  case appointmentMoved(
    String, oldStart: LocalDateTime, oldEnd: LocalDateTime, start: LocalDateTime, end: LocalDateTime)
  case appointmentCancelled(String)
  case attendeeRegistered(name: PersonName, side: Side)
  case attendeeWithdrawn(name: PersonName)
  case attendeeAssigned(person: PersonName, appointment: String)
  case attendeeUnassigned(person: PersonName, appointment: String)
  case personErased(person: String)
  case mouPlanned(String, signatories: [String])
  case travelAdded(arrival: Bool, at: LocalDateTime, persons: Int)
  case travelCancelled(String)
  case giftRecorded(String, given: Bool)
  case mouSigned(String, signatories: [String])
  case taskAdded(String)
  case taskAssigned(String, owner: String)
  case taskDueSet(String, due: LocalDate)
  case taskCompleted(String)
  case taskReopened(String)
  case noteAdded(excerpt: String, internal: Bool)
  case visitUpdated
  case siteUpdated(String)
  case appointmentUpdated(String)
  case attendeeUpdated(name: PersonName)
  case taskRetitled(String, title: String)
  case agendaPublished(version: Int)
  // `visits diff`.
  case diffHeading(title: String, from: String, to: String)
  // Plan warnings, with appointments already written as "'Title' (09:00–10:00)".
  case doubleBooked(persons: String, appointments: [String])
  case parallelSites(appointments: [String], persons: String)
  case travelBuffer(minutes: Int, appointments: [String], buffer: Int)
  case noDelegation(appointment: String)
  case interpreterNeeded(appointment: String, persons: String)
  case beforeArrival(appointment: String, persons: String)
  case afterDeparture(appointment: String, persons: String)
  case transferWithoutTravel(appointment: String, persons: String)
  // `visits verify`, one line per visit; `head` is the full hash.
  case streamIntact(stream: String, events: Int, head: String)
  case streamDamaged(stream: String, problems: Int, readable: Int)
  case anchorConfirmed(
    stream: String, anchor: String, seq: Int, recorded: Timestamp, later: Int, head: String)

  public var wording: (en: String, de: String) {
    let en = Labels(.en)
    let de = Labels(.de)
    func q(_ s: String) -> (en: String, de: String) { ("'\(s)'", "„\(s)“") }
    func and(_ items: [String]) -> (en: String, de: String) {
      (items.joined(separator: " and "), items.joined(separator: " und "))
    }
    switch self {
    case .visitScheduled(let title, let dates):
      return (
        "scheduled the visit \(q(title).en) (\(en.range(dates.from, dates.to)))",
        "plante den Besuch \(q(title).de) (\(de.range(dates.from, dates.to)))"
      )
    case .visitRescheduled(let old, let new):
      return (
        "rescheduled the visit from \(en.range(old.from, old.to)) to \(en.range(new.from, new.to))",
        "verlegte den Besuch von \(de.range(old.from, old.to)) auf \(de.range(new.from, new.to))"
      )
    case .visitCancelled:
      return ("cancelled the visit", "sagte den Besuch ab")
    case .siteAdded(let site):
      return ("added the site \(q(site).en)", "fügte den Ort \(q(site).de) hinzu")
    case .appointmentScheduled(let title, let start, let end):
      return (
        "scheduled \(q(title).en) on \(en.span(start, end))",
        "plante \(q(title).de) am \(de.span(start, end))"
      )
    case .appointmentMoved(let title, let oldStart, let oldEnd, let start, let end):
      let withDate = oldStart.date != start.date
      return (
        "moved \(q(title).en) from \(en.span(oldStart, oldEnd)) to \(en.span(start, end, withDate: withDate))",
        "verschob \(q(title).de) von \(de.span(oldStart, oldEnd)) auf \(de.span(start, end, withDate: withDate))"
      )
    case .appointmentCancelled(let title):
      return ("cancelled \(q(title).en)", "sagte \(q(title).de) ab")
    case .attendeeRegistered(let name, let side):
      return (
        "registered \(en.name(name)) (\(en[Label(side)]))", "meldete \(de.name(name)) an (\(de[Label(side)]))"
      )
    case .attendeeWithdrawn(let name):
      return ("withdrew \(en.name(name))", "meldete \(de.name(name)) ab")
    case .attendeeAssigned(let person, let appointment):
      return (
        "assigned \(en.name(person)) to \(q(appointment).en)",
        "teilte \(de.name(person)) \(q(appointment).de) zu"
      )
    case .attendeeUnassigned(let person, let appointment):
      return (
        "removed \(en.name(person)) from \(q(appointment).en)",
        "nahm \(de.name(person)) aus \(q(appointment).de) heraus"
      )
    case .personErased(let person):
      return (
        "erased the personal data of \(person)", "löschte die personenbezogenen Daten von \(person)"
      )
    case .travelAdded(let arrival, let at, let persons):
      return arrival
        ? (
          "added an arrival of \(persons) person(s) at \(en.numeric(at))",
          "erfasste eine Ankunft von \(persons) Person(en) am \(de.numeric(at))"
        )
        : (
          "added a departure of \(persons) person(s) at \(en.numeric(at))",
          "erfasste eine Abreise von \(persons) Person(en) am \(de.numeric(at))"
        )
    case .travelCancelled(let travel):
      return ("cancelled the travel leg \(travel)", "strich die Reiseetappe \(travel)")
    case .giftRecorded(let description, let given):
      return given
        ? (
          "recorded the gift given \(q(description).en)",
          "erfasste das überreichte Geschenk \(q(description).de)"
        )
        : (
          "recorded the gift received \(q(description).en)",
          "erfasste das erhaltene Geschenk \(q(description).de)"
        )
    case .mouPlanned(let title, let signatories):
      let by = signatories.joined(separator: ", ")
      return (
        "planned \(q(title).en), to be signed by \(by)",
        "plante \(q(title).de), zu unterzeichnen von \(by)"
      )
    case .mouSigned(let title, let signatories):
      let by = signatories.joined(separator: ", ")
      return (
        "recorded \(q(title).en) signed by \(by)",
        "erfasste die Unterzeichnung von \(q(title).de) durch \(by)"
      )
    case .taskAdded(let task):
      return ("added the task \(q(task).en)", "legte die Aufgabe \(q(task).de) an")
    case .taskAssigned(let task, let owner):
      return ("assigned \(q(task).en) to \(owner)", "übertrug \(q(task).de) an \(owner)")
    case .taskDueSet(let task, let due):
      return (
        "set \(q(task).en) due on \(en.date(due))", "setzte die Frist von \(q(task).de) auf \(de.date(due))"
      )
    case .taskCompleted(let task):
      return ("completed \(q(task).en)", "erledigte \(q(task).de)")
    case .taskReopened(let task):
      return ("reopened \(q(task).en)", "öffnete \(q(task).de) wieder")
    case .noteAdded(let excerpt, let isInternal):
      return isInternal
        ? ("noted for staff only: \(excerpt)", "notierte intern: \(excerpt)")
        : ("noted: \(excerpt)", "notierte: \(excerpt)")
    case .visitUpdated:
      return ("corrected the visit's details", "korrigierte die Angaben zum Besuch")
    case .siteUpdated(let site):
      return ("corrected the site \(q(site).en)", "korrigierte den Ort \(q(site).de)")
    case .appointmentUpdated(let title):
      return ("corrected \(q(title).en)", "korrigierte \(q(title).de)")
    case .attendeeUpdated(let name):
      return ("corrected the details of \(en.name(name))", "korrigierte die Angaben zu \(de.name(name))")
    case .taskRetitled(let old, let title):
      return (
        "retitled the task \(q(old).en) as \(q(title).en)",
        "benannte die Aufgabe \(q(old).de) um in \(q(title).de)"
      )
    case .agendaPublished(let version):
      return ("published agenda version \(version)", "veröffentlichte die Agenda-Version \(version)")
    case .diffHeading(let title, let from, let to):
      return (
        "Changes to \(title) between \(from) and \(to):", "Änderungen an \(title) zwischen \(from) und \(to):"
      )
    case .doubleBooked(let persons, let appointments):
      return (
        "\(persons) assigned to overlapping appointments \(and(appointments).en)",
        "\(persons) ist zwei sich überschneidenden Terminen zugeordnet: \(and(appointments).de)"
      )
    case .parallelSites(let appointments, let persons):
      return (
        "\(and(appointments).en) overlap at different sites, shared by \(persons)",
        "\(and(appointments).de) überschneiden sich an verschiedenen Orten, gemeinsam: \(persons)"
      )
    case .travelBuffer(let minutes, let appointments, let buffer):
      return (
        "only \(minutes) min between \(and(appointments).en) at different sites (buffer \(buffer) min)",
        "nur \(minutes) Min. zwischen \(and(appointments).de) an verschiedenen Orten (Puffer \(buffer) Min.)"
      )
    case .noDelegation(let appointment):
      return (
        "nobody from the delegation attends \(appointment)",
        "an \(appointment) nimmt niemand aus der Delegation teil"
      )
    case .beforeArrival(let appointment, let persons):
      return (
        "\(appointment) starts before \(persons) arrive(s)",
        "\(appointment) beginnt vor der Ankunft von \(persons)"
      )
    case .afterDeparture(let appointment, let persons):
      return (
        "\(appointment) ends after \(persons) leave(s)",
        "\(appointment) endet nach der Abreise von \(persons)"
      )
    case .transferWithoutTravel(let appointment, let persons):
      return (
        "\(appointment) is a transfer, but \(persons) have no arrival or departure",
        "\(appointment) ist ein Transfer, aber für \(persons) ist keine Ankunft oder Abreise erfasst"
      )
    case .interpreterNeeded(let appointment, let persons):
      return (
        "an interpreter is needed at \(appointment): \(persons) share no language",
        "bei \(appointment) wird eine Dolmetschung gebraucht: \(persons) haben keine gemeinsame Sprache"
      )
    case .streamIntact(let stream, let events, let head):
      return (
        "\(stream): ok, \(events) events, \(en[.head]) \(head)",
        "\(stream): in Ordnung, \(events) Ereignisse, \(de[.head]) \(head)"
      )
    case .streamDamaged(let stream, let problems, let readable):
      return (
        "\(stream): \(problems) problem(s), \(readable) readable events",
        "\(stream): \(problems) Problem(e), \(readable) lesbare Ereignisse"
      )
    case .anchorConfirmed(let stream, let anchor, let seq, let recorded, let later, let head):
      return (
        "\(stream): anchor \(anchor) is event \(seq) (recorded \(en.moment(recorded, in: nil))); "
          + "the log is intact and extends it by \(later) event(s), \(en[.head]) \(head)",
        "\(stream): Anker \(anchor) ist Ereignis \(seq) (erfasst \(de.moment(recorded, in: nil))); "
          + "das Protokoll ist unversehrt und setzt ihn um \(later) Ereignis(se) fort, \(de[.head]) \(head)"
      )
    }
  }
}

extension Phrase {
  /// What an audit entry did, as a sentence still to be put in words; `german` picks the German
  /// title of what it names, where there is one.
  init(_ e: AuditEntry, german: Bool = false) {
    let label = german ? e.subject.labelDe ?? e.subject.label : e.subject.label
    func old(_ f: String) -> String? { e.changes.first { $0.field == f }?.old }
    switch e.event {
    case .visitScheduled(let s):
      self = .visitScheduled(title: s.title, dates: DateRange(from: s.from, to: s.to))
    case .visitRescheduled(let s):
      // A field that did not change has no entry: it kept its new value.
      let wasFrom = old("from").flatMap(LocalDate.init) ?? s.from
      let wasTo = old("to").flatMap(LocalDate.init) ?? s.to
      self = .visitRescheduled(
        from: DateRange(from: wasFrom, to: wasTo), to: DateRange(from: s.from, to: s.to))
    case .visitCancelled: self = .visitCancelled
    case .siteAdded: self = .siteAdded(label)
    case .appointmentScheduled(let a): self = .appointmentScheduled(label, start: a.start, end: a.end)
    case .appointmentMoved(let m):
      let oldStart = old("start").flatMap(LocalDateTime.init) ?? m.start
      let oldEnd = old("end").flatMap(LocalDateTime.init) ?? m.end
      self = .appointmentMoved(label, oldStart: oldStart, oldEnd: oldEnd, start: m.start, end: m.end)
    case .appointmentCancelled: self = .appointmentCancelled(label)
    case .attendeeRegistered(let r): self = .attendeeRegistered(name: r.personal.displayName, side: r.side)
    case .attendeeWithdrawn: self = .attendeeWithdrawn(name: e.subject.name)
    case .attendeeAssigned:
      self = .attendeeAssigned(person: e.related.first?.name ?? .named("?"), appointment: label)
    case .attendeeUnassigned:
      self = .attendeeUnassigned(person: e.related.first?.name ?? .named("?"), appointment: label)
    case .personErased(let p): self = .personErased(person: p.person)
    case .mouPlanned(let m): self = .mouPlanned(label, signatories: m.signatories)
    case .travelAdded(let t):
      self = .travelAdded(arrival: t.direction == .arrival, at: t.at, persons: t.persons.count)
    case .travelCancelled(let t): self = .travelCancelled(t.travel)
    case .giftRecorded(let g): self = .giftRecorded(g.description, given: g.direction == .given)
    case .mouSigned(let m): self = .mouSigned(label, signatories: m.signatories)
    case .taskAdded: self = .taskAdded(label)
    case .taskAssigned(let t): self = .taskAssigned(label, owner: t.owner)
    case .taskDueSet(let t): self = .taskDueSet(label, due: t.due)
    case .taskCompleted: self = .taskCompleted(label)
    case .taskReopened: self = .taskReopened(label)
    case .noteAdded(let n):
      self = .noteAdded(
        excerpt: n.text.count > 80 ? String(n.text.prefix(79)) + "…" : n.text, internal: n.internal == true)
    case .visitUpdated: self = .visitUpdated
    case .siteUpdated: self = .siteUpdated(label)
    case .appointmentUpdated: self = .appointmentUpdated(label)
    case .attendeeUpdated: self = .attendeeUpdated(name: e.subject.name)
    case .taskRetitled(let t): self = .taskRetitled(label, title: t.title)
    case .agendaPublished(let p): self = .agendaPublished(version: p.version)
    }
  }
}
