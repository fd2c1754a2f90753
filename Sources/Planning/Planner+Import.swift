import EventLog

/// An import file to read: its name for messages, its bytes, and who imports it.
public struct ImportRequest: Sendable {
  /// The file as messages name it (`FILE:LINE`), `-` for standard input.
  public var file: String
  public var bytes: [UInt8]
  /// The actor of lines that name none.
  public var actor: String
  /// The reason of lines that give none.
  public var reason: String?

  public init(file: String, bytes: [UInt8], actor: String, reason: String? = nil) {
    self.file = file
    self.bytes = bytes
    self.actor = actor
    self.reason = reason
  }
}

/// What an import did, visit by visit in the order the file first names them.
public struct ImportResult: Sendable, Equatable {
  public struct Stream: Sendable, Equatable {
    public var visit: String
    /// Events written now.
    public var written: Int
    /// Lines whose event id the visit already had: left as they are.
    public var alreadyStored: Int
    /// Seq of the first and last event written (when any were).
    public var firstSeq: Int
    public var lastSeq: Int
    public var headHash: String
  }

  public var streams: [Stream]
  /// Event lines read.
  public var lines: Int

  public var written: Int { streams.reduce(0) { $0 + $1.written } }
}

/// An import stopped by the store after some visits were written (a full disk, a lost lock): what
/// is on disk, and why the rest is not. Every visit is written whole or not at all.
public struct ImportInterrupted: Error, Sendable {
  /// The visits written completely before the failure.
  public var written: [ImportResult.Stream]
  /// The visit whose batch failed: nothing of it was written.
  public var failed: String
  public var error: any Error
}

extension Planner {
  /// Imports the events of an import file (`docs/log-format.md`, "Export and import"): every line
  /// is checked first, by the rules of the commands (`Decide.check`) against the visit as the
  /// store and the lines before it leave it; only if every line passes is anything written, one
  /// append per visit. Lines with an event id the visit already has are left out, so importing a
  /// file twice writes nothing the second time.
  ///
  /// - Parameter progress: called now and then with the lines checked, then the visits written.
  /// - Throws: `PlanningError.unreadableEvent` (`FILE:LINE`) for a line that is not a valid import
  ///   line, `.imported(at: FILE:LINE, …)` for one the rules refuse, `ImportInterrupted` when the
  ///   store fails after some visits were written.
  public func importEvents(
    _ request: ImportRequest, progress: (_ checked: Int, _ written: Int) -> Void = { _, _ in }
  ) throws -> ImportResult {
    try Self.checkActor(request.actor)
    try Self.checkReason(request.reason)
    // The lines are read in the order of the file and grouped by visit; reading stops at a line that
    // is not an import line, since only the first problem in the file is reported. Only each line's
    // place in the file is kept (a parsed line holds far more memory than its bytes): it is parsed
    // again when its visit is checked.
    var lines: [String: [(number: Int, bytes: ArraySlice<UInt8>)]] = [:]
    var order: [String] = []
    var problem: ImportProblem?
    var count = 0
    for (number, line) in ImportLine.lines(request.bytes) {
      do {
        let stream = try ImportLine(line, at: "\(request.file):\(number)").stream
        if lines[stream] == nil { order.append(stream) }
        lines[stream, default: []].append((number, line))
        count += 1
      } catch {
        problem = ImportProblem(line: number, error: error)
        break
      }
    }
    // Each visit's lines are checked against that visit alone, so visits are checked side by side,
    // a few dozen at a time (progress is reported between them). The problem reported is the one
    // on the earliest line, as if the file were checked line by line: checks stop past it.
    var pending: [String: PendingImport] = [:]
    var checked = 0
    var start = 0
    while start < order.count {
      let group = Array(order[start..<min(start + 64, order.count)])
      start += group.count
      let (groupLines, bound, planner) = (lines, problem?.line ?? Int.max, self)
      let results = try Self.inParallel(group) { visit in
        PendingImport.check(visit, groupLines[visit] ?? [], before: bound, request: request, planner: planner)
      }
      for (visit, result) in zip(group, results) {
        switch result {
        case .success(let p): pending[visit] = p
        case .failure(let found):
          if found.line < problem?.line ?? Int.max { problem = found }
        }
        checked += lines[visit]?.count ?? 0
      }
      progress(checked, 0)
    }
    if let problem { throw problem.error }
    for visit in order {
      if let open = pending[visit]?.openBatch {
        throw PlanningError.unreadableEvent(
          at: open,
          reason: "continues is true, but the file has no later event of visit \(visit) to end the batch")
      }
    }
    progress(count, 0)

    var done: [ImportResult.Stream] = []
    for visit in order {
      guard let p = pending[visit] else { continue }
      guard !p.events.isEmpty else {
        done.append(
          ImportResult.Stream(
            visit: visit, written: 0, alreadyStored: p.skipped, firstSeq: p.head.seq + 1, lastSeq: p.head.seq,
            headHash: p.head.hash))
        continue
      }
      do {
        if !store.exists { try lifted { try store.create() } }
        let r = try lifted {
          try store.append(to: visit, expected: p.existed ? .exactly(p.head.seq) : .noStream, p.events)
        }
        done.append(
          ImportResult.Stream(
            visit: visit, written: p.events.count, alreadyStored: p.skipped, firstSeq: r.firstSeq,
            lastSeq: r.lastSeq, headHash: r.headHash))
        // As `erase-person` does: an imported erasure leaves no value of the person in the vault.
        for person in p.erasures { _ = try lifted { try store.erase(in: visit, subject: person) } }
      } catch {
        throw ImportInterrupted(written: done, failed: visit, error: error)
      }
      progress(count, done.count)
    }
    return ImportResult(streams: done, lines: count)
  }
}

/// The first line of an import file that cannot be imported, and why.
struct ImportProblem: Error {
  var line: Int
  var error: any Error
}

/// One visit's part of an import while it is checked: its state as the store and the lines so far
/// leave it, and the events to append.
struct PendingImport: Sendable {
  let visit: String
  var state: Visit?
  let head: StreamHead
  let existed: Bool
  /// The visit's stored records by event id.
  let stored: [String: EventRecord]
  var events: [NewEvent] = []
  var skipped = 0
  var ids: Set<String> = []
  var lastRecorded: Timestamp
  /// `FILE:LINE` of a line with `continues` whose batch has not ended yet.
  var openBatch: String?
  /// People whose erasure is imported.
  var erasures: [String] = []

  init(_ visit: String, planner: Planner) throws {
    self.visit = visit
    var state: Visit?
    var head = StreamHead()
    var stored: [String: EventRecord] = [:]
    existed = planner.store.exists && planner.store.contains(visit)
    if existed {
      let file = planner.store.location(of: visit)
      _ = try planner.lifted {
        try planner.store.forEach(in: visit) { r in
          try Planner.fold(&state, r, visit: visit, file: file)
          stored[r.id] = r
          head = StreamHead(seq: r.seq, hash: r.hash, recorded: r.recorded)
        }
      }
    }
    self.state = state
    self.head = head
    self.stored = stored
    lastRecorded = head.recorded
  }

  /// The visit's lines of an import file checked in order, up to line `bound` (a problem found
  /// elsewhere in the file): the visit with their events (nil when its first line is past the
  /// bound), or the first line that fails.
  static func check(
    _ visit: String, _ lines: [(number: Int, bytes: ArraySlice<UInt8>)], before bound: Int,
    request: ImportRequest,
    planner: Planner
  ) -> Result<PendingImport?, ImportProblem> {
    guard let first = lines.first, first.number < bound else { return .success(nil) }
    var p: PendingImport
    do {
      p = try PendingImport(visit, planner: planner)
    } catch {
      return .failure(ImportProblem(line: first.number, error: error))
    }
    for (number, bytes) in lines where number < bound {
      do {
        let at = "\(request.file):\(number)"
        try p.add(try ImportLine(bytes, at: at), at: at, request: request)
      } catch {
        return .failure(ImportProblem(line: number, error: error))
      }
    }
    return .success(p)
  }

  /// Checks one line against the visit as it stands and, when it passes, adds its event.
  mutating func add(_ line: ImportLine, at: String, request: ImportRequest) throws {
    if let id = line.id {
      guard ids.insert(id).inserted else {
        throw PlanningError.unreadableEvent(
          at: at, reason: "id \(id) is in the file twice for visit \(visit)")
      }
      if let r = stored[id] {
        var storedData = r.data.merging(r.unsealed) { line, _ in line }
        for name in r.erased { storedData[name] = PersonalData.erasedJSON }
        guard r.type == line.type.eventType, storedData == line.fullData else {
          throw PlanningError.unreadableEvent(
            at: at, reason: "id \(id) is stored already as another event (seq \(r.seq) of visit \(visit))")
        }
        skipped += 1
        return
      }
    }
    let event = try line.event(at: at)
    let checked = line.erasedMembers.isEmpty ? event : Self.standIn(event, tag: head.seq + events.count + 1)
    let actor = line.actor ?? request.actor
    let reason = line.actor == nil && line.reason == nil ? request.reason : line.reason
    do {
      try Planner.checkActor(actor)
      try Planner.checkReason(reason)
      try Decide.check(checked, visit: visit, state: state)
    } catch {
      throw PlanningError.imported(at: at, error)
    }
    if let recorded = line.recorded {
      guard recorded >= lastRecorded else {
        throw PlanningError.unreadableEvent(
          at: at,
          reason:
            "recorded \(recorded) is earlier than the event before it in visit \(visit) (\(lastRecorded))")
      }
      lastRecorded = recorded
    }
    let meta = EventMeta(
      seq: head.seq + events.count + 1, recorded: lastRecorded, actor: actor, reason: reason)
    if state == nil {
      state = Visit.start(id: visit, with: checked, meta: meta)
    } else {
      state?.apply(checked, meta: meta)
    }
    var new = try EventCodec.newEvent(event, actor: actor, reason: reason, correlation: line.correlation)
    new.id = line.id
    new.causation = line.causation
    new.recorded = line.recorded
    new.continues = line.continues
    for (name, given) in line.sealed {
      guard let fresh = new.sealed[name] else {
        throw PlanningError.unreadableEvent(
          at: at, reason: "sealed member '\(name)': \(line.type.eventType) has no such personal member")
      }
      new.sealed[name] = given.input(subject: fresh.subject)
    }
    if case .personErased(let e) = event { erasures.append(e.person) }
    openBatch = line.continues ? at : nil
    events.append(new)
  }

  /// The event with an erased personal member replaced by a stand-in, for checking: the rules
  /// check what is left (the person, the side, the order of events); the values themselves were
  /// checked when they were first recorded and are gone.
  static func standIn(_ event: Event, tag: Int) -> Event {
    // Distinct for each event, so that a correction of an erased registration is a change.
    let stand = PersonalData(name: "erased value \(tag)")
    if case .attendeeRegistered(var e) = event {
      e.personal = stand
      return .attendeeRegistered(e)
    }
    if case .attendeeUpdated(var e) = event {
      e.personal = stand
      return .attendeeUpdated(e)
    }
    return event
  }
}
