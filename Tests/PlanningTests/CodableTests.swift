import EventLog
import Foundation
import Testing

@testable import Planning

/// `Visit` and the read models encode and decode to equal values (the snapshot cache relies on it).
@Suite("Codable read models")
struct CodableTests {
  static let events = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../events").standardized.path

  /// A visit of the sample store at `point`, with every record folded.
  static func sample(_ id: String, at point: Point? = nil) throws -> Visit {
    let store = FileEventStore(
      directory: events, clock: { Timestamp(milliseconds: 0) }, makeID: { _, _ in "" })
    return try Planner(store: store).load(id, at: point).visit
  }

  static func roundTrip<T: Codable & Equatable>(_ value: T, sourceLocation: SourceLocation = #_sourceLocation)
    throws
  {
    let data = try JSONEncoder().encode(value)
    let back = try JSONDecoder().decode(T.self, from: data)
    #expect(back == value, sourceLocation: sourceLocation)
  }

  @Test(
    "a replayed visit and every read model survive encoding and decoding",
    arguments: ["pittsburgh-2022", "dortmund-in-pittsburgh-2022", "icc-brussels-2023"])
  func replayed(id: String) throws {
    let visit = try Self.sample(id)
    try Self.roundTrip(visit)
    try Self.roundTrip(Itinerary(visit))
    try Self.roundTrip(AttendeeList(visit))
    try Self.roundTrip(TaskList([visit], today: visit.to, filter: .all))
    try Self.roundTrip(CatalogEntry(visit))
    try Self.roundTrip(visit.warnings)
    let earlier = try Self.sample(id, at: .seq(5))
    try Self.roundTrip(VisitDiff(from: earlier, to: visit))
    let head = StreamHead(seq: visit.version, hash: "ab", recorded: visit.lastChange.recorded)
    let agenda = Agenda(visit: visit, head: head, since: ("seq:5", earlier))
    let back = try JSONDecoder().decode(Agenda.self, from: try JSONEncoder().encode(agenda))
    #expect(back.days == agenda.days)
    #expect(back.changes == agenda.changes)
    #expect(back.contacts == agenda.contacts)
    #expect(back.head == agenda.head)
  }

  @Test("the head of an empty stream round-trips too")
  func emptyHead() throws {
    try Self.roundTrip(StreamHead())
    try Self.roundTrip(StreamHead(seq: 3, hash: "ab", recorded: Timestamp(milliseconds: 1_651_000_000_000)))
  }

  @Test("a decoded visit finds its entities by id again, and keeps their order")
  func keyedIndex() throws {
    let visit = try Self.sample("pittsburgh-2022")
    let back = try JSONDecoder().decode(Visit.self, from: try JSONEncoder().encode(visit))
    for a in visit.appointments { #expect(back.appointments[a.id] == a) }
    #expect(back.attendees.map(\.id) == visit.attendees.map(\.id))
    #expect(back.tasks == visit.tasks)
  }
}
