import EventLog

/// Which part of the audit trail to show.
public struct AuditQuery: Sendable, Equatable {
  /// One visit, or nil for all in recorded order.
  public var visit: String?
  /// Only changes by this actor.
  public var actor: String?
  /// Only changes strictly after this point.
  public var since: Point?
  /// Only changes up to and including this point.
  public var until: Point?
  /// Only changes up to the log as it stood at this point (`--as-of`), with `until` if both are given.
  public var asOf: Point?
  /// Only changes to this appointment, site, person, task or MoU.
  public var entity: String?

  public init(
    visit: String? = nil, actor: String? = nil, since: Point? = nil, until: Point? = nil, asOf: Point? = nil,
    entity: String? = nil
  ) {
    self.visit = visit
    self.actor = actor
    self.since = since
    self.until = until
    self.asOf = asOf
    self.entity = entity
  }
}

extension Planner {
  /// Streams the audit trail, calling `body` with each entry as it is computed: memory holds the
  /// visits' states, never the trail (`audit`).
  ///
  /// - Returns: warnings the store met.
  /// - Throws: `PlanningError.invalidPoint` for `seq:N`/`v:N` without a visit, `.visitNotFound`, or
  ///   what `body` throws.
  @discardableResult
  public func audit(_ q: AuditQuery, _ body: (AuditEntry) throws -> Void) throws -> [EventLogWarning] {
    if let visit = q.visit { try Self.checkID(visit, .visit) }
    if let entity = q.entity { try Self.checkID(entity, .appointment) }
    try q.since?.requireVisit(field: .since, visit: q.visit)
    try q.until?.requireVisit(field: .until, visit: q.visit)
    try q.asOf?.requireVisit(field: .asOf, visit: q.visit)
    var states: [String: Visit?] = [:]
    var limits: [String: [ReadLimit?]] = [:]
    let points = [q.since, q.until, q.asOf]
    /// Since, until and as-of resolved for one stream, once.
    func resolved(_ stream: String) throws -> [ReadLimit?] {
      if let l = limits[stream] { return l }
      // Points that need the stream (a date in its zone, v:N) are resolved from its records;
      // seq:N and instants need nothing, so most audits read each stream once.
      let needsRecords = points.contains {
        switch $0 {
        case .endOfDay?, .published?: return true
        case .seq?, .instant?, nil: return false
        }
      }
      let records = needsRecords ? try lifted { try store.read(stream).records } : []
      let l = try points.map { p throws(PlanningError) in try p?.limit(in: records, visit: stream) }
      limits[stream] = l
      return l
    }
    func handle(_ stream: String, _ record: EventRecord) throws {
      let file = store.location(of: stream)
      let event = try EventCodec.decode(record, file: file)
      // The state is taken out of the table and put back after the fold, so that it is the only
      // reference and the fold changes it in place: keeping a copy of the visit before each event
      // would copy its lists every time, which made an audit quadratic in the visit's length.
      var state = states.removeValue(forKey: stream) ?? nil
      let l = try resolved(stream)
      var admitted = true
      if let since = l[0], since.admits(record) { admitted = false }
      if let until = l[1], !until.admits(record) { admitted = false }
      if let asOf = l[2], !asOf.admits(record) { admitted = false }
      if let actor = q.actor, record.actor != actor { admitted = false }
      // The entry is worded against the state before the event, so it is made before the fold.
      let entry =
        admitted
        ? AuditEntry(visit: stream, before: state, event: event, meta: EventMeta(record), type: record.type)
        : nil
      try Planner.fold(&state, event, record, visit: stream, file: file)
      states[stream] = state
      guard let entry else { return }
      if let entity = q.entity, !entry.concerns(entity) { return }
      try body(entry)
    }
    if let visit = q.visit {
      try requireVisit(visit)
      return try lifted { try store.forEach(in: visit) { try handle(visit, $0) } }
    }
    return try lifted { try store.forEachInOrder { try handle($0, $1) } }
  }

  /// Every change to one appointment, site, person, task or MoU of a visit (`history`).
  ///
  /// - Returns: warnings the store met.
  /// - Throws: `PlanningError.notFound` when nothing in the visit has that id.
  @discardableResult
  public func history(
    _ visit: String, entity: String, asOf: Point? = nil, _ body: (AuditEntry) throws -> Void
  ) throws -> [EventLogWarning] {
    var count = 0
    let warnings = try audit(AuditQuery(visit: visit, asOf: asOf, entity: entity)) {
      count += 1
      try body($0)
    }
    if count == 0 { throw PlanningError.notFound(kind: .entity, id: entity, visit: visit) }
    return warnings
  }

  /// Two states of a visit compared: what changed, and the visit at the later point.
  public struct Comparison: Sendable {
    public var diff: VisitDiff
    public var later: Visit
  }

  /// What changed in a visit between two points (`diff`); `to` defaults to `asOf`, then now.
  public func diff(_ visit: String, from: Point, to: Point? = nil, asOf: Point? = nil) throws
    -> Reading<Comparison>
  {
    let history = try history(visit)
    let later = try history.state(at: to ?? asOf)
    let earlier = try history.stateIfScheduled(at: from)
    return Reading(
      Comparison(diff: VisitDiff(from: earlier, to: later.visit), later: later.visit), head: later.head,
      warnings: later.warnings)
  }
}
