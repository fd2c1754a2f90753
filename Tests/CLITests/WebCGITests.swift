import EventLog
import Foundation
import TestSupport
import Testing

/// A made-up CGI environment in, the response out: the binary as a web server runs it.
struct CGIExchange {
  var status: Int
  var headers: [String: String]
  var body: String

  func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// A CGI response: the status from its `Status` header, the headers, the body.
func parseCGI(_ output: String) -> CGIExchange {
  let parts = output.components(separatedBy: "\r\n\r\n")
  var headers: [String: String] = [:]
  for line in parts[0].components(separatedBy: "\r\n") {
    guard let colon = line.firstIndex(of: ":") else { continue }
    headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
      in: .whitespaces)
  }
  return CGIExchange(
    status: Int(headers["status"]?.prefix(3) ?? "") ?? 0, headers: headers,
    body: parts.dropFirst().joined(separator: "\r\n\r\n"))
}

extension CLIStore {
  static let site = "http://localhost:8080"

  /// Runs `visits` as a CGI program with one request.
  func cgi(
    _ method: String, _ path: String, query: String = "", form: String? = nil, body: [UInt8]? = nil,
    user: String? = "jana", origin: String? = CLIStore.site, extra: [String: String] = [:]
  ) throws -> CGIExchange {
    let bytes = body ?? form.map { Array($0.utf8) } ?? []
    var env = [
      "GATEWAY_INTERFACE": "CGI/1.1", "REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": query,
      "VISITS_STORE": directory, "HTTP_HOST": "localhost:8080", "SERVER_NAME": "localhost",
      "PATH": "/usr/bin:/bin",
      "CONTENT_LENGTH": String(bytes.count), "CONTENT_TYPE": "application/x-www-form-urlencoded",
    ]
    if let user { env["REMOTE_USER"] = user }
    if let origin { env["HTTP_ORIGIN"] = origin }
    for (k, v) in extra { env[k] = v }
    return parseCGI(try PrintTools.run(visitsBinary.path, [], environment: env, input: bytes).out)
  }

  /// The hidden fields of the first form on a page that posts to `action`.
  func hiddenFields(_ page: String, action: String) -> [String: String] {
    guard let start = page.range(of: "action=\"\(action)\"") else { return [:] }
    let rest = page[start.upperBound...]
    let end = rest.range(of: "</form>")?.lowerBound ?? rest.endIndex
    var fields: [String: String] = [:]
    var chunk = rest[..<end]
    while let r = chunk.range(of: "<input type=\"hidden\" name=\"") {
      let after = chunk[r.upperBound...]
      guard let q = after.firstIndex(of: "\""), let v = after.range(of: "value=\"") else { break }
      let name = String(after[..<q])
      let valueRest = after[v.upperBound...]
      let value = String(valueRest[..<(valueRest.firstIndex(of: "\"") ?? valueRest.endIndex)])
      fields[name] = value
      chunk = valueRest
    }
    return fields
  }
}

/// Encodes form pairs as a browser does.
func formBody(_ pairs: [(String, String)]) -> String {
  pairs.map { "\(percentForm($0.0))=\(percentForm($0.1))" }.joined(separator: "&")
}

func percentForm(_ s: String) -> String {
  var out = ""
  for b in s.utf8 {
    switch b {
    case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x2E, 0x5F, 0x2A:
      out.append(Character(UnicodeScalar(b)))
    case 0x20: out += "+"
    default: out += String(format: "%%%02X", b)
    }
  }
  return out
}

@Suite("Web interface: the CGI program")
struct WebCGITests {
  /// The seeded store and the hidden fields of the move form of its reception.
  static func seeded() throws -> (CLIStore, [String: String]) {
    let store = CLIStore()
    try store.seed()
    let page = try store.cgi("GET", "/v")
    let hidden = store.hiddenFields(page.body, action: "/v/move-appointment")
    return (store, hidden)
  }

  static func move(
    _ hidden: [String: String], start: String = "2022-05-02T10:30", end: String = "2022-05-02T11:30"
  )
    -> String
  {
    formBody([
      ("appointment", "rec"), ("start", start), ("end", end),
      ("expect-version", hidden["expect-version"] ?? ""),
      ("token", hidden["token"] ?? ""), ("reason", "bus delayed"),
    ])
  }

  @Test("pages answer 200 with the safety headers; personal pages are not cached")
  func pages() throws {
    let (store, hidden) = try Self.seeded()
    #expect(hidden["expect-version"] == "5" && hidden["token"]?.count == 64, "\(hidden)")
    for path in ["/", "/v", "/v/audit", "/v/history/rec", "/v/diff", "/v/review", "/-/verify", "/v/agenda"] {
      let r = try store.cgi("GET", path)
      #expect(r.status == 200, "\(path): \(r.body.prefix(300))")
      #expect(
        r.header("Content-Security-Policy")?.hasPrefix(
          "default-src 'self'; form-action 'self'; frame-ancestors 'none'") == true, "\(path)")
      #expect(r.header("X-Content-Type-Options") == "nosniff")
      #expect(r.header("Referrer-Policy") == "same-origin")
      #expect(r.header("Cache-Control") == "no-store")
    }
    let visit = try store.cgi("GET", "/v", query: "lang=de")
    #expect(
      visit.body.contains("Zeitplan") && visit.body.contains("Reception") && visit.body.contains("Jane Roe"))
    // The printed agenda keeps its inline stylesheet, admitted by its hash.
    let agenda = try store.cgi("GET", "/v/agenda")
    #expect(agenda.header("Content-Security-Policy")?.contains("style-src 'self' 'sha256-") == true)
    let css = try store.cgi("GET", "/-/style.css")
    #expect(css.status == 200 && css.header("Content-Type") == "text/css; charset=utf-8")
    // Every response carries the policy and the safety headers, downloads and redirects included.
    for r in [css, try store.cgi("GET", "/v/calendar.ics"), try store.cgi("GET", "/v/move-appointment")] {
      #expect(r.header("Content-Security-Policy")?.hasPrefix("default-src 'self'") == true)
      #expect(r.header("X-Content-Type-Options") == "nosniff" && r.header("Referrer-Policy") == "same-origin")
    }
    let ics = try store.cgi("GET", "/v/calendar.ics")
    #expect(ics.status == 200 && ics.body.hasPrefix("BEGIN:VCALENDAR"))
    let csv = try store.cgi("GET", "/v/attendees.csv")
    #expect(
      csv.status == 200 && csv.header("Content-Type") == "text/csv; charset=utf-8"
        && csv.body.contains("Jane Roe"))
    #expect(try store.cgi("GET", "/v/tasks.csv").body.contains("Book the bus"))
  }

  @Test("a change is made by the signed-in user and answers 303 to the visit")
  func write() throws {
    let (store, hidden) = try Self.seeded()
    let r = try store.cgi("POST", "/v/move-appointment", form: Self.move(hidden))
    #expect(r.status == 303, "\(r.body)")
    #expect(r.header("Location") == "/v?lang=en")
    let log = try store.run(["log", "v", "--format", "jsonl"])
    #expect(
      log.out.contains(
        #""actor":"jana","data":{"appointment":"rec","end":"2022-05-02T11:30","start":"2022-05-02T10:30"}"#))
    #expect(log.out.contains(#""reason":"bus delayed""#))
    #expect(try store.cgi("GET", "/v").body.contains("10:30–11:30"))
  }

  @Test("corrections from the prefilled form; the agenda's audience; internal notes only for staff")
  func correctionsAndAudience() throws {
    let (store, hidden) = try Self.seeded()
    let page = try store.cgi("GET", "/v").body
    // The correction form of the reception is filled in with what stands.
    #expect(page.contains("action=\"/v/update-appointment\""))
    #expect(page.contains("value=\"Reception\""))
    let form = formBody([
      ("appointment", "rec"), ("title", "Reception"), ("site", "hall"), ("kind", "reception"),
      ("internal-note", "Gift: plate no. 17"), ("expect-version", hidden["expect-version"] ?? ""),
      ("token", hidden["token"] ?? ""),
    ])
    let r = try store.cgi("POST", "/v/update-appointment", form: form)
    #expect(r.status == 303, "\(r.body.prefix(400))")
    // Only what changed was recorded.
    let log = try store.run(["log", "v", "--format", "jsonl"]).out
    #expect(log.contains(#""data":{"appointment":"rec","internalNote":"Gift: plate no. 17"}"#), "\(log)")
    // Staff see the internal note on the visit page and the internal agenda, guests never.
    #expect(try store.cgi("GET", "/v").body.contains("Gift: plate no. 17"))
    #expect(!(try store.cgi("GET", "/v/agenda").body.contains("plate no. 17")))
    #expect(!(try store.cgi("GET", "/v/calendar.ics").body.contains("plate no. 17")))
    let staff = try store.cgi("GET", "/v/agenda", query: "audience=internal")
    #expect(staff.status == 200 && staff.body.contains("Gift: plate no. 17"))
    #expect(try store.cgi("GET", "/v/calendar.ics", query: "audience=internal").body.contains("plate no. 17"))
    let bad = try store.cgi("GET", "/v/agenda", query: "audience=press")
    #expect(bad.status == 400, "\(bad.body.prefix(300))")
  }

  /// Every refused write: its status, and the store's bytes unchanged.
  struct Refusal: Sendable, CustomTestStringConvertible {
    var name: String
    var status: Int
    var text: String
    var request: @Sendable (CLIStore, [String: String]) throws -> CGIExchange
    var testDescription: String { name }
  }

  static let refusals: [Refusal] = [
    Refusal(name: "a malformed time", status: 400, text: "invalid start") { s, h in
      try s.cgi("POST", "/v/move-appointment", form: move(h, start: "tomorrow"))
    },
    Refusal(name: "a rule: end before start", status: 422, text: "refused by rule end-after-start") { s, h in
      try s.cgi(
        "POST", "/v/move-appointment", form: move(h, start: "2022-05-02T12:00", end: "2022-05-02T11:00"))
    },
    Refusal(name: "no such appointment", status: 404, text: "no such appointment") { s, h in
      try s.cgi(
        "POST", "/v/move-appointment",
        form: move(h).replacingOccurrences(of: "appointment=rec", with: "appointment=gala"))
    },
    Refusal(name: "no such visit", status: 404, text: "") { s, _ in try s.cgi("GET", "/nope") },
    Refusal(name: "a stale form", status: 409, text: "changed this visit in the meantime") { s, h in
      try s.run(["note", "v", "--text", "meanwhile"])
      return try s.cgi("POST", "/v/move-appointment", form: move(h))
    },
    Refusal(name: "GET on a write path", status: 405, text: "") { s, _ in
      try s.cgi("GET", "/v/move-appointment")
    },
    Refusal(name: "a forged Origin", status: 403, text: "") { s, h in
      try s.cgi("POST", "/v/move-appointment", form: move(h), origin: "https://evil.example")
    },
    Refusal(name: "no Origin and a cross-site fetch", status: 403, text: "") { s, h in
      try s.cgi(
        "POST", "/v/move-appointment", form: move(h), origin: nil,
        extra: ["HTTP_SEC_FETCH_SITE": "cross-site"])
    },
    Refusal(name: "no token", status: 403, text: "") { s, h in
      try s.cgi(
        "POST", "/v/move-appointment", form: move(h).replacingOccurrences(of: "token=", with: "tokn="))
    },
    Refusal(name: "another user's token", status: 403, text: "") { s, h in
      try s.cgi("POST", "/v/move-appointment", form: move(h), user: "tim")
    },
    Refusal(name: "no signed-in user", status: 403, text: "") { s, h in
      try s.cgi("POST", "/v/move-appointment", form: move(h), user: nil)
    },
    Refusal(name: "a body over 1 MiB", status: 413, text: "") { s, h in
      try s.cgi("POST", "/v/note", body: Array(("text=" + String(repeating: "x", count: 1 << 20)).utf8))
    },
    Refusal(name: "invalid UTF-8 in the body", status: 400, text: "") { s, h in
      try s.cgi("POST", "/v/note", body: Array("text=%FF%FE&token=\(h["token"] ?? "")".utf8))
    },
  ]

  @Test("refused writes: the contract's status, and no byte of the store changed", arguments: refusals)
  func refused(_ c: Refusal) throws {
    let (store, hidden) = try Self.seeded()
    if c.name == "a stale form" {
      // The note itself is a change; compare after it.
      try store.run(["note", "v", "--text", "meanwhile"])
    }
    let before = try store.snapshot()
    let r = try c.request(store, hidden)
    #expect(r.status == c.status, "\(r.body.prefix(400))")
    if !c.text.isEmpty { #expect(r.body.contains(c.text), "\(r.body.prefix(600))") }
    if c.status == 405 { #expect(r.header("Allow") == "POST") }
    if c.name != "a stale form" { #expect(try store.snapshot() == before) }
  }

  @Test(
    "a refused form comes back filled in, with the message beside its field; a conflict says what changed")
  func refilled() throws {
    let (store, hidden) = try Self.seeded()
    let rule = try store.cgi(
      "POST", "/v/move-appointment",
      form: Self.move(hidden, start: "2022-05-02T12:00", end: "2022-05-02T11:00"))
    #expect(rule.status == 422)
    #expect(rule.body.contains("value=\"2022-05-02T12:00\""))
    #expect(rule.body.contains("class=\"warn field-message\""))
    try store.run(["--actor", "tim", "add-attendee", "v", "p2", "--name", "Max Muster"])
    let stale = try store.cgi("POST", "/v/move-appointment", form: Self.move(hidden))
    #expect(stale.status == 409)
    #expect(stale.body.contains("Max Muster"), "what changed since the form was made")
    #expect(stale.body.contains("value=\"2022-05-02T10:30\""), "the input is kept")
    #expect(
      stale.body.contains("name=\"expect-version\" value=\"6\""),
      "the form is renewed for the current version")
  }

  @Test("a write to a store that never gave out a token is refused without making its secret")
  func noSecretYet() throws {
    let store = CLIStore()
    try store.seed()
    let before = try store.snapshot()
    let r = try store.cgi(
      "POST", "/v/note", form: "text=x&token=\(String(repeating: "0", count: 64))&expect-version=5")
    #expect(r.status == 403)
    #expect(try store.snapshot() == before)
    #expect(!FileManager.default.fileExists(atPath: store.directory + "/.secret"))
  }

  @Test("form bodies: + and %XX, repeated fields, and a new visit from the dashboard")
  func forms() throws {
    let store = CLIStore()
    try store.seed()
    let page = try store.cgi("GET", "/v")
    let h = store.hiddenFields(page.body, action: "/v/note")
    let note = try store.cgi(
      "POST", "/v/note",
      form:
        "text=Gift%3A+porcelain+plate+%C3%A4&token=\(h["token"] ?? "")&expect-version=\(h["expect-version"] ?? "")"
    )
    #expect(note.status == 303, "\(note.body)")
    #expect(try store.run(["log", "v"]).out.contains("text: Gift: porcelain plate ä"))
    try store.run(["add-attendee", "v", "p2", "--name", "Max Muster"])
    let page2 = try store.cgi("GET", "/v")
    let a = store.hiddenFields(page2.body, action: "/v/assign")
    let assign = try store.cgi(
      "POST", "/v/assign",
      form: formBody([
        ("appointment", "rec"), ("person", "p1"), ("person", "p2"), ("token", a["token"] ?? ""),
        ("expect-version", a["expect-version"] ?? ""),
      ]))
    #expect(assign.status == 303, "\(assign.body)")
    #expect(try store.run(["attendees", "v", "--appointment", "rec"]).out.contains("Max Muster"))
    let dashboard = try store.cgi("GET", "/")
    let s = store.hiddenFields(dashboard.body, action: "/-/schedule")
    let schedule = try store.cgi(
      "POST", "/-/schedule",
      form: formBody([
        ("visit", "kumasi-2026"), ("title", "Delegation from Kumasi"), ("partner", "Kumasi"),
        ("from", "2026-03-02"),
        ("to", "2026-03-04"), ("token", s["token"] ?? ""),
      ]))
    #expect(schedule.status == 303, "\(schedule.body)")
    #expect(schedule.header("Location") == "/kumasi-2026?lang=en")
    #expect(try store.run(["list"]).out.contains("Delegation from Kumasi"))
  }
}
