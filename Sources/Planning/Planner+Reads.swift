import EventLog

/// What a read returns: the value, the log state it was built from, and what the store noticed.
public struct Reading<Value: Sendable>: Sendable {
  public var value: Value
  /// Seq and hash of the last event read (for one visit); nil for reads across visits.
  public var head: StreamHead?
  /// Torn tails and the like, for standard error or a notice on the page.
  public var warnings: [EventLogWarning]

  public init(_ value: Value, head: StreamHead?, warnings: [EventLogWarning]) {
    self.value = value
    self.head = head
    self.warnings = warnings
  }
}

extension Planner {
  /// Every visit's catalog line, by first day then id (`list`).
  ///
  /// - Parameter asOf: a timestamp or a date; `seq:N` and `v:N` need one visit and are refused.
  ///
  /// As of now, the lines of visits whose streams have not changed since the last listing come
  /// from the catalog cache (`CatalogCache`); only the others are replayed.
  public func catalog(asOf: Point? = nil) throws -> Reading<[CatalogEntry]> {
    if asOf != nil {
      let made = try eachVisit(at: asOf, field: .asOf) {
        (entry: CatalogEntry($0.visit), warnings: $0.warnings)
      }
      return Reading(sorted(made.map(\.entry)), head: nil, warnings: made.flatMap(\.warnings))
    }
    let names = try lifted({ try store.streamNames() })
    let kept = CatalogCache.load(from: store)
    var lines: [String: CatalogCache.Line] = [:]
    var stale: [(name: String, stamp: String?)] = []
    for name in names {
      // The stamp is taken before the stream is read: a line is never older than its stamp.
      let stamp = store.stamp(of: name)
      if let stamp, let line = kept[name], line.stamp == stamp {
        lines[name] = line
      } else {
        stale.append((name, stamp))
      }
    }
    let planner = self
    let made = try Self.inParallel(stale.map(\.name)) { name -> (CatalogEntry, [EventLogWarning])? in
      do {
        try planner.requireVisit(name)
        let l = try planner.current(name, keep: false)
        return (CatalogEntry(l.visit), l.warnings)
      } catch PlanningError.visitNotFound {
        return nil
      }
    }
    var warnings: [EventLogWarning] = []
    var replayed: [String: CatalogEntry] = [:]
    for ((name, stamp), m) in zip(stale, made) {
      guard let (entry, w) = m else { continue }
      replayed[name] = entry
      warnings += w
      // A stream read with a warning (a torn tail) is read again next time.
      if let stamp, w.isEmpty { lines[name] = CatalogCache.Line(stamp: stamp, entry: entry) }
    }
    if !stale.isEmpty || kept.count != lines.count { CatalogCache.save(lines, in: store) }
    let entries = names.compactMap { replayed[$0] ?? lines[$0]?.entry }
    return Reading(sorted(entries), head: nil, warnings: warnings)
  }

  private func sorted(_ entries: [CatalogEntry]) -> [CatalogEntry] {
    entries.sorted { ($0.from, $0.id) < ($1.from, $1.id) }
  }

  /// One visit as it stands (`show`, `check`).
  public func visit(_ id: String, asOf: Point? = nil) throws -> Reading<Visit> {
    let l = try load(id, at: asOf)
    return Reading(l.visit, head: l.head, warnings: l.warnings)
  }

  /// The visit day by day (`itinerary`).
  public func itinerary(_ id: String, asOf: Point? = nil, audience: Audience = .guests) throws
    -> Reading<Itinerary>
  {
    let l = try load(id, at: asOf)
    return Reading(Itinerary(l.visit, audience: audience), head: l.head, warnings: l.warnings)
  }

  /// Who takes part, for the visit or one appointment (`attendees`).
  ///
  /// - Throws: `PlanningError.notFound` for an unknown appointment.
  public func attendees(_ id: String, appointment: String? = nil, asOf: Point? = nil) throws
    -> Reading<AttendeeList>
  {
    let l = try load(id, at: asOf)
    var only: Appointment?
    if let appointment {
      try Self.checkID(appointment, .appointment)
      guard let a = l.visit.appointments[appointment] else {
        throw PlanningError.notFound(kind: .appointment, id: appointment, visit: id)
      }
      only = a
    }
    return Reading(AttendeeList(l.visit, appointment: only), head: l.head, warnings: l.warnings)
  }

  /// Follow-up tasks of one visit, or of all when `visit` is nil (`tasks`).
  public func tasks(
    _ visit: String?, filter: TaskList.Filter = .open, overdueOnly: Bool = false, today: LocalDate,
    asOf: Point? = nil
  ) throws -> Reading<TaskList> {
    if let visit {
      let l = try load(visit, at: asOf)
      let list = TaskList([l.visit], today: today, filter: filter, overdueOnly: overdueOnly)
      return Reading(list, head: l.head, warnings: l.warnings)
    }
    let made = try eachVisit(at: asOf, field: .asOf) {
      (
        rows: TaskList([$0.visit], today: today, filter: filter, overdueOnly: overdueOnly).rows,
        warnings: $0.warnings
      )
    }
    return Reading(
      TaskList(rows: made.flatMap(\.rows), today: today), head: nil, warnings: made.flatMap(\.warnings))
  }

  /// The printable agenda, whole or for one person, with changes since a point marked (`agenda`).
  /// One read of the stream serves its three points: as of, changes since, and the last publication.
  ///
  /// - Parameter person: a person id, or a name compared without regard to case.
  /// - Throws: `PlanningError.notFound` for a person who is not an attendee of the visit.
  public func agenda(
    _ id: String, person: String? = nil, changesSince: Point? = nil, asOf: Point? = nil,
    audience: Audience = .guests
  ) throws -> Reading<Agenda> {
    let history = try history(id)
    let l = try history.state(at: asOf)
    try checkPerson(person, in: l.visit)
    let since = try changesSince.map { p throws(PlanningError) in
      (label: p.description, visit: try history.stateIfScheduled(at: p))
    }
    var agenda = Agenda(visit: l.visit, head: l.head, person: person, since: since, audience: audience)
    if let last = l.visit.publications.last, last.meta.seq < l.head.seq {
      let published = try history.state(at: .seq(last.meta.seq)).visit
      // Judged on what this agenda's readers see: a staff-only change is no news to guests.
      agenda.changedSincePublished = !VisitDiff(
        from: published.seen(by: agenda.audience), to: l.visit.seen(by: agenda.audience)
      ).appointments.isEmpty
    }
    return Reading(agenda, head: l.head, warnings: l.warnings)
  }

  /// The visit for its calendar, as its audience may see it, with the person it is for checked
  /// (`calendar`). A calendar for a member of the delegation is always the guests' one.
  public func calendar(_ id: String, person: String? = nil, asOf: Point? = nil, audience: Audience = .guests)
    throws -> Reading<Visit>
  {
    let l = try load(id, at: asOf)
    try checkPerson(person, in: l.visit)
    let guest = person.flatMap { l.visit.attendees[$0] }?.side == .delegation
    return Reading(l.visit.seen(by: guest ? .guests : audience), head: l.head, warnings: l.warnings)
  }

  /// The raw records of a visit up to a point (`log`); payloads are not decoded, so a record
  /// this program cannot read is shown as stored.
  public func log(_ id: String, asOf: Point? = nil) throws -> Reading<[EventRecord]> {
    try requireVisit(id)
    var (records, warnings) = try lifted { try store.read(id) }
    if let asOf {
      let limit = try asOf.limit(in: records, visit: id)
      records = records.filter(limit.admits)
    }
    let head = records.last.map { StreamHead(seq: $0.seq, hash: $0.hash, recorded: $0.recorded) }
    return Reading(records, head: head, warnings: warnings)
  }

  /// A person registered for the visit, when one is named.
  private func checkPerson(_ person: String?, in visit: Visit) throws {
    guard let person else { return }
    try Self.checkID(person, .forPerson)
    guard visit.attendees.contains(person) else {
      throw PlanningError.notFound(kind: .person, id: person, visit: visit.id)
    }
  }
}

extension Planner {
  /// The order of precedence at an appointment (`seating`).
  ///
  /// - Throws: `PlanningError.notFound` for an unknown appointment.
  public func seating(_ id: String, appointment: String, asOf: Point? = nil) throws -> Reading<Seating> {
    let l = try load(id, at: asOf)
    try Self.checkID(appointment, .appointment)
    guard let a = l.visit.appointments[appointment] else {
      throw PlanningError.notFound(kind: .appointment, id: appointment, visit: id)
    }
    return Reading(Seating(l.visit, appointment: a), head: l.head, warnings: l.warnings)
  }
}

extension Planner {
  /// Arrivals, departures and pick-ups in time order (`transfers`).
  public func transfers(_ id: String, asOf: Point? = nil) throws -> Reading<TransferList> {
    let l = try load(id, at: asOf)
    return Reading(TransferList(l.visit), head: l.head, warnings: l.warnings)
  }

  /// The gifts register of one visit, or of every visit when `visit` is nil; of one year when
  /// `year` is given (`gifts`).
  public func gifts(_ visit: String?, year: Int? = nil, asOf: Point? = nil) throws -> Reading<GiftRegister> {
    if let year, !(1900...2999).contains(year) {
      throw PlanningError.invalidInput(field: .year, value: "\(year)", expected: "a year such as 2022")
    }
    if let visit {
      let l = try load(visit, at: asOf)
      return Reading(
        GiftRegister(rows: GiftRegister.rows(of: l.visit, year: year)), head: l.head, warnings: l.warnings)
    }
    let made = try eachVisit(at: asOf, field: .asOf) {
      (rows: GiftRegister.rows(of: $0.visit, year: year), warnings: $0.warnings)
    }
    return Reading(GiftRegister(rows: made.flatMap(\.rows)), head: nil, warnings: made.flatMap(\.warnings))
  }
}

extension Planner {
  /// A new visit `to` from `from` as a template (`copy-visit`): its sites and its appointments'
  /// skeleton moved to start on `start`, without people, tasks or notes; the new stream's first
  /// event names the template and its head (`VisitScheduled.copiedFrom`).
  ///
  /// - Throws: `PlanningError.visitNotFound` for the template, `.rule` when the copy breaks a rule
  ///   (`to` exists, a time of day that the clocks skip on the new date).
  public func copyVisit(
    from: String, to: String, start: String, title: String? = nil, actor: String, reason: String? = nil
  ) throws -> WriteResult {
    try Self.checkID(to, .visit)
    let l = try load(from)
    return try write(
      WriteRequest(
        visit: to,
        command: .copyVisit(CopyVisit(source: l.visit, head: l.head.hash, from: start, title: title)),
        actor: actor, reason: reason))
  }
}
