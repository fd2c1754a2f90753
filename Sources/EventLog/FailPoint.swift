#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// Named places in the write path where a crash test can kill the process, to prove what a crash
/// there leaves behind. Armed only by the environment variable `VISITS_FAILPOINT` naming the place;
/// without it, a fail point does nothing.
enum FailPoint: String {
  /// After the vault entries are on disk, before the line that commits to them is written.
  case afterVaultWrite = "after-vault-write"

  private static let armed: String? = getenv("VISITS_FAILPOINT").map { String(cString: $0) }

  /// Kills the process with SIGKILL, as a power cut would stop it, when this point is armed.
  func reach() {
    if Self.armed == rawValue { kill(getpid(), SIGKILL) }
  }
}
