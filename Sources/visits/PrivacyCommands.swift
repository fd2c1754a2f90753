import EventLog
import Planning
import Publishing

/// `erase-person`, `export-person`, `purge`: a person's rights to a copy and to erasure, and the
/// office's retention period (see docs/privacy.md).
enum PrivacyCommands {
  static let all: [CommandSpec] = [erasePerson, exportPerson, purge]

  static let erasePerson = CommandSpec(
    name: "erase-person", usage: "PERSON [--reason R]",
    summary: "erase a person's personal data from every visit; the log stays verifiable", arity: 1...1
  ) { ctx in
    let person = try ctx.slug(0, "PERSON")
    let erasures = try ctx.planner.erasePerson(
      person, actor: try ctx.actor(), reason: ctx.invocation.value("--reason"))
    for e in erasures { ctx.print(describe(e)) }
  }

  static let exportPerson = CommandSpec(
    name: "export-person", usage: "PERSON",
    summary: "everything the store holds about a person, across visits, as JSON (Art. 15 GDPR)", arity: 1...1,
    formats: ["json"], privateOutput: true
  ) { ctx in
    let r = try ctx.planner.personRecord(try ctx.slug(0, "PERSON"))
    ctx.warn(r.warnings)
    ctx.standardOutput = JSONRenderer.text(JSONRenderer.personRecord(r.value))
  }

  static let purge = CommandSpec(
    name: "purge", usage: "--before DATE [--dry-run]",
    summary: "erase the personal data of every attendee of the visits that ended before DATE", arity: 0...0,
    options: [
      OptionSpec(name: "--before", valueName: "DATE", help: "visits whose last day is before this date"),
      OptionSpec(name: "--dry-run", help: "only list whose data would be erased"),
    ]
  ) { ctx in
    let text = try ctx.invocation.required("--before", in: "purge")
    guard let before = LocalDate(text) else {
      throw CLIError.usage("invalid --before '\(printable(text))': use YYYY-MM-DD")
    }
    let dryRun = ctx.invocation.flag("--dry-run")
    let items = try ctx.planner.purge(
      before: before, dryRun: dryRun, actor: try ctx.actor(), reason: ctx.invocation.value("--reason"))
    for i in items {
      if let e = i.erasure {
        ctx.print(describe(e))
      } else {
        ctx.print("\(i.visit): would erase \(i.person) (the visit ended \(i.to))")
      }
    }
    if items.isEmpty { ctx.print("nothing to erase: no attendee data of visits that ended before \(before)") }
  }

  private static func describe(_ e: Erasure) -> String {
    let values = "\(e.erasedValues) vault value(s) overwritten"
    if let seq = e.seq { return "\(e.visit): erased \(e.person) at version \(seq), \(values)" }
    return "\(e.visit): \(e.person) was already erased, \(values)"
  }
}
