import EventLog
import Foundation
import TestSupport
import Testing

@testable import Planning

/// The snapshot's binary layout (`SnapshotCodable`) and the shortcut that skips plan warnings for a
/// write that leaves the plan alone, both on the visits random command sequences make.
@Suite("Snapshot layout and warning shortcut")
struct SnapshotCodingTests {
  /// A visit after each accepted event of one random sequence, and the event that made it.
  static func steps(seed: UInt64, count: Int) -> [(event: Event, visit: Visit)] {
    var generator = CommandGenerator(rng: SplitMix64(seed: seed))
    var model: Visit?
    var out: [(event: Event, visit: Visit)] = []
    var attempts = 0
    while out.count < count, attempts < count * 6 {
      attempts += 1
      let command = model.map { generator.next(for: $0) } ?? generator.schedule()
      guard let events = try? Decide.decide(command, visit: "v", state: model) else { continue }
      let actor = generator.rng.pick(["anna", "jan", "Zoë Müller"])
      let reason = generator.maybeText(30)
      for event in events {
        let meta = EventMeta(
          seq: out.count + 1, recorded: Timestamp(milliseconds: 1_650_000_000_000 + Int64(attempts) * 1013),
          actor: actor, reason: reason)
        if model == nil {
          model = Visit.start(id: "v", with: event, meta: meta)
        } else {
          model?.apply(event, meta: meta)
        }
        if let model { out.append((event, model)) }
      }
    }
    return out
  }

  static func body(_ visit: Visit, seq: Int) -> SnapshotCache.Body {
    SnapshotCache.Body(
      key: "snapshot test; Zoë",
      position: StreamPosition(
        seq: seq, hash: String(repeating: "ab", count: 32), recorded: Timestamp(milliseconds: -1),
        length: 1 << 40),
      visit: visit)
  }

  @Test("every visit comes back equal from its bytes")
  func roundTrip() throws {
    var visits: [Visit] = []
    for index in 0..<8 {
      let steps = Self.steps(seed: 0x5A95_0000 + UInt64(index), count: 120)
      #expect(steps.count >= 40)
      for (i, step) in steps.enumerated() {
        let body = Self.body(step.visit, seq: i)
        #expect(SnapshotCache.Body.read(body.bytes[...]) == body, "seed \(index), step \(i)")
      }
      visits += steps.map(\.visit)
    }
    // The sequences reach what the layout has to carry, or the round trip says little.
    #expect(visits.count >= 600)
    #expect(visits.contains { !$0.taskProgress.isEmpty })
    #expect(visits.contains { $0.attendees.contains { $0.personal.languages != nil } })
    #expect(visits.contains { $0.attendees.contains { $0.personal.isErased } })
    #expect(visits.contains { !$0.travel.items.isEmpty && !$0.gifts.items.isEmpty && !$0.mous.items.isEmpty })
    #expect(visits.contains { $0.manualTasks.contains { $0.due != nil } })
    #expect(visits.contains { $0.mous.contains { $0.isPlanned } })
  }

  @Test("bytes cut short or with a byte changed are refused or read, never a trap")
  func damagedBytes() throws {
    let visit = try #require(Self.steps(seed: 0x5A95_1000, count: 60).last?.visit)
    let bytes = Self.body(visit, seq: 60).bytes
    // Every byte is needed: any shorter prefix is refused, and so is a byte more.
    for end in 0..<bytes.count {
      #expect(SnapshotCache.Body.read(bytes[0..<end]) == nil, "cut at \(end)")
    }
    #expect(SnapshotCache.Body.read((bytes + [0])[...]) == nil)
    var rng = SplitMix64(seed: 0xF11B)
    var refused = 0
    for _ in 0..<2000 {
      var damaged = bytes
      let at = rng.int(0...(bytes.count - 1))
      damaged[at] ^= UInt8(rng.int(1...255))
      // A changed byte may still read as some visit (the MAC is what refuses it in a file); the
      // reader must only never trap or run past the end.
      if SnapshotCache.Body.read(damaged[...]) == nil { refused += 1 }
    }
    #expect(refused > 500)
  }

  @Test(
    "a write that leaves the plan alone adds no warning, and the shortcut never hides one", arguments: 0..<6)
  func warningShortcut(_ index: Int) throws {
    let steps = Self.steps(seed: 0xA7A7_0000 + UInt64(index), count: 150)
    var skipped = 0
    var changed = 0
    for (before, after) in zip(steps, steps.dropFirst()) {
      if before.visit.givesSameWarnings(as: after.visit) {
        skipped += 1
        #expect(before.visit.warnings == after.visit.warnings, "seed \(index), \(after.event)")
      } else if before.visit.warnings != after.visit.warnings {
        changed += 1
      }
    }
    // Both kinds of write happen: the property is tested on both sides.
    #expect(skipped >= 10)
    #expect(changed >= 5)
  }

  @Test("a visit's warning inputs each count: changing one is seen")
  func eachInputCounts() throws {
    let visit = try #require(Self.steps(seed: 0x5A95_2000, count: 80).last?.visit)
    #expect(visit.givesSameWarnings(as: visit))
    var changes: [(String, (inout Visit) -> Void)] = [
      ("status", { $0.status = $0.status == .planned ? .cancelled : .planned }),
      ("travel buffer", { $0.travelBuffer += 1 }),
      ("direction", { $0.direction = $0.direction == .incoming ? .outgoing : .incoming }),
    ]
    if let a = visit.appointments.items.first {
      changes.append(("appointment", { $0.appointments[a.id]?.endInstant += 60 }))
    }
    if let p = visit.attendees.items.first {
      changes.append(("attendee", { $0.attendees[p.id]?.withdrawn.toggle() }))
    }
    changes.append(
      (
        "travel",
        {
          $0.travel["t-new"] = Travel(
            id: "t-new", persons: [], direction: .arrival, at: LocalDateTime(date: $0.from, minutes: 0),
            instant: 0)
        }
      ))
    #expect(changes.count == 6)
    for (name, change) in changes {
      var other = visit
      change(&other)
      #expect(!visit.givesSameWarnings(as: other), "\(name)")
    }
    // What warnings do not read leaves them alike.
    var noted = visit
    noted.notes.append(Note(text: "x", meta: visit.lastChange))
    noted.version += 1
    #expect(visit.givesSameWarnings(as: noted))
  }
}
