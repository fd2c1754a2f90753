#if canImport(Glibc)
  import Glibc
#endif
import Foundation
import Testing

/// Every refused command: the documented exit code, one line naming what is wrong, and a store
/// left byte-for-byte as it was.
@Suite("Refused commands")
struct RefusalTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var args: [String]
    var code: Int32
    var message: String
    var environment: [String: String] = [:]
    var testDescription: String { args.joined(separator: " ") }
  }

  static let cases: [Case] = [
    Case(args: ["frobnicate"], code: 64, message: "visits: unknown command 'frobnicate' (see visits --help)"),
    Case(
      args: ["note", "v", "--txt", "x"], code: 64,
      message: "visits: unknown option '--txt' for 'note' (see visits note --help)"),
    Case(args: ["note", "v"], code: 64, message: "visits: note: missing --text"),
    Case(
      args: ["note", "Bad_Id", "--text", "x"], code: 64,
      message:
        "visits: invalid VISIT 'Bad_Id': use lower-case letters, digits and '-' (at most 64, starting with a letter or digit)"
    ),
    Case(args: ["note", "../x", "--text", "x"], code: 64, message: "visits: invalid VISIT '../x'"),
    Case(
      args: ["note", "v", "--text", "x"], code: 64,
      message: "visits: no actor: pass --actor NAME or set VISITS_ACTOR",
      environment: ["VISITS_ACTOR": "", "USER": ""]),
    Case(
      args: ["note", "v", "--text", "x", "--expect-version", "3"], code: 75,
      message: "visits: version conflict on v: expected version 3, but the visit is at version 5"),
    Case(
      args: ["note", "v", "--text", "x", "--expect-version", "three"], code: 64,
      message: "visits: invalid --expect-version 'three': a whole number"),
    Case(args: ["note", "nope", "--text", "x"], code: 66, message: "visits: no such visit: nope"),
    Case(
      args: ["note", "v", "--text", " "], code: 65,
      message: "visits: refused by rule text: --text must not be empty"),
    Case(
      args: [
        "schedule", "v", "--title", "T", "--partner", "P", "--from", "2022-05-02", "--to", "2022-05-04",
      ], code: 65,
      message: "visits: refused by rule unique-id: visit v already exists"),
    Case(
      args: [
        "schedule", "w", "--title", "T", "--partner", "P", "--from", "2022-05-02", "--to", "2022-05-04",
        "--timezone", "Mars/Base",
      ], code: 65,
      message:
        "visits: refused by rule time-zone: 'Mars/Base' is not an IANA time zone (such as Europe/Berlin or America/New_York)"
    ),
    Case(
      args: [
        "schedule", "w", "--title", "T", "--partner", "P", "--from", "2022-05-04", "--to", "2022-05-02",
      ], code: 65,
      message:
        "visits: refused by rule visit-dates: the visit would end (2022-05-02) before it starts (2022-05-04)"),
    Case(
      args: [
        "schedule", "w", "--title", "T", "--partner", "P", "--from", "2022-02-30", "--to", "2022-03-02",
      ], code: 65,
      message: "visits: refused by rule real-date: --from 2022-02-30 is not a real date (YYYY-MM-DD)"),
    Case(
      args: ["schedule", "w", "--title", "T", "--partner", "P", "--from", "May 2", "--to", "2022-03-02"],
      code: 64,
      message: "visits: invalid --from 'May 2': use YYYY-MM-DD"),
    Case(
      args: [
        "add-appointment", "v", "a2", "--title", "X", "--start", "2022-05-02T12:00", "--end",
        "2022-05-02T11:00",
      ], code: 65,
      message:
        "visits: refused by rule end-after-start: appointment a2 must end after it starts (2022-05-02T12:00 – 2022-05-02T11:00)"
    ),
    Case(
      args: [
        "add-appointment", "v", "a2", "--title", "X", "--start", "2022-05-05T10:00", "--end",
        "2022-05-05T11:00",
      ], code: 65,
      message:
        "visits: refused by rule within-visit: appointment a2 (2022-05-05T10:00–11:00 Europe/Berlin) lies outside visit v (2022-05-02 to 2022-05-04, Europe/Berlin)"
    ),
    Case(
      args: [
        "add-appointment", "v", "a2", "--title", "X", "--start", "2022-05-02T25:00", "--end",
        "2022-05-02T26:00",
      ], code: 65,
      message:
        "visits: refused by rule real-time: --start 2022-05-02T25:00 is not a real date and time (YYYY-MM-DDTHH:MM)"
    ),
    Case(
      args: ["add-appointment", "v", "a2", "--title", "X", "--start", "10:00", "--end", "11:00"], code: 64,
      message: "visits: invalid --start '10:00': use YYYY-MM-DDTHH:MM"),
    Case(
      args: [
        "add-appointment", "v", "a2", "--title", "X", "--start", "2022-05-02T12:00", "--end",
        "2022-05-02T13:00",
        "--site", "nowhere",
      ], code: 66, message: "visits: no such site in visit v: nowhere"),
    Case(
      args: [
        "add-appointment", "v", "a2", "--title", "X", "--start", "2022-05-02T12:00", "--end",
        "2022-05-02T13:00",
        "--kind", "party",
      ], code: 64,
      message:
        "visits: invalid --kind 'party': one of reception, site-visit, meeting, presentation, meal, transfer, press, signing, ceremony, golden-book, gift-exchange, other"
    ),
    Case(
      args: [
        "add-appointment", "v", "rec", "--title", "X", "--start", "2022-05-02T12:00", "--end",
        "2022-05-02T13:00",
      ], code: 65,
      message: "visits: refused by rule unique-id: appointment rec already exists in visit v"),
    Case(
      args: ["add-attendee", "v", "p1", "--name", "Again"], code: 65,
      message: "visits: refused by rule unique-id: person p1 is already registered for visit v"),
    Case(
      args: ["add-attendee", "v", "p2", "--name", "Evil\u{1B}[31m"], code: 65,
      message: "visits: refused by rule text: --name contains a control character"),
    Case(
      args: ["assign", "v", "rec", "ghost"], code: 66, message: "visits: no such person in visit v: ghost"),
    Case(
      args: ["assign", "v"], code: 64,
      message:
        "visits: assign: wrong number of arguments (usage: visits assign VISIT APPT [PERSON...] [--side SIDE]...)"
    ),
    Case(
      args: ["assign", "v", "rec"], code: 64,
      message:
        "visits: assign: name a PERSON or a --side (usage: visits assign VISIT APPT [PERSON...] [--side SIDE]...)"
    ),
    Case(
      args: ["assign", "v", "rec", "--side", "guests"], code: 64,
      message: "visits: invalid --side 'guests': one of delegation, host, staff, interpreter, press"),
    Case(
      args: ["assign", "v", "rec", "--side", "press"], code: 65,
      message: "visits: refused by rule persons: nobody of press is left to assign to appointment rec"),
    Case(
      args: ["unassign", "v", "rec", "--side", "host"], code: 65,
      message: "visits: refused by rule persons: nobody of host attends appointment rec"),
    Case(args: ["complete-task", "v", "t9"], code: 66, message: "visits: no such task in visit v: t9"),
    Case(
      args: ["reopen-task", "v", "t1"], code: 65,
      message: "visits: refused by rule not-done: task t1 is still open"),
    Case(
      args: ["itinerary", "v", "--format", "xml"], code: 64,
      message: "visits: invalid --format 'xml' for itinerary: one of text, json, md"),
    Case(
      args: ["itinerary", "v", "--lang", "fr"], code: 64, message: "visits: invalid --lang 'fr': de or en"),
    Case(
      args: ["itinerary", "v", "--as-of", "yesterday"], code: 64,
      message: "visits: invalid --as-of 'yesterday': a timestamp, a date YYYY-MM-DD, seq:N or v:N"),
    Case(
      args: ["itinerary", "v", "--as-of", "v:7"], code: 66,
      message: "visits: no such agenda version in visit v: 7"),
    Case(
      args: ["itinerary", "v", "-o", "/nonexistent-dir/x.txt"], code: 73,
      message: "visits: cannot write /nonexistent-dir/x.txt"),
    Case(
      args: ["check", "v", "--strict"], code: 65, message: "visits: check --strict: 1 warning(s) in visit v"),
    Case(args: ["verify", "nope"], code: 66, message: "visits: no such visit: nope"),
    Case(args: ["serve"], code: 64, message: "visits: serve: missing --users"),
    Case(
      args: ["serve", "--users", "/nonexistent/staff.htpasswd"], code: 66,
      message: "visits: no such users file: /nonexistent/staff.htpasswd"),
    Case(
      args: ["serve", "--users", "/dev/null", "--port", "70000"], code: 64,
      message: "visits: invalid --port '70000': a number from 1 to 65535"),
    Case(
      args: ["move-appointment", "v", "rec", "--by", "30 minutes"], code: 64,
      message: "visits: invalid --by '30 minutes': a duration such as +30m, -15m or +1h30m (at most a week)"),
    Case(
      args: ["move-appointment", "v", "rec", "--by", "+30m", "--start", "2022-05-02T12:00"], code: 64,
      message: "visits: move-appointment: give --start (and --end) or --by, not both"),
    Case(
      args: ["move-appointment", "v", "rec", "--by", "+0m"], code: 65,
      message: "visits: refused by rule no-change: moving appointment rec by 0 minutes changes nothing"),
    Case(
      args: ["shift", "v", "--from", "rec", "--by", "+72h"], code: 65,
      message: "visits: refused by rule within-visit"),
    Case(args: ["shift", "v", "--by", "+15m"], code: 64, message: "visits: shift: missing --from"),
    Case(
      args: [
        "--strict", "add-appointment", "v", "x", "--title", "X", "--start", "2022-05-02T12:00", "--end",
        "2022-05-02T13:00",
      ], code: 65,
      message:
        "visits: refused by rule strict: the change would add 1 plan warning(s) (no-delegation); nothing was written"
    ),
    Case(
      args: ["cancel-appointment", "v", "rec", "--store", "/nonexistent-store"], code: 66,
      message: "visits: no such store: /nonexistent-store"),
    // Corrections.
    Case(
      args: ["update-appointment", "v", "rec"], code: 64,
      message:
        "visits: update-appointment: nothing to correct; give at least one of --title, --title-de, --site, --no-site, --kind, --host, --note, --internal-note"
    ),
    Case(
      args: ["update-appointment", "v", "rec", "--kind", "banquet"], code: 64,
      message: "visits: invalid --kind 'banquet': one of reception"),
    Case(
      args: ["update-appointment", "v", "rec", "--title", "Reception"], code: 65,
      message: "visits: refused by rule no-change: appointment rec already has these details"),
    Case(
      args: ["update-appointment", "v", "rec", "--title", ""], code: 65,
      message: "visits: refused by rule text: --title must not be empty"),
    Case(
      args: ["update-appointment", "v", "rec", "--site", "nowhere"], code: 66,
      message: "visits: no such site in visit v: nowhere"),
    Case(
      args: ["update-appointment", "v", "rec", "--site", "hall", "--no-site"], code: 64,
      message: "visits: update-appointment: give --site SITE or --no-site, not both"),
    Case(
      args: ["update-appointment", "v", "gone", "--title", "X"], code: 66,
      message: "visits: no such appointment in visit v: gone"),
    Case(
      args: ["update-appointment", "v", "rec", "--internal-note", "a\u{7}b"], code: 65,
      message: "visits: refused by rule text: --internal-note contains a control character"),
    Case(
      args: ["update-attendee", "v", "p1", "--side", "guest"], code: 64,
      message: "visits: invalid --side 'guest': one of delegation, host, staff, interpreter, press"),
    Case(
      args: ["update-attendee", "v", "p1", "--name", "Jane Roe"], code: 65,
      message: "visits: refused by rule no-change: person p1 already has these details"),
    Case(
      args: ["update-attendee", "v", "p1", "--name", ""], code: 65,
      message: "visits: refused by rule text: --name must not be empty"),
    Case(
      args: ["update-attendee", "v", "nobody", "--name", "X"], code: 66,
      message: "visits: no such person in visit v: nobody"),
    Case(
      args: ["update-site", "v", "hall", "--name", "City hall"], code: 65,
      message: "visits: refused by rule no-change: site hall already has these details"),
    Case(
      args: ["update-site", "v", "annex", "--name", "Annex"], code: 66,
      message: "visits: no such site in visit v: annex"),
    Case(
      args: ["update-visit", "v", "--partner", ""], code: 65,
      message: "visits: refused by rule text: --partner must not be empty"),
    Case(
      args: ["update-visit", "v", "--title", "Visit"], code: 65,
      message: "visits: refused by rule no-change: visit v already has these details"),
    Case(
      args: ["update-task", "v", "t1", "--title", "Book the bus"], code: 65,
      message: "visits: refused by rule no-change: task t1 is already titled 'Book the bus'"),
    Case(
      args: ["update-task", "v", "t9", "--title", "X"], code: 66,
      message: "visits: no such task in visit v: t9"),
    Case(args: ["update-task", "v", "t1"], code: 64, message: "visits: update-task: missing --title"),
    Case(
      args: ["note", "v", "--text", "x", "--internal=yes"], code: 64,
      message: "visits: --internal takes no value"),
    // Audiences.
    Case(
      args: ["agenda", "v", "--audience", "press"], code: 64,
      message: "visits: invalid --audience 'press': guests or internal"),
    Case(
      args: ["tasks", "--audience", "internal"], code: 64,
      message: "visits: --audience applies to agenda, itinerary, calendar, not to tasks"),
    Case(
      args: ["show", "v", "--store", "/nonexistent-store"], code: 66,
      message: "visits: no such store: /nonexistent-store"),
    Case(
      args: ["agenda", "v", "--store", "/nonexistent-store/"], code: 66,
      message: "visits: no such store: /nonexistent-store"),
    Case(
      args: ["log", "v", "--store", "/nonexistent-store"], code: 66,
      message: "visits: no such store: /nonexistent-store"),
    Case(
      args: ["audit", "v", "--store", "/nonexistent-store"], code: 66,
      message: "visits: no such store: /nonexistent-store"),
  ]

  /// `--as-of` where it cannot apply, and points that count within one visit given without one.
  static let asOfMisuse: [Case] = [
    Case(
      args: ["note", "v", "--text", "x", "--as-of", "seq:1"], code: 64,
      message: "visits: --as-of applies to commands that read; note writes"),
    Case(
      args: [
        "move-appointment", "v", "rec", "--start", "2022-05-02T10:00", "--end", "2022-05-02T11:00", "--as-of",
        "2022-05-01",
      ],
      code: 64, message: "visits: --as-of applies to commands that read; move-appointment writes"),
    Case(
      args: ["verify", "--as-of", "seq:1"], code: 64,
      message:
        "visits: --as-of applies to commands that read the visits as they stood; verify checks the log as it is"
    ),
    Case(
      args: ["list", "--as-of", "seq:3"], code: 64,
      message: "visits: --as-of seq:3 needs a VISIT (seq:N and v:N count within one visit)"),
    Case(
      args: ["list", "--as-of", "v:1"], code: 64,
      message: "visits: --as-of v:1 needs a VISIT (seq:N and v:N count within one visit)"),
    Case(
      args: ["tasks", "--as-of", "seq:2"], code: 64,
      message: "visits: --as-of seq:2 needs a VISIT (seq:N and v:N count within one visit)"),
    Case(
      args: ["audit", "--as-of", "v:1"], code: 64,
      message: "visits: --as-of v:1 needs a VISIT (seq:N and v:N count within one visit)"),
    Case(
      args: ["audit", "--since", "seq:1"], code: 64,
      message: "visits: --since seq:1 needs a VISIT (seq:N and v:N count within one visit)"),
    Case(
      args: ["audit", "--until", "v:2"], code: 64,
      message: "visits: --until v:2 needs a VISIT (seq:N and v:N count within one visit)"),
    Case(
      args: ["list", "--as-of", "soon"], code: 64,
      message: "visits: invalid --as-of 'soon': a timestamp, a date YYYY-MM-DD, seq:N or v:N"),
    Case(
      args: ["diff", "v", "--from", "seq:x"], code: 64,
      message: "visits: invalid --from 'seq:x': a timestamp, a date YYYY-MM-DD, seq:N or v:N"),
  ]

  @Test("--as-of where it does not apply, and seq:N or v:N without a visit, exit 64", arguments: asOfMisuse)
  func asOfRefused(_ c: Case) throws { try refused(c) }

  @Test("refused with the documented exit code and message, store unchanged", arguments: cases)
  func refused(_ c: Case) throws {
    let store = CLIStore()
    try store.seed()
    let before = try store.snapshot()
    let r = try store.run(c.args, environment: c.environment)
    #expect(r.code == c.code, "stderr: \(r.err)")
    #expect(r.err.hasPrefix(c.message), "stderr: \(r.err)")
    #expect(r.err.split(separator: "\n").count == 1, "one line: \(r.err)")
    #expect(try store.snapshot() == before)
  }

  @Test("--lang takes DE and EN as well", arguments: ["DE", "De", "de"])
  func languageCase(lang: String) throws {
    let store = CLIStore()
    try store.seed()
    let r = try store.run(["itinerary", "v", "--lang", lang])
    #expect(r.code == 0, "\(r.err)")
    #expect(r.out.contains("Montag, 2. Mai 2022"))
  }

  @Test("a write that adds a plan warning goes through and says so on standard error")
  func writeTimeWarning() throws {
    let store = CLIStore()
    try store.seed()
    let r = try store.run([
      "add-appointment", "v", "x", "--title", "X", "--start", "2022-05-02T12:00", "--end", "2022-05-02T13:00",
    ])
    #expect(r.code == 0)
    #expect(r.err == "visits: warning: no-delegation: nobody from the delegation attends 'X' (12:00–13:00)\n")
    #expect(r.out.hasPrefix("v: version 6 (AppointmentScheduled)"))
    // A change that adds none says nothing.
    #expect(try store.run(["note", "v", "--text", "quiet"]).err.isEmpty)
  }

  @Test("a write refused by the store lock exits 75 and writes nothing")
  func lockTimeout() throws {
    let store = CLIStore()
    try store.seed()
    let before = try store.snapshot()
    let fd = open(store.directory, O_RDONLY | O_DIRECTORY)
    #expect(fd >= 0)
    #expect(flock(fd, LOCK_EX) == 0)
    let r = try store.run(["note", "v", "--text", "x"], environment: ["VISITS_LOCK_TIMEOUT": "0.3"])
    flock(fd, LOCK_UN)
    close(fd)
    #expect(r.code == 75)
    #expect(r.err.contains("could not lock the store"))
    #expect(try store.snapshot() == before)
  }
}

@Suite("Refusals that must not create anything")
struct CreationTests {
  @Test("a refused schedule into a store that does not exist yet leaves no directory behind")
  func noStoreDirectory() throws {
    let store = CLIStore()
    let missing = store.directory + "/not-yet"
    let r = try store.run(
      [
        "schedule", "v", "--store", missing, "--title", "T", "--partner", "P", "--from", "2022-05-04", "--to",
        "2022-05-02",
      ])
    #expect(r.code == 65)
    #expect(!FileManager.default.fileExists(atPath: missing))
  }
}
