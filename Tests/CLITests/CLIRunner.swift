import Foundation
import TestSupport
import Testing

/// Runs the built `visits` binary in a fresh temporary store.
final class CLIStore: @unchecked Sendable {
  let directory: String

  /// Whether the store's name is its own (made by `init()`), so that every file named after it is
  /// the test's.
  private let ownsName: Bool

  init() {
    directory = NSTemporaryDirectory() + "visits-cli-" + UUID().uuidString.lowercased()
    ownsName = true
    // Owner-only, as the program makes a store (verify warns about wider modes).
    try? FileManager.default.createDirectory(
      atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
  }

  /// A store at `directory`, which must not exist yet (the test makes it).
  init(directory: String) {
    self.directory = directory
    ownsName = false
  }

  deinit {
    try? FileManager.default.removeItem(atPath: directory)
    guard ownsName else { return }
    // Files a test made next to the store, named after it (import and export files), go with it.
    let url = URL(fileURLWithPath: directory)
    let folder = url.deletingLastPathComponent().path
    let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    for file in files where file.hasPrefix(url.lastPathComponent) {
      try? FileManager.default.removeItem(atPath: folder + "/" + file)
    }
  }

  struct Result {
    var code: Int32
    var out: String
    var err: String
  }

  /// Runs `visits` with `args` against this store, as actor `tester` unless `environment` says otherwise.
  @discardableResult
  func run(_ args: [String], environment: [String: String] = [:], store: Bool = true) throws -> Result {
    var env = ["VISITS_ACTOR": "tester", "PATH": "/usr/bin:/bin", "VISITS_LOCK_TIMEOUT": "10"]
    if store { env["VISITS_STORE"] = directory }
    for (k, v) in environment { env[k] = v }
    return try runVisits(args, environment: env.filter { !$0.value.isEmpty })
  }

  /// Every file in the store and its bytes: what "byte-for-byte unchanged" compares. The snapshot
  /// caches (`.cache/`) are left out: deleting them changes nothing but time (`everyFile` has them).
  func snapshot(caches: Bool = false) throws -> [String: Data] {
    var files: [String: Data] = [:]
    guard let walk = FileManager.default.enumerator(atPath: directory) else { return files }
    for case let name as String in walk {
      if !caches && (name == ".cache" || name.hasPrefix(".cache/")) { continue }
      var isDirectory: ObjCBool = false
      _ = FileManager.default.fileExists(atPath: directory + "/" + name, isDirectory: &isDirectory)
      files[name] =
        isDirectory.boolValue ? Data() : try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name))
    }
    return files
  }

  func path(_ visit: String) -> String { directory + "/" + visit + ".jsonl" }

  /// Schedules visit `v` (2–4 May 2022, Europe/Berlin) with two sites, an appointment and a person
  /// (`environment` as for `run`, e.g. `VISITS_NOW` for fixed times and ids).
  func seed(environment: [String: String] = [:]) throws {
    let steps: [[String]] = [
      [
        "schedule", "v", "--title", "Visit", "--partner", "Pittsburgh", "--from", "2022-05-02", "--to",
        "2022-05-04",
      ],
      ["add-site", "v", "hall", "--name", "City hall"],
      [
        "add-appointment", "v", "rec", "--title", "Reception", "--start", "2022-05-02T10:00", "--end",
        "2022-05-02T11:00",
        "--site", "hall", "--kind", "reception",
      ],
      ["add-attendee", "v", "p1", "--name", "Jane Roe"],
      ["add-task", "v", "t1", "--title", "Book the bus"],
    ]
    for s in steps {
      let r = try run(s, environment: environment)
      guard r.code == 0 else { throw CLIFailure(args: s, result: r) }
    }
  }
}

struct CLIFailure: Error, CustomStringConvertible {
  var args: [String]
  var result: CLIStore.Result
  var description: String { "visits \(args.joined(separator: " ")) exited \(result.code): \(result.err)" }
}

/// The `visits` executable next to the test bundle in the build folder.
let visitsBinary: URL = {
  var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
  for _ in 0..<4 {
    let candidate = dir.appendingPathComponent("visits")
    if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    dir = dir.deletingLastPathComponent()
  }
  return Bundle.main.bundleURL.appendingPathComponent("visits")
}()

final class DataBox: @unchecked Sendable { var data = Data() }

/// Runs the built `visits` with exactly `environment`.
func runVisits(_ args: [String], environment: [String: String], input: [UInt8]? = nil) throws
  -> CLIStore.Result
{
  let r = try PrintTools.run(visitsBinary.path, args, environment: environment, input: input)
  return CLIStore.Result(code: r.code, out: r.out, err: r.err)
}
