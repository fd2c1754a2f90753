import Foundation
import TestSupport
import Testing
import EventLog

#if canImport(Glibc)
  import Glibc
#endif

/// The defects an attack on the store found, each reproduced and kept fixed.
@Suite("Reliability: the attack's defects")
struct DefectTests {
  /// Runs `visits` through the shell, for what `Process` cannot do (raw bytes, redirections, a umask).
  static func shell(_ script: String, _ store: CLIStore) throws -> CLIStore.Result {
    let r = try PrintTools.run(
      "/bin/sh", ["-c", script],
      environment: [
        "VISITS": visitsBinary.path, "VISITS_STORE": store.directory, "VISITS_ACTOR": "tester",
        "PATH": "/usr/bin:/bin",
      ])
    return CLIStore.Result(code: r.code, out: r.out, err: r.err)
  }

  static func mode(_ path: String) -> Int {
    var st = stat()
    return lstat(path, &st) == 0 ? Int(st.st_mode & 0o777) : -1
  }

  @Test("-o never follows a link planted at the target, leaves no temporary file, and gets safe permissions")
  func outputFile() throws {
    let store = CLIStore()
    try store.seed()
    let victim = store.directory + "/../victim-\(UUID().uuidString)"
    try Data("root's secret\n".utf8).write(to: URL(fileURLWithPath: victim))
    chmod(victim, 0o600)
    defer { unlink(victim) }
    let outputs = store.directory + "/../outputs-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: outputs, withIntermediateDirectories: false)
    defer { try? FileManager.default.removeItem(atPath: outputs) }
    let target = outputs + "/out.jsonl"
    #expect(symlink(victim, target) == 0)
    let r = try store.run(["export", "-o", target])
    #expect(r.code == 0, "\(r.err)")
    #expect(try String(contentsOfFile: victim, encoding: .utf8) == "root's secret\n")
    var st = stat()
    #expect(lstat(target, &st) == 0 && st.st_mode & S_IFMT == S_IFREG)
    #expect(Self.mode(target) == 0o600, "an export holds personal data")
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: outputs).filter {
      $0.contains(".tmp-")
    }
    #expect(leftovers.isEmpty)
    // Other output honours the umask, never wider than 0644.
    for (umask, file, mode) in [
      ("022", "list.txt", 0o644), ("077", "list2.txt", 0o600), ("000", "list3.txt", 0o644),
    ] {
      let script = #"OUT=$VISITS_STORE/../$(basename OUTPUTS); umask UMASK; "$VISITS" list -o "$OUT/FILE""#
        .replacingOccurrences(of: "OUTPUTS", with: outputs).replacingOccurrences(of: "UMASK", with: umask)
        .replacingOccurrences(of: "FILE", with: file)
      #expect(try Self.shell(script, store).code == 0, "umask \(umask)")
      #expect(Self.mode(outputs + "/" + file) == mode, "umask \(umask)")
    }
  }

  @Test("a write error on standard output is 73 with a message; a closed pipe ends quietly")
  func standardOutput() throws {
    let store = CLIStore()
    try store.seed()
    let full = try Self.shell(#""$VISITS" log v > /dev/full"#, store)
    #expect(full.code == 73, "\(full.err)")
    #expect(full.err.contains("standard output") && full.err.contains("No space left on device"))
    #expect(full.err.split(separator: "\n").count == 1)
    // The reader of the pipe goes away after one byte of far more than a pipe holds: the
    // command ends quietly with 0, neither killed by SIGPIPE nor complaining.
    let events = repositoryRoot.appendingPathComponent("events").path
    let piped = try Self.shell(
      #"( "$VISITS" --store "$1" audit --format json; echo "exit=$?" >&2 ) | head -c 1 >/dev/null"#
        .replacingOccurrences(of: "$1", with: events), store)
    #expect(piped.err == "exit=0\n", "\(piped.err)")
  }

  @Test(
    "bad actor, reason and arguments are refused with 64 and one line, the store unchanged",
    arguments: [
      (#""$VISITS" note v --text x --reason "$(printf 'a\033]0;x\007')""#, "--reason"),
      (#""$VISITS" note v --text x --reason "$(printf 'a\rb')""#, "--reason"),
      (#""$VISITS" note v --text x --reason "   ""#, "--reason"),
      (#""$VISITS" note v --text x --actor """#, "--actor"),
      (#""$VISITS" note v --text x --actor "   ""#, "--actor"),
      (#""$VISITS" note v --text "$(printf 'caf\351')""#, "not valid UTF-8"),
      (#""$VISITS" --store "$VISITS_STORE" --store /tmp note v --text x"#, "--store given twice"),
      (#""$VISITS" note v --text x --actor a --actor b"#, "--actor given twice"),
    ])
  func badInput(script: String, message: String) throws {
    let store = CLIStore()
    try store.seed()
    let before = try store.snapshot()
    let r = try Self.shell(script, store)
    #expect(r.code == 64, "\(r.err)")
    #expect(r.err.contains(message), "\(r.err)")
    #expect(r.err.split(separator: "\n").count == 1, "\(r.err)")
    #expect(!r.err.contains("\u{1B}") && !r.err.contains("\r"))
    #expect(try store.snapshot() == before)
  }

  @Test("exit codes: 66 only for what does not exist, 73 with the system's reason for what cannot be written")
  func exitCodes() throws {
    let store = CLIStore()
    try store.seed()
    let file = store.directory + "/v.jsonl"
    // A --store that is a file is no store.
    let notAStore = try runVisits(["--store", file, "verify"], environment: ["PATH": "/usr/bin:/bin"])
    #expect(notAStore.code == 66, "\(notAStore.err)")
    // Where the vault folder should be there is a file: the personal values cannot be written.
    try? FileManager.default.removeItem(atPath: store.directory + "/.vault")
    try Data().write(to: URL(fileURLWithPath: store.directory + "/.vault"))
    let before = try store.snapshot()
    let r = try store.run(["add-attendee", "v", "p9", "--name", "Nobody"])
    #expect(r.code == 73, "\(r.err)")
    #expect(r.err.contains(".vault") && r.err.contains("Not a directory"), "\(r.err)")
    #expect(try store.snapshot() == before)
  }

  @Test("only regular files are streams: a FIFO is refused at once, a link is never written through")
  func oddFiles() throws {
    let store = CLIStore()
    try store.seed()
    #expect(mkfifo(store.directory + "/v5.jsonl", 0o600) == 0)
    for args in [["list"], ["verify"], ["audit"], ["show", "v5"]] {
      let r = try store.run(args)
      #expect(r.code == 65, "\(args): \(r.err)")
      #expect(r.err.contains("v5.jsonl: not a regular file"), "\(args): \(r.err)")
    }
    unlink(store.directory + "/v5.jsonl")
    // A stream that is a link to a file outside the store.
    let outside = store.directory + "/../outside-\(UUID().uuidString).jsonl"
    let copy = try Data(contentsOf: URL(fileURLWithPath: store.path("v")))
    try copy.write(to: URL(fileURLWithPath: outside))
    defer { unlink(outside) }
    try FileManager.default.removeItem(atPath: store.path("v"))
    #expect(symlink(outside, store.path("v")) == 0)
    let w = try store.run(["note", "v", "--text", "x"])
    #expect(w.code == 65, "\(w.err)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: outside)) == copy)
  }

  @Test("verify warns about a stream or a store others may read")
  func looseModes() throws {
    let store = CLIStore()
    try store.seed()
    chmod(store.path("v"), 0o666)
    chmod(store.directory, 0o777)
    defer { chmod(store.directory, 0o700) }
    let r = try store.run(["verify"])
    #expect(r.code == 0)
    #expect(r.err.contains("v.jsonl: mode 0666 lets others in"), "\(r.err)")
    #expect(r.err.contains("mode 0777 lets others in"), "\(r.err)")
  }

  @Test("a refused write leaves the store byte for byte as it was: no lock file or anything else is made")
  func refusedWriteMakesNothing() throws {
    let store = CLIStore()
    try store.seed()
    try? FileManager.default.removeItem(atPath: store.directory + "/.lock")
    let before = try store.snapshot()
    for args in [
      ["note", "v", "--text", ""], ["cancel-appointment", "v", "nope"],
      ["note", "v", "--text", "x", "--expect-version", "1"],
    ] {
      #expect(try store.run(args).code != 0, "\(args)")
      #expect(try store.snapshot() == before, "\(args)")
    }
    #expect(!FileManager.default.fileExists(atPath: store.directory + "/.lock"))
  }

  @Test("a write that waits for readers says that readers hold the lock")
  func lockHolder() throws {
    let store = CLIStore()
    try store.seed()
    let fd = open(store.directory, O_RDONLY | O_DIRECTORY)
    #expect(fd >= 0 && flock(fd, LOCK_SH) == 0)
    let r = try store.run(["note", "v", "--text", "x"], environment: ["VISITS_LOCK_TIMEOUT": "0.3"])
    #expect(flock(fd, LOCK_UN) == 0)
    close(fd)
    #expect(r.code == 75)
    #expect(r.err.contains("reading it"), "\(r.err)")
  }
}

@Suite("Reliability: what the log holds cannot reach the terminal raw")
struct EscapingTests {
  @Test("a forged record's escape sequences, line breaks and bidi controls come out as ? in every message")
  func forgedRecord() throws {
    let store = CLIStore()
    try store.seed()
    let log = FileEventStore(
      directory: store.directory, clock: { Timestamp(milliseconds: 1_900_000_000_000) },
      makeID: { _, _ in UUID().uuidString.lowercased() })
    let evil = "a\u{1B}]0;pwned\u{07}\r\nATTENDEE\u{202E}x\u{2028}y"
    _ = try log.append(
      to: "v",
      [
        NewEvent(
          type: "AppointmentScheduled", actor: "forger",
          data: [
            "appointment": .string(evil), "title": .string("T\u{1B}[2J"), "kind": .string("meeting"),
            "start": .string("2022-05-02T12:00"), "end": .string("2022-05-02T13:00"),
            "timezone": .string("Europe/Berlin"), "hosts": .array([]),
          ])
      ])
    _ = try log.append(to: "v", [NewEvent(type: "Evil\u{1B}]0;x\u{07}", actor: "forger", data: [:])])
    for args in [["verify"], ["show", "v"], ["audit", "v"], ["agenda", "v"], ["calendar", "v"]] {
      let r = try store.run(args)
      #expect(r.code != 0, "\(args)")
      for bad in ["\u{1B}", "\u{07}", "\r", "\u{202E}", "\u{2028}"] {
        #expect(!r.err.contains(bad), "\(args): \(r.err.debugDescription)")
      }
      #expect(r.err.split(separator: "\n").allSatisfy { $0.hasPrefix("visits: ") }, "\(args): \(r.err)")
    }
    let verify = try store.run(["verify"])
    #expect(verify.err.contains("unknown event type") || verify.err.contains("not what its command records"))
  }
}
