import Foundation

/// The outside programs the agenda's print tests drive: headless Chromium and poppler-utils.
public enum PrintTools {
  /// The full path of `name` on `PATH` (or the usual system directories), if it is there.
  public static func path(_ name: String) -> String? {
    let dirs =
      (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
      + ["/usr/bin", "/usr/local/bin", "/bin", "/snap/bin", "/usr/sbin", "/sbin"]
    for d in dirs where !d.isEmpty {
      let p = d + "/" + name
      if FileManager.default.isExecutableFile(atPath: p) { return p }
    }
    return nil
  }

  public static func has(_ name: String) -> Bool {
    if name == "chromium" { return chromium != nil }
    return path(name) != nil
  }

  /// Chromium, as Debian (`chromium`) or Ubuntu (`chromium-browser`) names it.
  public static var chromium: String? { path("chromium") ?? path("chromium-browser") }

  public struct Run: Sendable {
    public var code: Int32
    public var out: String
    public var err: String
  }

  public enum Failure: Error, CustomStringConvertible {
    case missing(String)
    case timedOut(String, Double)

    public var description: String {
      switch self {
      case .missing(let n): return "\(n) is not installed"
      case .timedOut(let n, let s): return "\(n) did not finish within \(Int(s)) s"
      }
    }
  }

  /// Runs a program to the end (killing it after `timeout` seconds), collecting its output;
  /// `input`, when given, is its standard input.
  public static func run(
    _ executable: String, _ arguments: [String], environment: [String: String]? = nil, timeout: Double = 120,
    input: [UInt8]? = nil
  ) throws -> Run {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = arguments
    if let environment { p.environment = environment }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "print-tools-" + UUID().uuidString)
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    // Output goes to files, so a chatty program cannot fill a pipe and stall.
    let outURL = dir.appendingPathComponent("out")
    let errURL = dir.appendingPathComponent("err")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let out = try FileHandle(forWritingTo: outURL)
    let err = try FileHandle(forWritingTo: errURL)
    p.standardOutput = out
    p.standardError = err
    var inHandle: FileHandle?
    if let input {
      let inURL = dir.appendingPathComponent("in")
      try Data(input).write(to: inURL)
      inHandle = try FileHandle(forReadingFrom: inURL)
    }
    // Closed here, not when released: suites start hundreds of processes.
    defer { try? inHandle?.close() }
    p.standardInput = inHandle ?? FileHandle.nullDevice
    let done = DispatchSemaphore(value: 0)
    p.terminationHandler = { _ in done.signal() }
    try p.run()
    if done.wait(timeout: .now() + timeout) == .timedOut {
      p.terminate()
      p.waitUntilExit()
      try? out.close()
      try? err.close()
      throw Failure.timedOut(executable, timeout)
    }
    p.waitUntilExit()
    try out.close()
    try err.close()
    return Run(
      code: p.terminationStatus,
      out: String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self),
      err: String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self))
  }

  /// Prints an HTML file to PDF with headless Chromium (its own header and footer off, so the
  /// page's `@page` margin boxes are what shows).
  public static func printToPDF(html: URL, pdf: URL, profile: URL) throws -> Run {
    guard let chromium else { throw Failure.missing("chromium") }
    return try run(
      chromium,
      [
        "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-pdf-header-footer",
        "--user-data-dir=" + profile.path, "--print-to-pdf=" + pdf.path, html.absoluteString,
      ])
  }
}
