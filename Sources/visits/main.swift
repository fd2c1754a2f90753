import EventLog
import Foundation

let (code, output, errors) = VisitsCLI.run(
  arguments: Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment)
if !output.isEmpty { FileHandle.standardOutput.write(Data(output.utf8)) }
for line in errors { FileHandle.standardError.write(Data(("visits: " + line + "\n").utf8)) }
exit(code.rawValue)
