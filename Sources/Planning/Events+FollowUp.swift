// What follows a visit: MoUs and tasks.

/// A memorandum of understanding being prepared: shown as planned, no follow-up tasks yet.
public struct MouPlanned: EventPayload {
  public static let eventType = "MouPlanned"
  public static let schemaVersion = 1
  public var event: Event { .mouPlanned(self) }

  public var mou: String
  public var title: String
  public var signatories: [String]
  public var date: LocalDate?
  public var place: String?
  public var commitments: [String]
  public init(
    mou: String, title: String, signatories: [String], date: LocalDate? = nil, place: String? = nil,
    commitments: [String] = []
  ) {
    self.mou = mou
    self.title = title
    self.signatories = signatories
    self.date = date
    self.place = place
    self.commitments = commitments
  }

  public func apply(to visit: inout Visit, meta: EventMeta) {
    visit.mous[mou] = Mou(
      id: mou, title: title, signatories: signatories, date: date, place: place, commitments: commitments,
      signed: meta, planned: true)
  }

  public func audit(_ c: AuditContext) -> AuditFacts {
    AuditFacts(
      AuditEntry.Subject(kind: "mou", id: mou, label: title),
      [
        change("status", nil, "planned"), change("title", nil, title),
        change("signatories", nil, list(signatories)), change("date", nil, date?.description),
        change("place", nil, place), change("commitments", nil, list(commitments)),
      ])
  }
}

/// A memorandum of understanding signed: a planned one (with its details as signed) or a new one.
public struct MouSigned: EventPayload {
  public static let eventType = "MouSigned"
  public static let schemaVersion = 1
  public var event: Event { .mouSigned(self) }

  public var mou: String
  public var title: String
  public var signatories: [String]
  public var date: LocalDate?
  public var place: String?
  public var commitments: [String]
  public init(
    mou: String, title: String, signatories: [String], date: LocalDate? = nil, place: String? = nil,
    commitments: [String] = []
  ) {
    self.mou = mou
    self.title = title
    self.signatories = signatories
    self.date = date
    self.place = place
    self.commitments = commitments
  }

  public func apply(to visit: inout Visit, meta: EventMeta) {
    visit.mous[mou] = Mou(
      id: mou, title: title, signatories: signatories, date: date, place: place, commitments: commitments,
      signed: meta)
  }

  public func audit(_ c: AuditContext) -> AuditFacts {
    let plan = c.before?.mous[mou]
    return AuditFacts(
      AuditEntry.Subject(kind: "mou", id: mou, label: title),
      [
        change("status", plan.map { _ in "planned" }, "signed"), change("title", plan?.title, title),
        change("signatories", plan.flatMap { list($0.signatories) }, list(signatories)),
        change("date", plan?.date?.description, date?.description), change("place", plan?.place, place),
        change("commitments", plan.flatMap { list($0.commitments) }, list(commitments)),
      ])
  }
}

public struct TaskAdded: EventPayload {
  public static let eventType = "TaskAdded"
  public static let schemaVersion = 1
  public var event: Event { .taskAdded(self) }

  public var task: String
  public var title: String
  public var owner: String?
  public var due: LocalDate?
  public init(task: String, title: String, owner: String? = nil, due: LocalDate? = nil) {
    self.task = task
    self.title = title
    self.owner = owner
    self.due = due
  }

  public func apply(to visit: inout Visit, meta: EventMeta) {
    visit.manualTasks[task] = FollowUpTask(id: task, title: title, owner: owner, due: due)
  }

  public func audit(_ c: AuditContext) -> AuditFacts {
    AuditFacts(
      AuditEntry.Subject(kind: "task", id: task, label: title),
      [change("title", nil, title), change("owner", nil, owner), change("due", nil, due?.description)])
  }
}

public struct TaskAssigned: EventPayload {
  public static let eventType = "TaskAssigned"
  public static let schemaVersion = 1
  public var event: Event { .taskAssigned(self) }

  public var task: String
  public var owner: String
  public init(task: String, owner: String) {
    self.task = task
    self.owner = owner
  }

  public func apply(to visit: inout Visit, meta: EventMeta) {
    visit.changeTask(task) { $0.owner = owner }
  }

  public func audit(_ c: AuditContext) -> AuditFacts {
    AuditFacts(
      c.task(task), [AuditEntry.FieldChange(field: "owner", old: c.before?.task(task)?.owner, new: owner)])
  }
}

public struct TaskDueSet: EventPayload {
  public static let eventType = "TaskDueSet"
  public static let schemaVersion = 1
  public var event: Event { .taskDueSet(self) }

  public var task: String
  public var due: LocalDate
  public init(task: String, due: LocalDate) {
    self.task = task
    self.due = due
  }

  public func apply(to visit: inout Visit, meta: EventMeta) {
    visit.changeTask(task) { $0.due = due }
  }

  public func audit(_ c: AuditContext) -> AuditFacts {
    AuditFacts(
      c.task(task),
      [
        AuditEntry.FieldChange(
          field: "due", old: c.before?.task(task)?.due?.description, new: due.description)
      ])
  }
}

public struct TaskCompleted: EventPayload {
  public static let eventType = "TaskCompleted"
  public static let schemaVersion = 1
  public var event: Event { .taskCompleted(self) }

  public var task: String
  public init(task: String) { self.task = task }

  public func apply(to visit: inout Visit, meta: EventMeta) {
    visit.changeTask(task) { $0.status = .done }
  }

  public func audit(_ c: AuditContext) -> AuditFacts {
    AuditFacts(
      c.task(task),
      [AuditEntry.FieldChange(field: "status", old: TaskStatus.open.rawValue, new: TaskStatus.done.rawValue)])
  }
}

public struct TaskReopened: EventPayload {
  public static let eventType = "TaskReopened"
  public static let schemaVersion = 1
  public var event: Event { .taskReopened(self) }

  public var task: String
  public init(task: String) { self.task = task }

  public func apply(to visit: inout Visit, meta: EventMeta) {
    visit.changeTask(task) { $0.status = .open }
  }

  public func audit(_ c: AuditContext) -> AuditFacts {
    AuditFacts(
      c.task(task),
      [AuditEntry.FieldChange(field: "status", old: TaskStatus.done.rawValue, new: TaskStatus.open.rawValue)])
  }
}
