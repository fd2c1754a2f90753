import Foundation

/// One HTTP request as a CGI program receives it (RFC 3875): meta-variables from the environment,
/// the body from standard input.
struct WebRequest: Sendable {
  var method: String
  /// The path below where the program is mounted, split at `/` and percent-decoded.
  var segments: [String]
  var query: Form
  var form: Form
  /// The name the web server authenticated; nil without login.
  var remoteUser: String?
  var origin: String?
  var secFetchSite: String?
  /// `scheme://host[:port]` of this site, as the browser addressed it.
  var site: String
  var acceptLanguage: String?
  /// Where the program is mounted, for links and redirects: `VISITS_BASE` when the server sets it
  /// (`serve` routes every path to the program and mounts it at `/`), else `SCRIPT_NAME`.
  var base: String

  /// The largest body accepted.
  static let bodyLimit = 1 << 20

  /// Why a request cannot be read; each has its status.
  enum Failure: Error, Equatable {
    case tooLarge
    case malformed(String)
  }

  /// Reads the request from CGI meta-variables and `body`.
  ///
  /// - Parameter body: reads up to the given number of bytes of the body.
  static func from(environment env: [String: String], body: (Int) -> [UInt8]) throws(Failure) -> WebRequest {
    let method = (env["REQUEST_METHOD"] ?? "GET").uppercased()
    let path = env["PATH_INFO"] ?? "/"
    var segments: [String] = []
    for part in Array(path.utf8).split(separator: 0x2F) {
      do {
        // In a path `+` is itself; only `%XX` is an escape.
        segments.append(try Form.text(part.flatMap { $0 == 0x2B ? Array("%2B".utf8) : [$0] }[...]))
      } catch {
        throw .malformed("the path is not valid UTF-8 with %XX escapes")
      }
    }
    let query: Form
    do { query = try Form.decode(Array((env["QUERY_STRING"] ?? "").utf8)) } catch {
      throw .malformed("the query string is not valid UTF-8 with %XX escapes")
    }
    var form = Form()
    if method == "POST" {
      let length = Int(env["CONTENT_LENGTH"] ?? "0") ?? -1
      guard length >= 0 else { throw .malformed("Content-Length is not a number") }
      guard length <= bodyLimit else { throw .tooLarge }
      let type = (env["CONTENT_TYPE"] ?? "").lowercased()
      guard length == 0 || type.hasPrefix("application/x-www-form-urlencoded") else {
        throw .malformed("the body must be application/x-www-form-urlencoded")
      }
      do { form = try Form.decode(body(length)) } catch {
        throw .malformed("the form is not valid UTF-8 with %XX escapes")
      }
    }
    let https = (env["HTTPS"] ?? "").lowercased()
    let scheme = https == "on" || https == "1" ? "https" : "http"
    let host =
      env["HTTP_HOST"] ?? (env["SERVER_NAME"] ?? "localhost") + (env["SERVER_PORT"].map { ":" + $0 } ?? "")
    let user = env["REMOTE_USER"].flatMap { $0.isEmpty ? nil : $0 }
    return WebRequest(
      method: method, segments: segments, query: query, form: form, remoteUser: user,
      origin: env["HTTP_ORIGIN"],
      secFetchSite: env["HTTP_SEC_FETCH_SITE"], site: scheme + "://" + host,
      acceptLanguage: env["HTTP_ACCEPT_LANGUAGE"],
      base: (env["VISITS_BASE"] ?? env["SCRIPT_NAME"]).map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        ?? "")
  }

  /// Whether the request comes from a page of this site (`Origin`, else `Sec-Fetch-Site`).
  var isSameOrigin: Bool {
    if let origin { return origin == site }
    return secFetchSite == "same-origin"
  }
}

/// One HTTP response, written as a CGI response (`Status:` and headers, a blank line, the body).
struct WebResponse: Sendable {
  var status: Int
  var headers: [(String, String)] = []
  var body: [UInt8] = []

  static let reasons: [Int: String] = [
    200: "OK", 303: "See Other", 400: "Bad Request", 403: "Forbidden", 404: "Not Found",
    405: "Method Not Allowed", 409: "Conflict", 413: "Content Too Large", 422: "Unprocessable Content",
    500: "Internal Server Error", 503: "Service Unavailable",
  ]

  /// The headers every response carries.
  static let safety: [(String, String)] = [
    ("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "same-origin"),
  ]

  /// The policy for pages; `styleHash` admits one inline stylesheet (the printable agenda's).
  static func policy(styleHash: String? = nil) -> String {
    let style = styleHash.map { "; style-src 'self' 'sha256-\($0)'" } ?? ""
    return "default-src 'self'; form-action 'self'; frame-ancestors 'none'" + style
  }

  static func html(_ status: Int, _ text: String, styleHash: String? = nil) -> WebResponse {
    WebResponse(
      status: status,
      headers: [
        ("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store"),
        ("Content-Security-Policy", policy(styleHash: styleHash)),
      ], body: Array(text.utf8))
  }

  static func file(_ type: String, _ text: String, name: String? = nil) -> WebResponse {
    var headers = [
      ("Content-Type", type), ("Cache-Control", "no-store"), ("Content-Security-Policy", policy()),
    ]
    if let name { headers.append(("Content-Disposition", "attachment; filename=\"\(name)\"")) }
    return WebResponse(status: 200, headers: headers, body: Array(text.utf8))
  }

  static func redirect(_ location: String) -> WebResponse {
    WebResponse(
      status: 303, headers: [("Location", location), ("Content-Security-Policy", policy())], body: [])
  }

  /// The bytes a CGI program writes.
  var cgi: [UInt8] {
    var head = "Status: \(status) \(Self.reasons[status] ?? "")\r\n"
    for (k, v) in headers + Self.safety { head += "\(k): \(v)\r\n" }
    head += "Content-Length: \(body.count)\r\n\r\n"
    return Array(head.utf8) + body
  }
}
