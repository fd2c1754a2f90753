import EventLog

/// Checking an event that comes from outside (an import) by the same rules as the commands: each
/// event type maps back to the one command that records it, that command is decided against the
/// visit as it stands, and the event must be exactly what the decision records. No rule is
/// written twice, and an event no command would record is refused.
extension Decide {
  /// Checks that `event` is what the rules record for its command against `visit`'s current state.
  ///
  /// - Throws: the command's own refusal (`PlanningError.rule`, `.notFound`, `.visitNotFound` for
  ///   a visit that does not exist yet), or `.rule(.asDecided, …)` naming the members in which the
  ///   decision differs (an `AgendaPublished` with the wrong version, `internal: false`…).
  public static func check(_ event: Event, visit id: String, state: Visit?) throws(PlanningError) {
    let decided = try decide(command(recording: event), visit: id, state: state)
    guard decided.count != 1 || decided[0] != event else { return }
    guard decided.count == 1, let made = try? EventCodec.data(decided[0]),
      let given = try? EventCodec.data(event)
    else {
      throw .rule(.asDecided, "\(event.typeName) is not what its command records (\(decided.count) events)")
    }
    let differing = Set(made.keys).union(given.keys).sorted().filter { made[$0] != given[$0] }
    let shown = differing.map { key in
      "\(key) \(made[key].map { String(decoding: CanonicalJSON.encode($0), as: UTF8.self) } ?? "absent")"
    }
    throw .rule(
      .asDecided,
      "\(event.typeName) is not what its command records; the rules give \(shown.joined(separator: ", "))")
  }

  /// The command whose decision records `event`: the inverse of `decide` for a single event.
  /// Every type has one (a `shift` is checked move by move, an `assign` person by person).
  public static func command(recording event: Event) -> Command {
    switch event {
    case .visitScheduled(let e):
      var c = ScheduleVisit(
        title: e.title, partner: e.partner, from: e.from.description, to: e.to.description,
        timezone: e.timezone, direction: e.direction, program: e.program, topics: e.topics,
        organizers: e.organizers, travelBuffer: e.travelBuffer, titleDe: e.titleDe)
      c.copiedFrom = e.copiedFrom
      return .schedule(c)
    case .visitRescheduled(let e): return .reschedule(from: e.from.description, to: e.to.description)
    case .visitCancelled: return .cancel
    case .visitUpdated(let e):
      let cleared = Set(e.cleared ?? [])
      func text(_ v: String?, _ key: String) -> String? { cleared.contains(key) ? "" : v }
      func list(_ v: [String]?, _ key: String) -> [String]? { cleared.contains(key) ? [] : v }
      return .updateVisit(
        UpdateVisit(
          title: text(e.title, "title"), titleDe: text(e.titleDe, "titleDe"),
          partner: text(e.partner, "partner"),
          program: text(e.program, "program"), topics: list(e.topics, "topics"),
          organizers: list(e.organizers, "organizers")))
    case .siteAdded(let e): return .addSite(e)
    case .siteUpdated(let e):
      let cleared = Set(e.cleared ?? [])
      func text(_ v: String?, _ key: String) -> String? { cleared.contains(key) ? "" : v }
      return .updateSite(
        UpdateSite(
          site: e.site, name: text(e.name, "name"), organization: text(e.organization, "organization"),
          address: text(e.address, "address"), note: text(e.note, "note")))
    case .appointmentScheduled(let e):
      return .addAppointment(
        AddAppointment(
          appointment: e.appointment, title: e.title, kind: e.kind, start: e.start.description,
          end: e.end.description, timezone: e.timezone, site: e.site, hosts: e.hosts, note: e.note,
          titleDe: e.titleDe, internalNote: e.internalNote))
    case .appointmentMoved(let e):
      return .moveAppointment(appointment: e.appointment, start: e.start.description, end: e.end.description)
    case .appointmentCancelled(let e): return .cancelAppointment(e.appointment)
    case .appointmentUpdated(let e):
      let cleared = Set(e.cleared ?? [])
      func text(_ v: String?, _ key: String) -> String? { cleared.contains(key) ? "" : v }
      return .updateAppointment(
        UpdateAppointment(
          appointment: e.appointment, title: text(e.title, "title"), titleDe: text(e.titleDe, "titleDe"),
          site: e.site, noSite: cleared.contains("site"), kind: e.kind,
          hosts: cleared.contains("hosts") ? [] : e.hosts, note: text(e.note, "note"),
          internalNote: text(e.internalNote, "internalNote")))
    case .attendeeRegistered(let e): return .addAttendee(e)
    case .attendeeWithdrawn(let e): return .withdrawAttendee(e.person)
    case .attendeeUpdated(let e):
      // The new values in full: a field the event leaves out was removed ("" removes it).
      let p = e.personal
      return .updateAttendee(
        UpdateAttendee(
          person: e.person, side: e.side, name: p?.name, function: p.map { $0.function ?? "" },
          organization: p.map { $0.organization ?? "" }, email: p.map { $0.email ?? "" },
          phone: p.map { $0.phone ?? "" }, diet: p.map { $0.diet ?? "" }, access: p.map { $0.access ?? "" },
          rank: e.rank, clearRank: e.cleared?.contains("rank") == true,
          languages: p.map { $0.languages ?? [] }))
    case .attendeeAssigned(let e): return .assign(appointment: e.appointment, persons: [e.person])
    case .attendeeUnassigned(let e): return .unassign(appointment: e.appointment, persons: [e.person])
    case .personErased(let e): return .erasePerson(e.person)
    case .travelAdded(let e):
      return .addTravel(
        AddTravel(
          travel: e.travel, persons: e.persons, direction: e.direction, at: e.at.description, mode: e.mode,
          number: e.number, from: e.from, to: e.to, pickup: e.pickup, note: e.note))
    case .travelCancelled(let e): return .cancelTravel(e.travel)
    case .giftRecorded(let e):
      return .recordGift(
        RecordGift(
          gift: e.gift, description: e.description, direction: e.direction, from: e.from, to: e.to,
          value: e.value.map(Gift.euros), disposition: e.disposition))
    case .mouPlanned(let e):
      return .planMou(
        SignMou(
          mou: e.mou, title: e.title, signatories: e.signatories, date: e.date?.description, place: e.place,
          commitments: e.commitments))
    case .mouSigned(let e):
      return .signMou(
        SignMou(
          mou: e.mou, title: e.title, signatories: e.signatories, date: e.date?.description, place: e.place,
          commitments: e.commitments))
    case .taskAdded(let e):
      return .addTask(AddTask(task: e.task, title: e.title, owner: e.owner, due: e.due?.description))
    case .taskAssigned(let e): return .assignTask(task: e.task, owner: e.owner)
    case .taskDueSet(let e): return .setDue(task: e.task, due: e.due.description)
    case .taskCompleted(let e): return .completeTask(e.task)
    case .taskReopened(let e): return .reopenTask(e.task)
    case .taskRetitled(let e): return .retitleTask(task: e.task, title: e.title)
    case .noteAdded(let e): return .note(e.text, internal: e.internal == true)
    case .agendaPublished(let e): return .publish(note: e.note)
    }
  }
}
