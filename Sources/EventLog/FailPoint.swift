#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// Places in the write path where a crash test can kill the process, to prove what a crash there
/// leaves behind. Armed only by environment variables; without them, a fail point does nothing.
///
/// - `VISITS_FAILPOINT=after-vault-write` kills at that named place.
/// - `VISITS_CRASH_AT=N` or `N:K` kills before the N-th **step** of the store's writing: every
///   write, truncation, `fsync`, `rename` and `link` of a store file, caches included, counts as
///   one. When that step is a write, its first K bytes (K modulo its length) are written
///   first, as a power cut in the middle of a write would leave them. The crash suite
///   (`Tests/CLITests/CrashTests.swift`) walks every step of a command with seeded K.
enum FailPoint: String {
  /// After the vault entries are on disk, before the line that commits to them is written.
  case afterVaultWrite = "after-vault-write"

  private static let armed: String? = getenv("VISITS_FAILPOINT").map { String(cString: $0) }

  /// Kills the process with SIGKILL, as a power cut would stop it, when this point is armed.
  func reach() {
    if Self.armed == rawValue { Self.die() }
  }

  /// The step to die at and the bytes of a write to let through first, from `VISITS_CRASH_AT`.
  private static let crashAt: (step: Int, bytes: Int)? = {
    guard let raw = getenv("VISITS_CRASH_AT").map({ String(cString: $0) }) else { return nil }
    let parts = raw.split(separator: ":").map { Int($0) }
    guard let step = parts.first ?? nil, step > 0 else { return nil }
    return (step, parts.count > 1 ? (parts[1] ?? 0) : 0)
  }()

  private static let counter = StepCounter()

  /// Counts one step of writing; kills the process when it is the armed one. For a write of
  /// `length` bytes, `partial` is called with how many of them to write before dying.
  static func step(write length: Int = 0, partial: (Int) -> Void = { _ in }) {
    guard let crashAt, counter.next() == crashAt.step else { return }
    if length > 0 { partial(crashAt.bytes % length) }
    die()
  }

  private static func die() { kill(getpid(), SIGKILL) }
}

/// A step count shared by the threads of one process (a parallel read can write caches).
private final class StepCounter: @unchecked Sendable {
  private let lock = ThreadLock()
  private var count = 0

  func next() -> Int {
    lock.locked {
      count += 1
      return count
    }
  }
}
