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
    formats: ["text", "json", "csv"]
  ) { ctx in
    let visit = ctx.positionals.isEmpty ? nil : try ctx.slug(0, "VISIT")
    let since = try ctx.point("--since", visit: visit)
    let until = try ctx.point("--until", visit: visit)
    try stream(
      &ctx, visit: visit, actor: ctx.invocation.value("--actor"), since: since, until: until, entity: nil)
  }

  static let history = CommandSpec(
    name: "history", usage: "VISIT ENTITY",
    summary: "every change to one appointment, site, person, task or MoU", arity: 2...2,
    formats: ["text", "json", "csv"]
  ) { ctx in
    let visit = try ctx.slug(0, "VISIT")
    let entity = try ctx.slug(1, "ENTITY")
    let count = try stream(&ctx, visit: visit, actor: nil, since: nil, until: nil, entity: entity)
    if count == 0 {
      throw CLIError.notFound("no appointment, site, person, task or MoU '\(entity)' in visit \(visit)")
    }
  }

  /// Writes the matching audit entries as they are computed; returns how many.
  @discardableResult
  private static func stream(
    _ ctx: inout Context, visit: String?, actor: String?, since: Point?, until: Point?, entity: String?
  ) throws -> Int {
    let words = AuditText(try ctx.language())
    let format = ctx.format
    let sink = ctx
    var count = 0
    switch format {
    case "json": sink.emit("[")
    case "csv": sink.emit(CSV.encode([AuditText.csvHeader]))
    default: break
    }
    let warnings = try Planner(store: ctx.store).audit(
      visit: visit, actor: actor, since: since, until: until, entity: entity
    ) { e in
      switch format {
      case "json":
        sink.emit(
          (count == 0 ? "\n" : ",\n") + String(decoding: CanonicalJSON.encode(words.json(e)), as: UTF8.self))
      case "csv": sink.emit(CSV.encode([words.row(e)]))
      default: sink.emit(words.entry(e))
      }
      count += 1
    }
    if format == "json" { sink.emit("\n]\n") }
    warnings.forEach { ctx.warn($0.description) }
    return count
  }

  static let diff = CommandSpec(
    name: "diff", usage: "VISIT --from POINT [--to POINT]",
    summary: "what changed between two points: appointments, attendees, tasks", arity: 1...1,
    options: [
      OptionSpec(name: "--from", valueName: "POINT", help: "the earlier point"),
      OptionSpec(name: "--to", valueName: "POINT", help: "the later point (default: now)"),
    ],
    formats: ["text", "json"]
  ) { ctx in
    let visit = try ctx.slug(0, "VISIT")
    guard let from = try ctx.point("--from", visit: visit) else {
      throw CLIError.usage("diff: missing --from")
    }
    let to = try ctx.point("--to", visit: visit)
    let history = try Planner(store: ctx.store).history(visit)
    let later = try history.state(at: to)
    later.warnings.forEach { ctx.warn($0.description) }
    let earlier: Visit?
    do {
      earlier = try history.state(at: from).visit
    } catch PlanningError.notYetScheduled {
      earlier = nil
    }
    let d = VisitDiff(from: earlier, to: later.visit)
    let fromText = from.description
    let toText = to?.description ?? "now"
    if ctx.format == "json" {
      ctx.standardOutput = JSONRenderer.text(AuditText.diffJSON(d, visit: visit, from: fromText, to: toText))
    } else {
      ctx.standardOutput = AuditText(try ctx.language()).diff(
        d, visit: later.visit, from: fromText, to: toText)
    }
  }
}

extension Context {
  /// A POINT option; `seq:N` and `v:N` need a visit.
  func point(_ option: String, visit: String?) throws(CLIError) -> Point? {
    guard let text = invocation.value(option) else { return nil }
    guard let p = Point(text) else {
      throw .usage("invalid \(option) '\(printable(text))': a timestamp, a date YYYY-MM-DD, seq:N or v:N")
    }
    if visit == nil {
      switch p {
      case .seq, .published:
        throw .usage("\(option) \(text) needs a VISIT (seq:N and v:N count within one visit)")
      default: break
      }
    }
    return p
  }
}
