import Foundation
import TestSupport
import Testing

@testable import EventLog
import Planning

@Suite("Audit and time travel")
struct TimeTravelTests {
  /// A visit planned over several days by two people, with recorded times set by `VISITS_NOW`.
  func planned() throws -> CLIStore {
    let store = CLIStore()
    let steps: [(String, String, [String])] = [
      (
        "2022-04-01T09:00:00.000Z", "anna",
        ["schedule", "v", "--title", "Visit", "--partner", "P", "--from", "2022-05-02", "--to", "2022-05-04"]
      ),
      ("2022-04-01T09:05:00.000Z", "anna", ["add-site", "v", "dew21", "--name", "DEW21"]),
      (
        "2022-04-01T09:10:00.000Z", "anna",
        [
          "add-appointment", "v", "visit-dew21", "--title", "Visit to DEW21",
          "--start", "2022-05-02T14:00", "--end", "2022-05-02T15:30", "--site", "dew21", "--kind",
          "site-visit",
        ]
      ),
      ("2022-04-01T09:15:00.000Z", "anna", ["add-attendee", "v", "p1", "--name", "Jane Roe"]),
      ("2022-04-02T10:00:00.000Z", "anna", ["publish", "v"]),
      (
        "2022-04-20T10:00:00.000Z", "ben",
        [
          "move-appointment", "v", "visit-dew21", "--start", "2022-05-02T15:00",
          "--end", "2022-05-02T16:30", "--reason", "DEW21 asked for a later start",
        ]
      ),
      ("2022-04-20T10:05:00.000Z", "ben", ["add-attendee", "v", "p2", "--name", "John Doe"]),
      ("2022-04-21T08:00:00.000Z", "anna", ["withdraw-attendee", "v", "p1", "--reason", "illness"]),
      ("2022-04-21T08:05:00.000Z", "ben", ["assign", "v", "visit-dew21", "p2"]),
      ("2022-04-22T12:00:00.000Z", "anna", ["publish", "v", "--note", "final"]),
      ("2022-04-23T12:00:00.000Z", "ben", ["note", "v", "--text", "after publishing"]),
    ]
    for (now, actor, args) in steps {
      let r = try store.run(args, environment: ["VISITS_NOW": now, "VISITS_ACTOR": actor])
      guard r.code == 0 else { throw CLIFailure(args: args, result: r) }
    }
    return store
  }

  @Test("audit --actor lists exactly that actor's changes, with reasons and old → new")
  func auditByActor() throws {
    let store = try planned()
    let r = try store.run(["audit", "v", "--actor", "ben", "--format", "json"])
    #expect(r.code == 0)
    let entries = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [[String: Any]])
    #expect(entries.map { $0["seq"] as? Int } == [6, 7, 9, 11])
    #expect(entries.allSatisfy { $0["actor"] as? String == "ben" })
    let text = try store.run(["audit", "v", "--actor", "ben"]).out
    #expect(text.contains("moved 'Visit to DEW21' from Mon 2 May 14:00–15:30 to 15:00–16:30"))
    #expect(text.contains("why: DEW21 asked for a later start"))
    #expect(text.contains("start: 2022-05-02 14:00 → 2022-05-02 15:00"))
    #expect(!text.contains("anna"))
    let de = try store.run(["audit", "v", "--actor", "ben", "--lang", "de"]).out
    #expect(de.contains("verschob „Visit to DEW21“ von Mo. 2. Mai 14:00–15:30 auf 15:00–16:30"))
    #expect(de.contains("warum: DEW21 asked for a later start"))
    #expect(de.contains("Beginn: 02.05.2022, 14:00 → 02.05.2022, 15:00"))
  }

  @Test("audit --since and --until bound the entries; all visits are merged in recorded order")
  func auditWindow() throws {
    let store = try planned()
    let r = try store.run([
      "audit", "--since", "2022-04-20T00:00:00Z", "--until", "2022-04-21T23:59:59Z", "--format", "csv",
    ])
    #expect(r.code == 0)
    let rows = r.out.components(separatedBy: "\r\n").filter { !$0.isEmpty }
    #expect(rows.first == "recorded,visit,seq,actor,type,summary,reason,changes")
    #expect(rows.dropFirst().map { $0.split(separator: ",")[2] } == ["6", "7", "8", "9"])
    let bad = try store.run(["audit", "--since", "seq:3"])
    #expect(bad.code == 64)
  }

  @Test("--as-of before a move shows the old time; every form of POINT")
  func asOf() throws {
    let store = try planned()
    for (point, time) in [
      ("seq:5", "14:00–15:30"), ("v:1", "14:00–15:30"), ("2022-04-19", "14:00–15:30"),
      ("2022-04-20T09:59:59Z", "14:00–15:30"), ("2022-04-20T12:00+02:00", "15:00–16:30"),
      ("v:2", "15:00–16:30"),
    ] {
      let r = try store.run(["itinerary", "v", "--as-of", point])
      #expect(r.code == 0, "\(point): \(r.err)")
      #expect(r.out.contains("\(time)  visit-dew21  Visit to DEW21"), "\(point)")
    }
    let before = try store.run(["show", "v", "--as-of", "2022-03-01"])
    #expect(before.code == 66)
    #expect(before.err == "visits: visit v was not yet scheduled at 2022-03-01\n")
    let attendees = try store.run(["attendees", "v", "--as-of", "v:1"]).out
    #expect(attendees.contains("Jane Roe") && !attendees.contains("John Doe"))
    #expect(attendees.contains("as of event 5 · head "))
  }

  @Test("diff between the first and last published versions names every change in between")
  func diffBetweenVersions() throws {
    let store = try planned()
    let r = try store.run(["diff", "v", "--from", "v:1", "--to", "v:2"])
    #expect(r.code == 0)
    #expect(
      r.out == """
        Changes to Visit between v:1 and v:2:
          moved: 'Visit to DEW21' Mon 2 May 14:00–15:30 → Mon 2 May 15:00–16:30 (also: attendees)
          attendee added: John Doe
          attendee withdrawn: Jane Roe

        """)
    let json = try store.run(["diff", "v", "--from", "v:1", "--to", "v:2", "--format", "json"])
    let o = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
    #expect(o["attendeesAdded"] as? [String] == ["p2"])
    #expect((o["appointments"] as? [[String: Any]])?.first?["change"] as? String == "moved")
  }

  @Test("history of one entity")
  func history() throws {
    let store = try planned()
    let r = try store.run(["history", "v", "p2"])
    #expect(r.code == 0)
    #expect(r.out.split(separator: "\n").filter { $0.hasPrefix("2022-") }.count == 2)
    #expect(try store.run(["history", "v", "nobody"]).code == 66)
  }

  @Test("--anchor passes for an earlier state and fails once the log is rewritten from there on")
  func anchor() throws {
    let store = try planned()
    let show = try store.run(["show", "v", "--as-of", "seq:6", "--format", "json"])
    let anchor = try #require(
      (try JSONSerialization.jsonObject(with: Data(show.out.utf8)) as? [String: Any])?["anchor"]
        as? [String: Any])
    let hash = try #require(anchor["head"] as? String)
    #expect(try store.run(["verify", "v", "--anchor", hash]).code == 0)
    #expect(try store.run(["verify", "v", "--anchor", String(hash.prefix(12))]).code == 0)

    // Rewrite from seq 6 on: same length, other content, every hash recomputed, so the file verifies.
    let path = store.path("v")
    let original = try Data(contentsOf: URL(fileURLWithPath: path))
    var lines = original.split(separator: 0x0A).map { String(decoding: $0, as: UTF8.self) }
    var prev = ""
    for i in lines.indices {
      guard case .success(var r) = EventRecord.decode(line: Array(lines[i].utf8)) else {
        Issue.record("bad line"); return
      }
      if i >= 5 {
        if i == 5 {
          r.reason = "DEW21 asked for a later start".replacingOccurrences(of: "later", with: "LATER")
        }
        r.prev = prev
        lines[i] = String(decoding: r.seal().dropLast(), as: UTF8.self)
      }
      prev = i >= 5 ? r.hash : r.hash
    }
    let rewritten = Data((lines.joined(separator: "\n") + "\n").utf8)
    #expect(rewritten.count == original.count)
    try rewritten.write(to: URL(fileURLWithPath: path))
    // The store's own record of where the stream last ended notices the rewrite …
    let caught = try store.run(["verify", "v"])
    #expect(caught.code == 65 && caught.err.contains("rewritten"), "\(caught.err)")
    // … and without it (someone who also deleted .cache/), the anchor still does.
    try FileManager.default.removeItem(atPath: store.directory + "/.cache")
    #expect(try store.run(["verify", "v"]).code == 0)
    let r = try store.run(["verify", "v", "--anchor", hash])
    #expect(r.code == 65)
    #expect(r.err.contains("anchor \(hash) is not in the log of v"))
    #expect(try store.run(["verify", "v", "--anchor", "xyz"]).code == 64)
  }

  @Test(
    "audit of a visit with 10,000 events streams: peak memory does not grow with the trail",
    .enabled(
      if: Tools.hasPythonModule("resource"), "skipped: python3 is missing (it measures the peak memory)"))
  func auditStreams() throws {
    var peaks: [Int: Int] = [:]
    var sizes: [Int: Int] = [:]
    for n in [2_500, 10_000] {
      let store = CLIStore()
      try writeMoves(into: store.directory, count: n)
      let script = """
        import resource, subprocess, sys
        out = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, check=True).stdout
        print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, len(out))
        """
      let r = try Tools.python(script, [visitsBinary.path, "--store", store.directory, "audit", "v"]).out
      let parts = r.split(separator: " ").compactMap {
        Int($0.trimmingCharacters(in: .whitespacesAndNewlines))
      }
      peaks[n] = parts.first
      sizes[n] = parts.last
    }
    let growthKiB = (peaks[10_000] ?? 0) - (peaks[2_500] ?? 0)
    let outputGrowthKiB = ((sizes[10_000] ?? 0) - (sizes[2_500] ?? 0)) / 1024
    // 7,500 more entries print over a megabyte more; held in memory they would cost several times that.
    #expect(outputGrowthKiB > 1000)
    print(
      "audit of 2,500 and 10,000 events: peak RSS \(peaks[2_500] ?? 0) and \(peaks[10_000] ?? 0) KiB, output \(sizes[2_500] ?? 0) and \(sizes[10_000] ?? 0) bytes"
    )
    #expect(
      growthKiB < outputGrowthKiB, "peak RSS grew \(growthKiB) KiB for \(outputGrowthKiB) KiB more output")
  }

  /// 2 May 2022 at `hour`:00.
  func may2(hour: Int) -> LocalDateTime {
    LocalDateTime(date: LocalDate(year: 2022, month: 5, day: 2), minutes: hour * 60)
  }

  /// A visit with one appointment moved back and forth: `count` events in batches of 50, state of
  /// constant size. Lines are sealed here directly: appending through the store would re-read the
  /// stream on every batch.
  func writeMoves(into directory: String, count: Int) throws {
    var events: [Event] = [
      .visitScheduled(
        VisitScheduled(
          title: "T", partner: "P", from: LocalDate(year: 2022, month: 5, day: 2),
          to: LocalDate(year: 2022, month: 5, day: 4))),
      .appointmentScheduled(
        AppointmentScheduled(
          appointment: "a", title: "Visit to DEW21", start: may2(hour: 10),
          end: may2(hour: 11),
          timezone: "Europe/Berlin")),
    ]
    for i in 0..<(count - 2) {
      // 11, 10, 11…: every move changes the time, as the rules require (a read checks them).
      let h = 11 - i % 2
      events.append(
        .appointmentMoved(
          AppointmentMoved(
            appointment: "a", start: may2(hour: h),
            end: may2(hour: h + 1))))
    }
    var bytes: [UInt8] = []
    var prev = EventRecord.genesisHash
    for (i, e) in events.enumerated() {
      var r = EventRecord(
        seq: i + 1, id: "id-\(i + 1)", type: e.typeName, version: 1,
        recorded: Timestamp(milliseconds: 1_650_000_000_000 + Int64(i / 50) * 1000), actor: "tester",
        continues: i % 50 != 49 && i != events.count - 1, data: try EventCodec.data(e), prev: prev)
      bytes += r.seal()
      prev = r.hash
    }
    try Data(bytes).write(to: URL(fileURLWithPath: directory + "/v.jsonl"))
  }
}
