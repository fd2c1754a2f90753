import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Where a command's output goes: standard output, or a file written through a temporary file and
/// renamed into place only when the command succeeds. Buffered, so that commands can stream.
final class OutputSink {
  private let fd: Int32
  private var buffer: [UInt8] = []
  private let target: String?
  private let temporary: String?
  private(set) var failed: String?

  /// Standard output.
  init() {
    fd = STDOUT_FILENO
    target = nil
    temporary = nil
  }

  /// A file; nothing appears at `path` until `commit()`.
  ///
  /// - Parameter mode: the file's permissions; `0o600` for output that holds personal data (set
  ///   explicitly, so that a left-over temporary file cannot keep wider ones).
  init(path: String, mode: mode_t = 0o644) throws(CLIError) {
    let tmp = path + ".tmp-\(getpid())"
    let opened = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
    guard opened >= 0 else { throw .cannotWrite(path: path, reason: String(cString: strerror(errno))) }
    // Owner-only output is made so even if a left-over temporary file had wider permissions.
    guard mode & 0o077 != 0 || fchmod(opened, mode) == 0 else {
      close(opened)
      throw .cannotWrite(path: path, reason: String(cString: strerror(errno)))
    }
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
        failed = String(cString: strerror(errno))
      } else {
        done += n
      }
    }
    buffer.removeAll(keepingCapacity: true)
  }

  /// Finishes the output: for a file, syncs and renames it into place.
  func commit() throws(CLIError) {
    flush()
    guard let target, let temporary else { return }
    defer { close(fd) }
    if let failed {
      unlink(temporary)
      throw .cannotWrite(path: target, reason: failed)
    }
    guard fsync(fd) == 0, rename(temporary, target) == 0 else {
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
