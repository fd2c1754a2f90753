import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Where a command's output goes: standard output, or a file written through a temporary file and
/// renamed into place only when the command succeeds. Buffered, so that commands can stream.
///
/// A write that fails is never ignored: standard output that cannot be written (a full disk behind
/// a redirection) ends the command with 73, except a closed pipe, which ends it quietly (as `head`
/// users expect); a file that cannot be written whole is not put in place at all.
final class OutputSink {
  private let fd: Int32
  private var buffer: [UInt8] = []
  private let target: String?
  private let temporary: String?
  /// The permissions the finished file gets.
  private let mode: mode_t
  private(set) var failed: String?
  private var failedErrno: Int32 = 0

  /// Standard output.
  init() {
    fd = STDOUT_FILENO
    target = nil
    temporary = nil
    mode = 0
  }

  /// A file; nothing appears at `path` until `commit()`.
  ///
  /// The temporary file is made next to it under a random name, exclusively and without following
  /// a symbolic link (`O_EXCL | O_NOFOLLOW`), owner-only until it is complete: another user cannot
  /// plant a link that makes this program overwrite a file of theirs choosing, nor read the output
  /// while it is written. The finished file gets `mode` as the umask allows, and never more than
  /// 0644; 0600 for output that holds personal data.
  init(path: String, personal: Bool) throws(CLIError) {
    // A folder at `path` would only fail the rename at the end, after a write command has made
    // its change: refused before the command runs.
    var st = stat()
    if stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR {
      throw .cannotWrite(path: path, reason: String(cString: strerror(EISDIR)))
    }
    let current = umask(0)
    umask(current)
    mode = personal ? 0o600 : 0o644 & ~current
    let slash = path.lastIndex(of: "/")
    let folder = slash.map { String(path[...$0]) } ?? ""
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    var g = SystemRandomNumberGenerator()
    var opened: Int32 = -1
    var tmp = ""
    for _ in 0..<16 {
      let letters = Array("abcdefghijklmnopqrstuvwxyz0123456789")
      let suffix = (0..<12).map { _ in letters[Int.random(in: 0..<letters.count, using: &g)] }
      tmp = folder + "." + name + ".tmp-" + String(suffix)
      opened = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
      if opened >= 0 || errno != EEXIST { break }
    }
    guard opened >= 0 else { throw .cannotWrite(path: path, reason: String(cString: strerror(errno))) }
    fd = opened
    target = path
    temporary = tmp
  }

  func write(_ text: String) {
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= 1 << 16 { flush() }
  }

  func flush() {
    var done = 0
    while done < buffer.count && failed == nil {
      let n = buffer.withUnsafeBytes {
        Foundation.write(fd, $0.baseAddress.map { $0 + done }, buffer.count - done)
      }
      if n < 0 {
        if errno == EINTR { continue }
        failedErrno = errno
        failed = String(cString: strerror(errno))
      } else {
        done += n
      }
    }
    buffer.removeAll(keepingCapacity: true)
  }

  /// Finishes the output: standard output is flushed (a failure other than a closed pipe is an
  /// error); a file is synced, given its permissions and renamed into place.
  func commit() throws(CLIError) {
    flush()
    guard let target, let temporary else {
      if let failed, failedErrno != EPIPE { throw .cannotWrite(path: "standard output", reason: failed) }
      return
    }
    defer { close(fd) }
    if let failed {
      unlink(temporary)
      throw .cannotWrite(path: target, reason: failed)
    }
    guard fsync(fd) == 0, fchmod(fd, mode) == 0, rename(temporary, target) == 0 else {
      let reason = String(cString: strerror(errno))
      unlink(temporary)
      throw .cannotWrite(path: target, reason: reason)
    }
  }

  /// Drops a file's partial output after a failure.
  func discard() {
    buffer.removeAll()
    guard let temporary else { return }
    close(fd)
    unlink(temporary)
  }
}
