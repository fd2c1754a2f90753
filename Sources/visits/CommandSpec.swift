import EventLog
import Planning

/// One subcommand: how it is called and what it runs.
struct CommandSpec: Sendable {
  var name: String
  /// Arguments after the name, as shown in help: `VISIT --text T`.
  var usage: String
  var summary: String
  /// How many positional arguments it takes.
  var arity: ClosedRange<Int>
  var options: [OptionSpec] = []
  /// Output formats it offers; the first is the default.
  var formats: [String] = ["text"]
  /// Whether it appends events (and so needs an actor and takes --expect-version).
  var writes = false
  /// Whether it answers as the log stood at `--as-of`; any other command refuses the option.
  var readsAsOf = false
  /// Whether its output holds personal data: an `-o` file is then readable by its owner only.
  var privateOutput = false
  /// For a command that changes one visit: how its arguments become the domain command. The web
  /// adapter calls it with the form's fields as the arguments.
  var build: (@Sendable (Context) throws -> Command)? = nil
  var run: @Sendable (inout Context) throws -> Void
}

/// Options every writing command takes besides the global ones.
let writeOptions: [OptionSpec] = [
  OptionSpec(
    name: "--expect-version", valueName: "N", help: "refuse (exit 75) unless the visit is at version N")
]

/// What a running command can use and where its output goes.
struct Context {
  var invocation: Invocation
  var environment: [String: String]
  var store: any EventStore
  var format: String
  /// Where streamed output goes (see `emit`); `standardOutput` is written to it when the command ends.
  let sink: OutputSink
  var standardOutput = ""
  var standardError: [String] = []

  var positionals: [String] { invocation.positionals }

  /// The use cases, over this invocation's store.
  var planner: Planner { Planner(store: store) }

  /// The positional argument at `index`, checked to be a slug.
  func slug(_ index: Int, _ name: String) throws(CLIError) -> String {
    let value = invocation.positionals[index]
    try checkSlug(value, name)
    return value
  }

  /// An identifier given as `name` (a positional such as VISIT, or an option such as --site).
  func checkSlug(_ value: String, _ name: String) throws(CLIError) {
    do {
      try Planner.checkID(value, .visit)
    } catch {
      throw .usage(error.message { _ in name })
    }
  }

  /// Who makes this change: --actor, else $VISITS_ACTOR, else $USER (the use case checks its form).
  func actor() throws(CLIError) -> String {
    if invocation.value("--actor")?.isEmpty == true { throw .usage("--actor must not be empty") }
    let candidates = [invocation.value("--actor"), environment["VISITS_ACTOR"], environment["USER"]]
    guard let actor = candidates.compactMap({ $0 }).first(where: { !$0.isEmpty }) else {
      throw .usage("no actor: pass --actor NAME or set VISITS_ACTOR")
    }
    return actor
  }

  /// The --expect-version as an `ExpectedVersion`.
  func expectedVersion() throws(CLIError) -> ExpectedVersion {
    guard let text = invocation.value("--expect-version") else { return .any }
    guard let n = Int(text), n >= 0 else {
      throw .usage("invalid --expect-version '\(printable(text))': a whole number")
    }
    return n == 0 ? .noStream : .exactly(n)
  }

  mutating func print(_ line: String) {
    standardOutput += line
    standardOutput += "\n"
  }

  mutating func warn(_ line: String) { standardError.append(line) }

  /// Writes output at once, for commands that stream (`audit`).
  func emit(_ text: String) { sink.write(text) }
}
