import EventLog

/// Why a command or a read was refused, or a stream could not be replayed: the one error type the
/// use cases throw. Each case names what the user needs; adapters choose the words for fields (a CLI
/// flag, a form field) and the exit code or HTTP status.
public enum PlanningError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The visit does not exist (exit 66).
  case visitNotFound(String)
  /// No visit has this person (exit 66).
  case personNotFound(String)
  /// A named site, appointment, person, task or MoU does not exist in the visit (exit 66).
  case notFound(kind: EntityKind, id: String, visit: String)
  /// A domain rule refuses the command (exit 65); `field` is the input at fault, when there is one.
  case rule(Rule, field: Field? = nil, RuleMessage)
  /// The visit was not yet scheduled at the point asked for (exit 66).
  case notYetScheduled(visit: String, point: String)
  /// A stored event cannot be read (exit 65); `at` is `file:line`.
  case unreadableEvent(at: String, reason: String)
  /// An event type that `EventRegistry` does not list was to be written (a bug: exit 70).
  case unregisteredEvent(String)
  /// The visit is not at the version the writer expected (exit 75).
  case versionConflict(visit: String, expected: ExpectedVersion, actual: Int)
  /// A point in time that is malformed, or needs one visit and has none (exit 64).
  case invalidPoint(field: Field, text: String, reason: PointProblem)
  /// An identifier that is not a slug, or an actor or reason out of bounds (exit 64).
  case invalidInput(field: Field, value: String, expected: String)
  /// `verify` found problems in some streams, listed in their reports (exit 65).
  case damaged(failed: Int, of: Int)
  /// An anchor cannot be confirmed because the visit's stream is damaged, as `report` says (exit 65).
  case anchorOnDamagedStream(visit: String, report: StreamReport)
  /// An anchor is not in the visit's log: rewritten since, or another visit's (exit 65).
  case anchorNotFound(visit: String, anchor: String)
  /// The store failed or found damage (exit as the log error says).
  case store(EventLogError)
  /// A line of an import file is refused; `at` is `file:line`, the error why (exit as it says).
  indirect case imported(at: String, PlanningError)

  /// What kind of thing a `notFound` names.
  public enum EntityKind: String, Sendable, Equatable {
    case site, appointment, person, task, mou = "MoU", travel = "travel leg", gift
    case agendaVersion = "agenda version"
    /// Any of appointment, site, person, task or MoU (`history`).
    case entity = "appointment, site, person, task or MoU"
  }

  /// Why a point cannot be used.
  public enum PointProblem: Sendable, Equatable {
    /// Not a timestamp, a date, `seq:N` or `v:N`.
    case malformed
    /// `seq:N` and `v:N` count within one visit.
    case needsVisit
  }

  /// The message, naming each field by `name(field)`: `--start` for the CLI, a form label for the web.
  public func message(naming name: (Field) -> String) -> String {
    switch self {
    case .visitNotFound(let v): return "no such visit: \(v)"
    case .personNotFound(let p): return "no visit has a person \(p)"
    case .notFound(.entity, let id, let visit):
      return "no appointment, site, person, task or MoU '\(id)' in visit \(visit)"
    case .notFound(let kind, let id, let visit): return "no such \(kind.rawValue) in visit \(visit): \(id)"
    case .rule(let rule, _, let message): return "refused by rule \(rule.rawValue): \(message.render(name))"
    case .notYetScheduled(let v, let p): return "visit \(v) was not yet scheduled at \(p)"
    case .unreadableEvent(let at, let reason): return "\(at): \(reason)"
    case .unregisteredEvent(let type): return "event type \(type) is not in the event registry"
    case .versionConflict(let v, let expected, let actual):
      let wanted = expected == .noStream ? "no visit yet" : expected.description
      return "version conflict on \(v): expected \(wanted), but the visit is at version \(actual)"
    case .invalidPoint(let field, let text, .malformed):
      return "invalid \(name(field)) '\(printable(text))': a timestamp, a date YYYY-MM-DD, seq:N or v:N"
    case .invalidPoint(let field, let text, .needsVisit):
      return "\(name(field)) \(printable(text)) needs a VISIT (seq:N and v:N count within one visit)"
    case .invalidInput(let field, let value, let expected):
      // A long value is not echoed: the field and the limit say enough.
      let shown = value.count <= 64 ? " '\(printable(value))'" : ""
      return "invalid \(name(field))\(shown): \(expected)"
    case .damaged(let failed, let of): return "verify: \(failed) of \(of) visit(s) damaged"
    case .anchorOnDamagedStream(let v, _): return "verify: \(v) is damaged; the anchor cannot be confirmed"
    case .anchorNotFound(let v, let a):
      return
        "verify: anchor \(a) is not in the log of \(v): what was printed from it has been rewritten since, or belongs to another visit"
    case .store(let e): return e.description
    case .imported(let at, let e): return "\(at): \(e.description)"
    }
  }

  /// The message with fields named as the domain names them (`travelBuffer`).
  public var description: String { message { $0.rawValue } }

  /// Turns what a store or a fold threw into the use cases' error: log errors that speak of a
  /// stream become the visit's (`no such visit`, version conflicts), others are wrapped.
  static func lift(_ error: any Error) -> any Error {
    switch error {
    case let e as EventLogError:
      switch e {
      case .noSuchStream(let name): return PlanningError.visitNotFound(name)
      case .versionConflict(let stream, let expected, let actual):
        return PlanningError.versionConflict(visit: stream, expected: expected, actual: actual)
      default: return PlanningError.store(e)
      }
    default: return error
    }
  }
}

/// The domain rules a command can break; `docs/events.md` lists what each refuses.
public enum Rule: String, Sendable, Equatable, CaseIterable {
  case uniqueID = "unique-id"
  case visitCancelled = "visit-cancelled"
  case visitDates = "visit-dates"
  case endAfterStart = "end-after-start"
  case withinVisit = "within-visit"
  case realDate = "real-date"
  case realTime = "real-time"
  case timeZone = "time-zone"
  case text
  case alreadyAssigned = "already-assigned"
  case notAssigned = "not-assigned"
  case alreadyDone = "already-done"
  case notDone = "not-done"
  case withdrawn
  case appointmentCancelled = "appointment-cancelled"
  case signatories
  case persons
  case travelBuffer = "travel-buffer"
  case noChange = "no-change"
  case alreadyErased = "already-erased"
  /// A rank of precedence is a whole number from 1 to 999.
  case rank
  /// A language is an ISO 639-1 code.
  case language
  /// A travel leg lies within a week of the visit.
  case travelDates = "travel-dates"
  /// A gift's value is an amount in euros.
  case value
  /// `--strict`: the change would add a plan warning.
  case strict
  /// An imported event is not the one its command would record from the visit as it stands.
  case asDecided = "as-decided"
}

/// An input field of a command or read, by its domain name. Adapters map each to their own word:
/// the CLI to a flag or argument, the web interface to a form field.
public enum Field: String, Sendable, Equatable, CaseIterable {
  case visit, site, appointment, person, task, mou, travel, gift
  case title, titleDe, partner, from, to, timezone, direction, program, topic, organizer, travelBuffer
  case name, organization, address, note, internalNote, start, end, kind, host, noSite
  case side, function, email, phone, diet, access, rank, language
  case at, mode, number, pickup, description, value, disposition, year
  case signatory, date, place, commitment, owner, due, text
  case actor, reason, expectedVersion
  case by
  case asOf, since, until, changesSince, anchor
  case forPerson, audience
}

/// A rule's message, in which fields are named by the adapter that shows it:
/// `"\(field: .start) \(text) is not a real date and time"` reads `--start …` on the command line.
public struct RuleMessage: Sendable, Equatable, ExpressibleByStringInterpolation, CustomStringConvertible {
  enum Part: Sendable, Equatable {
    case text(String)
    case field(Field)
  }

  var parts: [Part]

  public init(stringLiteral value: String) { parts = [.text(value)] }

  public init(stringInterpolation: Interpolation) { parts = stringInterpolation.parts }

  public struct Interpolation: StringInterpolationProtocol {
    var parts: [Part] = []
    public init(literalCapacity: Int, interpolationCount: Int) {}
    public mutating func appendLiteral(_ literal: String) { parts.append(.text(literal)) }
    public mutating func appendInterpolation(field: Field) { parts.append(.field(field)) }
    public mutating func appendInterpolation<T>(_ value: T) { parts.append(.text("\(value)")) }
  }

  /// The text, each field named by `name`.
  public func render(_ name: (Field) -> String) -> String {
    parts.map { part in
      switch part {
      case .text(let t): return t
      case .field(let f): return name(f)
      }
    }.joined()
  }

  public var description: String { render { $0.rawValue } }

  public static func == (l: RuleMessage, r: RuleMessage) -> Bool {
    // Adjacent text parts compare as one, however the message was written.
    l.normalised == r.normalised
  }

  private var normalised: [Part] {
    var out: [Part] = []
    for p in parts {
      if case .text(let t) = p, case .text(let u)? = out.last {
        out[out.count - 1] = .text(u + t)
      } else if case .text("") = p {
        continue
      } else {
        out.append(p)
      }
    }
    return out
  }
}
