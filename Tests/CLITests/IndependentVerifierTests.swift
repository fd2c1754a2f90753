import Foundation
import TestSupport
import Testing

/// docs/log-format.md claims to be precise enough for a verifier in another language. This is one,
/// in Python, written from that page alone; it must agree with `visits verify`.
@Suite("An independent verifier in Python")
struct IndependentVerifierTests {
  static let verifier = """
    import hashlib, json, sys
    def canonical(v):
        return json.dumps(v, ensure_ascii=False, sort_keys=True, separators=(',', ':')).encode('utf-8')
    problems, heads = [], {}
    for path in sys.argv[1:]:
        prev, ids = '0' * 64, set()
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
            if r['seq'] != n or r['prev'] != prev or r['id'] in ids or r['format'] != 1:
                problems.append(f'{path}:{n}: chain')
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
}
