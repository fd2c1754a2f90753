import EventLog
import Foundation
import Planning

#if canImport(Glibc)
  import Glibc
#endif

/// `export`, `import`, `generate`: moving whole visits in and out of a store, and making synthetic
/// ones (see docs/cli.md and the "Export and import" section of docs/log-format.md).
enum TransferCommands {
  static let all: [CommandSpec] = [export, importFile, generate]

  static let export = CommandSpec(
    name: "export", usage: "[VISIT...]",
    summary: "the visits' events (all visits when none is named) as an import file, personal values included",
    arity: 0...Int.max, formats: ["jsonl"], privateOutput: true
  ) { ctx in
    let visits = try ctx.positionals.indices.map { i throws(CLIError) in try ctx.slug(i, "VISIT") }
    let warnings = try ctx.planner.export(visits) { line in
      ctx.emit(String(decoding: line, as: UTF8.self))
    }
    ctx.warn(warnings)
  }

  static let importFile = CommandSpec(
    name: "import", usage: "FILE|-",
    summary: "events from an import file, checked by the rules of the commands, all or nothing", arity: 1...1
  ) { ctx in
    let file = ctx.positionals[0]
    let bytes = try read(file)
    let progress = Progress(enabled: isatty(STDERR_FILENO) == 1)
    let request = ImportRequest(
      file: file, bytes: bytes, actor: try ctx.actor(), reason: ctx.invocation.value("--reason"))
    let result: ImportResult
    do {
      result = try ctx.planner.importEvents(request) { checked, written in
        progress.show(
          written == 0
            ? "checked \(checked) line(s)" : "checked \(checked) line(s), wrote \(written) visit(s)")
      }
      progress.end()
    } catch let e as ImportInterrupted {
      progress.end()
      for s in e.written where s.written > 0 {
        ctx.warn("written before the failure: \(s.visit) seq \(s.firstSeq)–\(s.lastSeq), head \(s.headHash)")
      }
      ctx.warn("nothing of \(e.failed) or of the visits after it in \(file) was written")
      throw e.error
    } catch {
      progress.end()
      throw error
    }
    for s in result.streams {
      if s.written > 0 {
        ctx.print(
          "\(s.visit): \(s.written) event(s) imported (seq \(s.firstSeq)–\(s.lastSeq)), head \(s.headHash)"
            + (s.alreadyStored > 0 ? "; \(s.alreadyStored) already stored" : ""))
      } else {
        ctx.print("\(s.visit): nothing new, \(s.alreadyStored) event(s) already stored")
      }
    }
    ctx.print(
      result.streams.isEmpty
        ? "nothing imported: \(file) holds no events"
        : result.written == 0
          ? "nothing imported: every event of \(file) is already stored"
          : "imported \(result.written) event(s) into \(result.streams.filter { $0.written > 0 }.count) visit(s) from \(file)"
    )
  }

  static let generate = CommandSpec(
    name: "generate", usage: "--visits N --events-per-visit M [--seed S]",
    summary: "a realistic synthetic store for benchmarks and load tests, into an empty --store",
    arity: 0...0,
    options: [
      OptionSpec(name: "--visits", valueName: "N", help: "how many visits (1 to 1000000)"),
      OptionSpec(name: "--events-per-visit", valueName: "M", help: "events per visit (1 to 100000)"),
      OptionSpec(name: "--seed", valueName: "S", help: "the same seed gives the same files (default 1)"),
    ]
  ) { ctx in
    func number(_ option: String, _ range: ClosedRange<Int>, default value: Int? = nil) throws(CLIError)
      -> Int
    {
      guard let text = ctx.invocation.value(option) else {
        if let value { return value }
        throw CLIError.usage("generate needs \(option)")
      }
      guard let n = Int(text), range.contains(n) else {
        throw CLIError.usage(
          "invalid \(option) '\(printable(text))': a whole number from \(range.lowerBound) to \(range.upperBound)"
        )
      }
      return n
    }
    let visits = try number("--visits", 1...1_000_000)
    let events = try number("--events-per-visit", 1...100_000)
    let seed = UInt64(try number("--seed", 0...Int.max, default: 1))
    guard let directory = (ctx.store as? FileEventStore)?.directory else {
      throw CLIError.usage("generate writes to a --store directory")
    }
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    guard entries.allSatisfy({ $0 == ".lock" }) else {
      throw CLIError.usage("generate needs an empty store; \(directory) is not empty")
    }
    // Ids and vault salts from the seed, so that the same seed gives the same files (synthetic
    // personal data only: derived salts are predictable).
    let store = FileEventStore(
      directory: directory, clock: { Timestamp(milliseconds: 0) },
      makeID: { stream, seq in derivedEventID(stream: "\(seed)/\(stream)", seq: seq) },
      makeSalt: { stream, seq, name in
        String(SHA256.hexDigest(Array("generate/\(seed)/\(stream)/\(seq)/\(name)".utf8)).prefix(32))
      })
    let progress = Progress(enabled: isatty(STDERR_FILENO) == 1)
    let started = Date()
    let written = try Planner(store: store).generate(
      GenerateRequest(visits: visits, eventsPerVisit: events, seed: seed)
    ) { done in
      if done % 100 == 0 || done == visits { progress.show("generated \(done) of \(visits) visit(s)") }
    }
    progress.end()
    let seconds = Date().timeIntervalSince(started)
    ctx.print(
      "generated \(visits) visit(s) with \(written) event(s) in \(directory) (seed \(seed), \(String(format: "%.1f", seconds)) s)"
    )
  }

  /// The bytes of FILE, or of standard input for `-`.
  static func read(_ file: String) throws(CLIError) -> [UInt8] {
    if file == "-" { return Array(FileHandle.standardInput.readDataToEndOfFile()) }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), !isDirectory.boolValue
    else {
      throw CLIError.notFound("no such file: \(file)")
    }
    guard let data = FileManager.default.contents(atPath: file) else {
      throw CLIError.notFound("cannot read \(file)")
    }
    return Array(data)
  }
}

/// A progress line on standard error, rewritten in place; only when standard error is a terminal.
final class Progress: @unchecked Sendable {
  let enabled: Bool
  private var shown = false

  init(enabled: Bool) { self.enabled = enabled }

  func show(_ text: String) {
    guard enabled else { return }
    FileHandle.standardError.write(Data(("\r" + text + "\u{1B}[K").utf8))
    shown = true
  }

  func end() {
    guard enabled, shown else { return }
    FileHandle.standardError.write(Data("\n".utf8))
    shown = false
  }
}
