import Foundation
import Testing

/// The repository's root, from this file's place in it.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()

@Suite("The sample store in events/")
struct SampleStoreTests {
  var events: String { repositoryRoot.appendingPathComponent("events").path }

  @Test("docs/sample-store.sh re-run into a new store gives events/ byte for byte")
  func reproducible() throws {
    let store = CLIStore()
    let target = store.directory + "/sample"
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/bash")
    p.arguments = [repositoryRoot.appendingPathComponent("docs/sample-store.sh").path, target]
    p.environment = ["VISITS_BIN": visitsBinary.path, "PATH": "/usr/bin:/bin"]
    let err = Pipe()
    p.standardError = err
    p.standardOutput = FileHandle.nullDevice
    try p.run()
    let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    #expect(p.terminationStatus == 0, "\(message)")
    let committed = try FileManager.default.contentsOfDirectory(atPath: events).filter {
      $0.hasSuffix(".jsonl")
    }.sorted()
    let made = try FileManager.default.contentsOfDirectory(atPath: target).filter { $0.hasSuffix(".jsonl") }
      .sorted()
    #expect(
      committed == ["dortmund-in-pittsburgh-2022.jsonl", "icc-brussels-2023.jsonl", "pittsburgh-2022.jsonl"])
    #expect(made == committed)
    // The streams and their vaults (the personal data the lines only commit to).
    let vaults = try FileManager.default.contentsOfDirectory(atPath: events + "/.vault").sorted()
    #expect(vaults == committed)
    #expect(try FileManager.default.contentsOfDirectory(atPath: target + "/.vault").sorted() == vaults)
    for name in committed + vaults.map({ ".vault/" + $0 }) {
      let a = try Data(contentsOf: URL(fileURLWithPath: events + "/" + name))
      let b = try Data(contentsOf: URL(fileURLWithPath: target + "/" + name))
      #expect(
        a == b,
        "\(name) differs from what docs/sample-store.sh makes: run `rm -r events/*.jsonl events/.vault && docs/sample-store.sh`"
      )
    }
  }

  @Test("the itinerary of pittsburgh-2022 shows the three days with every site, in English and German")
  func itinerary() throws {
    let sites = ["DEW21", "WEW GmbH", "Deutsche Gasrußwerke", "St. Urbanus", "GrünFrau", "Rathaus Dortmund"]
    for (lang, days) in [
      ("en", ["Monday, 2 May 2022", "Tuesday, 3 May 2022", "Wednesday, 4 May 2022"]),
      ("de", ["Montag, 2. Mai 2022", "Dienstag, 3. Mai 2022", "Mittwoch, 4. Mai 2022"]),
    ] {
      let r = try runVisits(
        ["--store", events, "itinerary", "pittsburgh-2022", "--lang", lang],
        environment: ["PATH": "/usr/bin:/bin"])
      #expect(r.code == 0, "\(r.err)")
      #expect(r.err.isEmpty)
      var cursor = r.out.startIndex
      for day in days {
        let found = r.out.range(of: day, range: cursor..<r.out.endIndex)
        #expect(found != nil, "\(lang): \(day) missing or out of order")
        cursor = found?.upperBound ?? cursor
      }
      for site in sites { #expect(r.out.contains(site), "\(lang): \(site)") }
      #expect(r.out.contains("Thomas Westphal (Lord Mayor)"))
      #expect(
        r.out.contains("CleanPort") && r.out.contains("Energiecampus") && r.out.contains("Ernährungsrat"))
    }
  }

  @Test("the sample store verifies, and its audit shows several actors with reasons")
  func auditTrail() throws {
    let env = ["PATH": "/usr/bin:/bin"]
    let verify = try runVisits(["--store", events, "verify"], environment: env)
    #expect(verify.code == 0)
    #expect(verify.out.split(separator: "\n").count == 3)
    let audit = try runVisits(
      ["--store", events, "audit", "pittsburgh-2022", "--format", "json"], environment: env)
    let entries = try #require(
      try JSONSerialization.jsonObject(with: Data(audit.out.utf8)) as? [[String: Any]])
    let actors = Set(entries.compactMap { $0["actor"] as? String })
    #expect(actors.count >= 3)
    #expect(entries.contains { $0["type"] as? String == "AppointmentMoved" && $0["reason"] != nil })
    #expect(entries.contains { $0["type"] as? String == "AttendeeWithdrawn" })
    #expect(entries.filter { $0["type"] as? String == "AgendaPublished" }.count >= 2)
  }
}
