import Foundation

/// The benchmarks, run as a whole program (never as timed unit tests):
///
///     swift build -c release --static-swift-stdlib
///     .build/release/visits-bench web [--requests N] [--write docs/performance.md]
///     .build/release/visits-bench store [--visits 10000] [--events 100]
///       [--long 10000] [--runs 3] [--samples 50] [--quick] [--write docs/performance.md]
///
/// `web` measures the staff web interface (`WebBench.swift`); `store` the event store at scale
/// against the Python `eventsourcing` library (`StoreBench.swift`, the peer in `peer/peer.py`).
let arguments = Array(CommandLine.arguments.dropFirst())
let usage = """
  usage: visits-bench web [--requests N] [--write FILE]
         visits-bench store [--visits N] [--events M] [--long L] [--runs R] [--samples S] [--quick] [--write FILE]

  """
func option(_ name: String) -> String? {
  arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
}
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()
let binaryFolder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
  .deletingLastPathComponent()
let visits = binaryFolder.appendingPathComponent("visits").path
guard FileManager.default.isExecutableFile(atPath: visits) else {
  fail("no visits binary next to this one (\(visits)): swift build -c release --static-swift-stdlib first")
}

do {
  switch arguments.first {
  case "web":
    try webBench(option: option, root: root, visits: visits)
  case "store":
    let quick = arguments.contains("--quick")
    func number(_ name: String, _ full: Int, _ small: Int) -> Int {
      guard let text = option(name) else { return quick ? small : full }
      guard let n = Int(text), n > 0 else { fail("\(name) needs a positive number, not \(text)") }
      return n
    }
    let scale = StoreBench.Scale(
      visits: number("--visits", 10_000, 200), events: number("--events", 100, 50),
      long: number("--long", 10_000, 1_000), runs: number("--runs", 3, 1),
      samples: number("--samples", 50, 10))
    let bench = StoreBench(
      scale: scale, visits: visits,
      peer: root.appendingPathComponent("Sources/visits-bench/peer/peer.py").path,
      command: "visits-bench " + arguments.joined(separator: " "))
    let complete = try bench.run(write: option("--write"))
    exit(complete ? 0 : 1)
  default:
    FileHandle.standardError.write(Data(usage.utf8))
    exit(64)
  }
} catch {
  fail("\(error)")
}
