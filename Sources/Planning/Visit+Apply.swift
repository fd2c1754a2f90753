/// The projection fold: a visit and one event give the visit after it.
extension Visit {
  /// Starts a visit from its first event; nil for any other event (which a valid stream never
  /// has first).
  public static func start(id: String, with event: Event, meta: EventMeta) -> Visit? {
    guard case .visitScheduled(let e) = event else { return nil }
    return Visit(id: id, scheduled: e, meta: meta)
  }

  /// Folds `event` into the visit, as its payload says (`EventPayload.apply`).
  public mutating func apply(_ event: Event, meta: EventMeta) {
    version = meta.seq
    lastChange = meta
    event.payload.apply(to: &self, meta: meta)
  }

  /// Changes a task's owner, due date or status: a manual task itself, a derived one's progress.
  mutating func changeTask(_ id: String, _ change: (inout TaskProgress) -> Void) {
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
