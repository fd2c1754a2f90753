import EventLog
/// The decisions: one pure function from a visit's current state and a command to new events, or
/// the rule that refuses it. No clock, no ids, no I/O.
public enum Decide {
  /// Decides `command` for the visit `id`, whose current state is `visit` (nil: not scheduled).
  ///
  /// - Returns: the events to append, in order.
  /// - Throws: `PlanningError` naming the rule and the ids involved.
  public static func decide(_ command: Command, visit id: String, state visit: Visit?) throws(PlanningError)
    -> [Event]
  {
    if case .schedule(let c) = command {
      if visit != nil { throw .rule(.uniqueID, field: .visit, "visit \(id) already exists") }
      return [.visitScheduled(try schedule(c))]
    }
    if case .copyVisit(let c) = command {
      if visit != nil { throw .rule(.uniqueID, field: .visit, "visit \(id) already exists") }
      return try copy(c, to: id)
    }
    guard let v = visit else { throw .visitNotFound(id) }
    if v.status == .cancelled {
      switch command {
      case .note, .erasePerson: break  // a record of the cancellation, and an obligation under law
      default: throw .rule(.visitCancelled, "visit \(id) is cancelled; only notes can be added")
      }
    }
    switch command {
    case .schedule, .copyVisit: return []
    case .addTravel(let c):
      try Planner.checkID(c.travel, .travel)
      for p in c.persons { try Planner.checkID(p, .person) }
      guard !v.travel.contains(c.travel) else {
        throw .rule(.uniqueID, field: .travel, "travel leg \(c.travel) already exists in visit \(id)")
      }
      guard !c.persons.isEmpty else {
        throw .rule(.persons, field: .person, "a travel leg needs at least one person")
      }
      for p in c.persons { _ = try activeAttendee(p, in: v) }
      for (value, field) in [(c.number, Field.number), (c.from, .from), (c.to, .to), (c.pickup, .pickup)] {
        try optionalText(value, field)
      }
      try optionalText(c.note, .note, limit: 2000)
      let at = try localTime(c.at, .at)
      guard Zone.instant(of: at, in: v.timezone) != nil else {
        throw .rule(
          .realTime, field: .at, "\(field: .at) \(at) does not exist in \(v.timezone) (the clocks skip it)")
      }
      guard at.date >= v.from.adding(days: -7), at.date <= v.to.adding(days: 7) else {
        throw .rule(
          .travelDates, field: .at,
          "travel leg \(c.travel) (\(at)) lies more than a week from the visit (\(v.from) to \(v.to))")
      }
      var persons: [String] = []
      for p in c.persons where !persons.contains(p) { persons.append(p) }
      return [
        .travelAdded(
          TravelAdded(
            travel: c.travel, persons: persons, direction: c.direction, at: at, mode: c.mode,
            number: c.number,
            from: c.from, to: c.to, pickup: c.pickup, note: c.note))
      ]
    case .cancelTravel(let travel):
      guard let t = v.travel[travel] else { throw .notFound(kind: .travel, id: travel, visit: id) }
      guard !t.cancelled else {
        throw .rule(.noChange, field: .travel, "travel leg \(travel) is already cancelled")
      }
      return [.travelCancelled(TravelCancelled(travel: travel))]
    case .recordGift(let c):
      try Planner.checkID(c.gift, .gift)
      guard !v.gifts.contains(c.gift) else {
        throw .rule(.uniqueID, field: .gift, "gift \(c.gift) already exists in visit \(id)")
      }
      try text(c.description, .description, limit: 500)
      try text(c.from, .from)
      try text(c.to, .to)
      try optionalText(c.disposition, .disposition, limit: 500)
      let cents = try c.value.map { t throws(PlanningError) in try euros(t) }
      return [
        .giftRecorded(
          GiftRecorded(
            gift: c.gift, description: c.description, direction: c.direction, from: c.from, to: c.to,
            value: cents,
            disposition: c.disposition))
      ]
    case .reschedule(let fromText, let toText):
      let from = try date(fromText, .from)
      let to = try date(toText, .to)
      guard from <= to else {
        throw .rule(.visitDates, field: .to, "visit \(id) would end (\(to)) before it starts (\(from))")
      }
      guard to.dayNumber - from.dayNumber < 366 else {
        throw .rule(.visitDates, field: .to, "a visit lasts at most a year")
      }
      guard from != v.from || to != v.to else {
        throw .rule(.noChange, field: .from, "visit \(id) already runs from \(from) to \(to)")
      }
      let outside = v.activeAppointments.filter {
        !within($0.startInstant, $0.endInstant, from: from, to: to, v.timezone)
      }
      guard outside.isEmpty else {
        throw .rule(
          .withinVisit, field: .from,
          "appointment(s) \(outside.map(\.id).joined(separator: ", ")) would lie outside \(from)–\(to); move or cancel them first"
        )
      }
      return [.visitRescheduled(VisitRescheduled(from: from, to: to))]
    case .cancel:
      return [.visitCancelled(VisitCancelled())]
    case .addSite(let e):
      try Planner.checkID(e.site, .site)
      guard !v.sites.contains(e.site) else {
        throw .rule(.uniqueID, field: .site, "site \(e.site) already exists in visit \(id)")
      }
      try text(e.name, .name)
      try optionalText(e.organization, .organization)
      try optionalText(e.address, .address)
      try optionalText(e.note, .note, limit: 2000)
      return [.siteAdded(e)]
    case .addAppointment(let c):
      try Planner.checkID(c.appointment, .appointment)
      if let site = c.site { try Planner.checkID(site, .site) }
      guard !v.appointments.contains(c.appointment) else {
        throw .rule(
          .uniqueID, field: .appointment, "appointment \(c.appointment) already exists in visit \(id)")
      }
      try text(c.title, .title)
      try optionalText(c.titleDe, .titleDe)
      try optionalText(c.note, .note, limit: 2000)
      try optionalText(c.internalNote, .internalNote, limit: 2000)
      for h in c.hosts { try text(h, .host) }
      if let site = c.site, !v.sites.contains(site) { throw .notFound(kind: .site, id: site, visit: id) }
      let zone = c.timezone ?? v.timezone
      try timezone(zone)
      let (start, end) = try times(c.start, c.end, zone: zone, appointment: c.appointment, visit: v)
      return [
        .appointmentScheduled(
          AppointmentScheduled(
            appointment: c.appointment, title: c.title, kind: c.kind, start: start, end: end, timezone: zone,
            site: c.site, hosts: c.hosts, note: c.note, titleDe: c.titleDe, internalNote: c.internalNote))
      ]
    case .moveAppointment(let appointment, let startText, let endText):
      let a = try activeAppointment(appointment, in: v)
      let end: String
      if let endText { end = endText } else { end = try sameDuration(a, startingAt: startText) }
      let (newStart, newEnd) = try times(startText, end, zone: a.timezone, appointment: appointment, visit: v)
      guard newStart != a.start || newEnd != a.end else {
        throw .rule(
          .noChange, field: .start, "appointment \(appointment) is already at \(newStart)–\(newEnd.clock)")
      }
      return [.appointmentMoved(AppointmentMoved(appointment: appointment, start: newStart, end: newEnd))]
    case .moveAppointmentBy(let appointment, let minutes):
      let a = try activeAppointment(appointment, in: v)
      guard minutes != 0 else {
        throw .rule(.noChange, field: .by, "moving appointment \(appointment) by 0 minutes changes nothing")
      }
      return [.appointmentMoved(try moved(a, by: minutes, in: v))]
    case .shift(let from, let minutes):
      let first = try activeAppointment(from, in: v)
      guard minutes != 0 else { throw .rule(.noChange, field: .by, "shifting by 0 minutes changes nothing") }
      // The rest of that day, in the visit's zone: the appointment and every one starting at or after it.
      let day = Zone.wallClock(of: first.startInstant, in: v.timezone).date
      let rest = v.activeAppointments.filter {
        $0.startInstant >= first.startInstant
          && Zone.wallClock(of: $0.startInstant, in: v.timezone).date == day
      }
      return try rest.map { a throws(PlanningError) in .appointmentMoved(try moved(a, by: minutes, in: v)) }
    case .cancelAppointment(let appointment):
      _ = try activeAppointment(appointment, in: v)
      return [.appointmentCancelled(AppointmentCancelled(appointment: appointment))]
    case .addAttendee(let e):
      try Planner.checkID(e.person, .person)
      if let existing = v.attendees[e.person], !existing.withdrawn {
        throw .rule(.uniqueID, field: .person, "person \(e.person) is already registered for visit \(id)")
      }
      for (field, value) in e.personal.valuesByField {
        try optionalText(value, field)
      }
      try text(e.personal.name, .name)
      if let r = e.rank { try rank(r) }
      var e = e
      if let spoken = e.personal.languages {
        let checked = try languages(spoken)
        e.personal.languages = checked.isEmpty ? nil : checked
      }
      return [.attendeeRegistered(e)]
    case .withdrawAttendee(let person):
      _ = try activeAttendee(person, in: v)
      return [.attendeeWithdrawn(AttendeeWithdrawn(person: person))]
    case .assign(let appointment, let named, let sides):
      let a = try activeAppointment(appointment, in: v)
      // A side means its current members who are not assigned yet.
      let persons =
        sides.isEmpty
        ? named
        : named
          + v.activeAttendees.filter {
            sides.contains($0.side) && !a.attendees.contains($0.id) && !named.contains($0.id)
          }.map(\.id)
      guard !persons.isEmpty else {
        if sides.isEmpty { throw .rule(.persons, field: .person, "assign needs at least one person") }
        throw .rule(
          .persons, field: .side,
          "nobody of \(sides.map(\.rawValue).joined(separator: ", ")) is left to assign to appointment \(appointment)"
        )
      }
      try distinct(persons)
      return try persons.map { p throws(PlanningError) -> Event in
        _ = try activeAttendee(p, in: v)
        guard !a.attendees.contains(p) else {
          throw .rule(
            .alreadyAssigned, field: .person, "person \(p) is already assigned to appointment \(appointment)")
        }
        return .attendeeAssigned(AttendeeAssigned(appointment: appointment, person: p))
      }
    case .unassign(let appointment, let named, let sides):
      let a = try activeAppointment(appointment, in: v)
      let persons =
        named
        + a.attendees.filter { p in
          !named.contains(p) && v.attendees[p].map { sides.contains($0.side) } == true
        }
      guard !persons.isEmpty else {
        if sides.isEmpty { throw .rule(.persons, field: .person, "unassign needs at least one person") }
        throw .rule(
          .persons, field: .side,
          "nobody of \(sides.map(\.rawValue).joined(separator: ", ")) attends appointment \(appointment)")
      }
      try distinct(persons)
      return try persons.map { p throws(PlanningError) -> Event in
        guard v.attendees.contains(p) else { throw .notFound(kind: .person, id: p, visit: id) }
        guard a.attendees.contains(p) else {
          throw .rule(
            .notAssigned, field: .person, "person \(p) is not assigned to appointment \(appointment)")
        }
        return .attendeeUnassigned(AttendeeUnassigned(appointment: appointment, person: p))
      }
    case .planMou(let c):
      try Planner.checkID(c.mou, .mou)
      guard !v.mous.contains(c.mou) else {
        throw .rule(.uniqueID, field: .mou, "MoU \(c.mou) already exists in visit \(id)")
      }
      let m = try mou(c)
      return [
        .mouPlanned(
          MouPlanned(
            mou: m.id, title: m.title, signatories: m.signatories, date: m.date, place: m.place,
            commitments: m.commitments))
      ]
    case .signMou(let c):
      try Planner.checkID(c.mou, .mou)
      var c = c
      if let plan = v.mous[c.mou] {
        guard plan.isPlanned else {
          throw .rule(.uniqueID, field: .mou, "MoU \(c.mou) is already signed in visit \(id)")
        }
        // What signing does not restate stays as planned.
        c.title = c.title ?? plan.title
        if c.signatories.isEmpty { c.signatories = plan.signatories }
        c.date = c.date ?? plan.date?.description
        c.place = c.place ?? plan.place
        if c.commitments.isEmpty { c.commitments = plan.commitments }
      }
      let m = try mou(c)
      return [
        .mouSigned(
          MouSigned(
            mou: m.id, title: m.title, signatories: m.signatories, date: m.date, place: m.place,
            commitments: m.commitments))
      ]
    case .addTask(let c):
      try Planner.checkID(c.task, .task)
      guard !v.isTaskIDInUse(c.task) else {
        throw .rule(.uniqueID, field: .task, "task \(c.task) already exists in visit \(id)")
      }
      try text(c.title, .title)
      try optionalText(c.owner, .owner)
      let due = try c.due.map { t throws(PlanningError) in try date(t, .due) }
      return [.taskAdded(TaskAdded(task: c.task, title: c.title, owner: c.owner, due: due))]
    case .assignTask(let task, let owner):
      _ = try existingTask(task, in: v)
      try text(owner, .owner)
      return [.taskAssigned(TaskAssigned(task: task, owner: owner))]
    case .setDue(let task, let dueText):
      _ = try existingTask(task, in: v)
      return [.taskDueSet(TaskDueSet(task: task, due: try date(dueText, .due)))]
    case .completeTask(let task):
      guard try existingTask(task, in: v).status == .open else {
        throw .rule(.alreadyDone, field: .task, "task \(task) is already done")
      }
      return [.taskCompleted(TaskCompleted(task: task))]
    case .reopenTask(let task):
      guard try existingTask(task, in: v).status == .done else {
        throw .rule(.notDone, field: .task, "task \(task) is still open")
      }
      return [.taskReopened(TaskReopened(task: task))]
    case .note(let t, let isInternal):
      try text(t, .text, limit: 4000)
      return [.noteAdded(NoteAdded(text: t, internal: isInternal ? true : nil))]
    case .updateVisit(let c): return [.visitUpdated(try Corrections.visit(c, v))]
    case .updateSite(let c): return [.siteUpdated(try Corrections.site(c, v))]
    case .updateAppointment(let c):
      _ = try activeAppointment(c.appointment, in: v)
      return [.appointmentUpdated(try Corrections.appointment(c, v))]
    case .updateAttendee(let c):
      let p = try activeAttendee(c.person, in: v)
      return [.attendeeUpdated(try Corrections.attendee(c, p, v))]
    case .retitleTask(let task, let title):
      let t = try existingTask(task, in: v)
      try text(title, .title)
      guard t.title != title || t.titleDe != nil else {
        throw .rule(.noChange, field: .title, "task \(task) is already titled '\(title)'")
      }
      return [.taskRetitled(TaskRetitled(task: task, title: title))]
    case .erasePerson(let person):
      guard let p = v.attendees[person] else { throw .notFound(kind: .person, id: person, visit: id) }
      guard !p.personal.isErased else {
        throw .rule(.alreadyErased, field: .person, "the personal data of \(person) is already erased")
      }
      return [.personErased(PersonErased(person: person))]
    case .publish(let note):
      try optionalText(note, .note, limit: 2000)
      return [.agendaPublished(AgendaPublished(version: v.publishedVersion + 1, note: note))]
    }
  }

  // MARK: Rules shared by several commands

  static func schedule(_ c: ScheduleVisit) throws(PlanningError) -> VisitScheduled {
    try text(c.title, .title)
    try optionalText(c.titleDe, .titleDe)
    try text(c.partner, .partner)
    try optionalText(c.program, .program)
    for t in c.topics { try text(t, .topic) }
    for o in c.organizers { try text(o, .organizer) }
    try timezone(c.timezone)
    let from = try date(c.from, .from)
    let to = try date(c.to, .to)
    guard from <= to else {
      throw .rule(.visitDates, field: .to, "the visit would end (\(to)) before it starts (\(from))")
    }
    guard to.dayNumber - from.dayNumber < 366 else {
      throw .rule(.visitDates, field: .to, "a visit lasts at most a year")
    }
    if let b = c.travelBuffer, !(0...240).contains(b) {
      throw .rule(
        .travelBuffer, field: .travelBuffer, "\(field: .travelBuffer) must be 0 to 240 minutes, not \(b)")
    }
    var e = VisitScheduled(
      title: c.title, partner: c.partner, from: from, to: to, timezone: c.timezone, direction: c.direction,
      program: c.program, topics: c.topics, organizers: c.organizers, travelBuffer: c.travelBuffer,
      titleDe: c.titleDe)
    if let source = c.copiedFrom {
      try Planner.checkID(source.visit, .visit)
      e.copiedFrom = source
    }
    return e
  }

  /// The end an appointment gets when only its start moves: the same length of time later.
  private static func sameDuration(_ a: Appointment, startingAt startText: String) throws(PlanningError)
    -> String
  {
    let start = try localTime(startText, .start)
    guard let s = Zone.instant(of: start, in: a.timezone) else { return startText }  // `times` says why
    return Zone.wallClock(of: s + (a.endInstant - a.startInstant), in: a.timezone).description
  }

  /// An appointment moved by some minutes, checked like any new time.
  private static func moved(_ a: Appointment, by minutes: Int, in v: Visit) throws(PlanningError)
    -> AppointmentMoved
  {
    let start = Zone.wallClock(of: a.startInstant + Int64(minutes) * 60, in: a.timezone)
    let end = Zone.wallClock(of: a.endInstant + Int64(minutes) * 60, in: a.timezone)
    let (s, e) = try times(start.description, end.description, zone: a.timezone, appointment: a.id, visit: v)
    return AppointmentMoved(appointment: a.id, start: s, end: e)
  }

  private static func times(
    _ startText: String, _ endText: String, zone: String, appointment: String, visit v: Visit
  ) throws(PlanningError) -> (LocalDateTime, LocalDateTime) {
    let start = try localTime(startText, .start)
    let end = try localTime(endText, .end)
    guard let s = Zone.instant(of: start, in: zone) else {
      throw .rule(
        .realTime, field: .start, "\(field: .start) \(start) does not exist in \(zone) (the clocks skip it)")
    }
    guard let e = Zone.instant(of: end, in: zone) else {
      throw .rule(
        .realTime, field: .end, "\(field: .end) \(end) does not exist in \(zone) (the clocks skip it)")
    }
    guard e > s else {
      throw .rule(
        .endAfterStart, field: .end, "appointment \(appointment) must end after it starts (\(start) – \(end))"
      )
    }
    guard within(s, e, from: v.from, to: v.to, v.timezone) else {
      throw .rule(
        .withinVisit, field: .start,
        "appointment \(appointment) (\(start)–\(end.date == start.date ? end.clock : end.description) \(zone)) lies outside visit \(v.id) (\(v.from) to \(v.to), \(v.timezone))"
      )
    }
    return (start, end)
  }

  /// Whether an interval lies within the visit's days, from midnight of the first to midnight after
  /// the last, in the visit's zone.
  static func within(_ start: Int64, _ end: Int64, from: LocalDate, to: LocalDate, _ zone: String) -> Bool {
    let first = Zone.startOfDay(from, in: zone)
    let last = Zone.startOfDay(to.adding(days: 1), in: zone)
    return start >= first && end <= last
  }

  static func activeAppointment(_ id: String, in v: Visit) throws(PlanningError) -> Appointment {
    guard let a = v.appointments[id] else { throw .notFound(kind: .appointment, id: id, visit: v.id) }
    guard !a.cancelled else {
      throw .rule(.appointmentCancelled, field: .appointment, "appointment \(id) is cancelled")
    }
    return a
  }

  static func activeAttendee(_ id: String, in v: Visit) throws(PlanningError) -> Attendee {
    guard let p = v.attendees[id] else { throw .notFound(kind: .person, id: id, visit: v.id) }
    guard !p.withdrawn else {
      throw .rule(.withdrawn, field: .person, "person \(id) has withdrawn from visit \(v.id)")
    }
    return p
  }

  private static func existingTask(_ id: String, in v: Visit) throws(PlanningError) -> FollowUpTask {
    guard let t = v.task(id) else { throw .notFound(kind: .task, id: id, visit: v.id) }
    return t
  }

  private static func distinct(_ persons: [String]) throws(PlanningError) {
    var seen = Set<String>()
    for p in persons where !seen.insert(p).inserted {
      throw .rule(.uniqueID, field: .person, "person \(p) is named twice")
    }
  }

  static func date(_ text: String, _ field: Field) throws(PlanningError) -> LocalDate {
    guard let d = LocalDate(text) else {
      throw .rule(.realDate, field: field, "\(field: field) \(text) is not a real date (YYYY-MM-DD)")
    }
    return d
  }

  static func localTime(_ text: String, _ field: Field) throws(PlanningError) -> LocalDateTime {
    guard let t = LocalDateTime(text) else {
      throw .rule(
        .realTime, field: field, "\(field: field) \(text) is not a real date and time (YYYY-MM-DDTHH:MM)")
    }
    return t
  }

  static func timezone(_ name: String) throws(PlanningError) {
    guard Zone.isValid(name) else {
      throw .rule(
        .timeZone, field: .timezone,
        "'\(name)' is not an IANA time zone (such as Europe/Berlin or America/New_York)")
    }
  }

  /// Text fields: not empty, not too long, no control characters but tab and line feed.
  static func text(_ value: String, _ field: Field, limit: Int = 200) throws(PlanningError) {
    // A text that begins with a printable ASCII character other than a space is not blank.
    let printableFirst = value.utf8.first.map { $0 > 0x20 && $0 < 0x7F } ?? false
    guard printableFirst || !value.trimmingWhitespace.isEmpty else {
      throw .rule(.text, field: field, "\(field: field) must not be empty")
    }
    guard value.utf8.count <= limit || value.count <= limit else {
      throw .rule(.text, field: field, "\(field: field) is longer than \(limit) characters")
    }
    // The control characters (general category Cc): U+0000–U+001F, U+007F and U+0080–U+009F
    // (in UTF-8, C2 80 to C2 9F), looked for in the bytes, since every read checks every record.
    var previous: UInt8 = 0
    for b in value.utf8 {
      if (b < 0x20 && b != 0x0A && b != 0x09) || b == 0x7F || (previous == 0xC2 && b >= 0x80 && b <= 0x9F) {
        throw .rule(.text, field: field, "\(field: field) contains a control character")
      }
      previous = b
    }
  }

  static func optionalText(_ value: String?, _ field: Field, limit: Int = 200) throws(PlanningError) {
    if let value { try text(value, field, limit: limit) }
  }

  /// An amount in euros as cents: digits, and a decimal point or comma with one or two digits; up
  /// to ten million.
  static func euros(_ text: String) throws(PlanningError) -> Int {
    let parts = text.split(separator: text.contains(",") ? "," : ".", omittingEmptySubsequences: false)
    let digits: (Substring) -> Bool = { !$0.isEmpty && $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
    guard parts.count <= 2, digits(parts[0]), parts[0].count <= 8,
      parts.count == 1 || (digits(parts[1]) && parts[1].count <= 2),
      let whole = Int(parts[0]), whole <= 10_000_000
    else {
      throw .rule(
        .value, field: .value, "\(field: .value) '\(text)' is not an amount in euros (such as 120 or 120.50)")
    }
    let fraction = parts.count == 2 ? Int(parts[1].count == 1 ? parts[1] + "0" : parts[1]) ?? 0 : 0
    return whole * 100 + fraction
  }

  /// A new visit from a template: its sites, and its appointments moved to start on the copy's
  /// first day at the same times of day, without people, tasks or notes. Hosts that are people of
  /// the template are left out (nobody of it is in the copy). Each event is decided as its own
  /// command would be, so the copy passes every rule.
  static func copy(_ c: CopyVisit, to id: String) throws(PlanningError) -> [Event] {
    let s = c.source
    let start = try date(c.from, .from)
    let offset = Int(start.dayNumber - s.from.dayNumber)
    var schedule = ScheduleVisit(
      title: c.title ?? s.title, partner: s.partner, from: start.description,
      to: s.to.adding(days: offset).description, timezone: s.timezone, direction: s.direction,
      program: s.program,
      topics: s.topics, organizers: s.organizers,
      travelBuffer: s.travelBuffer == Visit.defaultTravelBuffer ? nil : s.travelBuffer,
      titleDe: c.title == nil ? s.titleDe : nil)
    schedule.copiedFrom = CopySource(visit: s.id, head: c.head)
    var commands: [Command] = s.sites.map { site in
      .addSite(
        SiteAdded(
          site: site.id, name: site.name, organization: site.organization, address: site.address,
          note: site.note))
    }
    func moved(_ t: LocalDateTime) -> String {
      LocalDateTime(date: t.date.adding(days: offset), minutes: t.minutes).description
    }
    commands += s.activeAppointments.map { a in
      .addAppointment(
        AddAppointment(
          appointment: a.id, title: a.title, kind: a.kind, start: moved(a.start), end: moved(a.end),
          timezone: a.timezone == s.timezone ? nil : a.timezone, site: a.site,
          hosts: a.hosts.filter { s.attendees[$0] == nil }, titleDe: a.titleDe))
    }
    var events = [Event.visitScheduled(try Decide.schedule(schedule))]
    let meta = EventMeta(seq: 1, recorded: Timestamp(milliseconds: 0), actor: "")
    guard var state = Visit.start(id: id, with: events[0], meta: meta) else { return events }
    for command in commands {
      for e in try decide(command, visit: id, state: state) {
        state.apply(e, meta: meta)
        events.append(e)
      }
    }
    return events
  }

  /// An MoU's details, checked.
  static func mou(_ c: SignMou) throws(PlanningError) -> (
    id: String, title: String, signatories: [String], date: LocalDate?, place: String?, commitments: [String]
  ) {
    guard let title = c.title else {
      throw .rule(.text, field: .title, "a new MoU (\(c.mou)) needs a \(field: .title)")
    }
    try text(title, .title)
    guard !c.signatories.isEmpty else {
      throw .rule(.signatories, field: .signatory, "MoU \(c.mou) needs at least one \(field: .signatory)")
    }
    for s in c.signatories { try text(s, .signatory) }
    var named = Set<String>()
    for s in c.signatories where !named.insert(s).inserted {
      throw .rule(.signatories, field: .signatory, "MoU \(c.mou) names signatory \(s) twice")
    }
    for cm in c.commitments { try text(cm, .commitment, limit: 500) }
    try optionalText(c.place, .place)
    let on = try c.date.map { t throws(PlanningError) in try date(t, .date) }
    return (c.mou, title, c.signatories, on, c.place, c.commitments)
  }

  /// A rank of precedence: 1 (the highest) to 999.
  static func rank(_ value: Int) throws(PlanningError) {
    guard (1...999).contains(value) else {
      throw .rule(
        .rank, field: .rank, "\(field: .rank) must be a whole number from 1 (highest) to 999, not \(value)")
    }
  }

  /// Languages: ISO 639-1 codes (two lower-case letters), each once, in the order given.
  static func languages(_ codes: [String]) throws(PlanningError) -> [String] {
    var seen: [String] = []
    for code in codes {
      guard code.utf8.count == 2, code.utf8.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else {
        throw .rule(
          .language, field: .language,
          "\(field: .language) '\(code)' is not an ISO 639-1 code (two lower-case letters, such as de, en or tw)"
        )
      }
      if !seen.contains(code) { seen.append(code) }
    }
    return seen
  }
}

extension String {
  var trimmingWhitespace: Substring {
    let s = drop { $0.isWhitespace }
    return s.dropLast(s.reversed().prefix { $0.isWhitespace }.count)
  }
}
