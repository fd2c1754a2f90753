import Foundation
import EventLog
import Planning

/// The exit codes of `../shared/cli-contract.md`.
enum ExitCode: Int32 {
  case ok = 0
  case usage = 64
  case data = 65
  case noInput = 66
  case cannotCreate = 73
  case retry = 75
  case internalError = 70
}

/// Errors of the command line itself, before the library is called.
enum CLIError: Error, Equatable {
  /// Unknown command or option, missing or malformed argument: exit 64.
  case usage(String)
  /// The output file cannot be written: exit 73.
  case cannotWrite(path: String, reason: String)
  /// Input data is invalid (import file, …): exit 65.
  case data(String)
  /// A named thing does not exist: exit 66.
  case notFound(String)
  /// The command ran but found problems (`verify`, `check --strict`), listed already; the
  /// message sums them up.
  case problemsReported(String)
}

/// The one place where errors become a message and an exit code.
func report(_ error: any Error) -> (ExitCode, [String]) {
  switch error {
  case let e as CLIError:
    switch e {
    case .usage(let m): return (.usage, [m])
    case .cannotWrite(let p, let r): return (.cannotCreate, ["cannot write \(p): \(r)"])
    case .data(let m): return (.data, [m])
    case .notFound(let m): return (.noInput, [m])
    case .problemsReported(let m): return (.data, [m])
    }
  case let e as PlanningError:
    return (exitCode(e), [e.message(naming: CLIFields.name)])
  case let e as EventLogError:
    return (exitCode(e), [e.description])
  default:
    return (.internalError, ["internal error: \(error)"])
  }
}

/// The exit code of a domain or use-case error.
func exitCode(_ e: PlanningError) -> ExitCode {
  switch e {
  case .visitNotFound, .personNotFound, .notFound, .notYetScheduled: return .noInput
  case .rule, .unreadableEvent, .damaged, .anchorOnDamagedStream, .anchorNotFound: return .data
  case .invalidPoint, .invalidInput: return .usage
  case .versionConflict: return .retry
  case .unregisteredEvent: return .internalError
  case .store(let log): return exitCode(log)
  // What a line of an import file holds is data (65), never a malformed argument (64).
  case .imported(_, let e): return exitCode(e) == .usage ? .data : exitCode(e)
  }
}

/// The exit code of a store error.
func exitCode(_ e: EventLogError) -> ExitCode {
  switch e {
  case .invalidStreamName: return .usage
  case .noSuchStore, .noSuchStream: return .noInput
  case .versionConflict, .lockTimeout: return .retry
  case .corrupt, .partialDuplicate, .invalidEvent, .notAFile: return .data
  // 66 only for what does not exist; anything else the system refuses (a read-only store, no
  // permission, a full disk, no free inodes) is 73, with the system's reason in the message.
  case .io(_, _, let e): return e == ENOENT ? .noInput : .cannotCreate
  }
}
