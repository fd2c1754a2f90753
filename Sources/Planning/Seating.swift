/// The order of precedence at one appointment, for a receiving line or a table (`seating`).
///
/// The convention (Sitzordnung nach Protokoll): the principal host first, the principal guest at
/// the host's right, then the host's and the guests' sides alternately, each in its order of
/// precedence (side, then rank, then name: `Attendee.precedes`); when one side has nobody left,
/// the other's follow. On an incoming visit the host's side is the hosts and our staff, on an
/// outgoing one the partner's hosts (our staff travel with the delegation). Interpreters and the
/// press are not in the order; they are listed apart.
public struct Seating: Sendable, Equatable {
  public enum Role: String, Sendable, Equatable, CaseIterable {
    case principalHost = "principal-host"
    case principalGuest = "principal-guest"
    case hostSide = "host-side"
    case guestSide = "guest-side"
  }

  public struct Place: Sendable, Equatable {
    /// 1 for the principal host, 2 for the principal guest, and so on.
    public var number: Int
    public var role: Role
    public var attendee: Attendee
  }

  public var visit: Visit
  public var appointment: Appointment
  public var places: [Place]
  /// Interpreters and press at the appointment, in the order of precedence.
  public var apart: [Attendee]

  /// - Parameter appointment: its attendees and the hosts that are people of the visit are seated.
  public init(_ v: Visit, appointment a: Appointment) {
    visit = v
    appointment = a
    var people = v.attending(a)
    for host in a.hosts {
      if let p = v.attendees[host], !p.withdrawn, !people.contains(where: { $0.id == host }) {
        people.append(p)
      }
    }
    people.sort(by: Attendee.precedes)
    let hostSides: Set<Side> = v.direction == .incoming ? [.host, .staff] : [.host]
    let guestSides: Set<Side> = v.direction == .incoming ? [.delegation] : [.delegation, .staff]
    let hosts = people.filter { hostSides.contains($0.side) }
    let guests = people.filter { guestSides.contains($0.side) }
    apart = people.filter { !hostSides.contains($0.side) && !guestSides.contains($0.side) }
    var places: [Place] = []
    for i in 0..<max(hosts.count, guests.count) {
      if i < hosts.count {
        places.append(
          Place(number: places.count + 1, role: i == 0 ? .principalHost : .hostSide, attendee: hosts[i]))
      }
      if i < guests.count {
        places.append(
          Place(number: places.count + 1, role: i == 0 ? .principalGuest : .guestSide, attendee: guests[i]))
      }
    }
    self.places = places
  }
}
