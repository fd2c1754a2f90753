import EventLog
import Planning
import Publishing

/// `audit`, `history`, `diff`: who changed what, when and why, and what the plan looked like then.
enum AuditCommands {
  static let all: [CommandSpec] = [audit, history, diff]

  static let audit = CommandSpec(
    name: "audit", usage: "[VISIT] [--actor A] [--since POINT] [--until POINT]",
    summary: "who changed what, when and why, old → new (all visits in recorded order without VISIT)",
    arity: 0...1,
    options: [
      OptionSpec(name: "--since", valueName: "POINT", help: "only changes after POINT"),
      OptionSpec(name: "--until", valueName: "POINT", help: "only changes up to POINT"),
    ],
    formats: ["text", "json", "csv"], readsAsOf: true
  ) { ctx in
    let query = AuditQuery(
      visit: ctx.positionals.isEmpty ? nil : try ctx.slug(0, "VISIT"), actor: ctx.invocation.value("--actor"),
      since: try ctx.point("--since"), until: try ctx.point("--until"), asOf: try ctx.asOf())
    let out = try stream(&ctx)
    let warnings = try ctx.planner.audit(query, out.entry)
    out.close(warnings, &ctx)
  }

  static let history = CommandSpec(
    name: "history", usage: "VISIT ENTITY",
    summary: "every change to one appointment, site, person, task or MoU", arity: 2...2,
    formats: ["text", "json", "csv"], readsAsOf: true
  ) { ctx in
    let visit = try ctx.slug(0, "VISIT")
    let entity = try ctx.slug(1, "ENTITY")
    let out = try stream(&ctx)
    let warnings = try ctx.planner.history(visit, entity: entity, asOf: try ctx.asOf(), out.entry)
    out.close(warnings, &ctx)
  }

  /// Writes audit entries in the command's format as the use case computes them; nothing is written
  /// before the first entry, so a refused query prints nothing.
  private final class Output {
    let stream: AuditStream
    let sink: Context
    var count = 0

    init(_ stream: AuditStream, _ sink: Context) {
      self.stream = stream
      self.sink = sink
    }

    func entry(_ e: AuditEntry) {
      if count == 0 { sink.emit(stream.opening) }
      sink.emit(stream.entry(e, index: count))
      count += 1
    }

    func close(_ warnings: [EventLogWarning], _ ctx: inout Context) {
      if count == 0 { sink.emit(stream.opening) }
      sink.emit(stream.closing)
      ctx.warn(warnings)
    }
  }

  private static func stream(_ ctx: inout Context) throws -> Output {
    Output(AuditStream(AuditStream.Format(rawValue: ctx.format) ?? .text, try ctx.language()), ctx)
  }

  static let diff = CommandSpec(
    name: "diff", usage: "VISIT --from POINT [--to POINT]",
    summary: "what changed between two points: appointments, attendees, tasks", arity: 1...1,
    options: [
      OptionSpec(name: "--from", valueName: "POINT", help: "the earlier point"),
      OptionSpec(name: "--to", valueName: "POINT", help: "the later point (default: --as-of, else now)"),
    ],
    formats: ["text", "json"], readsAsOf: true
  ) { ctx in
    let visit = try ctx.slug(0, "VISIT")
    guard let from = try ctx.point("--from") else { throw CLIError.usage("diff: missing --from") }
    let to = try ctx.point("--to")
    let asOf = try ctx.asOf()
    let r = try ctx.planner.diff(visit, from: from, to: to, asOf: asOf)
    ctx.warn(r.warnings)
    let fromText = from.description
    let toText = (to ?? asOf)?.description
    if ctx.format == "json" {
      ctx.standardOutput = JSONRenderer.text(
        AuditText.diffJSON(r.value.diff, visit: visit, from: fromText, to: toText ?? "now"))
    } else {
      ctx.standardOutput = AuditText(try ctx.language()).diff(
        r.value.diff, visit: r.value.later, from: fromText, to: toText)
    }
  }
}
