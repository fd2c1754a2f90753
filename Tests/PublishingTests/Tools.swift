import Foundation

/// External programs the client tests run: `python3` and its modules, through `/usr/bin/env`.
enum Tools {
  struct Result {
    var code: Int32
    var out: String
    var err: String
  }

  /// Whether `python3` is on the PATH and can import module `name`.
  static func hasPythonModule(_ name: String) -> Bool {
    guard let r = try? python("import importlib, sys; importlib.import_module(sys.argv[1])", [name]) else {
      return false
    }
    return r.code == 0
  }

  /// Runs `python3 -c script args…` and waits for it; stdout and stderr go through files so that
  /// neither can fill a pipe and stall the other.
  static func python(_ script: String, _ args: [String] = []) throws -> Result {
    let dir = FileManager.default.temporaryDirectory
    let outURL = dir.appendingPathComponent("py-out-\(UUID().uuidString)")
    let errURL = dir.appendingPathComponent("py-err-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    defer {
      try? FileManager.default.removeItem(at: outURL)
      try? FileManager.default.removeItem(at: errURL)
    }
    let out = try FileHandle(forWritingTo: outURL)
    let err = try FileHandle(forWritingTo: errURL)
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", "-c", script] + args
    var env = ProcessInfo.processInfo.environment
    env["PYTHONIOENCODING"] = "utf-8"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    p.environment = env
    p.standardInput = FileHandle.nullDevice
    p.standardOutput = out
    p.standardError = err
    try p.run()
    p.waitUntilExit()
    try out.close()
    try err.close()
    return Result(
      code: p.terminationStatus,
      out: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
      err: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
  }

  /// Writes `text` as UTF-8 to a fresh temporary file and returns its path.
  static func temporaryFile(_ text: String, suffix: String) throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "visits-\(UUID().uuidString)\(suffix)")
    try Data(text.utf8).write(to: url)
    return url.path
  }
}
