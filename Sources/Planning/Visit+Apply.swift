/// The projection fold: a visit and one event give the visit after it.
extension Visit {
  /// Starts a visit from its first event; nil for any other event (which a valid stream never
  /// has first).
  public static func start(id: String, with event: Event, meta: EventMeta) -> Visit? {
    guard case .visitScheduled(let e) = event else { return nil }
    return Visit(id: id, scheduled: e, meta: meta)
  }

  /// Folds `event` into the visit. Pure: decisions have already checked the rules, so an event
  /// that names something unknown is ignored rather than trusted.
  public mutating func apply(_ event: Event, meta: EventMeta) {
    version = meta.seq
    lastChange = meta
    switch event {
    case .visitScheduled: break
    case .visitRescheduled(let e):
      from = e.from
      to = e.to
    case .visitCancelled:
      status = .cancelled
    case .siteAdded(let e):
      sites[e.site] = Site(
        id: e.site, name: e.name, organization: e.organization, address: e.address, note: e.note)
    case .appointmentScheduled(let e):
      let start = Zone.instant(of: e.start, in: e.timezone) ?? e.start.naiveSeconds
      let end = Zone.instant(of: e.end, in: e.timezone) ?? e.end.naiveSeconds
      appointments[e.appointment] = Appointment(
        id: e.appointment, title: e.title, kind: e.kind, start: e.start, end: e.end, timezone: e.timezone,
        site: e.site, hosts: e.hosts, note: e.note, updated: meta.recorded, startInstant: start,
        endInstant: end)
    case .appointmentMoved(let e):
      appointments.update(e.appointment) { a in
        a.start = e.start
        a.end = e.end
        a.startInstant = Zone.instant(of: e.start, in: a.timezone) ?? e.start.naiveSeconds
        a.endInstant = Zone.instant(of: e.end, in: a.timezone) ?? e.end.naiveSeconds
        a.changes += 1
        a.updated = meta.recorded
      }
    case .appointmentCancelled(let e):
      appointments.update(e.appointment) {
        $0.cancelled = true
        $0.updated = meta.recorded
      }
    case .attendeeRegistered(let e):
      attendees[e.person] = Attendee(id: e.person, side: e.side, personal: e.personal)
    case .attendeeWithdrawn(let e):
      attendees.update(e.person) { $0.withdrawn = true }
      appointments.updateAll { a in
        if a.attendees.contains(e.person) {
          a.attendees.removeAll { $0 == e.person }
          a.updated = meta.recorded
        }
      }
    case .attendeeAssigned(let e):
      appointments.update(e.appointment) { a in
        if !a.attendees.contains(e.person) { a.attendees.append(e.person) }
        a.updated = meta.recorded
      }
    case .attendeeUnassigned(let e):
      appointments.update(e.appointment) {
        $0.attendees.removeAll { $0 == e.person }
        $0.updated = meta.recorded
      }
    case .mouSigned(let e):
      mous[e.mou] = Mou(
        id: e.mou, title: e.title, signatories: e.signatories, date: e.date, place: e.place,
        commitments: e.commitments, signed: meta)
    case .taskAdded(let e):
      manualTasks[e.task] = FollowUpTask(id: e.task, title: e.title, owner: e.owner, due: e.due)
    case .taskAssigned(let e):
      changeTask(e.task) { $0.owner = e.owner }
    case .taskDueSet(let e):
      changeTask(e.task) { $0.due = e.due }
    case .taskCompleted(let e):
      changeTask(e.task) { $0.status = .done }
    case .taskReopened(let e):
      changeTask(e.task) { $0.status = .open }
    case .noteAdded(let e):
      notes.append(Note(text: e.text, meta: meta))
    case .agendaPublished(let e):
      publications.append(Publication(version: e.version, note: e.note, meta: meta))
    }
  }

  private mutating func changeTask(_ id: String, _ change: (inout TaskProgress) -> Void) {
    if let t = manualTasks[id] {
      var p = TaskProgress(owner: t.owner, due: t.due, status: t.status)
      change(&p)
      manualTasks.update(id) {
        $0.owner = p.owner
        $0.due = p.due
        $0.status = p.status
      }
    } else {
      var p = taskProgress[id] ?? TaskProgress()
      change(&p)
      taskProgress[id] = p
    }
  }
}
