import Foundation
import TestSupport
import Testing

@testable import EventLog

/// The file store's vault: where sealed values live, how they are checked, and what a crash leaves.
@Suite("File store: the vault")
struct VaultTests {
  static let value: JSONValue = .object([
    "email": .string("ama@kumasi.example"), "name": .string("Ama Owusu"),
  ])

  /// A store with one sealed record (line 2) between two plain ones.
  static func sealedStore() throws -> StoreFixture {
    let f = StoreFixture()
    try f.fill("v", 1)
    try f.store.append(
      to: "v",
      [
        NewEvent(
          type: "Registered", actor: "jana", data: [:],
          sealed: ["personal": SealedInput(subject: "ama", value: value)])
      ])
    try f.fill("v", 1)
    return f
  }

  static func vaultPath(_ f: StoreFixture) -> String { f.store.vaultPath(of: "v") }

  @Test("the commitment is SHA-256 of the canonical {salt, value}, for 2,000 random salts and values")
  func commitments() {
    var rng = SplitMix64(seed: 0xC0317)
    for case_ in 0..<2_000 {
      let (salt, value) = (randomString(&rng), randomJSON(&rng))
      let object = CanonicalJSON.encode(.object(["salt": .string(salt), "value": value]))
      #expect(Vault.commitment(salt: salt, value: value) == SHA256.hexDigest(object), "case \(case_)")
    }
  }

  @Test("values are in the owner-only vault, not in the stream; the commitment is SHA-256 of salt and value")
  func layout() throws {
    let f = try Self.sealedStore()
    let stream = String(decoding: try f.bytes("v"), as: UTF8.self)
    #expect(!stream.contains("Ama Owusu") && !stream.contains("kumasi"))
    let vault = try String(contentsOfFile: Self.vaultPath(f), encoding: .utf8)
    #expect(vault.contains("Ama Owusu"))
    let attributes = try FileManager.default.attributesOfItem(atPath: Self.vaultPath(f))
    #expect((attributes[.posixPermissions] as? Int) == 0o600)
    let folder = try FileManager.default.attributesOfItem(atPath: f.directory + "/.vault")
    #expect((folder[.posixPermissions] as? Int) == 0o700)
    guard case .object(let entry) = try JSONParser.parse(Array(vault.utf8.dropLast())),
      case .string(let salt)? = entry["salt"], case .string(let commitment)? = entry["commitment"]
    else {
      Issue.record("vault line is not an entry: \(vault)")
      return
    }
    let expected = SHA256.hexDigest(
      Array(#"{"salt":"\#(salt)","value":{"email":"ama@kumasi.example","name":"Ama Owusu"}}"#.utf8))
    #expect(commitment == expected)
    #expect(try f.store.read("v").records[1].sealed == ["personal": commitment])
  }

  @Test(
    "a vault entry changed by hand is reported by verify at the record's line, naming whose it is; reads refuse"
  )
  func tampered() throws {
    let f = try Self.sealedStore()
    let path = Self.vaultPath(f)
    let changed = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(
      of: "Ama Owusu", with: "Ama Owusa")
    try changed.write(toFile: path, atomically: false, encoding: .utf8)
    let report = try f.store.verify("v")
    #expect(report.problems.count == 1)
    #expect(report.problems.first?.line == 2)
    #expect(report.problems.first?.reason.contains("of ama") == true)
    #expect(report.problems.first?.reason.contains("does not match the commitment") == true)
    #expect(throws: EventLogError.self) { try f.store.read("v") }
    #expect(throws: EventLogError.self) { try f.store.append(to: "v", [note("after")]) }
  }

  @Test("a missing vault is reported, not taken for an empty value")
  func missing() throws {
    let f = try Self.sealedStore()
    try FileManager.default.removeItem(atPath: Self.vaultPath(f))
    let report = try f.store.verify("v")
    #expect(report.problems.map(\.line) == [2])
    #expect(report.problems.first?.reason.contains("missing") == true)
  }

  @Test(
    "a crash between the vault write and the line leaves an entry no line refers to: ignored, and verify passes"
  )
  func orphan() throws {
    let f = try Self.sealedStore()
    let path = Self.vaultPath(f)
    let orphan = VaultEntry(
      commitment: Vault.commitment(salt: "00", value: .string("Yaw Boateng")), name: "personal",
      subject: "yaw",
      salt: "00", value: .string("Yaw Boateng"))
    let handle = try #require(FileHandle(forWritingAtPath: path))
    handle.seekToEndOfFile()
    handle.write(Data(orphan.line))
    handle.closeFile()
    #expect(try f.store.verify("v").problems.isEmpty)
    #expect(try f.store.read("v").records.allSatisfy { $0.unsealed["personal"] != .string("Yaw Boateng") })
  }

  @Test("a torn vault line (a crash mid-write) is ignored by readers and cut by the next sealed write")
  func tornTail() throws {
    let f = try Self.sealedStore()
    let path = Self.vaultPath(f)
    let handle = try #require(FileHandle(forWritingAtPath: path))
    handle.seekToEndOfFile()
    handle.write(Data(#"{"commitment":"ab","name":"perso"#.utf8))
    handle.closeFile()
    #expect(try f.store.verify("v").problems.isEmpty)
    try f.store.append(
      to: "v",
      [
        NewEvent(
          type: "Registered", actor: "jana", data: [:],
          sealed: ["personal": SealedInput(subject: "kwame", value: .string("Kwame"))])
      ])
    let vault = try String(contentsOfFile: path, encoding: .utf8)
    #expect(vault.split(separator: "\n").count == 2)
    #expect(!vault.contains("perso\""))
    #expect(try f.store.verify("v").problems.isEmpty)
    #expect(try f.store.read("v").records.last?.unsealed["personal"] == .string("Kwame"))
  }

  @Test("format 1 lines still read and verify beside format 2 ones")
  func formatOneStillReads() throws {
    let f = StoreFixture()
    var old = EventRecord(
      seq: 1, id: "old-1", type: "Noted", version: 1, recorded: Timestamp(milliseconds: 1_600_000_000_000),
      actor: "tester", data: ["text": .string("from 2022")], prev: EventRecord.genesisHash, format: 1)
    try f.write("v", old.seal())
    try f.fill("v", 1)
    let records = try f.store.read("v").records
    #expect(records.map(\.format) == [1, 2])
    #expect(try f.store.verify("v").problems.isEmpty)
    // A format 1 line may not carry sealed values (a good line follows, so it is no torn tail).
    var forged = old
    forged.sealed = ["p": String(repeating: "a", count: 64)]
    let first = forged.seal()
    var next = EventRecord(
      seq: 2, id: "new-2", type: "Noted", version: 1, recorded: Timestamp(milliseconds: 1_600_000_001_000),
      actor: "tester", data: [:], prev: forged.hash)
    try f.write("v", first + next.seal())
    #expect(try f.store.verify("v").problems.first?.reason == "field 'sealed': not in format 1")
  }
}

@Suite("File store: erasing from the vault")
struct VaultEraseTests {
  @Test(
    "the value's bytes are overwritten where they lay: no file of the store holds them, and the vault keeps its length"
  )
  func overwritten() throws {
    let f = try VaultTests.sealedStore()
    let path = VaultTests.vaultPath(f)
    let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int
    #expect(try f.store.erase(in: "v", subject: "ama") == 1)
    #expect(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int == size)
    let walk = try #require(FileManager.default.enumerator(atPath: f.directory))
    for case let name as String in walk {
      guard let data = FileManager.default.contents(atPath: f.directory + "/" + name) else { continue }
      for secret in ["Ama Owusu", "ama@kumasi.example"] {
        #expect(data.range(of: Data(secret.utf8)) == nil, "\(name) still holds \(secret)")
      }
    }
    let vault = try String(contentsOfFile: path, encoding: .utf8)
    #expect(vault.contains(#""erased":true"#) && vault.contains(#""subject":"ama""#))
    #expect(try f.store.verify("v").problems.isEmpty)
    #expect(try f.store.read("v").records[1].erased == ["personal"])
    // Later writes still append after the tombstone.
    try f.fill("v", 1)
    #expect(try f.store.verify("v").problems.isEmpty)
  }
}
