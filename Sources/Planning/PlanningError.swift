/// Why a command was refused or a stream could not be replayed.
public enum PlanningError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The visit does not exist (exit 66).
  case visitNotFound(String)
  /// A named site, appointment, person, task or MoU does not exist in the visit (exit 66).
  case notFound(kind: String, id: String, visit: String)
  /// A domain rule refuses the command (exit 65); `rule` is its short name from `docs/events.md`.
  case rule(String, String)
  /// The visit was not yet scheduled at the point asked for (exit 66).
  case notYetScheduled(visit: String, point: String)
  /// A stored event cannot be read (exit 65); `at` is `file:line`.
  case unreadableEvent(at: String, reason: String)

  public var description: String {
    switch self {
    case .visitNotFound(let v): return "no such visit: \(v)"
    case .notFound(let kind, let id, let visit): return "no such \(kind) in visit \(visit): \(id)"
    case .rule(let rule, let message): return "refused by rule \(rule): \(message)"
    case .notYetScheduled(let v, let p): return "visit \(v) was not yet scheduled at \(p)"
    case .unreadableEvent(let at, let reason): return "\(at): \(reason)"
    }
  }
}
