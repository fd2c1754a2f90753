import EventLog

/// How one option is spelled and used.
struct OptionSpec: Sendable {
  var name: String
  var short: String? = nil
  var valueName: String? = nil
  var repeatable = false
  var help: String

  var takesValue: Bool { valueName != nil }
}

/// The parsed command line: global options, the command, its options and positional arguments.
struct Invocation {
  var command: String?
  var positionals: [String] = []
  var values: [String: [String]] = [:]

  func value(_ name: String) -> String? { values[name]?.last }
  func all(_ name: String) -> [String] { values[name] ?? [] }
  func flag(_ name: String) -> Bool { values[name] != nil }

  func required(_ name: String, in command: String) throws(CLIError) -> String {
    guard let v = value(name) else { throw .usage("\(command): missing \(name)") }
    return v
  }
}

/// Options every command accepts, before or after the command name.
let globalOptions: [OptionSpec] = [
  OptionSpec(
    name: "--store", valueName: "DIR", help: "the event store directory ($VISITS_STORE, else ./events)"),
  OptionSpec(name: "--actor", valueName: "NAME", help: "who makes the change ($VISITS_ACTOR, else $USER)"),
  OptionSpec(name: "--reason", valueName: "TEXT", help: "why (written into every event of this write)"),
  OptionSpec(
    name: "--lang", valueName: "de|en", help: "language of labels and dates ($VISITS_LANG, else en)"),
  OptionSpec(name: "--format", valueName: "FMT", help: "output format, where a command offers several"),
  OptionSpec(name: "--as-of", valueName: "POINT", help: "answer as the log stood at POINT"),
  OptionSpec(
    name: "--today", valueName: "DATE", help: "the date that overdue and upcoming are judged against"),
  OptionSpec(name: "--output", short: "-o", valueName: "FILE", help: "write the output to FILE"),
  OptionSpec(name: "--help", short: "-h", help: "help for visits or for one command"),
  OptionSpec(name: "--version", help: "print the version"),
  OptionSpec(
    name: "--audience", valueName: "guests|internal",
    help: "agenda, itinerary, calendar: guests (default; no internal notes or contact data) or internal"),
  OptionSpec(
    name: "--strict",
    help:
      "on a write: refuse (65) a change that adds a plan warning; on check: exit 65 when there are warnings"),
]

/// Splits the arguments into an `Invocation`, knowing which options take a value.
///
/// - Throws: `CLIError.usage` for an unknown command or option, or an option without its value.
func parseArguments(_ args: [String], commands: [String: CommandSpec]) throws(CLIError) -> Invocation {
  var inv = Invocation()
  var i = 0
  var onlyPositionals = false
  func spec(for name: String) -> OptionSpec? {
    let local = inv.command.flatMap { commands[$0]?.options } ?? []
    return (globalOptions + local).first { $0.name == name || $0.short == name }
  }
  while i < args.count {
    let arg = args[i]
    i += 1
    if onlyPositionals || !arg.hasPrefix("-") || arg == "-" {
      if inv.command == nil {
        guard commands[arg] != nil else {
          throw .usage("unknown command '\(printable(arg))' (see visits --help)")
        }
        inv.command = arg
      } else {
        inv.positionals.append(arg)
      }
      continue
    }
    if arg == "--" {
      onlyPositionals = true
      continue
    }
    var name = arg
    var inline: String?
    if arg.hasPrefix("--"), let eq = arg.firstIndex(of: "=") {
      name = String(arg[..<eq])
      inline = String(arg[arg.index(after: eq)...])
    }
    guard let option = spec(for: name) else {
      let whereText = inv.command.map { " for '\($0)'" } ?? ""
      throw .usage("unknown option '\(printable(name))'\(whereText) (see visits \(inv.command ?? "") --help)")
    }
    let key = option.name
    if option.takesValue {
      let v: String
      if let inline {
        v = inline
      } else {
        guard i < args.count else { throw .usage("\(key) needs a value (\(option.valueName ?? ""))") }
        v = args[i]
        i += 1
      }
      // Given twice, one of them would be dropped without a word: refused, global options too.
      if !option.repeatable, inv.values[key] != nil { throw .usage("\(key) given twice") }
      inv.values[key, default: []].append(v)
    } else {
      guard inline == nil else { throw .usage("\(key) takes no value") }
      // Harmless, but a typing slip all the same, and the contract's rule is one for every option.
      if inv.values[key] != nil { throw .usage("\(key) given twice") }
      inv.values[key] = [""]
    }
  }
  return inv
}
