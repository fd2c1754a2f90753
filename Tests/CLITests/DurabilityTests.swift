import Foundation
import Testing

@Suite("Durability with real processes")
struct DurabilityTests {
  @Test(
    "8 processes appending 100 notes each at once: exactly 800 notes, dense, chained, none lost or doubled")
  func concurrentAppends() throws {
    let store = CLIStore()
    try store.run([
      "schedule", "v", "--title", "T", "--partner", "P", "--from", "2022-05-02", "--to", "2022-05-04",
    ])
    let failures = DataBox()
    let lock = NSLock()
    DispatchQueue.concurrentPerform(iterations: 8) { worker in
      for i in 0..<100 {
        let r = try? store.run(["note", "v", "--text", "w\(worker)-\(i)"])
        if r?.code != 0 {
          lock.lock()
          failures.data.append(contentsOf: Array("w\(worker)-\(i): \(r?.err ?? "no run")\n".utf8))
          lock.unlock()
        }
      }
    }
    #expect(failures.data.isEmpty, "\(String(decoding: failures.data, as: UTF8.self))")
    let verify = try store.run(["verify", "v"])
    #expect(verify.code == 0)
    #expect(verify.out.hasPrefix("v: ok, 801 events, head "))
    let lines = try String(contentsOfFile: store.path("v"), encoding: .utf8).split(separator: "\n")
    #expect(lines.count == 801)
    let log = try store.run(["log", "v"])
    let texts = log.out.split(separator: "\n").filter { $0.hasPrefix("    text: ") }.map {
      String($0.dropFirst(10))
    }
    #expect(texts.count == 800)
    #expect(Set(texts).count == 800)
    for w in 0..<8 { for i in 0..<100 { #expect(texts.contains("w\(w)-\(i)")) } }
  }

  @Test("verify exits 65 naming the line for any single changed byte of a middle record")
  func verifyEveryByte() throws {
    let store = CLIStore()
    try store.seed()
    let original = try Data(contentsOf: URL(fileURLWithPath: store.path("v")))
    let bytes = [UInt8](original)
    let newlines = bytes.indices.filter { bytes[$0] == 0x0A }
    let (start, end) = (newlines[1] + 1, newlines[2] + 1)  // line 3 with its newline
    for i in start..<end {
      var damaged = bytes
      damaged[i] = damaged[i] == 0x30 ? 0x31 : 0x30
      try Data(damaged).write(to: URL(fileURLWithPath: store.path("v")))
      let r = try store.run(["verify", "v"])
      #expect(r.code == 65, "byte \(i)")
      #expect(r.err.contains("\(store.path("v")):3: "), "byte \(i): \(r.err)")
    }
  }

  @Test("a torn tail: reads warn and succeed, the next write repairs and says so, verify passes")
  func tornTail() throws {
    let store = CLIStore()
    try store.seed()
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: store.path("v"))))
    try Data(bytes.dropLast(20)).write(to: URL(fileURLWithPath: store.path("v")))
    chmod(store.path("v"), 0o600)
    // As after a crash during that write: the store never recorded the cut event as the stream's end.
    unlink(store.directory + "/.cache/v.head")
    let read = try store.run(["tasks", "v"])
    #expect(read.code == 0)
    #expect(read.err.contains("warning: \(store.path("v")):5: torn final line"))
    #expect(!read.out.contains("Book the bus"))
    let verify = try store.run(["verify", "v"])
    #expect(verify.code == 0)
    #expect(verify.out.hasPrefix("v: ok, 4 events"))
    let write = try store.run(["note", "v", "--text", "after the crash"])
    #expect(write.code == 0)
    #expect(write.err.contains("repaired: warning: \(store.path("v")):5: torn final line"))
    #expect(try store.run(["verify", "v"]).out.hasPrefix("v: ok, 5 events"))
    #expect(try store.run(["verify", "v"]).err.isEmpty)
  }

  @Test("a new store and its stream are created owner-only")
  func permissions() throws {
    let store = CLIStore()
    let nested = store.directory + "/new-store"
    let r = try store.run(
      [
        "schedule", "v", "--store", nested, "--title", "T", "--partner", "P", "--from", "2022-05-02", "--to",
        "2022-05-02",
      ])
    #expect(r.code == 0)
    let dir = try FileManager.default.attributesOfItem(atPath: nested)
    let file = try FileManager.default.attributesOfItem(atPath: nested + "/v.jsonl")
    #expect((dir[.posixPermissions] as? Int) == 0o700)
    #expect((file[.posixPermissions] as? Int) == 0o600)
  }
}
