import Foundation

/// The table of `visits-bench store` and the issue's targets, met or not, as Markdown.
struct StoreReport {
  static let heading = "## At scale: against the Python eventsourcing library"

  let scale: StoreBench.Scale
  let figures: StoreBench.Figures
  let command: String
  let minutes: Double

  var total: Int { scale.visits * scale.events }
  var tenth: Int { max(1, scale.long / 10) }

  var text: String {
    let f = figures
    let p = f.peer
    let date = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
    let issueScale = scale.visits == 10_000 && scale.events == 100 && scale.long == 10_000
    var out = """
      Measured on \(date) with `swift build -c release --static-swift-stdlib && \
      .build/release/\(command)` (`swift run` has no `--static-swift-stdlib`), which took \(String(format: "%.0f", minutes.rounded(.up))) min; \
      \(machineDescription()). Single times on 2 cores are noisy, and other work on the machine \
      makes them more so; the ratios and the medians are what to read.

      - The stores: \(number(scale.visits)) visits × \(number(scale.events)) events \
      (\(number(total)) events) made by `visits generate --seed 3`; \(StoreBench.fewVisits) visits × \
      \(number(scale.events)); one visit of \(number(scale.long)) events and one of \(number(tenth)).\
      \(issueScale ? "" : " **Not the issue's scale** (10,000 × 100, one visit of 10,000 events).")
      - Ours: whole `visits` commands as processes (start-up included), statically linked; wall time, \
      median of \(scale.runs) run(s) for a full replay and `verify`, of \(max(scale.runs, 9)) for each `audit` (the two in turn), one run for the import; \
      \(scale.samples) runs after a warm-up for an agenda and an append (p50 / p99), the two stores \
      of a comparison in turn so that a drift of the machine touches both alike. "Cold" is with the \
      caches (`STORE/.cache/`) deleted before each run, "warm" with them filled: a warm `list` reads \
      the catalog cache and replays only visits whose stream changed (none here). Peak RSS is the \
      largest of the runs, each process's own (`wait4`).
      """
    if let p {
      out += """

        - The peer: `eventsourcing` \(p.version) (Python, `Sources/visits-bench/peer/peer.py`), SQLite, \
        one aggregate per visit, no snapshots, no cache, fed the very events of our store (an export \
        file, the same types, payloads and count per visit); it verifies nothing. Each phase is one \
        process that times itself, the interpreter's and the library's start-up left out (which \
        favours the peer); its peak RSS is that process's. Its "full replay" rebuilds every aggregate; \
        its agenda is one aggregate rebuilt and its appointments sorted; its append is get, one event, \
        save. "ours vs peer" is how many times faster ours is (below 1: slower).
        """
    } else {
      out += "\n- The peer did not run (see the bench's standard error): only our column is filled."
    }
    out += """


      | what | ours | ours peak RSS | peer | peer peak RSS | ours vs peer |
      |---|---|---|---|---|---|

      """
    func row(
      _ what: String, _ ours: String, _ oursKiB: Int, _ peer: String?, _ peerKiB: Int?, _ ratio: Double?
    ) {
      out +=
        "| \(what) | \(ours) | \(mb(oursKiB)) | \(peer ?? "—") | \(peerKiB.map(mb) ?? "—") | "
        + "\(ratio.map { String(format: "%.2f×", $0) } ?? "—") |\n"
    }
    func rate(_ s: Sample, _ events: Int) -> String {
      "\(duration(s.median)) (\(perSecond(Double(events) / s.median)))"
    }
    func speed(_ ours: Sample, _ peer: Sample?) -> Double? { peer.map { $0.median / ours.median } }
    func tails(_ s: Sample) -> String { "\(duration(s.median)) / \(duration(s.p99))" }

    row(
      "bulk write: `import` of \(number(total)) events / the peer's writes", rate(f.importRun, total),
      f.importRun.peakKiB, p.map { rate($0.write, total) }, p?.write.peakKiB, speed(f.importRun, p?.write))
    row(
      "full replay, cold (`list`, no caches)", rate(f.cold, total), f.cold.peakKiB,
      p.map { rate($0.replay, total) }, p?.replay.peakKiB, speed(f.cold, p?.replay))
    row(
      "full replay, warm (`list`, catalog cache)", rate(f.warm, total), f.warm.peakKiB,
      p.map { rate($0.replay, total) }, p?.replay.peakKiB, speed(f.warm, p?.replay))
    row(
      "`verify` (every line and the hash chain checked)", rate(f.verify, total), f.verify.peakKiB,
      p.map { rate($0.replay, total) }, p?.replay.peakKiB, speed(f.verify, p?.replay))
    row(
      "`list` of \(number(scale.visits)) visits (warm)", duration(f.warm.median), f.warm.peakKiB,
      p.map { duration($0.list.median) }, p?.list.peakKiB, speed(f.warm, p?.list))
    row(
      "one visit's `agenda`, \(StoreBench.fewVisits) visits in the store, p50 / p99", tails(f.agendaFew),
      f.agendaFew.peakKiB, p.map { tails($0.getFew) }, p?.getFew.peakKiB, speed(f.agendaFew, p?.getFew))
    row(
      "one visit's `agenda`, \(number(scale.visits)) visits in the store, p50 / p99", tails(f.agendaMany),
      f.agendaMany.peakKiB, p.map { tails($0.getMany) }, p?.getMany.peakKiB, speed(f.agendaMany, p?.getMany))
    row(
      "single append (`note`) to a visit of \(number(scale.events)) events, p50 / p99", tails(f.appendShort),
      f.appendShort.peakKiB, p.map { tails($0.appendShort) }, p?.appendShort.peakKiB,
      speed(f.appendShort, p?.appendShort))
    row(
      "single append (`note`) to a visit of \(number(scale.long)) events, p50 / p99", tails(f.appendLong),
      f.appendLong.peakKiB, p.map { tails($0.appendLong) }, p?.appendLong.peakKiB,
      speed(f.appendLong, p?.appendLong))
    row(
      "`audit` of one \(number(scale.long))-event visit", duration(f.auditLong.median), f.auditLong.peakKiB,
      nil, nil,
      nil)
    row(
      "`audit` of one \(number(tenth))-event visit", duration(f.auditTenth.median), f.auditTenth.peakKiB, nil,
      nil, nil)
    out += "\n" + targets
    return out
  }

  /// The issue's targets, each met or not at the scale measured.
  var targets: String {
    let f = figures
    var out = """
      The targets of issue 12, at the scale measured:

      | target | measured | |
      |---|---|---|

      """
    func target(_ what: String, _ value: Double?, _ shown: (Double) -> String, _ met: (Double) -> Bool) {
      guard let value, value.isFinite else {
        out += "| \(what) | no figure | not measured |\n"
        return
      }
      out += "| \(what) | \(shown(value)) | \(met(value) ? "met" : "**not met**") |\n"
    }
    let times: (Double) -> String = { String(format: "%.2f×", $0) }
    target(
      "full replay cold ≥ 5× the peer's replay rate", f.peer.map { $0.replay.median / f.cold.median }, times
    ) {
      $0 >= 5
    }
    target(
      "full replay warm ≥ 20× the peer's replay rate", f.peer.map { $0.replay.median / f.warm.median }, times
    ) { $0 >= 20 }
    target("`list` of \(number(scale.visits)) visits warm ≤ 0.2 s", f.warm.median, duration) { $0 <= 0.2 }
    target(
      "agenda at \(number(scale.visits)) visits ÷ at \(StoreBench.fewVisits) ≤ 1.2 (p50)",
      f.agendaMany.median / f.agendaFew.median, times
    ) { $0 <= 1.2 }
    target(
      "single append p50 at \(number(scale.long)) events ÷ at \(number(scale.events)) ≤ 1.5",
      f.appendLong.median / f.appendShort.median, times
    ) { $0 <= 1.5 }
    target(
      "`audit` of \(number(scale.long)) events ≤ 10× of \(number(tenth))",
      f.auditLong.median / f.auditTenth.median,
      times
    ) { $0 <= 10 }
    target(
      "bulk import ≥ 10× the peer's write rate", f.peer.map { $0.write.median / f.importRun.median }, times
    ) {
      $0 >= 10
    }
    target(
      "peak RSS of any full replay (cold, warm, `verify`) ≤ 64 MB",
      Double(max(f.cold.peakKiB, f.warm.peakKiB, f.verify.peakKiB)), { mb(Int($0)) }
    ) { $0 <= 64 * 1024 }
    return out
  }
}

func duration(_ seconds: Double) -> String {
  guard seconds.isFinite else { return "—" }
  return seconds < 1 ? String(format: "%.1f ms", seconds * 1000) : String(format: "%.2f s", seconds)
}

func perSecond(_ rate: Double) -> String {
  rate >= 10_000
    ? String(format: "%.0f k events/s", rate / 1000) : String(format: "%.0f events/s", rate)
}

func mb(_ kib: Int) -> String { String(format: "%.0f MB", Double(kib) / 1024) }

func number(_ n: Int) -> String {
  let digits = String(n)
  var out = ""
  for (i, c) in digits.enumerated() {
    if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
    out.append(c)
  }
  return out
}
