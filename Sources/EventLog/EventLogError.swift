/// Everything that can go wrong in the event log, each case with the context a user needs.
public enum EventLogError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A stream name is not a slug (`[a-z0-9][a-z0-9-]{0,63}`).
  case invalidStreamName(String)
  /// The store directory does not exist.
  case noSuchStore(path: String)
  /// The stream file does not exist.
  case noSuchStream(name: String)
  /// The stream's version is not the one the caller expected.
  case versionConflict(stream: String, expected: ExpectedVersion, actual: Int)
  /// Another process held the store lock for longer than the timeout; `byWriter` says whether a
  /// writer held it (else readers did).
  case lockTimeout(path: String, seconds: Double, byWriter: Bool)
  /// A stream is damaged beyond a torn tail: nothing is appended after it.
  case corrupt(file: String, line: Int, reason: String)
  /// Some, but not all, events of a batch are already in the stream.
  case partialDuplicate(stream: String, ids: [String])
  /// An event handed to `append` cannot be written (bad type, duplicate id in the batch…).
  case invalidEvent(String)
  /// A system call failed.
  case io(path: String, operation: String, errno: Int32)
  /// Where a file of the store should be there is something else: a symbolic link, a FIFO, a
  /// device or a directory.
  case notAFile(path: String)

  public var description: String {
    switch self {
    case .invalidStreamName(let n):
      return
        "invalid stream name '\(n)': use lower-case letters, digits and '-' (at most 64, starting with a letter or digit)"
    case .noSuchStore(let p): return "no such store: \(p)"
    case .noSuchStream(let n): return "no such stream: \(n)"
    case .versionConflict(let s, let e, let a):
      return "version conflict on \(s): expected \(e), but the stream is at version \(a)"
    case .lockTimeout(let p, let s, let writer):
      let holder =
        writer
        ? "another visits process is writing to it"
        : "other visits processes are reading it (a long audit or verify)"
      return "could not lock the store \(p) within \(s) s: \(holder); try again"
    case .corrupt(let f, let l, let r): return "\(f):\(l): \(r)"
    case .partialDuplicate(let s, let ids):
      return
        "\(s): some events of the batch are already stored (\(ids.joined(separator: ", "))), others are not"
    case .invalidEvent(let r): return "invalid event: \(r)"
    case .io(let p, let op, let e): return "\(p): \(op) failed: \(String(cString: strerror(e)))"
    case .notAFile(let p):
      return
        "\(p): not a regular file (a symbolic link, FIFO, device or directory is never read or written as part of a store)"
    }
  }
}

/// Something a reader noticed and worked around, such as a torn final line.
public struct EventLogWarning: Sendable, Equatable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var message: String
  /// Line 0: about the file as a whole (its mode).
  public var description: String { "warning: \(file)\(line > 0 ? ":\(line)" : ""): \(message)" }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif
