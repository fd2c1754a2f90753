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
    let visits = try ctx.positionals.indices.map { i throws(CLIError) in try ctx.slug(i, "VISIT") }
    if let anchor = ctx.invocation.value("--anchor") {
      guard visits.count == 1 else { throw CLIError.usage("verify --anchor needs exactly one VISIT") }
      do {
        let (check, report) = try ctx.planner.verifyAnchor(visits[0], anchor: anchor)
        ctx.warn(report.warnings)
        ctx.print(
          Labels(try ctx.language())[
            phrase: .anchorConfirmed(
              stream: check.visit, anchor: check.anchor, seq: check.seq, recorded: check.recorded,
              later: check.later, head: check.headHash)])
      } catch PlanningError.anchorOnDamagedStream(let visit, let report) {
        // Say what is damaged before saying why the anchor cannot be confirmed.
        ctx.warn(report.warnings)
        report.problems.forEach { ctx.warn($0.description) }
        throw PlanningError.anchorOnDamagedStream(visit: visit, report: report)
      }
      return
    }
    let reports = try ctx.planner.verify(visits)
    ctx.warn(ctx.planner.storeWarnings())
    let labels = Labels(try ctx.language())
    var failed = 0
    for report in reports {
      ctx.warn(report.warnings)
      report.problems.forEach { ctx.warn($0.description) }
      if report.problems.isEmpty {
        ctx.print(
          labels[phrase: .streamIntact(stream: report.stream, events: report.count, head: report.headHash)])
      } else {
        failed += 1
        ctx.print(
          labels[
            phrase: .streamDamaged(
              stream: report.stream, problems: report.problems.count, readable: report.count)])
      }
    }
    if failed > 0 { throw PlanningError.damaged(failed: failed, of: reports.count) }
  }

  static let log = CommandSpec(
    name: "log", usage: "VISIT", summary: "the raw events, readable (text) or as stored (jsonl)",
    arity: 1...1, formats: ["text", "jsonl"], readsAsOf: true
  ) { ctx in
    let r = try ctx.planner.log(try ctx.slug(0, "VISIT"), asOf: try ctx.asOf())
    ctx.warn(r.warnings)
    ctx.standardOutput =
      ctx.format == "jsonl"
      ? LogRenderer.jsonl(r.value) : LogRenderer.text(r.value, Labels(try ctx.language()))
  }
}
