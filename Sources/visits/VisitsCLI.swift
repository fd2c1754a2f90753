import EventLog
import Foundation
import Planning

/// The command line: parses, hands off to a command, and turns the outcome into output and an exit code.
enum VisitsCLI {
  static let version = "visits 0.1.0"

  static let commands: [String: CommandSpec] = {
    var all: [CommandSpec] = [LogCommands.verify, LogCommands.log]
    all +=
      PlanningCommands.all + AuditCommands.all + PrivacyCommands.all + TransferCommands.all + [
        ServeCommand.spec
      ]
    return Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })
  }()

  /// A line for standard error as a terminal may show it: every control character, bidirectional
  /// control and line or paragraph separator — which a value read from the log or given as an
  /// argument may hold — becomes `?`, so no message can move the cursor, retitle the terminal or
  /// reorder what it quotes, and each message stays one line.
  static func escaped(_ line: String) -> String {
    String(
      String.UnicodeScalarView(
        line.unicodeScalars.map { s -> Unicode.Scalar in
          switch s.properties.generalCategory {
          case .control, .lineSeparator, .paragraphSeparator: return "?"
          case .format
          where (0x202A...0x202E).contains(s.value) || (0x2066...0x2069).contains(s.value)
            || s.value == 0x200E || s.value == 0x200F || s.value == 0x061C:
            return "?"
          default: return s
          }
        }))
  }

  /// Runs one invocation, writing its output to standard output or the `-o` file.
  /// - Returns: the exit code and the lines for standard error.
  static func run(arguments: [String], environment: [String: String]) -> (ExitCode, [String]) {
    let stdout = OutputSink()
    /// Help and version: only standard output to finish.
    func finished() -> (ExitCode, [String]) {
      do {
        try stdout.commit()
        return (.ok, [])
      } catch {
        return report(error)
      }
    }
    var inv: Invocation
    do {
      inv = try parseArguments(arguments, commands: commands)
    } catch {
      let (code, lines) = report(error)
      return (code, lines)
    }
    if inv.flag("--version") {
      stdout.write(version + "\n")
      return finished()
    }
    guard let name = inv.command, let command = commands[name] else {
      if inv.flag("--help") || arguments.isEmpty {
        stdout.write(Help.overview(commands))
        return finished()
      }
      return (.usage, ["no command given (see visits --help)"])
    }
    if inv.flag("--help") {
      stdout.write(Help.command(command))
      return finished()
    }

    var sink = stdout
    do {
      if let path = inv.value("--output") {
        sink = try OutputSink(path: path, personal: command.privateOutput)
      }
      var ctx = try makeContext(inv, command: command, environment: environment, sink: sink)
      do {
        try command.run(&ctx)
        sink.write(ctx.standardOutput)
        try sink.commit()
      } catch {
        let (code, lines) = report(error)
        if sink === stdout {
          sink.write(ctx.standardOutput)
          sink.flush()
        } else {
          sink.discard()
        }
        return (code, ctx.standardError + lines)
      }
      return (.ok, ctx.standardError)
    } catch {
      if sink !== stdout { sink.discard() }
      let (code, lines) = report(error)
      return (code, lines)
    }
  }

  private static func makeContext(
    _ inv: Invocation, command: CommandSpec, environment: [String: String], sink: OutputSink
  ) throws -> Context {
    guard command.arity.contains(inv.positionals.count) else {
      throw CLIError.usage(
        "\(command.name): wrong number of arguments (usage: visits \(command.name) \(command.usage))")
    }
    let format = inv.value("--format") ?? command.formats[0]
    guard command.formats.contains(format) else {
      throw CLIError.usage(
        "invalid --format '\(printable(format))' for \(command.name): one of \(command.formats.joined(separator: ", "))"
      )
    }
    let directory = inv.value("--store") ?? environment["VISITS_STORE"] ?? "events"
    let clock = try recordingClock(environment)
    var store = FileEventStore(
      directory: directory.hasSuffix("/") && directory.count > 1 ? String(directory.dropLast()) : directory,
      clock: clock.now, makeID: clock.makeID, makeSalt: clock.makeSalt)
    if let t = environment["VISITS_LOCK_TIMEOUT"], let seconds = Double(t), seconds >= 0 {
      store.lockTimeout = seconds
    }
    let ctx = Context(invocation: inv, environment: environment, store: store, format: format, sink: sink)
    if inv.value("--as-of") != nil && !command.readsAsOf {
      throw CLIError.usage(
        command.writes
          ? "--as-of applies to commands that read; \(command.name) writes"
          : "--as-of applies to commands that read the visits as they stood; \(command.name) checks the log as it is"
      )
    }
    if inv.value("--audience") != nil && !ReadCommands.withAudience.contains(command.name) {
      throw CLIError.usage(
        "--audience applies to \(ReadCommands.withAudience.joined(separator: ", ")), not to \(command.name)")
    }
    // Every global option is checked before the command runs: a write must not be made and then
    // reported as refused because the language or date for its output was malformed.
    _ = try ctx.language()
    _ = try ctx.today()
    if command.writes {
      _ = try ctx.actor()
      _ = try ctx.expectedVersion()
    }
    return ctx
  }

  /// The clock, id maker and salt maker: the system's, or — when `VISITS_NOW` is set, for
  /// reproducible scripts and tests — that fixed time, and ids and vault salts derived from stream
  /// and seq (predictable, so never for real personal data).
  static func recordingClock(
    _ environment: [String: String]
  ) throws(CLIError) -> (
    now: @Sendable () -> Timestamp, makeID: @Sendable (String, Int) -> String,
    makeSalt: @Sendable (String, Int, String) -> String
  ) {
    guard let fixed = environment["VISITS_NOW"] else {
      return (
        { Timestamp(milliseconds: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))) },
        { _, _ in UUID().uuidString.lowercased() }, { _, _, _ in randomSalt() }
      )
    }
    guard let t = Timestamp(logForm: fixed) else {
      throw .usage("invalid VISITS_NOW '\(printable(fixed))': use YYYY-MM-DDTHH:MM:SS.mmmZ")
    }
    return (
      { t }, { stream, seq in derivedEventID(stream: stream, seq: seq) },
      { stream, seq, name in String(SHA256.hexDigest(Array("salt/\(stream)/\(seq)/\(name)".utf8)).prefix(32))
      }
    )
  }
}

/// A UUID-shaped id (version 8, RFC 9562) derived from the stream name and seq.
func derivedEventID(stream: String, seq: Int) -> String {
  var b = SHA256.digest(Array("\(stream)/\(seq)".utf8)).prefix(16).map { $0 }
  b[6] = (b[6] & 0x0F) | 0x80
  b[8] = (b[8] & 0x3F) | 0x80
  let hex = b.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }
    .joined()
  let c = Array(hex)
  return String(c[0..<8]) + "-" + String(c[8..<12]) + "-" + String(c[12..<16]) + "-" + String(c[16..<20])
    + "-"
    + String(c[20..<32])
}
