import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// One finished child process as the kernel accounted for it.
struct Run {
  var status: Int32
  /// Wall-clock seconds from spawn to reaped.
  var seconds: Double
  /// Peak resident set size of that process alone (`wait4`'s `ru_maxrss`), in KiB.
  var peakKiB: Int
  /// What it wrote to standard output, when asked to keep it.
  var output: String
}

/// Why a benchmark could not go on.
struct BenchError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

func now() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_MONOTONIC, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

/// Runs a program to its end with `posix_spawn` and reaps it with `wait4`, so that its time and
/// its own peak memory are measured, not those of other children.
///
/// - Parameters:
///   - keepOutput: whether to return standard output (read from a file afterwards, so a pipe
///     that fills up never stalls the child); otherwise it goes to `/dev/null`.
func spawn(_ path: String, _ arguments: [String], keepOutput: Bool = false, errorFile: String? = nil)
  throws -> Run
{
  let outFile = keepOutput ? NSTemporaryDirectory() + "visits-bench-out-" + UUID().uuidString : "/dev/null"
  defer { if keepOutput { unlink(outFile) } }
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
  posix_spawn_file_actions_addopen(&actions, 1, outFile, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
  posix_spawn_file_actions_addopen(
    &actions, 2, errorFile ?? "/dev/null", O_WRONLY | O_CREAT | O_APPEND, 0o600)
  let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
  defer { for a in argv { free(a) } }
  var pid: pid_t = 0
  let start = now()
  let spawned = posix_spawn(&pid, path, &actions, nil, argv, environ)
  guard spawned == 0 else { throw BenchError("cannot start \(path): \(String(cString: strerror(spawned)))") }
  var status: Int32 = 0
  var usage = rusage()
  while wait4(pid, &status, 0, &usage) < 0 {
    guard errno == EINTR else { throw BenchError("wait4 failed for \(path)") }
  }
  let seconds = now() - start
  let exited = status & 0x7f == 0
  let output = keepOutput ? (try? String(contentsOfFile: outFile, encoding: .utf8)) ?? "" : ""
  return Run(
    status: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), seconds: seconds,
    peakKiB: Int(usage.ru_maxrss), output: output)
}

/// Several measurements of one thing.
struct Sample {
  var seconds: [Double] = []
  var peakKiB = 0

  mutating func add(_ seconds: Double, peakKiB: Int) {
    self.seconds.append(seconds)
    self.peakKiB = max(self.peakKiB, peakKiB)
  }

  /// Nearest-rank percentile (`p` in 0...1): the p50 is the median of an odd count.
  func percentile(_ p: Double) -> Double {
    let s = seconds.sorted()
    guard !s.isEmpty else { return .nan }
    return s[max(0, min(s.count - 1, Int((Double(s.count) * p).rounded(.up)) - 1))]
  }
  var median: Double { percentile(0.5) }
  var p99: Double { percentile(0.99) }
}

/// What machine this is, in one line: processor, cores, memory, kernel.
func machineDescription() -> String {
  let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
  let model =
    cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
    .map { $0.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" }
    ?? "unknown processor"
  let meminfo = (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8)) ?? ""
  let kib =
    meminfo.split(separator: "\n").first { $0.hasPrefix("MemTotal") }
    .flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
  var u = utsname()
  uname(&u)
  let release = withUnsafeBytes(of: &u.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
  return
    "\(model), \(ProcessInfo.processInfo.activeProcessorCount) cores, "
    + "\(Int((Double(kib) / 1_048_576).rounded())) GiB memory, Linux \(release)"
}

/// Replaces the section of a Markdown file that starts with `heading` (up to the next `## `
/// heading) with `body`, or appends it; the other sections stay as they are.
func replaceSection(in file: String, heading: String, with body: String) throws {
  let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? "# Performance\n"
  var lines = text.components(separatedBy: "\n")
  let section = [heading, ""] + body.trimmingCharacters(in: .newlines).components(separatedBy: "\n") + [""]
  if let start = lines.firstIndex(of: heading) {
    let end = lines[(start + 1)...].firstIndex { $0.hasPrefix("## ") } ?? lines.count
    lines.replaceSubrange(start..<end, with: section)
  } else {
    if lines.last == "" { lines.removeLast() }
    lines += [""] + section
  }
  var result = lines.joined(separator: "\n")
  while result.hasSuffix("\n\n") { result.removeLast() }
  if !result.hasSuffix("\n") { result += "\n" }
  try result.write(toFile: file, atomically: true, encoding: .utf8)
}

func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data("visits-bench: \(message)\n".utf8))
  exit(1)
}

/// A progress line on standard error.
func say(_ message: String) {
  FileHandle.standardError.write(Data("visits-bench: \(message)\n".utf8))
}
