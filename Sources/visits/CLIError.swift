import EventLog

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
  case let e as EventLogError:
    switch e {
    case .invalidStreamName: return (.usage, [e.description])
    case .noSuchStore, .noSuchStream: return (.noInput, [e.description])
    case .versionConflict, .lockTimeout: return (.retry, [e.description])
    case .corrupt, .partialDuplicate, .invalidEvent: return (.data, [e.description])
    case .io(_, let op, _):
      return (op == "open" || op == "read" || op == "stat" ? .noInput : .cannotCreate, [e.description])
    }
  default:
    if let mapped = reportDomain(error) { return mapped }
    return (.internalError, ["internal error: \(error)"])
  }
}
