// A libFuzzer target for the record parser and the stream reader and verifier.
//
// Not a SwiftPM target: it is compiled together with Sources/EventLog into one module, so that it
// reaches the internal API the store itself uses. `Tests/Fuzz/run.sh` builds it into /tmp, seeds a
// corpus there from the sample store and runs it; by hand, from the repository root:
//
//   swiftc -sanitize=fuzzer,address -parse-as-library -module-name EventLog -swift-version 6 -O -g \
//     Sources/EventLog/*.swift Tests/Fuzz/RecordFuzzer.swift -o /tmp/record-fuzzer
//   SWIFT_BACKTRACE=enable=no VISITS_FUZZ_VAULT=<vault file> /tmp/record-fuzzer -max_len=4096 <corpus>
//
// (`SWIFT_BACKTRACE=enable=no` leaves crashes to libFuzzer: the Swift runtime's backtracer would
// otherwise take over the crashing process and keep it waiting.)
//
// Each input is taken four ways, and every invariant below traps (`fatalError`) when it does not
// hold, which libFuzzer reports as a crash with the input that caused it:
// - as JSON: a parsed value re-encodes canonically to bytes that parse back to the same value and
//   encode to the same bytes again; a refusal names an offset within the input;
// - as one line of a stream, checked as the reader and `verify` check it (parse, canonical form,
//   hash): an accepted line is byte for byte the line its record is written as, and its hash is the
//   SHA-256 of the line with its `hash` member cut (the byte-level check of docs/log-format.md);
// - as a vault file: every entry found reads back from its own line;
// - as a whole stream file, through the same code the store reads and verifies with: a strict read
//   (`FileEventStore.read`), `FileEventStore.verify`, a strict scanner with an 8-byte buffer, and a
//   read resumed after the first batch as from a snapshot (`forEach(in:after:)`). They must agree
//   (a read fails exactly when `verify` finds a problem, at the same line for the same reason), and
//   a read that succeeds gives a sound chain of records whose lines are exactly the bytes of the
//   file up to the torn tail it warned about. The stream is read twice: as it is, and with every
//   line that is a JSON object resealed (its hash recomputed), so that mutations reach the rules
//   behind the hash too.
//
// The stream file lives in a per-process temporary store (under `$TMPDIR`, else /tmp) that is
// rewritten for each input and removed at exit. `VISITS_FUZZ_VAULT` names a vault file (the sample
// store's vaults, concatenated) to put in that store, so that sealed records of the seed corpus read.

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

@_cdecl("LLVMFuzzerTestOneInput")
public func recordFuzzerTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let input = Array(UnsafeBufferPointer(start: data, count: size))
  RecordFuzzer.json(input)
  RecordFuzzer.line(input)
  RecordFuzzer.vault(input)
  RecordFuzzer.store.stream(input)
  let resealed = RecordFuzzer.resealed(input)
  if resealed != input { RecordFuzzer.store.stream(resealed) }
  return 0
}

/// Stops the process, so that libFuzzer keeps the input, when an invariant does not hold.
func require(
  _ condition: Bool, _ message: @autoclosure () -> String, file: StaticString = #fileID, line: UInt = #line
) {
  if !condition { fatalError("fuzz invariant violated: \(message())", file: file, line: line) }
}

enum RecordFuzzer {
  /// The temporary store of this process, made on first use.
  static let store = FuzzStore()

  /// The input as a JSON document.
  static func json(_ input: [UInt8]) {
    let value: JSONValue
    do {
      value = try JSONParser.parse(input)
    } catch {
      require(0...input.count ~= error.offset, "error offset \(error.offset) outside the input")
      require(!error.message.isEmpty, "an error without a message")
      return
    }
    let canonical = CanonicalJSON.encode(value)
    let again: JSONValue
    do {
      again = try JSONParser.parse(canonical)
    } catch {
      fatalError("fuzz invariant violated: the canonical encoding does not parse (\(error))")
    }
    require(again == value, "the canonical encoding parses to another value")
    require(CanonicalJSON.encode(again) == canonical, "the canonical encoding is not stable")
  }

  /// The input as one line of a stream (without its `\n`).
  static func line(_ input: [UInt8]) {
    switch EventRecord.decode(line: input) {
    case .failure(let fault):
      require(!fault.reason.isEmpty, "a refused line without a reason")
    case .success(var record):
      require((try? JSONParser.parse(input)) != nil, "a record accepted that is not JSON")
      require(record.storedLine() == input + [0x0A], "an accepted line is not what its record writes")
      let body = input.count - EventRecord.hashSuffixLength
      require(body > 0, "an accepted line too short for its hash")
      require(input[body..<(body + 9)].elementsEqual(",\"hash\":\"".utf8), "no hash member at the end")
      require(
        SHA256.hexDigest(Array(input[..<body]) + [0x7D]) == record.hash,
        "the hash is not the SHA-256 of the line without it")
    }
  }

  /// The input with each complete line that is a JSON object written again as the store writes a
  /// record: canonical, with its hash computed, and with its `prev` following the line before when it
  /// named that line's stored hash. A mutation of a field then still gives a line whose hash holds,
  /// so the rules behind the hash (seq, prev, time, unique ids, batches, sealed values) are reached
  /// without forging SHA-256.
  static func resealed(_ input: [UInt8]) -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(input.count + 128)
    var previous: (stored: String, computed: String)?
    let lines = input.split(separator: 0x0A, omittingEmptySubsequences: false)
    for (index, line) in lines.enumerated() {
      // The part after the last newline is a torn tail (or nothing): left as it is.
      guard index < lines.count - 1 else {
        output += line
        break
      }
      guard case .object(var members)? = try? JSONParser.parse(line) else {
        output += line
        output.append(0x0A)
        previous = nil
        continue
      }
      let stored = members.removeValue(forKey: "hash")?.stringValue ?? ""
      if let previous, members["prev"]?.stringValue == previous.stored {
        members["prev"] = .string(previous.computed)
      }
      var encoded = CanonicalJSON.encode(.object(members))
      let hash = SHA256.hexDigest(encoded)
      encoded.removeLast()
      output += encoded
      output += Array(",\"hash\":\"\(hash)\"}\n".utf8)
      previous = (stored, hash)
    }
    return output
  }

  /// The input as a vault file.
  static func vault(_ input: [UInt8]) {
    let lineCount = Vault.lines(input).count
    for (commitment, found) in Vault.index(input) {
      require(found.entry.commitment == commitment, "an entry filed under another commitment")
      require(1...lineCount ~= found.line, "an entry at line \(found.line) of \(lineCount)")
      require(
        Vault.entry(Array(found.entry.line.dropLast())) == found.entry,
        "a vault entry does not read back from its own line")
      _ = found.entry.isIntact
    }
  }
}

/// What one reader made of the stream file.
struct FuzzScan {
  var records: [EventRecord] = []
  var warnings: [EventLogWarning] = []
  var error: EventLogError?
  /// Where the stream stood after its first whole batch, if one was read.
  var firstBatch: StreamPosition?
  var position = StreamPosition.start

  init(_ scanner: inout StreamScanner) {
    do {
      while let record = try scanner.next() {
        if firstBatch == nil { firstBatch = scanner.position }
        records.append(record)
      }
    } catch {
      self.error = error
    }
    warnings = scanner.warnings
    position = scanner.position
  }
}

/// A store of one stream in a temporary directory, whose file each input replaces.
struct FuzzStore: Sendable {
  static let name = "fuzz"
  let store: FileEventStore
  let file: FileDescriptor
  let path: String

  init() {
    let base = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
    var template = Array("\(base)/visits-fuzz-XXXXXX".utf8CString)
    let made = template.withUnsafeMutableBufferPointer { buffer in
      buffer.baseAddress.flatMap { mkdtemp($0) }.map { String(cString: $0) }
    }
    guard let directory = made else { fatalError("cannot make a temporary directory under \(base)") }
    store = FileEventStore(
      directory: directory, clock: { Timestamp(milliseconds: 0) }, makeID: { _, _ in "" })
    path = store.path(of: Self.name)
    do {
      if let vault = getenv("VISITS_FUZZ_VAULT").map({ String(cString: $0) }) {
        guard mkdir(directory + "/" + Vault.folder, 0o700) == 0 else {
          fatalError("cannot make the vault folder")
        }
        let vaultPath = store.vaultPath(of: Self.name)
        guard let f = try FileDescriptor.openFile(vaultPath, flags: O_RDWR | O_CREAT | O_EXCL) else {
          fatalError("cannot create \(vaultPath)")
        }
        try f.write(try VaultReader.read(vault), at: 0)
        f.close()
      }
      guard let f = try FileDescriptor.openFile(path, flags: O_RDWR | O_CREAT | O_EXCL) else {
        fatalError("cannot create \(path)")
      }
      file = f
    } catch {
      fatalError("cannot set up the store in \(directory): \(error)")
    }
    atexit { RecordFuzzer.store.remove() }
  }

  func remove() {
    file.close()
    unlink(path)
    unlink(store.vaultPath(of: Self.name))
    rmdir(store.directory + "/" + Vault.folder)
    rmdir(store.directory)
  }

  /// The input as a whole stream file.
  func stream(_ input: [UInt8]) {
    do {
      // Written over and then cut, never emptied first: on ext4, emptying a file makes its next
      // close flush it to disk, which would make the disk, not the code, set the pace.
      try file.write(input, at: 0)
      try file.truncate(to: input.count)
    } catch {
      fatalError("cannot write the stream: \(error)")
    }

    // As reads do: strict, up to the length captured under the lock.
    let read: (records: [EventRecord], warnings: [EventLogWarning])?
    var readError: EventLogError?
    do {
      read = try store.read(Self.name)
    } catch let error as EventLogError {
      read = nil
      readError = error
    } catch {
      fatalError("a read failed with \(error)")
    }

    // As verify does: every problem, not only the first.
    let report: StreamReport
    do {
      report = try store.verify(Self.name, replay: nil)
    } catch {
      fatalError("verify failed with \(error)")
    }
    let lineCount = input.split(separator: 0x0A, omittingEmptySubsequences: false).count
    require(
      report.problems.allSatisfy { 1...lineCount ~= $0.line },
      "a problem outside the stream's \(lineCount) lines: \(report.problems)")
    require(
      zip(report.problems, report.problems.dropFirst()).allSatisfy { $0.line <= $1.line },
      "problems out of order: \(report.problems)")

    // The same strict reading, with a buffer smaller than any line.
    var small = store.scanner(file, Self.name, strict: true, bufferSize: 8)
    let scan = FuzzScan(&small)
    require(scan.error == readError, "an 8-byte buffer reads \(String(describing: scan.error))")

    guard let read else {
      guard case .corrupt(let file, let line, let reason)? = readError else {
        fatalError("fuzz invariant violated: a read failed with \(String(describing: readError))")
      }
      require(
        report.problems.first == StreamProblem(file: file, line: line, reason: reason),
        "the read failed at \(line) (\(reason)) but verify reports \(report.problems)")
      // From a snapshot's position the ids before it are not at hand: only a duplicate id may differ.
      if !reason.hasPrefix("duplicate event id") { resumed(scan, expecting: readError) }
      return
    }
    require(report.problems.isEmpty, "a read succeeded but verify reports \(report.problems)")
    require(report.warnings == read.warnings, "verify warns \(report.warnings), the read \(read.warnings)")
    require(report.count == read.records.count, "verify counts \(report.count) of \(read.records.count)")
    require(
      report.headHash == (read.records.last?.hash ?? EventRecord.genesisHash), "verify names another head")
    require(scan.records == read.records, "an 8-byte buffer reads other records")
    require(scan.warnings == read.warnings, "an 8-byte buffer warns otherwise")
    sound(read.records, in: input, warned: !read.warnings.isEmpty, position: scan.position)
    resumed(scan, expecting: nil)
  }

  /// The records of a successful read: a whole, sound chain, written exactly as the file holds it.
  func sound(_ records: [EventRecord], in input: [UInt8], warned: Bool, position: StreamPosition) {
    var ids = Set<String>()
    var lines: [UInt8] = []
    for (index, record) in records.enumerated() {
      let before = index > 0 ? records[index - 1] : nil
      require(record.seq == index + 1, "seq \(record.seq) at index \(index)")
      require(record.prev == (before?.hash ?? EventRecord.genesisHash), "a broken chain at seq \(record.seq)")
      require(before.map { $0.recorded <= record.recorded } ?? true, "time runs back at seq \(record.seq)")
      require(ids.insert(record.id).inserted, "a duplicate id at seq \(record.seq)")
      require(
        Set(record.unsealed.keys).union(record.erased) == Set(record.sealed.keys),
        "sealed values not all filled in at seq \(record.seq)")
      var copy = record
      lines += copy.storedLine()
    }
    require(records.last?.continues != true, "an unfinished batch was delivered")
    require(input.starts(with: lines), "the records are not the bytes of the file")
    require(position.length == lines.count, "the position ends at \(position.length) of \(lines.count)")
    require(warned == (lines.count < input.count), "a torn tail of \(input.count - lines.count) bytes")
  }

  /// Reads on from the first batch, as a read from a snapshot does: the rest of the same records,
  /// or the same error.
  func resumed(_ scan: FuzzScan, expecting error: EventLogError?) {
    guard let start = scan.firstBatch else { return }
    var records: [EventRecord] = []
    let read: StreamRead?
    do {
      read = try store.forEach(in: Self.name, after: start) { records.append($0) }
    } catch let thrown as EventLogError {
      require(
        thrown == error,
        "resumed after seq \(start.seq): \(thrown), from the start: \(String(describing: error))")
      return
    } catch {
      fatalError("fuzz invariant violated: a resumed read failed with \(error)")
    }
    require(error == nil, "resumed after seq \(start.seq) without \(String(describing: error))")
    guard let read else {
      fatalError("fuzz invariant violated: the stream does not begin with its first batch")
    }
    require(records == Array(scan.records.drop { $0.seq <= start.seq }), "resumed, other records")
    require(read.position == scan.position, "resumed, the stream ends at \(read.position)")
    require(read.warnings == scan.warnings, "resumed, other warnings")
  }
}
