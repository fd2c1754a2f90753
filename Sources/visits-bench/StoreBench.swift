import Foundation

/// `visits-bench store`: the event store at scale, whole `visits` commands timed as processes,
/// against the same workload on the Python `eventsourcing` library (`peer/peer.py`: SQLite, one
/// aggregate per visit, fed the very events our store holds, through an export file).
struct StoreBench {
  struct Scale {
    /// Visits in the big store, and events per visit there.
    var visits: Int
    var events: Int
    /// Events of the one long visit (appends and `audit`); `audit` is also timed at a tenth of it.
    var long: Int
    /// Runs of each heavy command (full replays, `audit`); a bulk import runs once.
    var runs: Int
    /// Runs of each light command (one agenda, one append), for p50 and p99.
    var samples: Int
  }

  let scale: Scale
  let visits: String
  let peer: String
  let command: String

  /// What was measured; the peer's figures are nil when the peer could not run.
  struct Figures {
    var importRun = Sample()
    var cold = Sample()
    var warm = Sample()
    var verify = Sample()
    var agendaFew = Sample()
    var agendaMany = Sample()
    var appendShort = Sample()
    var appendLong = Sample()
    var auditLong = Sample()
    var auditTenth = Sample()
    var peer: PeerFigures?
  }

  struct PeerFigures {
    var version = ""
    var write = Sample()
    var replay = Sample()
    var list = Sample()
    var getFew = Sample()
    var getMany = Sample()
    var appendShort = Sample()
    var appendLong = Sample()
  }

  static let fewVisits = 10
  /// The visit read and appended to in the stores with many visits (not the first, which a listing
  /// might favour).
  static let visit = "gen-00002"

  /// Runs everything, prints the table and, with `write`, puts it into that Markdown file.
  ///
  /// - Returns: whether the peer's column is there too.
  func run(write: String?) throws -> Bool {
    let work = NSTemporaryDirectory() + "visits-bench-store-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: work) }
    let errors = work + "/stderr.log"
    let started = now()

    let peerVersion = checkPeer(errors: errors)

    // The stores, through the real append path (not timed).
    let big = work + "/big", few = work + "/few", long = work + "/long", tenth = work + "/tenth"
    let tenthEvents = max(1, scale.long / 10)
    for (store, count, events) in [
      (big, scale.visits, scale.events), (few, Self.fewVisits, scale.events), (long, 1, scale.long),
      (tenth, 1, tenthEvents),
    ] {
      say("generating \(count) visit(s) × \(events) event(s)")
      try ours(store, ["generate", "--visits", "\(count)", "--events-per-visit", "\(events)", "--seed", "3"])
    }
    for store in [big, few, long] {
      try ours(store, ["export", "-o", store + ".jsonl"])
    }

    var f = Figures()
    say("import of \(scale.visits * scale.events) events")
    f.importRun = try sample(runs: 1) {
      try ours(work + "/imported", ["import", big + ".jsonl", "--actor", "bench", "--reason", "benchmark"])
    }
    try? FileManager.default.removeItem(atPath: work + "/imported")

    say("full replay, cold")
    f.cold = try sample(runs: scale.runs) {
      try? FileManager.default.removeItem(atPath: big + "/.cache")
      return try ours(big, ["list"])
    }
    say("full replay, warm")
    f.warm = try sample(runs: scale.runs, warmUp: 1) { try ours(big, ["list"]) }
    say("verify")
    f.verify = try sample(runs: scale.runs) { try ours(big, ["verify"]) }
    say("agenda")
    (f.agendaFew, f.agendaMany) = try samplePair(runs: scale.samples) {
      try ours(few, ["agenda", Self.visit])
    } _: {
      try ours(big, ["agenda", Self.visit])
    }
    say("audit")
    // Compared with each other: in turn, and more runs than a replay (a 1,000-event audit is short).
    (f.auditLong, f.auditTenth) = try samplePair(runs: max(scale.runs, 9)) {
      try ours(long, ["audit", "gen-00001"])
    } _: {
      try ours(tenth, ["audit", "gen-00001"])
    }
    say("append")
    let note = ["--text", "bench note", "--actor", "bench", "--reason", "benchmark"]
    (f.appendShort, f.appendLong) = try samplePair(runs: scale.samples) {
      try ours(big, ["note", Self.visit] + note)
    } _: {
      try ours(long, ["note", "gen-00001"] + note)
    }

    if let peerVersion {
      f.peer = try measurePeer(version: peerVersion, work: work, errors: errors)
    }

    let report = StoreReport(scale: scale, figures: f, command: command, minutes: (now() - started) / 60)
    print(report.text)
    if let write {
      try replaceSection(in: write, heading: StoreReport.heading, with: report.text)
      say("wrote \(write)")
    }
    if f.peer == nil {
      say("the peer did not run: only our column is filled")
    }
    return f.peer != nil
  }

  /// Runs a `visits` command on a store.
  ///
  /// - Throws: `BenchError` when it fails, with the end of what it wrote to standard error.
  @discardableResult
  func ours(_ store: String, _ arguments: [String]) throws -> Run {
    let errors = store + ".stderr"
    let r = try spawn(visits, ["--store", store] + arguments, errorFile: errors)
    guard r.status == 0 else {
      let text = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
      throw BenchError("visits \(arguments.joined(separator: " ")): exit \(r.status): \(text.suffix(500))")
    }
    return r
  }

  /// Runs a command `runs` times after `warmUp` uncounted runs; each run's wall time and peak
  /// memory.
  func sample(runs: Int, warmUp: Int = 0, _ body: () throws -> Run) throws -> Sample {
    for _ in 0..<warmUp { _ = try body() }
    var s = Sample()
    for _ in 0..<runs {
      let r = try body()
      s.add(r.seconds, peakKiB: r.peakKiB)
    }
    return s
  }

  /// Two commands whose times are compared, run in turn (A B A B …) after one uncounted run of
  /// each, so that a drift in the machine's speed touches both alike.
  func samplePair(runs: Int, _ a: () throws -> Run, _ b: () throws -> Run) throws -> (Sample, Sample) {
    _ = try a()
    _ = try b()
    var sa = Sample()
    var sb = Sample()
    for _ in 0..<runs {
      let ra = try a()
      sa.add(ra.seconds, peakKiB: ra.peakKiB)
      let rb = try b()
      sb.add(rb.seconds, peakKiB: rb.peakKiB)
    }
    return (sa, sb)
  }

  // MARK: The peer

  /// The peer's `eventsourcing` version, or nil (and why, on standard error) when it cannot run.
  func checkPeer(errors: String) -> String? {
    guard
      let r = try? spawn("/usr/bin/env", ["python3", peer, "version"], keepOutput: true, errorFile: errors),
      r.status == 0, let json = Self.json(r.output), let version = json["eventsourcing"] as? String
    else {
      let text = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
      say("the peer cannot run (\(text.trimmingCharacters(in: .whitespacesAndNewlines).suffix(300)))")
      return nil
    }
    return version
  }

  /// One phase of the peer: its own figures (JSON) and its peak memory.
  func peerPhase(_ arguments: [String], errors: String) throws -> ([String: Any], Int) {
    let r = try spawn("/usr/bin/env", ["python3", peer] + arguments, keepOutput: true, errorFile: errors)
    guard r.status == 0, let json = Self.json(r.output) else {
      let text = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
      throw BenchError("peer \(arguments.joined(separator: " ")): exit \(r.status): \(text.suffix(500))")
    }
    return (json, r.peakKiB)
  }

  func measurePeer(version: String, work: String, errors: String) throws -> PeerFigures {
    var p = PeerFigures(version: version)
    let big = work + "/big.db", few = work + "/few.db", long = work + "/long.db"
    say("peer: write of \(scale.visits * scale.events) events")
    let (written, writeKiB) = try peerPhase(["write", big, work + "/big.jsonl"], errors: errors)
    p.write.add(written["seconds"] as? Double ?? .nan, peakKiB: writeKiB)
    _ = try peerPhase(["write", few, work + "/few.jsonl"], errors: errors)
    _ = try peerPhase(["write", long, work + "/long.jsonl"], errors: errors)
    say("peer: full replay")
    for _ in 0..<scale.runs {
      let (r, kib) = try peerPhase(["replay", big], errors: errors)
      p.replay.add(r["seconds"] as? Double ?? .nan, peakKiB: kib)
    }
    say("peer: list")
    for _ in 0..<scale.runs {
      let (r, kib) = try peerPhase(["list", big], errors: errors)
      p.list.add(r["seconds"] as? Double ?? .nan, peakKiB: kib)
    }
    say("peer: one visit, appends")
    func timed(_ arguments: [String]) throws -> Sample {
      let (r, kib) = try peerPhase(arguments + ["\(scale.samples + 1)"], errors: errors)
      var s = Sample()
      // The first is the warm-up, as for ours.
      for t in ((r["times"] as? [Double]) ?? []).dropFirst() { s.add(t, peakKiB: kib) }
      return s
    }
    p.getFew = try timed(["get", few, Self.visit])
    p.getMany = try timed(["get", big, Self.visit])
    p.appendShort = try timed(["append", big, Self.visit])
    p.appendLong = try timed(["append", long, "gen-00001"])
    return p
  }

  static func json(_ output: String) -> [String: Any]? {
    guard let line = output.split(separator: "\n").last else { return nil }
    return (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
  }
}
