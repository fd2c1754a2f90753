import EventLog
import Planning
import Publishing

/// `verify`, `log`: the commands that look at the log itself.
enum LogCommands {
  static let verify = CommandSpec(
    name: "verify", usage: "[VISIT...] [--anchor HASH]",
    summary: "check the integrity of the store: one line per visit with event count and head hash",
    arity: 0...Int.max,
    options: [
      OptionSpec(
        name: "--anchor", valueName: "HASH",
        help: "with one VISIT: is the log state HASH names (12 to 64 hex digits) still a prefix of the log?")
    ]
  ) { ctx in
    for (i, _) in ctx.positionals.enumerated() { _ = try ctx.slug(i, "VISIT") }
    if let anchor = ctx.invocation.value("--anchor") {
      try verifyAnchor(&ctx, anchor)
      return
    }
    let names = ctx.positionals.isEmpty ? try ctx.store.streamNames() : ctx.positionals
    var failed = 0
    for name in names {
      let report = try ctx.store.verify(name)
      for w in report.warnings { ctx.warn(w.description) }
      for p in report.problems { ctx.warn(p.description) }
      if report.problems.isEmpty {
        ctx.print("\(name): ok, \(report.count) events, head \(report.headHash)")
      } else {
        failed += 1
        ctx.print("\(name): \(report.problems.count) problem(s), \(report.count) readable events")
      }
    }
    if failed > 0 { throw CLIError.problemsReported("verify: \(failed) of \(names.count) visit(s) damaged") }
  }

  /// Finds the record whose hash the anchor names in an intact stream: the state printed from it
  /// is still the prefix of today's log exactly when it is found.
  private static func verifyAnchor(_ ctx: inout Context, _ anchor: String) throws {
    guard ctx.positionals.count == 1 else { throw CLIError.usage("verify --anchor needs exactly one VISIT") }
    guard (12...64).contains(anchor.utf8.count),
      anchor.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
    else { throw CLIError.usage("invalid --anchor '\(printable(anchor))': 12 to 64 lower-case hex digits") }
    let visit = ctx.positionals[0]
    let report = try ctx.store.verify(visit)
    for w in report.warnings { ctx.warn(w.description) }
    for p in report.problems { ctx.warn(p.description) }
    guard report.problems.isEmpty else {
      throw CLIError.problemsReported("verify: \(visit) is damaged; the anchor cannot be confirmed")
    }
    var found: EventRecord?
    try ctx.store.forEach(in: visit) { r in if found == nil && r.hash.hasPrefix(anchor) { found = r } }
    guard let r = found else {
      throw CLIError.problemsReported(
        "verify: anchor \(anchor) is not in the log of \(visit): what was printed from it has been rewritten since, or belongs to another visit"
      )
    }
    let later = report.count - r.seq
    ctx.print(
      "\(visit): anchor \(anchor) is event \(r.seq) (recorded \(r.recorded)); the log is intact and extends it by \(later) event(s), head \(report.headHash)"
    )
  }

  static let log = CommandSpec(
    name: "log", usage: "VISIT", summary: "the raw events, readable (text) or as stored (jsonl)",
    arity: 1...1, formats: ["text", "jsonl"]
  ) { ctx in
    let visit = try ctx.slug(0, "VISIT")
    var (records, warnings) = try ctx.store.read(visit)
    if let point = try ctx.point() {
      let limit = try point.limit(in: records, visit: visit)
      records = records.filter(limit.admits)
    }
    warnings.forEach { ctx.warn($0.description) }
    ctx.standardOutput = ctx.format == "jsonl" ? LogRenderer.jsonl(records) : LogRenderer.text(records)
  }
}
