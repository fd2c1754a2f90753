import Foundation
import TestSupport
import Testing

/// Personal data in record format 2: erasure (Art. 17), the person's copy (Art. 15), retention.
@Suite("Personal data: erase, export, purge")
struct PrivacyTests {
  static let name = "Ama Owusu-Mensah"
  static let email = "ama.owusu@kumasi.example"
  static let phone = "+233 20 555 0147"

  /// A copy of the sample store in which Ama takes part in two visits, with e-mail and phone.
  static func sample() throws -> CLIStore {
    let store = CLIStore()
    let events = repositoryRoot.appendingPathComponent("events").path
    for name in try FileManager.default.contentsOfDirectory(atPath: events) where name != ".lock" {
      try FileManager.default.copyItem(atPath: events + "/" + name, toPath: store.directory + "/" + name)
    }
    for (visit, appointment) in [("pittsburgh-2022", "reception"), ("dortmund-in-pittsburgh-2022", nil)] {
      let r = try store.run([
        "add-attendee", visit, "ama", "--name", name, "--email", email, "--phone", phone, "--function",
        "Translator", "--organization", "Kumasi Metropolitan Assembly", "--diet", "halal", "--side",
        "interpreter",
      ])
      guard r.code == 0 else { throw CLIFailure(args: ["add-attendee", visit], result: r) }
      if let appointment { try store.run(["assign", visit, appointment, "ama"]) }
    }
    return store
  }

  /// Every byte of every file under the store.
  static func everyFile(_ store: CLIStore) throws -> [(String, Data)] {
    try store.snapshot(caches: true).map { ($0.key, $0.value) }
  }

  /// The outputs that show people, in both languages and every format.
  static let outputs: [[String]] = [
    ["itinerary", "pittsburgh-2022"], ["itinerary", "pittsburgh-2022", "--format", "json"],
    ["itinerary", "pittsburgh-2022", "--format", "md"], ["attendees", "pittsburgh-2022"],
    ["attendees", "pittsburgh-2022", "--format", "json"],
    ["attendees", "pittsburgh-2022", "--format", "csv"],
    ["agenda", "pittsburgh-2022"], ["agenda", "pittsburgh-2022", "--format", "md"],
    ["agenda", "pittsburgh-2022", "--format", "html"], ["agenda", "pittsburgh-2022", "--for", "ama"],
    ["agenda", "pittsburgh-2022", "--changes-since", "v:2"], ["calendar", "pittsburgh-2022"],
    ["calendar", "pittsburgh-2022", "--for", "ama"], ["audit", "pittsburgh-2022"],
    ["audit", "--format", "json"], ["audit", "--format", "csv"], ["history", "pittsburgh-2022", "ama"],
    ["diff", "pittsburgh-2022", "--from", "v:2"],
    ["diff", "pittsburgh-2022", "--from", "v:2", "--format", "json"],
    ["log", "pittsburgh-2022"], ["log", "pittsburgh-2022", "--format", "jsonl"], ["show", "pittsburgh-2022"],
    ["export-person", "ama"],
  ]

  @Test("a correction of personal data is in the person's copy, and erasure takes it too")
  func correctionExportedAndErased() throws {
    let store = try Self.sample()
    let corrected = "ama.owusu-mensah@kumasi.example"
    let r = try store.run(["update-attendee", "pittsburgh-2022", "ama", "--email", corrected, "--diet", ""])
    #expect(r.code == 0, "\(r.err)")
    let copy = try store.run(["export-person", "ama"]).out
    #expect(copy.contains(corrected) && copy.contains(#""event":"AttendeeUpdated""#), "\(copy)")
    #expect(copy.contains(#""event":"AttendeeRegistered""#))
    let erase = try store.run(["erase-person", "ama"])
    #expect(erase.code == 0, "\(erase.err)")
    for (file, data) in try Self.everyFile(store) {
      for value in [corrected, Self.email, Self.name] {
        #expect(data.range(of: Data(value.utf8)) == nil, "\(file) still holds \(value)")
      }
    }
    #expect(try store.run(["verify"]).code == 0)
  }

  @Test("erasing one attendee: no file holds their data, every output shows the mark, the rest is untouched")
  func erase() throws {
    let store = try Self.sample()
    let before = try store.run(["attendees", "pittsburgh-2022", "--format", "csv"])
    var namedBefore: [[String]: Bool] = [:]
    for args in Self.outputs { namedBefore[args] = try store.run(args).out.contains(Self.name) }
    #expect(namedBefore.values.filter { $0 }.count >= 15, "the outputs to check name her before the erasure")
    let exportBefore = try store.run(["export-person", "ama"])
    #expect(exportBefore.code == 0)
    for value in [Self.name, Self.email, Self.phone, "halal", "Translator"] {
      #expect(exportBefore.out.contains(value), "export-person before erasure lacks \(value)")
    }
    #expect(exportBefore.out.contains(#""visit":"dortmund-in-pittsburgh-2022""#))
    #expect(exportBefore.out.contains(#""id":"reception""#))
    // The lines never held the values, only the vault did (and the snapshot caches, made from it).
    for (file, data) in try Self.everyFile(store) where !file.hasPrefix(".vault") && !file.hasPrefix(".cache")
    {
      #expect(data.range(of: Data(Self.email.utf8)) == nil, "\(file)")
    }

    let r = try store.run(["--actor", "dpo.office", "--reason", "Art. 17 request", "erase-person", "ama"])
    #expect(r.code == 0, "\(r.err)")
    #expect(r.out.contains("pittsburgh-2022: erased ama"))
    #expect(r.out.contains("dortmund-in-pittsburgh-2022: erased ama"))
    for (file, data) in try Self.everyFile(store) {
      for value in [Self.name, Self.email, Self.phone, "Owusu", "kumasi.example", "555 0147"] {
        #expect(data.range(of: Data(value.utf8)) == nil, "\(file) still holds \(value)")
      }
    }
    let verify = try store.run(["verify"])
    #expect(verify.code == 0, "\(verify.err)")

    for args in Self.outputs {
      for (lang, mark) in [("en", "[erased]"), ("de", "[gelöscht]")] {
        let out = try store.run(["--lang", lang] + args)
        #expect(out.code == 0, "\(args): \(out.err)")
        #expect(!out.out.contains(Self.name) && !out.out.contains(Self.email), "\(args) \(lang)")
        // Where the output named her, it now shows the mark (Markdown escapes its brackets).
        guard namedBefore[args] == true else { continue }
        let machine = args.contains("json") || args.first == "export-person"
        let shown = machine ? #""erased":true"# : mark
        #expect(
          out.out.contains(shown) || out.out.contains(mark.replacingOccurrences(of: "[", with: "\\[")),
          "\(args) \(lang): no \(shown)")
      }
    }
    // What is not personal stays: side and assignments; the other attendees are as they were.
    let after = try store.run(["attendees", "pittsburgh-2022", "--format", "csv"])
    let rowsBefore = before.out.components(separatedBy: "\r\n").filter { !$0.hasPrefix("ama,") }
    let rowsAfter = after.out.components(separatedBy: "\r\n").filter { !$0.hasPrefix("ama,") }
    #expect(rowsBefore == rowsAfter)
    #expect(after.out.contains("ama,Interpreters,[erased],,,,,,"))
    let json = try store.run(["attendees", "pittsburgh-2022", "--format", "json"])
    #expect(json.out.contains(#"{"erased":true,"id":"ama","side":"interpreter"}"#))
    let agenda = try store.run(["agenda", "pittsburgh-2022", "--for", "ama"])
    #expect(agenda.out.contains("Reception by Lord Mayor Thomas Westphal"), "her assignment stays")
    // The audit trail still says what happened, when, by whom and why.
    let history = try store.run(["history", "pittsburgh-2022", "ama"])
    #expect(history.out.contains("registered [erased] (Interpreters)"))
    #expect(history.out.contains("personal: [erased]"))
    #expect(history.out.contains("dpo.office  pittsburgh-2022#"))
    #expect(history.out.contains("erased the personal data of ama"))
    #expect(history.out.contains("Art. 17 request"))
    // The person's copy now says they were erased, when and by whom.
    let export = try store.run(["export-person", "ama"])
    #expect(export.out.contains(#""erased":{"actor":"dpo.office","reason":"Art. 17 request","recorded":""#))
    #expect(export.out.contains(#""personal":{"erased":true}"#))
    // The independent verifier agrees.
    let python = try Tools.python(
      IndependentVerifierTests.verifier,
      ["pittsburgh-2022", "dortmund-in-pittsburgh-2022"].map { store.directory + "/" + $0 + ".jsonl" })
    #expect(python.out.contains(#""problems": []"#), "\(python.out) \(python.err)")
  }

  @Test("erasing again changes nothing and exits 0; an unknown person exits 66")
  func again() throws {
    let store = try Self.sample()
    #expect(try store.run(["erase-person", "ama"]).code == 0)
    let snapshot = try store.snapshot()
    let again = try store.run(["erase-person", "ama"])
    #expect(again.code == 0)
    #expect(again.out.contains("ama was already erased, 0 vault value(s) overwritten"))
    #expect(try store.snapshot() == snapshot)
    let unknown = try store.run(["erase-person", "kwame"])
    #expect(unknown.code == 66)
    #expect(unknown.err == "visits: no visit has a person kwame\n")
    #expect(try store.run(["export-person", "kwame"]).code == 66)
    #expect(try store.snapshot() == snapshot)
  }

  @Test("purge erases the attendees of visits that ended before a date; a dry run only lists them")
  func purge() throws {
    let store = try Self.sample()
    let snapshot = try store.snapshot()
    let dry = try store.run(["purge", "--before", "2022-05-01", "--dry-run"])
    #expect(dry.code == 0, "\(dry.err)")
    #expect(dry.out.contains("dortmund-in-pittsburgh-2022: would erase ama (the visit ended 2022-04-06)"))
    #expect(!dry.out.split(separator: "\n").contains { $0.hasPrefix("pittsburgh-2022:") })
    #expect(try store.snapshot() == snapshot)
    let r = try store.run(["--reason", "retention: 6 months", "purge", "--before", "2022-05-01"])
    #expect(r.code == 0, "\(r.err)")
    #expect(r.out.contains("dortmund-in-pittsburgh-2022: erased ama"))
    let dortmund = try store.run(["attendees", "dortmund-in-pittsburgh-2022", "--format", "csv"])
    #expect(!dortmund.out.contains(Self.name) && !dortmund.out.contains("Dortmund delegation member"))
    let pittsburgh = try store.run(["attendees", "pittsburgh-2022", "--format", "csv"])
    #expect(pittsburgh.out.contains(Self.name))
    #expect(try store.run(["verify"]).code == 0)
    let nothing = try store.run(["purge", "--before", "2022-05-01"])
    #expect(nothing.out.contains("nothing to erase"))
    #expect(try store.run(["purge", "--before", "May 2022"]).code == 64)
  }

  @Test(
    "a crash between the vault write and the line leaves a store that reads and verifies, without the entry")
  func crashAfterVaultWrite() throws {
    let store = CLIStore()
    try store.seed()
    let r = try store.run(
      ["add-attendee", "v", "ama", "--name", Self.name, "--email", Self.email],
      environment: ["VISITS_FAILPOINT": "after-vault-write"])
    #expect(r.code == 128 + 9 || r.code == 9, "killed by SIGKILL: \(r.code) \(r.err)")
    let vault = try String(contentsOfFile: store.directory + "/.vault/v.jsonl", encoding: .utf8)
    #expect(vault.contains(Self.email), "the vault entry was written before the kill")
    let verify = try store.run(["verify"])
    #expect(verify.code == 0, "\(verify.err)")
    let attendees = try store.run(["attendees", "v", "--format", "csv"])
    #expect(attendees.code == 0 && !attendees.out.contains(Self.name))
    // The command can be run again; then erasing the person wipes the orphan entry too.
    #expect(
      try store.run(["add-attendee", "v", "ama", "--name", Self.name, "--email", Self.email]).code == 0)
    #expect(try store.run(["erase-person", "ama"]).code == 0)
    for (file, data) in try store.snapshot() {
      #expect(data.range(of: Data(Self.email.utf8)) == nil, "\(file)")
    }
    #expect(try store.run(["verify"]).code == 0)
  }
}
