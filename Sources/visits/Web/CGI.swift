import Foundation
import EventLog
import Planning
import Publishing

#if canImport(Glibc)
  import Glibc
#endif

/// The binary as a CGI program: what `main.swift` runs when `GATEWAY_INTERFACE` is set.
enum CGI {
  /// Reads the request from `environment` and standard input, handles it, and returns the bytes
  /// of the response for standard output.
  static func run(environment: [String: String]) -> [UInt8] {
    let frame = WebPage.Frame(base: "", labels: Labels(.en), user: nil)
    let request: WebRequest
    do {
      request = try WebRequest.from(environment: environment) { length in readBody(length) }
    } catch {
      switch error {
      case .tooLarge:
        // Read what the server is still sending (up to a bound), so that it is not left blocked
        // writing a body nobody reads before it reads the answer.
        var left = min(Int(environment["CONTENT_LENGTH"] ?? "0") ?? 0, 64 << 20)
        while left > 0 {
          let n = readBody(min(left, 1 << 16)).count
          if n == 0 { break }
          left -= n
        }
        let page = WebPage.refusal(
          title: .tooLarge, message: frame.labels[web: .tooLarge], form: nil, visit: nil, frame)
        return WebResponse.html(413, page).cgi
      case .malformed(let why):
        return WebResponse.html(
          400, WebPage.refusal(title: .badRequest, message: why, form: nil, visit: nil, frame)
        ).cgi
      }
    }
    do {
      let directory = environment["VISITS_STORE"] ?? "events"
      let clock = try VisitsCLI.recordingClock(environment)
      let store = FileEventStore(
        directory: directory, clock: clock.now, makeID: clock.makeID, makeSalt: clock.makeSalt)
      let handler = WebHandler(store: store, commands: VisitsCLI.commands, environment: environment)
      return handler.handle(request, today: today(environment)).cgi
    } catch {
      let (status, message) = WebHandler.status(error)
      return WebResponse.html(
        status, WebPage.refusal(title: .errorTitle, message: message, form: nil, visit: nil, frame)
      ).cgi
    }
  }

  /// Up to `length` bytes of standard input.
  static func readBody(_ length: Int) -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: length)
    var done = 0
    while done < length {
      let n = bytes.withUnsafeMutableBytes { read(0, $0.baseAddress.map { $0 + done }, length - done) }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { break }
      done += n
    }
    return Array(bytes.prefix(done))
  }

  /// `VISITS_TODAY`, else the system's date: what "overdue" is judged against.
  static func today(_ environment: [String: String]) -> LocalDate {
    environment["VISITS_TODAY"].flatMap(LocalDate.init) ?? systemToday()
  }
}
