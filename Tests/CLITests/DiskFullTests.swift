#if canImport(Glibc)
  import Glibc
#endif
import Foundation
import TestSupport
import Testing

/// A store on a small tmpfs of its own, filled up or made read-only: every write fails with 73 and
/// the system's reason, nothing is damaged, and once there is room again the same commands work.
/// Mounting needs root (and a system that lets the test mount); elsewhere the suite is skipped
/// and says why.
@Suite(
  "Disk full and read-only",
  .enabled(if: SmallDisk.available, "skipped: mounting a tmpfs needs root (the CI runs as root)"),
  .serialized)
struct DiskFullTests {
  /// Writes of each kind — a line, a line with vault entries, a new stream, an erasure, an import
  /// of several batches — with ids of their own for round `n`.
  static func writes(_ n: Int, importing file: String) -> [[String]] {
    [
      ["note", "v", "--text", "note \(n)"],
      ["add-attendee", "v", "kofi-\(n)", "--name", "Kofi Mensah", "--email", "kofi@example.org"],
      ["schedule", "x-\(n)", "--title", "X", "--partner", "P", "--from", "2022-07-01", "--to", "2022-07-02"],
      ["erase-person", "p1", "--reason", "asked to be forgotten"],
      ["import", file + "-\(n)"],
    ]
  }

  /// A copy of a seeded store on a fresh small disk, and import files (`FILE-N`) of the seeded
  /// visit under the name `y-N`, named after the template store (they go when it goes).
  static func prepared() throws -> (disk: SmallDisk, store: CLIStore, file: String, template: CLIStore) {
    let template = CLIStore()
    try template.seed()
    let export = try template.run(["export", "v"])
    let file = template.directory + ".import.jsonl"
    for n in 0...5 {
      let renamed = export.out.replacingOccurrences(of: "\"stream\":\"v\"", with: "\"stream\":\"y-\(n)\"")
      try Data(renamed.utf8).write(to: URL(fileURLWithPath: file + "-\(n)"))
    }
    let disk = try SmallDisk(kilobytes: 512)
    let store = CLIStore(directory: disk.path + "/store")
    try FileManager.default.copyItem(atPath: template.directory, toPath: store.directory)
    #expect(try store.run(["show", "v"]).code == 0)  // the caches as a read leaves them
    return (disk, store, file, template)
  }

  @Test("on a full disk every write exits 73 naming the reason, and the store is byte for byte unchanged")
  func full() throws {
    let (disk, store, file, template) = try Self.prepared()
    defer {
      disk.remove()
      withExtendedLifetime(template) {}
    }
    var refused: [String] = []
    for free in [0, 1, 2, 3] {
      try disk.fill(leavingPages: free)
      for args in Self.writes(free, importing: file) {
        let before = try store.snapshot(caches: true)
        let r = try store.run(args)
        let what = "\(free) page(s) free: \(args.joined(separator: " "))"
        if r.code == 0 {
          // It fitted: then it is whole (verify below).
          continue
        }
        refused.append(what)
        #expect(r.code == 73, "\(what): exit \(r.code) \(r.err)")
        #expect(r.err.contains("No space left on device"), "\(what): \(r.err)")
        // An import names what it wrote before the failure, and what not, on lines of their own.
        #expect(args[0] == "import" || r.err.split(separator: "\n").count == 1, "\(what): \(r.err)")
        let after = try store.snapshot(caches: true)
        let changed = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }
        // A failed write leaves no trace; only a cache a read refreshed may differ.
        #expect(changed.allSatisfy { $0.hasPrefix(".cache/") }, "\(what): changed \(changed.sorted())")
      }
      disk.emptyFiller()
      let verify = try store.run(["verify"])
      #expect(verify.code == 0, "\(free) page(s) free: \(verify.err)")
    }
    // With no page free, a new stream cannot be made at all.
    #expect(refused.contains { $0.hasPrefix("0 page(s) free: schedule") }, "refused: \(refused)")
    #expect(refused.count >= 4, "refused: \(refused)")
    // With room again, every write goes through.
    for args in Self.writes(4, importing: file) {
      let r = try store.run(args)
      #expect(r.code == 0, "\(args.joined(separator: " ")): \(r.err)")
    }
    #expect(try store.run(["verify"]).code == 0)
  }

  @Test("-o on a full disk exits 73 and leaves neither the file nor a temporary one")
  func outputFile() throws {
    let (disk, store, _, _) = try Self.prepared()
    defer { disk.remove() }
    try disk.fill(leavingPages: 0)
    let target = disk.path + "/agenda.html"
    let r = try store.run(["agenda", "v", "--format", "html", "-o", target])
    #expect(r.code == 73, "\(r.code) \(r.err)")
    #expect(r.err.contains("No space left on device"), "\(r.err)")
    let left = try FileManager.default.contentsOfDirectory(atPath: disk.path).filter {
      $0.hasPrefix("agenda")
    }
    #expect(left.isEmpty, "left behind: \(left)")
  }

  @Test("on a read-only disk writes exit 73 naming the reason; reads work and change nothing")
  func readOnly() throws {
    let (disk, store, file, template) = try Self.prepared()
    defer {
      disk.remove()
      withExtendedLifetime(template) {}
    }
    try FileManager.default.removeItem(atPath: store.directory + "/.cache")
    try disk.remount(readOnly: true)
    defer { try? disk.remount(readOnly: false) }
    let before = try store.snapshot(caches: true)
    for args in Self.writes(5, importing: file) {
      let r = try store.run(args)
      #expect(r.code == 73, "\(args.joined(separator: " ")): exit \(r.code) \(r.err)")
      #expect(r.err.contains("Read-only file system"), "\(args.joined(separator: " ")): \(r.err)")
      #expect(args[0] == "import" || r.err.split(separator: "\n").count == 1, "\(r.err)")
    }
    for args in [["show", "v"], ["list"], ["agenda", "v"], ["verify"], ["audit"]] {
      let r = try store.run(args)
      #expect(r.code == 0, "\(args.joined(separator: " ")): \(r.err)")
    }
    #expect(try store.snapshot(caches: true) == before)
  }
}

/// A tmpfs of a few hundred KiB mounted for one test, and a filler file that takes its room.
final class SmallDisk: @unchecked Sendable {
  struct Failure: Error { var message: String }

  let path: String
  private var filler: String { path + "/filler" }

  /// Whether this process may mount one (root, and a system that allows it): tried once.
  static let available: Bool = {
    guard getuid() == 0, let disk = try? SmallDisk(kilobytes: 64) else { return false }
    disk.remove()
    return true
  }()

  init(kilobytes: Int) throws {
    path = NSTemporaryDirectory() + "visits-disk-" + UUID().uuidString.lowercased()
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    let r = try PrintTools.run(
      "/bin/mount", ["-t", "tmpfs", "-o", "size=\(kilobytes)k,mode=0700", "tmpfs", path])
    guard r.code == 0 else {
      try? FileManager.default.removeItem(atPath: path)
      throw SmallDisk.Failure(message: "mount: \(r.err)")
    }
  }

  /// Fills the disk with one file, so that `pages` pages of 4 KiB stay free.
  func fill(leavingPages pages: Int) throws {
    emptyFiller()
    let fd = open(filler, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard fd >= 0 else { throw SmallDisk.Failure(message: "filler: errno \(errno)") }
    defer { close(fd) }
    let chunk = [UInt8](repeating: 0, count: 4096)
    while chunk.withUnsafeBytes({ write(fd, $0.baseAddress, 4096) }) == 4096 {}
    // Give back the pages asked for.
    var st = stat()
    fstat(fd, &st)
    ftruncate(fd, max(0, off_t(st.st_size) - off_t(pages * 4096)))
  }

  func emptyFiller() { unlink(filler) }

  func remount(readOnly: Bool) throws {
    let r = try PrintTools.run("/bin/mount", ["-o", "remount," + (readOnly ? "ro" : "rw"), path])
    guard r.code == 0 else { throw SmallDisk.Failure(message: "mount: \(r.err)") }
  }

  func remove() {
    _ = try? PrintTools.run("/bin/umount", [path])
    try? FileManager.default.removeItem(atPath: path)
  }
}
