import EventLog

/// What erasing a person did in one visit.
public struct Erasure: Sendable, Equatable {
  public var visit: String
  public var person: String
  /// The `PersonErased` event's seq, or nil when the visit already recorded the erasure.
  public var seq: Int?
  /// Vault values overwritten now (0 when none were left).
  public var erasedValues: Int
}

/// Everything the store holds about one person (Art. 15 GDPR), across visits.
public struct PersonRecord: Sendable, Equatable {
  /// One visit's part.
  public struct InVisit: Sendable, Equatable {
    /// One registration or correction of the person's data, with when and by whom.
    public struct Recorded: Sendable, Equatable {
      public var seq: Int
      public var meta: EventMeta
      public var side: Side
      /// The values as recorded; erased ones are gone.
      public var personal: PersonalData
      /// Whether this was a correction (`update-attendee`) rather than a registration.
      public var correction = false
    }

    public var visit: String
    public var title: String
    public var from: LocalDate
    public var to: LocalDate
    public var side: Side
    public var withdrawn: Bool
    public var records: [Recorded]
    /// The appointments they attend now, in order of start.
    public var appointments: [Appointment]
    /// Notes that mention their id.
    public var notes: [Note]
    /// When and by whom their data was erased here, if it was.
    public var erased: EventMeta?
  }

  public var person: String
  public var visits: [InVisit]
}

/// One person whose data a purge erases (or would erase, in a dry run).
public struct PurgeItem: Sendable, Equatable {
  public var visit: String
  public var to: LocalDate
  public var person: String
  public var erasure: Erasure?
}

extension Planner {
  /// Erases a person's personal data from every visit that has them: each gets a `PersonErased`
  /// event (who, when, why), then the vault values its lines commit to are overwritten. Running it
  /// again completes an erasure a crash interrupted, and otherwise changes nothing.
  ///
  /// - Throws: `PlanningError.invalidInput`; `.personNotFound` when no visit has the person.
  public func erasePerson(_ person: String, actor: String, reason: String? = nil) throws -> [Erasure] {
    try Self.checkID(person, .person)
    // A visit that cannot be read stops the erasure: skipping it would leave the person's data there.
    let visits = try lifted { try store.streamNames() }.filter {
      try load($0).visit.attendees.contains(person)
    }
    guard !visits.isEmpty else { throw PlanningError.personNotFound(person) }
    return try visits.map { try erase(person, in: $0, actor: actor, reason: reason) }
  }

  /// Erases one person's data from one visit (see `erasePerson`).
  func erase(_ person: String, in visit: String, actor: String, reason: String?) throws -> Erasure {
    var seq: Int?
    if try load(visit).visit.attendees[person]?.personal.isErased == false {
      seq = try write(WriteRequest(visit: visit, command: .erasePerson(person), actor: actor, reason: reason))
        .lastSeq
    } else {
      try Self.checkActor(actor)
      try Self.checkReason(reason)
    }
    // Sealed values are filed under the person's id (`EventPayload.personalSubject`).
    let erased = try lifted { try store.erase(in: visit, subject: person) }
    return Erasure(visit: visit, person: person, seq: seq, erasedValues: erased)
  }

  /// The person whose personal data an event carries, if any.
  static func person(of event: Event) -> String? {
    let payload = event.payload
    return type(of: payload).personalFields.isEmpty ? nil : payload.personalSubject
  }

  /// Everything the store holds about a person, across visits (`export-person`).
  ///
  /// - Throws: `PlanningError.personNotFound` when no visit has the person.
  public func personRecord(_ person: String) throws -> Reading<PersonRecord> {
    try Self.checkID(person, .person)
    var parts: [PersonRecord.InVisit] = []
    var warnings: [EventLogWarning] = []
    for name in try lifted({ try store.streamNames() }) {
      let history = try history(name)
      let v = try history.state().visit
      guard let attendee = v.attendees[person] else { continue }
      warnings += history.warnings
      var records: [PersonRecord.InVisit.Recorded] = []
      var erased: EventMeta?
      for (r, e) in zip(history.records, history.events) {
        switch e {
        case .attendeeRegistered(let a) where a.person == person:
          records.append(.init(seq: r.seq, meta: EventMeta(r), side: a.side, personal: a.personal))
        case .attendeeUpdated(let a) where a.person == person:
          // A correction names what changed; the record shows the person's data as it then stood.
          let last = records.last
          records.append(
            .init(
              seq: r.seq, meta: EventMeta(r), side: a.side ?? last?.side ?? attendee.side,
              personal: a.personal ?? last?.personal ?? attendee.personal, correction: true))
        case .personErased(let p) where p.person == person:
          erased = EventMeta(r)
        default: break
        }
      }
      parts.append(
        PersonRecord.InVisit(
          visit: v.id, title: v.title, from: v.from, to: v.to, side: attendee.side,
          withdrawn: attendee.withdrawn,
          records: records, appointments: v.activeAppointments.filter { $0.attendees.contains(person) },
          notes: v.notes.filter { Self.mentions($0.text, person) }, erased: erased))
    }
    guard !parts.isEmpty else { throw PlanningError.personNotFound(person) }
    return Reading(PersonRecord(person: person, visits: parts), head: nil, warnings: warnings)
  }

  /// Whether a text names the id as a word of its own (not inside a longer id).
  static func mentions(_ text: String, _ id: String) -> Bool {
    var rest = text[...]
    while let r = rest.range(of: id) {
      let before = rest[..<r.lowerBound].last
      let after = rest[r.upperBound...].first
      func isIDCharacter(_ c: Character?) -> Bool {
        guard let c else { return false }
        return c.isLetter || c.isNumber || c == "-"
      }
      if !isIDCharacter(before) && !isIDCharacter(after) { return true }
      rest = rest[r.upperBound...]
    }
    return false
  }

  /// Erases the personal data of every attendee of the visits that ended before `date` (a
  /// retention period), or, with `dryRun`, only lists who would be erased.
  public func purge(before date: LocalDate, dryRun: Bool, actor: String, reason: String? = nil) throws
    -> [PurgeItem]
  {
    try Self.checkActor(actor)
    try Self.checkReason(reason)
    var items: [PurgeItem] = []
    for name in try lifted({ try store.streamNames() }) {
      let v = try load(name).visit
      guard v.to < date else { continue }
      for a in v.attendees {
        let due = try !a.personal.isErased || hasSealedValues(a.id, in: name)
        guard due else { continue }
        let erasure = dryRun ? nil : try erase(a.id, in: name, actor: actor, reason: reason)
        items.append(PurgeItem(visit: name, to: v.to, person: a.id, erasure: erasure))
      }
    }
    return items
  }

  /// Whether a person's values are still in a visit's vault (an erasure a crash interrupted).
  private func hasSealedValues(_ person: String, in visit: String) throws -> Bool {
    var found = false
    let file = store.location(of: visit)
    _ = try lifted {
      try store.forEach(in: visit) { r in
        if !r.unsealed.isEmpty, Self.person(of: try EventCodec.decode(r, file: file)) == person {
          found = true
        }
      }
    }
    return found
  }
}
