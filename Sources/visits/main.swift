import Foundation

let environment = ProcessInfo.processInfo.environment
if environment["GATEWAY_INTERFACE"] != nil {
  // Run by a web server as its CGI program (docs/web.md): one request, one response.
  FileHandle.standardOutput.write(Data(CGI.run(environment: environment)))
  exit(0)
}
let (code, errors) = VisitsCLI.run(
  arguments: Array(CommandLine.arguments.dropFirst()), environment: environment)
for line in errors { FileHandle.standardError.write(Data(("visits: " + line + "\n").utf8)) }
exit(code.rawValue)
