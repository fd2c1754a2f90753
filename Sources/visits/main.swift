import Foundation

let environment = ProcessInfo.processInfo.environment
if environment["GATEWAY_INTERFACE"] != nil {
  // Run by a web server as its CGI program (docs/web.md): one request, one response.
  FileHandle.standardOutput.write(Data(CGI.run(environment: environment)))
  exit(0)
}
// An argument that is not UTF-8 would be read with replacement characters: refused instead.
for i in 1..<Int(CommandLine.argc) {
  guard let raw = CommandLine.unsafeArgv[i], String(validatingCString: raw) != nil else {
    FileHandle.standardError.write(Data("visits: argument \(i) is not valid UTF-8\n".utf8))
    exit(64)
  }
}
// A closed pipe is an error a write returns (and the command ends quietly), not a signal.
signal(SIGPIPE, SIG_IGN)
let (code, errors) = VisitsCLI.run(
  arguments: Array(CommandLine.arguments.dropFirst()), environment: environment)
for line in errors {
  FileHandle.standardError.write(Data(("visits: " + VisitsCLI.escaped(line) + "\n").utf8))
}
exit(code.rawValue)
