import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// `visits-bench web`: requests per second and p50/p99 latency of the staff web interface through a
/// real lighttpd (`visits serve`), with the `visits` binary built next to this one, on a copy of
/// the sample store: the dashboard, a visit page, and a write (a note).
func webBench(option: (String) -> String?, root: URL, visits: String) throws {
  let requests = Int(option("--requests") ?? "300") ?? 300
  // A copy of the sample store and one member of staff.
  let work = NSTemporaryDirectory() + "visits-bench-" + UUID().uuidString
  let store = work + "/store"
  try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(atPath: work) }
  try FileManager.default.copyItem(atPath: root.appendingPathComponent("events").path, toPath: store)
  try? FileManager.default.removeItem(atPath: store + "/.lock")

  func run(_ path: String, _ args: [String]) -> Int32 {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: path)
    p.arguments = args
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    do { try p.run() } catch { return -1 }
    p.waitUntilExit()
    return p.terminationStatus
  }

  let htpasswd = ["/usr/bin/htpasswd", "/usr/sbin/htpasswd"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }
  guard let htpasswd, run(htpasswd, ["-bBc", work + "/users", "bench", "bench-password"]) == 0 else {
    fail("htpasswd is missing: apt-get install apache2-utils")
  }

  // The server.
  let port = 20000 + Int.random(in: 0..<20000)
  let server = Process()
  server.executableURL = URL(fileURLWithPath: visits)
  server.arguments = ["--store", store, "serve", "--users", work + "/users", "--port", String(port)]
  let serverOutput = Pipe()
  server.standardOutput = serverOutput
  server.standardError = serverOutput
  try server.run()
  defer { server.terminate() }
  let base = "http://127.0.0.1:\(port)"

  /// One HTTP/1.1 request over a new connection (as a browser's first request would be), redirects
  /// not followed: the status and the body. A plain socket, so that only the server is measured.
  let auth = "Basic " + Data("bench:bench-password".utf8).base64EncodedString()
  func request(_ method: String, _ path: String, form: String? = nil) -> (Int, String) {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var a = sockaddr_in()
    a.sin_family = sa_family_t(AF_INET)
    a.sin_port = in_port_t(UInt16(port).bigEndian)
    a.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &a) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard connected == 0 else { return (0, "") }
    var head =
      "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAuthorization: \(auth)\r\nConnection: close\r\n"
    let body = Array((form ?? "").utf8)
    if form != nil {
      head +=
        "Origin: \(base)\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: \(body.count)\r\n"
    }
    let out = Array((head + "\r\n").utf8) + body
    var sent = 0
    while sent < out.count {
      let n = out.withUnsafeBytes { send(fd, $0.baseAddress.map { $0 + sent }, out.count - sent, 0) }
      if n <= 0 { return (0, "") }
      sent += n
    }
    var response: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
      if n <= 0 { break }
      response += buffer[0..<n]
    }
    let text = String(decoding: response, as: UTF8.self)
    let status = Int(text.split(separator: " ", maxSplits: 2).dropFirst().first ?? "") ?? 0
    return (status, text)
  }

  var answered = false
  for _ in 0..<200 {
    if request("GET", "/-/style.css").0 == 200 {
      answered = true
      break
    }
    usleep(50_000)
  }
  guard answered else { fail("visits serve did not answer (is lighttpd installed?)") }

  struct Row {
    var name: String
    var latencies: [Double]
    var total: Double
    func percentile(_ p: Double) -> Double {
      let s = latencies.sorted()
      return s[min(s.count - 1, Int((Double(s.count) * p).rounded(.up)) - 1)]
    }
  }

  func measure(_ name: String, expect: Int, _ body: (Int) -> (Int, String)) -> Row {
    for i in 0..<20 { _ = body(i) }  // warm-up
    var latencies: [Double] = []
    let start = now()
    for i in 0..<requests {
      let t = now()
      let (status, text) = body(i + 20)
      latencies.append(now() - t)
      if status != expect { fail("\(name): status \(status), expected \(expect): \(text.prefix(200))") }
    }
    return Row(name: name, latencies: latencies, total: now() - start)
  }

  let page = request("GET", "/pittsburgh-2022").1
  func hidden(_ name: String) -> String {
    guard let r = page.range(of: "name=\"\(name)\" value=\"") else { fail("no \(name) on the visit page") }
    return String(page[r.upperBound...].prefix { $0 != "\"" })
  }
  let token = hidden("token")
  var version = Int(hidden("expect-version")) ?? 0

  let rows = [
    measure("dashboard (GET /)", expect: 200) { _ in request("GET", "/") },
    measure("visit page (GET /pittsburgh-2022)", expect: 200) { _ in request("GET", "/pittsburgh-2022") },
    measure("write (POST /pittsburgh-2022/note)", expect: 303) { i in
      let r = request(
        "POST", "/pittsburgh-2022/note", form: "text=bench+note+\(i)&token=\(token)&expect-version=\(version)"
      )
      if r.0 == 303 { version += 1 }
      return r
    },
  ]

  func cores() -> Int { ProcessInfo.processInfo.activeProcessorCount }
  // A dynamically linked binary names the Swift runtime library it loads.
  let isStatic =
    (FileManager.default.contents(atPath: visits)).map { $0.range(of: Data("libswiftCore.so".utf8)) == nil }
    ?? false
  var table = """
    | request | requests/s | p50 | p99 |
    |---|---|---|---|

    """
  for r in rows {
    table += String(
      format: "| %@ | %.0f | %.1f ms | %.1f ms |\n", r.name, Double(requests) / r.total,
      r.percentile(0.5) * 1000,
      r.percentile(0.99) * 1000)
  }
  let context = """
    \(requests) sequential requests each after 20 of warm-up, one client, through lighttpd and `visits serve` \
    (Basic authentication, auth cache on) on a copy of the sample store; \(cores()) cores; \
    `visits` \(isStatic ? "statically" : "dynamically") linked.
    """
  print(context)
  print(table)
  if let file = option("--write") {
    try replaceSection(
      in: file, heading: "## The web interface",
      with: """
        Measured with `swift build -c release --static-swift-stdlib && .build/release/visits-bench web --write docs/performance.md`.
        \(context)

        \(table)
        """)
  }
}
