/// A rule warning about a plan: not a refusal, but something the office should look at.
public struct PlanWarning: Sendable, Hashable, Codable {
  public enum Rule: String, Sendable, Codable, CaseIterable {
    /// A person is assigned to two appointments that overlap.
    case doubleBooked = "double-booked"
    /// Two appointments at different sites overlap and share a host or attendee.
    case parallelSites = "parallel-sites"
    /// Less than the travel buffer between consecutive appointments at different sites (an
    /// appointment without a site in between, such as a transfer, is the travel).
    case travelBuffer = "travel-buffer"
    /// An appointment no member of the delegation attends.
    case noDelegation = "no-delegation"
    /// Two people at an appointment share no language, and no interpreter there speaks a language
    /// of each (only people whose languages are known count).
    case interpreterNeeded = "interpreter-needed"
    /// People assigned to an appointment that starts before they arrive (their first arrival).
    case beforeArrival = "before-arrival"
    /// People assigned to an appointment that ends after they leave (their last departure).
    case afterDeparture = "after-departure"
    /// Travellers (the delegation; on an outgoing visit our staff too) assigned to a transfer who
    /// have no travel leg, in a visit that records travel legs at all.
    case transferWithoutTravel = "transfer-without-travel"
  }

  public var rule: Rule
  /// The appointments involved, in order of start.
  public var appointments: [String]
  /// Person ids (or, for hosts, host names) involved.
  public var persons: [String]
  /// For `travel-buffer`: minutes between the two appointments.
  public var minutes: Int?
}

extension Visit {
  /// Every warning for the current plan, in a stable order: by the first appointment named, and for
  /// one appointment overlaps first, then the travel buffer, then the delegation check.
  public var warnings: [PlanWarning] {
    guard status != .cancelled else { return [] }
    let active = activeAppointments
    var found: [PlanWarning] = []
    // Each traveller's first arrival and last departure.
    var arrives: [String: Int64] = [:]
    var leaves: [String: Int64] = [:]
    for t in travel where !t.cancelled {
      for p in t.persons {
        switch t.direction {
        case .arrival: arrives[p] = min(arrives[p] ?? t.instant, t.instant)
        case .departure: leaves[p] = max(leaves[p] ?? t.instant, t.instant)
        }
      }
    }
    let recordsTravel = !(arrives.isEmpty && leaves.isEmpty)
    let knowsLanguages = attendees.contains { !$0.personal.spoken.isEmpty }
    for (i, a) in active.enumerated() {
      for b in active[(i + 1)...] where b.startInstant < a.endInstant && a.startInstant < b.endInstant {
        let sharedPeople = a.attendees.filter { b.attendees.contains($0) }
        let sharedHosts = a.hosts.filter { b.hosts.contains($0) }
        if let sa = a.site, let sb = b.site, sa != sb, !(sharedPeople.isEmpty && sharedHosts.isEmpty) {
          found.append(
            PlanWarning(
              rule: .parallelSites, appointments: [a.id, b.id], persons: sharedPeople + sharedHosts))
        } else if !sharedPeople.isEmpty {
          found.append(PlanWarning(rule: .doubleBooked, appointments: [a.id, b.id], persons: sharedPeople))
        }
      }
      if i + 1 < active.count {
        let b = active[i + 1]
        if let sa = a.site, let sb = b.site, sa != sb {
          let gap = Int((b.startInstant - a.endInstant) / 60)
          // Overlapping appointments are parallel tracks: double-booked and parallel-sites cover
          // them when they share people.
          if gap >= 0 && gap < travelBuffer {
            found.append(
              PlanWarning(rule: .travelBuffer, appointments: [a.id, b.id], persons: [], minutes: gap))
          }
        }
      }
      let delegation = a.attendees.contains { attendees[$0]?.side == .delegation }
      if !delegation {
        found.append(PlanWarning(rule: .noDelegation, appointments: [a.id], persons: []))
      }
      // Travel and languages are checked only in a visit that records them (warnings are worked out
      // before and after every write).
      let present = recordsTravel ? attending(a).map(\.id) : []
      let early = present.filter { arrives[$0].map { a.startInstant < $0 } ?? false }
      if !early.isEmpty {
        found.append(PlanWarning(rule: .beforeArrival, appointments: [a.id], persons: early))
      }
      let late = present.filter { leaves[$0].map { a.endInstant > $0 } ?? false }
      if !late.isEmpty {
        found.append(PlanWarning(rule: .afterDeparture, appointments: [a.id], persons: late))
      }
      if a.kind == .transfer && recordsTravel {
        let travelling: Set<Side> = direction == .incoming ? [.delegation] : [.delegation, .staff]
        let unbooked = present.filter {
          arrives[$0] == nil && leaves[$0] == nil
            && attendees[$0].map { travelling.contains($0.side) } == true
        }
        if !unbooked.isEmpty {
          found.append(PlanWarning(rule: .transferWithoutTravel, appointments: [a.id], persons: unbooked))
        }
      }
      let unbridged = knowsLanguages ? unbridgedSpeakers(at: a) : []
      if !unbridged.isEmpty {
        found.append(PlanWarning(rule: .interpreterNeeded, appointments: [a.id], persons: unbridged))
      }
    }
    return found
  }

  /// Whether `warnings` gives the same for `other`: every field it reads is the same. Lists an event
  /// left alone share their storage and compare in constant time, so a write that does not touch
  /// the plan (a note, a task, a publication) works out no warnings at all.
  func givesSameWarnings(as other: Visit) -> Bool {
    status == other.status && travelBuffer == other.travelBuffer && direction == other.direction
      && appointments.items == other.appointments.items && attendees.items == other.attendees.items
      && travel.items == other.travel.items
  }

  /// Everybody at an appointment (attending, or hosting as a person of the visit) who shares no
  /// language with somebody else there, with no interpreter there speaking a language of both; in
  /// the order of precedence.
  func unbridgedSpeakers(at a: Appointment) -> [String] {
    let present = (attending(a) + a.hosts.compactMap { attendees[$0] }.filter { !$0.withdrawn })
    let interpreters = present.filter { $0.side == .interpreter }.map { Set($0.personal.spoken) }
    var seen = Set<String>()
    let speakers = present.filter {
      $0.side != .interpreter && !$0.personal.spoken.isEmpty && seen.insert($0.id).inserted
    }
    var involved = Set<String>()
    for (i, x) in speakers.enumerated() {
      let xs = Set(x.personal.spoken)
      for y in speakers[(i + 1)...] {
        let ys = Set(y.personal.spoken)
        guard xs.isDisjoint(with: ys) else { continue }
        if !interpreters.contains(where: { !$0.isDisjoint(with: xs) && !$0.isDisjoint(with: ys) }) {
          involved.insert(x.id)
          involved.insert(y.id)
        }
      }
    }
    return speakers.map(\.id).filter(involved.contains)
  }

  /// The languages an appointment needs: the one language everybody there with known languages
  /// speaks (the first such in the order of the highest-ranking one's list), or else each one's
  /// first language; sorted, none when nobody's languages are known.
  public func languagesNeeded(at a: Appointment) -> [String] {
    let present = attending(a).filter { !$0.personal.spoken.isEmpty }
    guard let first = present.first else { return [] }
    if let common = first.personal.spoken.first(where: { l in
      present.allSatisfy { $0.personal.spoken.contains(l) }
    }) {
      return [common]
    }
    return Array(Set(present.compactMap { $0.personal.spoken.first })).sorted()
  }
}
