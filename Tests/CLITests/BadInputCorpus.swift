import Foundation
import Testing

/// One case of `Tests/Corpus/bad-input.txt` (the format is described at the top of that file).
struct CorpusCase: Sendable, CustomTestStringConvertible {
  enum Door: String, Sendable, CaseIterable {
    case cli
    case importFile = "import"
    case web
  }

  var door: Door
  var name: String
  /// The line of the corpus the case starts on.
  var line: Int
  /// The raw values of its keys (`env` and `header` may repeat); `file` holds the file's lines.
  var values: [String: [String]] = [:]

  var testDescription: String { "\(door.rawValue): \(name)" }

  func value(_ key: String) -> String? { values[key]?.first }
  func all(_ key: String) -> [String] { values[key] ?? [] }
}

/// What a placeholder stands for when a case runs.
struct CorpusContext {
  var store = ""
  var file = ""
  var tokens: [String: String] = [:]
  var version = ""
}

/// A corpus that does not read as the format says: the test that loads it fails with this.
struct CorpusError: Error, CustomStringConvertible {
  var line: Int
  var message: String
  var description: String { "bad-input.txt:\(line): \(message)" }
}

enum BadInputCorpus {
  static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Corpus/bad-input.txt").path

  /// The keys each door takes, and whether each may repeat.
  static let keys: [CorpusCase.Door: (required: Set<String>, optional: Set<String>)] = [
    .cli: (["args", "exit"], ["env", "stderr", "stdout"]),
    .importFile: (["file", "exit"], ["stderr", "stdout"]),
    .web: (["request", "status", "body"], ["query", "form", "user", "origin", "header"]),
  ]
  static let repeatable: Set<String> = ["env", "header"]

  /// Every case of the corpus file.
  static func load() throws -> [CorpusCase] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    return try parse(text)
  }

  /// Parses the corpus, refusing anything that is not exactly the format.
  static func parse(_ text: String) throws -> [CorpusCase] {
    var cases: [CorpusCase] = []
    var current: CorpusCase?
    var names: Set<String> = []
    var fileLines: [String]?
    var lines = text.components(separatedBy: "\n")
    if lines.last == "" { lines.removeLast() }
    func finish() throws {
      guard let c = current else { return }
      try check(c)
      cases.append(c)
    }
    for (index, line) in lines.enumerated() {
      let number = index + 1
      if var collected = fileLines {
        if line == "end" {
          current?.values["file"] = collected
          fileLines = nil
        } else {
          collected.append(line)
          fileLines = collected
        }
        continue
      }
      if line.isEmpty || line.hasPrefix("#") { continue }
      if line.hasPrefix("case ") {
        try finish()
        let header = line.dropFirst(5)
        guard let colon = header.range(of: ": "),
          let door = CorpusCase.Door(rawValue: String(header[..<colon.lowerBound]))
        else { throw CorpusError(line: number, message: "expected 'case cli|import|web: NAME'") }
        let name = String(header[colon.upperBound...])
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty, names.insert("\(door): \(name)").inserted
        else {
          throw CorpusError(line: number, message: "a case needs a name of its own: '\(name)'")
        }
        current = CorpusCase(door: door, name: name, line: number)
        continue
      }
      guard var c = current else { throw CorpusError(line: number, message: "a line outside a case") }
      guard let colon = line.firstIndex(of: ":") else {
        throw CorpusError(line: number, message: "expected 'key: value'")
      }
      let key = String(line[..<colon])
      var value = String(line[line.index(after: colon)...])
      if value.hasPrefix(" ") { value.removeFirst() }
      guard let allowed = keys[c.door], allowed.required.contains(key) || allowed.optional.contains(key)
      else {
        throw CorpusError(line: number, message: "no key '\(key)' in a \(c.door.rawValue) case")
      }
      guard c.values[key] == nil || repeatable.contains(key) else {
        throw CorpusError(line: number, message: "'\(key)' given twice")
      }
      if key == "file" {
        guard value.isEmpty else {
          throw CorpusError(line: number, message: "the file's lines follow 'file:'")
        }
        fileLines = []
        c.values["file"] = []
      } else {
        c.values[key, default: []].append(value)
      }
      current = c
    }
    if fileLines != nil { throw CorpusError(line: lines.count, message: "a file without its 'end'") }
    try finish()
    return cases
  }

  /// A case has every key its door needs, and values of the right shape.
  static func check(_ c: CorpusCase) throws {
    do {
      try checkValues(c)
    } catch let e as CorpusError where e.line == 0 {
      throw CorpusError(line: c.line, message: "\(c.name): \(e.message)")
    }
  }

  private static func checkValues(_ c: CorpusCase) throws {
    func fail(_ message: String) -> CorpusError {
      CorpusError(line: c.line, message: "\(c.name): \(message)")
    }
    guard let allowed = keys[c.door] else { throw fail("unknown door") }
    for key in allowed.required where c.values[key] == nil { throw fail("missing '\(key)'") }
    let dummy = CorpusContext(
      store: "/s", file: "/f", tokens: ["token": "t", "token-new": "t", "token-tim": "t"], version: "1")
    switch c.door {
    case .cli, .importFile:
      guard let code = c.value("exit").flatMap(Int32.init) else { throw fail("exit is not a number") }
      if code == 0 {
        guard c.value("stdout") != nil, c.value("stderr") == nil else {
          throw fail("exit 0 takes stdout, not stderr")
        }
      } else {
        guard c.value("stderr") != nil, c.value("stdout") == nil else { throw fail("a refusal takes stderr") }
      }
      _ = try expand(c.value("stderr") ?? "", allowing: ["file"], dummy)
      if c.door == .cli {
        _ = try arguments(c, dummy)
        _ = try environment(c)
      } else {
        _ = try fileBytes(c, dummy)
      }
    case .web:
      guard c.value("status").flatMap(Int.init) != nil else { throw fail("status is not a number") }
      guard c.value("request")?.split(separator: " ").count == 2 else { throw fail("request is METHOD PATH") }
      guard c.value("body")?.isEmpty == false else { throw fail("body: names a text the page must contain") }
      _ = try expand(
        c.value("form") ?? "", allowing: ["repeat", "byte", "token", "token-new", "token-tim", "version"],
        dummy)
      for h in c.all("header") where !h.contains("=") { throw fail("header is NAME=VALUE") }
    }
  }

  /// The arguments of a CLI case, split and unquoted, placeholders filled in.
  static func arguments(_ c: CorpusCase, _ context: CorpusContext) throws -> [String] {
    try split(c.value("args") ?? "", line: c.line).map {
      String(decoding: try expand($0, allowing: ["repeat", "store"], context), as: UTF8.self)
    }
  }

  /// The environment a CLI case adds (an empty value unsets).
  static func environment(_ c: CorpusCase) throws -> [String: String] {
    var env: [String: String] = [:]
    for entry in c.all("env") {
      guard let eq = entry.firstIndex(of: "=") else {
        throw CorpusError(line: c.line, message: "env is NAME=VALUE")
      }
      let words = try split(String(entry[entry.index(after: eq)...]), line: c.line)
      guard words.count <= 1 else {
        throw CorpusError(line: c.line, message: "env: quote a value with spaces")
      }
      env[String(entry[..<eq])] = String(
        decoding: try expand(words.first ?? "", allowing: ["repeat"], CorpusContext()), as: UTF8.self)
    }
    return env
  }

  /// The bytes of an import case's file: each line and a line feed.
  static func fileBytes(_ c: CorpusCase, _ context: CorpusContext) throws -> [UInt8] {
    try c.all("file").flatMap { try expand($0, allowing: ["repeat", "byte"], context) + [0x0A] }
  }

  /// Splits at spaces; "double quotes" take \t \n \" \\ \u{HEX}, 'single quotes' are literal.
  static func split(_ text: String, line: Int) throws -> [String] {
    var words: [String] = []
    var word = ""
    var inWord = false
    var chars = Array(text)[...]
    func fail(_ m: String) -> CorpusError { CorpusError(line: line, message: m) }
    while let ch = chars.popFirst() {
      switch ch {
      case " ":
        if inWord { words.append(word) }
        word = ""
        inWord = false
      case "'":
        inWord = true
        guard let end = chars.firstIndex(of: "'") else { throw fail("an unclosed '") }
        word += String(chars[..<end])
        chars = chars[(end + 1)...]
      case "\"":
        inWord = true
        var closed = false
        while let q = chars.popFirst() {
          if q == "\"" {
            closed = true
            break
          }
          guard q == "\\" else {
            word.append(q)
            continue
          }
          switch chars.popFirst() {
          case "t": word += "\t"
          case "n": word += "\n"
          case "\"": word += "\""
          case "\\": word += "\\"
          case "u":
            guard chars.popFirst() == "{", let end = chars.firstIndex(of: "}"),
              let v = UInt32(String(chars[..<end]), radix: 16), let scalar = Unicode.Scalar(v)
            else { throw fail("\\u{HEX} expected") }
            word.unicodeScalars.append(scalar)
            chars = chars[(end + 1)...]
          default: throw fail("an unknown escape")
          }
        }
        guard closed else { throw fail("an unclosed \"") }
      case "{" where chars.first?.isLowercase == true:
        // A placeholder is one piece of a word, spaces and all: `{repeat 65 a}`.
        inWord = true
        guard let end = chars.firstIndex(of: "}") else { throw fail("an unclosed {") }
        word += "{" + String(chars[...end])
        chars = chars[(end + 1)...]
      default:
        inWord = true
        word.append(ch)
      }
    }
    if inWord { words.append(word) }
    return words
  }

  /// Fills in the placeholders named in `allowing`; any other `{lower-case…}` is an error.
  static func expand(_ text: String, allowing: Set<String>, _ context: CorpusContext) throws -> [UInt8] {
    var out: [UInt8] = []
    var rest = text[...]
    while let open = rest.firstIndex(of: "{") {
      out += Array(rest[..<open].utf8)
      let after = rest.index(after: open)
      guard after < rest.endIndex, rest[after].isLowercase, rest[after].isASCII,
        let close = rest[after...].firstIndex(of: "}")
      else {
        out.append(0x7B)
        rest = rest[after...]
        continue
      }
      let inner = rest[after..<close]
      let name = String(inner.prefix { $0 != " " })
      let argument = inner.dropFirst(name.count).drop { $0 == " " }
      guard allowing.contains(name) else {
        throw CorpusError(line: 0, message: "placeholder {\(inner)} is not allowed here")
      }
      switch name {
      case "repeat":
        guard let space = argument.firstIndex(of: " "), let n = Int(argument[..<space]), n > 0 else {
          throw CorpusError(line: 0, message: "{repeat N TEXT}")
        }
        let unit = Array(argument[argument.index(after: space)...].utf8)
        for _ in 0..<n { out += unit }
      case "byte":
        guard argument.count == 2, let b = UInt8(argument, radix: 16) else {
          throw CorpusError(line: 0, message: "{byte HH}")
        }
        out.append(b)
      case "store": out += Array(context.store.utf8)
      case "file": out += Array(context.file.utf8)
      case "version": out += Array(context.version.utf8)
      default:
        guard let token = context.tokens[name] else { throw CorpusError(line: 0, message: "no {\(name)}") }
        out += Array(token.utf8)
      }
      rest = rest[rest.index(after: close)...]
    }
    return out + Array(rest.utf8)
  }
}

@Suite("Bad-input corpus: the format")
struct BadInputCorpusFormatTests {
  /// Malformed corpora, and the line each refusal names.
  static let malformed: [(String, Int)] = [
    ("stray line", 1),
    // No exit code.
    ("case cli: x\nargs: note v\n", 1),
    // A key twice; a key of another door.
    ("case cli: x\nargs: note v\nexit: 64\nstderr: a\nexit: 65\n", 5),
    ("case cli: x\nargs: note v\nexit: 64\nstatus: 400\n", 4),
    // The same name twice.
    ("case cli: x\nargs: note v\nexit: 64\nstderr: a\ncase cli: x\nargs: note v\nexit: 64\nstderr: a\n", 5),
    // A file without its end.
    ("case import: x\nfile:\n{}\nexit: 65\nstderr: a\n", 5),
    // An unclosed quote; an unknown placeholder; a raw byte as an argument.
    ("case cli: x\nargs: note \"v\nexit: 64\nstderr: a\n", 1),
    ("case cli: x\nargs: note {repat 3 a}\nexit: 64\nstderr: a\n", 1),
    ("case cli: x\nargs: note {byte FF}\nexit: 64\nstderr: a\n", 1),
    // A web case without the text its page must contain; an unknown door.
    ("case web: x\nrequest: GET /\nstatus: 404\n", 1),
    ("case mail: x\n", 1),
  ]

  @Test("a malformed corpus is refused, naming the line", arguments: malformed)
  func refused(_ text: String, line: Int) {
    let error = #expect(throws: CorpusError.self) { try BadInputCorpus.parse(text) }
    #expect(error?.line == line, "\(String(describing: error))")
  }

  @Test("quoting and placeholders")
  func quoting() throws {
    #expect(
      try BadInputCorpus.split(#"a "b c" 'd\t' "\u{1B}x" "" e"f""#, line: 1) == [
        "a", "b c", #"d\t"#, "\u{1B}x", "", "ef",
      ])
    let c = CorpusContext(store: "/s", file: "/f", tokens: ["token": "T"], version: "15")
    #expect(
      try BadInputCorpus.expand(
        "{repeat 3 ab}{byte FF}{token}&v={version}{\"x\"}", allowing: ["repeat", "byte", "token", "version"],
        c)
        == Array("ababab".utf8) + [0xFF] + Array("T&v=15{\"x\"}".utf8))
  }
}
