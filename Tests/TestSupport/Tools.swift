import Foundation

/// External programs the client tests run: `python3` and its modules, through `/usr/bin/env`.
/// Shared by the test targets (`TestSupport` is a plain module the tests import).
public enum Tools {
  public typealias Result = PrintTools.Run

  /// Whether `python3` is on the PATH and can import module `name`.
  public static func hasPythonModule(_ name: String) -> Bool {
    guard let r = try? python("import importlib, sys; importlib.import_module(sys.argv[1])", [name]) else {
      return false
    }
    return r.code == 0
  }

  /// Runs `python3 -c script args…` and waits for it.
  public static func python(_ script: String, _ args: [String] = []) throws -> Result {
    var env = ProcessInfo.processInfo.environment
    env["PYTHONIOENCODING"] = "utf-8"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return try PrintTools.run("/usr/bin/env", ["python3", "-c", script] + args, environment: env)
  }

  /// Writes `text` as UTF-8 to a fresh temporary file and returns its path.
  public static func temporaryFile(_ text: String, suffix: String) throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "visits-\(UUID().uuidString)\(suffix)")
    try Data(text.utf8).write(to: url)
    return url.path
  }
}
