import Dispatch
import EventLog
import Foundation
import Planning

#if canImport(Glibc)
  import Glibc
#endif

/// `visits serve`: the staff web interface in one command. It writes a lighttpd configuration into a
/// private temporary folder — Basic authentication against an htpasswd file, every path routed to
/// this binary as its CGI program — runs `lighttpd -D`, prints the address once it answers, and
/// stops it on Ctrl-C or SIGTERM. `docs/web.md` has the production set-up.
enum ServeCommand {
  static let spec = CommandSpec(
    name: "serve", usage: "--users FILE [--port N] [--bind ADDR]",
    summary: "the staff web interface: runs lighttpd in the foreground with visits as its CGI program",
    arity: 0...0,
    options: [
      OptionSpec(
        name: "--users", valueName: "FILE", help: "htpasswd file of the staff (htpasswd -B -c FILE NAME)"),
      OptionSpec(name: "--port", valueName: "N", help: "port to listen on (default 8080)"),
      OptionSpec(name: "--bind", valueName: "ADDR", help: "address to listen on (default 127.0.0.1)"),
    ]
  ) { ctx in
    let users = try ctx.invocation.required("--users", in: "serve")
    guard FileManager.default.isReadableFile(atPath: users) else {
      throw CLIError.notFound("no such users file: \(users) (make it with: htpasswd -B -c \(users) NAME)")
    }
    let portText = ctx.invocation.value("--port") ?? "8080"
    guard let port = Int(portText), (1...65535).contains(port) else {
      throw CLIError.usage("invalid --port '\(printable(portText))': a number from 1 to 65535")
    }
    let bind = ctx.invocation.value("--bind") ?? "127.0.0.1"
    guard
      bind.unicodeScalars.allSatisfy({
        CharacterSet.alphanumerics.contains($0) || ".:-".unicodeScalars.contains($0)
      })
    else { throw CLIError.usage("invalid --bind '\(printable(bind))': an address such as 127.0.0.1 or ::1") }
    guard let lighttpd = find("lighttpd", in: ctx.environment) else {
      throw CLIError.usage("lighttpd is not installed: apt-get install lighttpd")
    }
    guard ctx.store.exists, let store = (ctx.store as? FileEventStore)?.directory else {
      throw CLIError.notFound("no such store: \((ctx.store as? FileEventStore)?.directory ?? "")")
    }
    let folder = try makePrivateFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let config = try writeConfig(
      folder: folder, users: absolute(users), store: absolute(store), port: port, bind: bind,
      environment: ctx.environment)
    // Signals are taken synchronously (sigwait); lighttpd starts with none blocked and the
    // default handlers, whatever this process inherited.
    var signals = sigset_t()
    sigemptyset(&signals)
    for sig in [SIGINT, SIGTERM, SIGCHLD] { sigaddset(&signals, sig) }
    pthread_sigmask(SIG_BLOCK, &signals, nil)
    let pid = try spawn(lighttpd, ["-D", "-f", config])
    let host = bind.contains(":") ? "[\(bind)]" : bind
    if waitUntilAnswering(port: port, bind: bind, pid: pid) {
      ctx.emit("serving http://\(host):\(port)/ (store \(store)); Ctrl-C stops\n")
      ctx.sink.flush()
    }
    var status: Int32 = 0
    while waitpid(pid, &status, WNOHANG) == 0 {
      var sig: Int32 = 0
      sigwait(&signals, &sig)
      if sig == SIGINT || sig == SIGTERM {
        kill(pid, SIGTERM)
        waitpid(pid, &status, 0)
        break
      }
    }
    // A server that stopped by itself (a bad port, a config it refused) says why in its log.
    if status & 0x7f == 0 && (status >> 8) & 0xff != 0 {
      let log = (try? String(contentsOfFile: folder + "/error.log", encoding: .utf8)) ?? ""
      throw CLIError.cannotWrite(
        path: "lighttpd",
        reason: "exited with \((status >> 8) & 0xff): "
          + log.split(separator: "\n").suffix(3).joined(separator: " "))
    }
  }

  /// Starts a program with an empty signal mask and default signal handlers.
  static func spawn(_ path: String, _ arguments: [String]) throws -> pid_t {
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var empty = sigset_t()
    sigemptyset(&empty)
    posix_spawnattr_setsigmask(&attributes, &empty)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for sig in [SIGINT, SIGTERM, SIGCHLD, SIGPIPE, SIGHUP] { sigaddset(&defaults, sig) }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    let argv = ([path] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let result = posix_spawn(&pid, path, nil, &attributes, argv, environ)
    guard result == 0 else {
      throw CLIError.cannotWrite(path: path, reason: String(cString: strerror(result)))
    }
    return pid
  }

  /// A program on `$PATH` or in the system folders (lighttpd is in /usr/sbin).
  static func find(_ name: String, in environment: [String: String]) -> String? {
    let dirs =
      (environment["PATH"] ?? "").split(separator: ":").map(String.init) + [
        "/usr/sbin", "/sbin", "/usr/local/sbin",
      ]
    return dirs.map { $0 + "/" + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  static func absolute(_ path: String) -> String {
    path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
  }

  /// A new owner-only folder under the temporary directory.
  static func makePrivateFolder() throws -> String {
    var template = Array((NSTemporaryDirectory() + "/visits-serve-XXXXXX").utf8CString)
    guard let made = template.withUnsafeMutableBufferPointer({ b in b.baseAddress.flatMap { mkdtemp($0) } })
    else {
      throw CLIError.cannotWrite(path: NSTemporaryDirectory(), reason: String(cString: strerror(errno)))
    }
    return String(cString: made)
  }

  /// A string for lighttpd's configuration: quoted, with `"` and `\` escaped.
  static func quoted(_ s: String) -> String {
    "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
  }

  /// Writes the document root (this binary, linked as `visits.cgi`) and `lighttpd.conf`.
  static func writeConfig(
    folder: String, users: String, store: String, port: Int, bind: String, environment: [String: String]
  ) throws -> String {
    let root = folder + "/root"
    try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: false)
    let binary =
      (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
      ?? CommandLine.arguments[0]
    try FileManager.default.createSymbolicLink(
      atPath: root + "/visits.cgi", withDestinationPath: absolute(binary))
    var env: [(String, String)] = [("VISITS_STORE", store), ("VISITS_BASE", "")]
    for name in ["VISITS_NOW", "VISITS_TODAY", "VISITS_LOCK_TIMEOUT"] {
      if let v = environment[name] { env.append((name, v)) }
    }
    let config = """
      # Written by `visits serve`; see docs/web.md for a production set-up.
      server.document-root = \(quoted(root))
      server.port = \(port)
      server.bind = \(quoted(bind))
      server.errorlog = \(quoted(folder + "/error.log"))
      # Bodies over 1 MiB are answered 413 by the server itself (the program refuses them too).
      server.max-request-size = 1024
      server.modules = ( "mod_auth", "mod_authn_file", "mod_rewrite", "mod_cgi", "mod_setenv" )
      # Every path goes to the program, which is mounted at / (VISITS_BASE).
      url.rewrite-once = ( "^/([^?]*)(\\\\?.*)?$" => "/visits.cgi/$1$2" )
      cgi.assign = ( "/visits.cgi" => "" )
      setenv.add-environment = ( \(env.map { "\(quoted($0.0)) => \(quoted($0.1))" }.joined(separator: ", ")) )
      # The password must not reach the program: only REMOTE_USER does.
      setenv.set-request-header = ( "Authorization" => "" )
      auth.backend = "htpasswd"
      auth.backend.htpasswd.userfile = \(quoted(users))
      auth.require = ( "" => ( "method" => "basic", "realm" => "visits", "require" => "valid-user" ) )
      # Without a cache every request pays for bcrypt.
      auth.cache = ( "max-age" => "600" )

      """
    let path = folder + "/lighttpd.conf"
    try config.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  /// Waits up to 10 seconds for the port to accept a connection.
  static func waitUntilAnswering(port: Int, bind: String, pid: pid_t) -> Bool {
    for _ in 0..<200 {
      guard kill(pid, 0) == 0 else { return false }
      let ok: Bool
      if bind.contains(":") {
        var a = sockaddr_in6()
        a.sin6_family = sa_family_t(AF_INET6)
        a.sin6_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET6, bind == "::" ? "::1" : bind, &a.sin6_addr)
        ok = connects(a, family: AF_INET6)
      } else {
        var a = sockaddr_in()
        a.sin_family = sa_family_t(AF_INET)
        a.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, bind == "0.0.0.0" ? "127.0.0.1" : bind, &a.sin_addr)
        ok = connects(a, family: AF_INET)
      }
      if ok { return true }
      usleep(50_000)
    }
    return false
  }

  /// Whether a TCP connection to an address (a `sockaddr_in` or `sockaddr_in6`) is accepted.
  static func connects<Address>(_ address: Address, family: Int32) -> Bool {
    let fd = socket(family, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var a = address
    return withUnsafePointer(to: &a) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<Address>.size))
      }
    } == 0
  }
}
