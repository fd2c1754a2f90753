import Foundation
import TestSupport
import Testing

/// docs/log-format.md claims to be precise enough for a verifier in another language. This is one,
/// in Python, written from that page alone; it must agree with `visits verify`.
@Suite("An independent verifier in Python")
struct IndependentVerifierTests {
  static let verifier = """
    import hashlib, json, os, sys
    def canonical(v):
        return json.dumps(v, ensure_ascii=False, sort_keys=True, separators=(',', ':')).encode('utf-8')
    def vault(path):
        entries = {}
        vpath = os.path.join(os.path.dirname(path), '.vault', os.path.basename(path))
        if os.path.exists(vpath):
            with open(vpath, 'rb') as f:
                for line in f.read().split(b'\\n')[:-1]:
                    try:
                        e = json.loads(line)
                        entries[e['commitment']] = e
                    except Exception:
                        pass
        return entries
    problems, heads = [], {}
    for path in sys.argv[1:]:
        prev, ids, entries = '0' * 64, set(), vault(path)
        with open(path, 'rb') as f:
            data = f.read()
        lines = data.split(b'\\n')
        if lines[-1] != b'':
            problems.append(f'{path}:{len(lines)}: no final newline')
        for n, line in enumerate(lines[:-1], start=1):
            try:
                r = json.loads(line)
                h = r.pop('hash')
            except Exception:
                problems.append(f'{path}:{n}: not a record')
                prev = None
                continue
            c = canonical(r)
            if line != c[:-1] + b',"hash":"' + h.encode() + b'"}':
                problems.append(f'{path}:{n}: not canonical')
            if hashlib.sha256(c).hexdigest() != h:
                problems.append(f'{path}:{n}: hash')
            if r['seq'] != n or r['prev'] != prev or r['id'] in ids or r['format'] not in (1, 2):
                problems.append(f'{path}:{n}: chain')
            for name, commitment in r.get('sealed', {}).items():
                e = entries.get(commitment)
                if e is None or e['name'] != name:
                    problems.append(f'{path}:{n}: vault')
                elif e.get('erased') is True:
                    pass  # a tombstone: the value was erased, the commitment stays
                elif hashlib.sha256(canonical({'salt': e['salt'], 'value': e['value']})).hexdigest() != commitment:
                    problems.append(f'{path}:{n}: vault')
            prev = h
            ids.add(r['id'])
        heads[path] = prev
    print(json.dumps({'problems': problems, 'heads': heads}))
    """

  @Test("agrees with visits verify on the sample store, and finds a changed byte")
  func agrees() throws {
    let events = repositoryRoot.appendingPathComponent("events").path
    let files = try FileManager.default.contentsOfDirectory(atPath: events).filter { $0.hasSuffix(".jsonl") }
      .sorted()
      .map { events + "/" + $0 }
    let r = try Tools.python(Self.verifier, files)
    #expect(r.code == 0, "\(r.err)")
    let result = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
    #expect((result["problems"] as? [String]) == [])
    let heads = try #require(result["heads"] as? [String: String])
    let verify = try runVisits(["--store", events, "verify"], environment: ["PATH": "/usr/bin:/bin"])
    for line in verify.out.split(separator: "\n") {
      let name = String(line.prefix { $0 != ":" })
      #expect(line.hasSuffix("head " + (heads[events + "/" + name + ".jsonl"] ?? "?")), "\(line)")
    }
    // A changed byte in the middle: both verifiers name the same line.
    var damaged = [UInt8](try Data(contentsOf: URL(fileURLWithPath: files[1])))
    let third = damaged.indices.filter { damaged[$0] == 0x0A }[1] + 20
    damaged[third] = damaged[third] == 0x61 ? 0x62 : 0x61
    let copy = try Tools.temporaryFile(String(decoding: damaged, as: UTF8.self), suffix: ".jsonl")
    defer { try? FileManager.default.removeItem(atPath: copy) }
    let python = try Tools.python(Self.verifier, [copy])
    #expect(python.out.contains(":3: "), "\(python.out) \(python.err)")
  }

  @Test("checks every sealed value against its commitment, as visits verify does")
  func vault() throws {
    let store = CLIStore()
    let events = repositoryRoot.appendingPathComponent("events").path
    for name in ["pittsburgh-2022.jsonl", ".vault"] {
      try FileManager.default.copyItem(atPath: events + "/" + name, toPath: store.directory + "/" + name)
    }
    let stream = store.directory + "/pittsburgh-2022.jsonl"
    let clean = try Tools.python(Self.verifier, [stream])
    #expect(clean.out.contains(#""problems": []"#), "\(clean.out) \(clean.err)")
    // Every attendee's values are in the vault, none in the stream.
    let lines = try String(contentsOfFile: stream, encoding: .utf8).split(separator: "\n")
    let registered = lines.enumerated().filter { $0.element.contains(#""type":"AttendeeRegistered""#) }
    #expect(!registered.isEmpty)
    #expect(registered.allSatisfy { $0.element.contains(#""sealed":{"personal":""#) })
    // A name changed in the vault: both verifiers name the line that commits to it.
    let vaultFile = store.directory + "/.vault/pittsburgh-2022.jsonl"
    let vault = try String(contentsOfFile: vaultFile, encoding: .utf8)
    let target = try #require(
      vault.split(separator: "\n").first { $0.contains(#""subject":"pgh-delegate-2""#) })
    try vault.replacingOccurrences(
      of: target, with: target.replacingOccurrences(of: "member 2", with: "member 9")
    )
    .write(toFile: vaultFile, atomically: false, encoding: .utf8)
    let line = try #require(
      registered.first { $0.element.contains(#""person":"pgh-delegate-2""#) }.map { $0.offset + 1 })
    let python = try Tools.python(Self.verifier, [stream])
    #expect(python.out.contains("pittsburgh-2022.jsonl:\(line): vault"), "\(python.out) \(python.err)")
    let verify = try store.run(["verify"])
    #expect(verify.code == 65)
    #expect(
      verify.err.contains("pittsburgh-2022.jsonl:\(line): vault entry 'personal' of pgh-delegate-2"),
      "\(verify.err)")
  }
}
