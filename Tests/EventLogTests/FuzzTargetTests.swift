import Foundation
import TestSupport
import Testing

/// The libFuzzer target `Tests/Fuzz/RecordFuzzer.swift` is no SwiftPM target: `Tests/Fuzz/run.sh`
/// compiles it together with `Sources/EventLog` into one module. This type-checks it the same way,
/// so that a change to EventLog's internals cannot leave it broken unnoticed.
@Suite("The libFuzzer target")
struct FuzzTargetTests {
  /// The repository root: three levels up from this file.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// `swiftc` on the PATH, if there is one.
  static let swiftc = PrintTools.path("swiftc")

  @Test(
    "Tests/Fuzz/RecordFuzzer.swift type-checks with Sources/EventLog as one module, without a warning",
    .enabled(if: swiftc != nil, "skipped: swiftc is not on the PATH (needed to type-check Tests/Fuzz)"))
  func typeChecks() throws {
    let swiftc = try #require(Self.swiftc)
    let sources = Self.root.appendingPathComponent("Sources/EventLog")
    let files = try FileManager.default.contentsOfDirectory(atPath: sources.path)
      .filter { $0.hasSuffix(".swift") }.sorted().map { sources.appendingPathComponent($0).path }
    #expect(files.contains { $0.hasSuffix("/EventRecord.swift") })
    let target = Self.root.appendingPathComponent("Tests/Fuzz/RecordFuzzer.swift").path
    #expect(FileManager.default.fileExists(atPath: target))

    let r = try PrintTools.run(
      swiftc,
      ["-typecheck", "-parse-as-library", "-module-name", "EventLog", "-swift-version", "6"] + files + [
        target
      ])
    #expect(r.code == 0, "swiftc -typecheck failed:\n\(r.err)")
    let output = r.err
    // Warnings in EventLog itself are the package build's business; the target must have none.
    let own = output.split(separator: "\n").filter { $0.contains("RecordFuzzer.swift:") }
    #expect(own.isEmpty, "diagnostics in the fuzz target:\n\(own.joined(separator: "\n"))")
  }
}
