import EventLog

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
  var store: EventStore
  var format: String
  /// Where streamed output goes (see `emit`); `standardOutput` is written to it when the command ends.
  let sink: OutputSink
  var standardOutput = ""
  var standardError: [String] = []

  var positionals: [String] { invocation.positionals }

  /// The positional argument at `index`, checked to be a slug.
  func slug(_ index: Int, _ name: String) throws(CLIError) -> String {
    let value = invocation.positionals[index]
    try checkSlug(value, name)
    return value
  }

  func checkSlug(_ value: String, _ name: String) throws(CLIError) {
    guard EventStore.isValidStreamName(value) else {
      throw .usage(
        "invalid \(name) '\(printable(value))': use lower-case letters, digits and '-' (at most 64, starting with a letter or digit)"
      )
    }
  }

  /// Who makes this change: --actor, else $VISITS_ACTOR, else $USER.
  func actor() throws(CLIError) -> String {
    let candidates = [invocation.value("--actor"), environment["VISITS_ACTOR"], environment["USER"]]
    guard let actor = candidates.compactMap({ $0 }).first(where: { !$0.isEmpty }) else {
      throw .usage("no actor: pass --actor NAME or set VISITS_ACTOR")
    }
    guard actor.count <= 200,
      !actor.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
    else { throw .usage("invalid --actor: at most 200 characters, no control characters") }
    return actor
  }

  /// The --reason, if any.
  func reason() throws(CLIError) -> String? {
    guard let r = invocation.value("--reason") else { return nil }
    guard !r.isEmpty, r.count <= 2000 else { throw .usage("invalid --reason: 1 to 2000 characters") }
    return r
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
