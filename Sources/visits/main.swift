import Foundation

let (code, errors) = VisitsCLI.run(
  arguments: Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment)
for line in errors { FileHandle.standardError.write(Data(("visits: " + line + "\n").utf8)) }
exit(code.rawValue)
