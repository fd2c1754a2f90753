import EventLog
import Publishing

/// `verify`, `log`: the commands that look at the log itself.
enum LogCommands {
  static let verify = CommandSpec(
    name: "verify", usage: "[VISIT...]",
    summary: "check the integrity of the store: one line per visit with event count and head hash",
    arity: 0...Int.max
  ) { ctx in
    for (i, _) in ctx.positionals.enumerated() { _ = try ctx.slug(i, "VISIT") }
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

  static let log = CommandSpec(
    name: "log", usage: "VISIT", summary: "the raw events, readable (text) or as stored (jsonl)",
    arity: 1...1, formats: ["text", "jsonl"]
  ) { ctx in
    let visit = try ctx.slug(0, "VISIT")
    let (records, warnings) = try ctx.store.read(visit)
    warnings.forEach { ctx.warn($0.description) }
    ctx.standardOutput = ctx.format == "jsonl" ? LogRenderer.jsonl(records) : LogRenderer.text(records)
  }
}
