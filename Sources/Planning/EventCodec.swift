import EventLog

/// Maps events to log records and back: type names, schema versions and payloads.
public enum EventCodec {
  /// Every event type with the schema version this program writes (and the newest it reads).
  public static let types: [(name: String, version: Int)] = [
    ("VisitScheduled", 1), ("VisitRescheduled", 1), ("VisitCancelled", 1), ("SiteAdded", 1),
    ("AppointmentScheduled", 1), ("AppointmentMoved", 1), ("AppointmentCancelled", 1),
    ("AttendeeRegistered", 1), ("AttendeeWithdrawn", 1), ("AttendeeAssigned", 1), ("AttendeeUnassigned", 1),
    ("MouSigned", 1), ("TaskAdded", 1), ("TaskAssigned", 1), ("TaskDueSet", 1), ("TaskCompleted", 1),
    ("TaskReopened", 1), ("NoteAdded", 1), ("AgendaPublished", 1),
  ]

  /// The type name of an event.
  public static func typeName(_ e: Event) -> String {
    switch e {
    case .visitScheduled: return "VisitScheduled"
    case .visitRescheduled: return "VisitRescheduled"
    case .visitCancelled: return "VisitCancelled"
    case .siteAdded: return "SiteAdded"
    case .appointmentScheduled: return "AppointmentScheduled"
    case .appointmentMoved: return "AppointmentMoved"
    case .appointmentCancelled: return "AppointmentCancelled"
    case .attendeeRegistered: return "AttendeeRegistered"
    case .attendeeWithdrawn: return "AttendeeWithdrawn"
    case .attendeeAssigned: return "AttendeeAssigned"
    case .attendeeUnassigned: return "AttendeeUnassigned"
    case .mouSigned: return "MouSigned"
    case .taskAdded: return "TaskAdded"
    case .taskAssigned: return "TaskAssigned"
    case .taskDueSet: return "TaskDueSet"
    case .taskCompleted: return "TaskCompleted"
    case .taskReopened: return "TaskReopened"
    case .noteAdded: return "NoteAdded"
    case .agendaPublished: return "AgendaPublished"
    }
  }

  /// The payload of an event as a JSON object.
  public static func data(_ e: Event) throws -> [String: JSONValue] {
    let encoder = JSONValueEncoder()
    let value: JSONValue
    switch e {
    case .visitScheduled(let p): value = try encoder.encode(p)
    case .visitRescheduled(let p): value = try encoder.encode(p)
    case .visitCancelled(let p): value = try encoder.encode(p)
    case .siteAdded(let p): value = try encoder.encode(p)
    case .appointmentScheduled(let p): value = try encoder.encode(p)
    case .appointmentMoved(let p): value = try encoder.encode(p)
    case .appointmentCancelled(let p): value = try encoder.encode(p)
    case .attendeeRegistered(let p): value = try encoder.encode(p)
    case .attendeeWithdrawn(let p): value = try encoder.encode(p)
    case .attendeeAssigned(let p): value = try encoder.encode(p)
    case .attendeeUnassigned(let p): value = try encoder.encode(p)
    case .mouSigned(let p): value = try encoder.encode(p)
    case .taskAdded(let p): value = try encoder.encode(p)
    case .taskAssigned(let p): value = try encoder.encode(p)
    case .taskDueSet(let p): value = try encoder.encode(p)
    case .taskCompleted(let p): value = try encoder.encode(p)
    case .taskReopened(let p): value = try encoder.encode(p)
    case .noteAdded(let p): value = try encoder.encode(p)
    case .agendaPublished(let p): value = try encoder.encode(p)
    }
    return value.objectValue ?? [:]
  }

  /// A new log event for `e`, stamped with who and why.
  public static func newEvent(_ e: Event, actor: String, reason: String?, correlation: String? = nil) throws
    -> NewEvent
  {
    NewEvent(
      type: typeName(e), version: 1, actor: actor, reason: reason, correlation: correlation, data: try data(e)
    )
  }

  /// The event a record holds.
  ///
  /// - Throws: `PlanningError.unreadableEvent` naming `file:line` (line = seq) and the field at fault, for an unknown
  ///   type, a newer schema version, or a payload that does not fit its type.
  public static func decode(_ r: EventRecord, file: String = "event") throws(PlanningError) -> Event {
    let at = "\(file):\(r.seq)"
    guard let known = types.first(where: { $0.name == r.type }) else {
      throw .unreadableEvent(at: at, reason: "unknown event type '\(r.type)'")
    }
    guard r.version <= known.version else {
      throw .unreadableEvent(
        at: at, reason: "\(r.type) version \(r.version) is newer than this program reads (\(known.version))")
    }
    let d = JSONValueDecoder()
    let v = JSONValue.object(r.data)
    do {
      switch r.type {
      case "VisitScheduled": return .visitScheduled(try d.decode(VisitScheduled.self, from: v))
      case "VisitRescheduled": return .visitRescheduled(try d.decode(VisitRescheduled.self, from: v))
      case "VisitCancelled": return .visitCancelled(try d.decode(VisitCancelled.self, from: v))
      case "SiteAdded": return .siteAdded(try d.decode(SiteAdded.self, from: v))
      case "AppointmentScheduled":
        return .appointmentScheduled(try d.decode(AppointmentScheduled.self, from: v))
      case "AppointmentMoved": return .appointmentMoved(try d.decode(AppointmentMoved.self, from: v))
      case "AppointmentCancelled":
        return .appointmentCancelled(try d.decode(AppointmentCancelled.self, from: v))
      case "AttendeeRegistered": return .attendeeRegistered(try d.decode(AttendeeRegistered.self, from: v))
      case "AttendeeWithdrawn": return .attendeeWithdrawn(try d.decode(AttendeeWithdrawn.self, from: v))
      case "AttendeeAssigned": return .attendeeAssigned(try d.decode(AttendeeAssigned.self, from: v))
      case "AttendeeUnassigned": return .attendeeUnassigned(try d.decode(AttendeeUnassigned.self, from: v))
      case "MouSigned": return .mouSigned(try d.decode(MouSigned.self, from: v))
      case "TaskAdded": return .taskAdded(try d.decode(TaskAdded.self, from: v))
      case "TaskAssigned": return .taskAssigned(try d.decode(TaskAssigned.self, from: v))
      case "TaskDueSet": return .taskDueSet(try d.decode(TaskDueSet.self, from: v))
      case "TaskCompleted": return .taskCompleted(try d.decode(TaskCompleted.self, from: v))
      case "TaskReopened": return .taskReopened(try d.decode(TaskReopened.self, from: v))
      case "NoteAdded": return .noteAdded(try d.decode(NoteAdded.self, from: v))
      default: return .agendaPublished(try d.decode(AgendaPublished.self, from: v))
      }
    } catch {
      throw .unreadableEvent(at: at, reason: "\(r.type): " + describeCodingError(error))
    }
  }
}
