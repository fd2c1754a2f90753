import Planning

/// Words for the rule warnings of a plan, in either language.
public enum WarningText {
  /// One sentence about a warning, naming the appointments by title and time and the people by name.
  public static func describe(_ w: PlanWarning, in v: Visit, _ l: Labels) -> String {
    func appt(_ id: String) -> String {
      guard let a = v.appointments[id] else { return id }
      return "\(l.quoted(a.title)) (\(a.start.clock)–\(a.end.clock))"
    }
    func person(_ id: String) -> String { v.attendees[id].map { l.name(of: $0.personal) } ?? id }
    let names = w.persons.map(person).joined(separator: ", ")
    let a = w.appointments.map(appt)
    switch w.rule {
    case .doubleBooked: return l[phrase: .doubleBooked(persons: names, appointments: a)]
    case .parallelSites: return l[phrase: .parallelSites(appointments: a, persons: names)]
    case .travelBuffer:
      return l[phrase: .travelBuffer(minutes: w.minutes ?? 0, appointments: a, buffer: v.travelBuffer)]
    case .noDelegation: return l[phrase: .noDelegation(appointment: a.first ?? "")]
    case .beforeArrival: return l[phrase: .beforeArrival(appointment: a.first ?? "", persons: names)]
    case .afterDeparture: return l[phrase: .afterDeparture(appointment: a.first ?? "", persons: names)]
    case .transferWithoutTravel:
      return l[phrase: .transferWithoutTravel(appointment: a.first ?? "", persons: names)]
    case .interpreterNeeded:
      let spoken = w.persons.map { id in
        let codes = v.attendees[id]?.personal.spoken.joined(separator: "/") ?? ""
        return codes.isEmpty ? person(id) : "\(person(id)) (\(codes))"
      }
      return l[
        phrase: .interpreterNeeded(appointment: a.first ?? "", persons: spoken.joined(separator: ", "))]
    }
  }
}
