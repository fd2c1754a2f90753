import Planning

/// Words for the rule warnings of a plan, in either language.
public enum WarningText {
  /// One sentence about a warning, naming the appointments by title and time and the people by name.
  public static func describe(_ w: PlanWarning, in v: Visit, _ l: Labels) -> String {
    func appt(_ id: String) -> String {
      guard let a = v.appointments[id] else { return id }
      return "'\(a.title)' (\(a.start.clock)–\(a.end.clock))"
    }
    func person(_ id: String) -> String { v.attendees[id]?.personal.name ?? id }
    let names = w.persons.map(person).joined(separator: ", ")
    let a = w.appointments.map(appt)
    let de = l.language == .de
    switch w.rule {
    case .doubleBooked:
      return de
        ? "\(names) ist zwei sich überschneidenden Terminen zugeordnet: \(a.joined(separator: " und "))"
        : "\(names) assigned to overlapping appointments \(a.joined(separator: " and "))"
    case .parallelSites:
      return de
        ? "\(a.joined(separator: " und ")) überschneiden sich an verschiedenen Orten, gemeinsam: \(names)"
        : "\(a.joined(separator: " and ")) overlap at different sites, shared by \(names)"
    case .travelBuffer:
      let m = w.minutes ?? 0
      return de
        ? "nur \(m) Min. zwischen \(a.joined(separator: " und ")) an verschiedenen Orten (Puffer \(v.travelBuffer) Min.)"
        : "only \(m) min between \(a.joined(separator: " and ")) at different sites (buffer \(v.travelBuffer) min)"
    case .noDelegation:
      return de
        ? "an \(a.first ?? "") nimmt niemand aus der Delegation teil"
        : "nobody from the delegation attends \(a.first ?? "")"
    }
  }
}
