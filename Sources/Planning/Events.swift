/// Everything that can happen to a visit. Past tense; `docs/events.md` documents each type.
///
/// Each type is declared once, by its payload struct's `EventPayload` conformance (name in the log,
/// schema version) and its entry in `EventRegistry.types`; encoding, decoding, the audit's naming
/// and the docs check all read that declaration.
public enum Event: Sendable, Equatable {
  case visitScheduled(VisitScheduled)
  case visitRescheduled(VisitRescheduled)
  case visitCancelled(VisitCancelled)
  case visitUpdated(VisitUpdated)
  case siteAdded(SiteAdded)
  case siteUpdated(SiteUpdated)
  case appointmentScheduled(AppointmentScheduled)
  case appointmentMoved(AppointmentMoved)
  case appointmentCancelled(AppointmentCancelled)
  case appointmentUpdated(AppointmentUpdated)
  case attendeeRegistered(AttendeeRegistered)
  case attendeeWithdrawn(AttendeeWithdrawn)
  case attendeeUpdated(AttendeeUpdated)
  case attendeeAssigned(AttendeeAssigned)
  case attendeeUnassigned(AttendeeUnassigned)
  case personErased(PersonErased)
  case travelAdded(TravelAdded)
  case travelCancelled(TravelCancelled)
  case giftRecorded(GiftRecorded)
  case mouPlanned(MouPlanned)
  case mouSigned(MouSigned)
  case taskAdded(TaskAdded)
  case taskAssigned(TaskAssigned)
  case taskDueSet(TaskDueSet)
  case taskCompleted(TaskCompleted)
  case taskReopened(TaskReopened)
  case taskRetitled(TaskRetitled)
  case noteAdded(NoteAdded)
  case agendaPublished(AgendaPublished)
}

extension Event {
  /// The payload, which knows its type's name and schema version.
  public var payload: any EventPayload {
    switch self {
    case .visitScheduled(let p): return p
    case .visitRescheduled(let p): return p
    case .visitCancelled(let p): return p
    case .visitUpdated(let p): return p
    case .siteAdded(let p): return p
    case .siteUpdated(let p): return p
    case .appointmentScheduled(let p): return p
    case .appointmentMoved(let p): return p
    case .appointmentCancelled(let p): return p
    case .appointmentUpdated(let p): return p
    case .attendeeRegistered(let p): return p
    case .attendeeWithdrawn(let p): return p
    case .attendeeUpdated(let p): return p
    case .attendeeAssigned(let p): return p
    case .attendeeUnassigned(let p): return p
    case .personErased(let p): return p
    case .travelAdded(let p): return p
    case .travelCancelled(let p): return p
    case .giftRecorded(let p): return p
    case .mouPlanned(let p): return p
    case .mouSigned(let p): return p
    case .taskAdded(let p): return p
    case .taskAssigned(let p): return p
    case .taskDueSet(let p): return p
    case .taskCompleted(let p): return p
    case .taskReopened(let p): return p
    case .taskRetitled(let p): return p
    case .noteAdded(let p): return p
    case .agendaPublished(let p): return p
    }
  }

  /// The type name written to the log, such as `VisitScheduled`.
  public var typeName: String { type(of: payload).eventType }
}

/// Every event type this program reads and writes. A type missing here cannot be written
/// (`EventCodec.newEvent` refuses it) nor read; `docs/events.md` must list exactly these.
public enum EventRegistry {
  public static let types: [any EventPayload.Type] = [
    VisitScheduled.self,
    VisitRescheduled.self,
    VisitCancelled.self,
    VisitUpdated.self,
    SiteAdded.self,
    SiteUpdated.self,
    AppointmentScheduled.self,
    AppointmentMoved.self,
    AppointmentCancelled.self,
    AppointmentUpdated.self,
    AttendeeRegistered.self,
    AttendeeWithdrawn.self,
    AttendeeUpdated.self,
    AttendeeAssigned.self,
    AttendeeUnassigned.self,
    PersonErased.self,
    TravelAdded.self,
    TravelCancelled.self,
    GiftRecorded.self,
    MouPlanned.self,
    MouSigned.self,
    TaskAdded.self,
    TaskAssigned.self,
    TaskDueSet.self,
    TaskCompleted.self,
    TaskReopened.self,
    TaskRetitled.self,
    NoteAdded.self,
    AgendaPublished.self,
  ]

  /// The declaration of each type, by name.
  static let byName: [String: any EventPayload.Type] = Dictionary(
    uniqueKeysWithValues: types.map { ($0.eventType, $0) })
}
