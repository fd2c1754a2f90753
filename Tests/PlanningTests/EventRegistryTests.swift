import EventLog
import Foundation
import Testing

@testable import Planning

/// The event registry is the one declaration of each event type: these tests hold the log, the code
/// and `docs/events.md` to it.
@Suite("Event registry")
struct EventRegistryTests {
  static let docsPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../docs/events.md").standardized.path

  /// The `### Type` sections of `docs/events.md`, each with its example line (and, for a record
  /// with sealed values, the vault entry on the line after it).
  static func documented() throws -> [(name: String, example: String?, vault: String?)] {
    let text = try String(contentsOfFile: docsPath, encoding: .utf8)
    guard let start = text.range(of: "## The catalog"), let end = text.range(of: "## Domain rules") else {
      Issue.record("docs/events.md has no '## The catalog' … '## Domain rules' part")
      return []
    }
    var sections: [(name: String, example: String?, vault: String?)] = []
    for chunk in text[start.upperBound..<end.lowerBound].components(separatedBy: "\n### ").dropFirst() {
      let name = String(chunk.prefix { $0 != "\n" }).trimmingCharacters(in: .whitespaces)
      let block = chunk.components(separatedBy: "```\n").dropFirst().first?.split(separator: "\n")
      let example = block?.first.map(String.init)
      let vault = block?.dropFirst().first.map(String.init).flatMap {
        $0.hasPrefix("{\"commitment\"") ? $0 : nil
      }
      sections.append((name, example, vault))
    }
    return sections
  }

  /// The rows of the catalog table: type and version.
  static func catalogRows() throws -> [(name: String, version: Int)] {
    let text = try String(contentsOfFile: docsPath, encoding: .utf8)
    return text.split(separator: "\n").compactMap { line in
      guard line.hasPrefix("| [`") else { return nil }
      let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
      guard cells.count >= 2, let open = cells[0].range(of: "[`"), let close = cells[0].range(of: "`]"),
        let version = Int(cells[1])
      else { return nil }
      return (String(cells[0][open.upperBound..<close.lowerBound]), version)
    }
  }

  @Test("type names are unique and every type is at its declared schema version")
  func uniqueNames() {
    let names = EventRegistry.types.map { $0.eventType }
    #expect(Set(names).count == names.count)
    #expect(EventRegistry.byName.count == names.count)
    for t in EventRegistry.types { #expect(t.schemaVersion >= 1, "\(t.eventType)") }
  }

  @Test("docs/events.md documents exactly the registered types, with their versions")
  func docsListExactlyTheRegisteredTypes() throws {
    let registered = EventRegistry.types.map { $0.eventType }
    let sections = try Self.documented().map(\.name)
    #expect(Set(sections) == Set(registered), "sections of docs/events.md vs EventRegistry.types")
    #expect(sections.count == registered.count, "a type is documented twice")
    let rows = try Self.catalogRows()
    #expect(Set(rows.map(\.name)) == Set(registered), "the catalog table of docs/events.md")
    for row in rows {
      #expect(EventRegistry.byName[row.name]?.schemaVersion == row.version, "version of \(row.name)")
    }
  }

  @Test("every registered type's documented example decodes and encodes back to the same payload")
  func roundTrip() throws {
    let documented = try Self.documented()
    let examples = Dictionary(documented.map { ($0.name, $0.example) }, uniquingKeysWith: { a, _ in a })
    let vaults = Dictionary(documented.map { ($0.name, $0.vault) }, uniquingKeysWith: { a, _ in a })
    for type in EventRegistry.types {
      let name = type.eventType
      guard let line = examples[name] ?? nil else {
        Issue.record("docs/events.md has no example line for \(name)")
        continue
      }
      guard case .object(let o) = try JSONParser.parse(Array(line.utf8)), case .object(let data)? = o["data"],
        case .string(let typeName)? = o["type"], case .int(let version)? = o["version"]
      else {
        Issue.record("the example of \(name) is not a record")
        continue
      }
      #expect(typeName == name)
      var record = EventRecord(
        seq: 1, id: "x", type: typeName, version: Int(version), recorded: Timestamp(milliseconds: 0),
        actor: "a", data: data, prev: EventRecord.genesisHash)
      // Personal members are not in the line but in the vault entry shown after it.
      if case .object(let sealed)? = o["sealed"] {
        guard let entry = vaults[name] ?? nil, case .object(let v) = try JSONParser.parse(Array(entry.utf8)),
          case .string(let member)? = v["name"], let value = v["value"]
        else {
          Issue.record("the example of \(name) has sealed members but no vault entry after it")
          continue
        }
        #expect(Set(sealed.keys) == [member] && Set(type.personalFields) == [member])
        record.unsealed[member] = value
      } else {
        #expect(
          type.personalFields.isEmpty, "\(name) has personal members: its example must show them sealed")
      }
      let event = try EventCodec.decode(record, file: "docs/events.md")
      #expect(event.typeName == name)
      let written = try EventCodec.newEvent(event, actor: "a", reason: nil)
      #expect((written.type, written.version) == (name, type.schemaVersion))
      #expect(written.data == data, "\(name) round trip: the line's payload")
      #expect(written.sealed.mapValues(\.value) == record.unsealed, "\(name) round trip: the sealed values")
    }
  }

  static func record(type: String, version: Int, data: [String: JSONValue] = [:]) -> EventRecord {
    EventRecord(
      seq: 7, id: "x", type: type, version: version, recorded: Timestamp(milliseconds: 0), actor: "a",
      data: data, prev: EventRecord.genesisHash)
  }

  @Test(
    "an unknown type, a newer schema version or a payload that does not fit is an error naming file:line, type and version",
    arguments: [
      (
        record(type: "VisitExploded", version: 1), "v.jsonl:7: unknown event type 'VisitExploded' (version 1)"
      ),
      (record(type: "Evil\u{1B}]0;x", version: 1), "v.jsonl:7: unknown event type 'Evil?]0;x' (version 1)"),
      (
        record(type: "NoteAdded", version: 2, data: ["text": .string("x")]),
        "v.jsonl:7: NoteAdded version 2 is newer than this program reads (1)"
      ),
      (
        record(type: "NoteAdded", version: 1, data: [:]),
        "v.jsonl:7: NoteAdded version 1: missing field 'text'"
      ),
      (
        record(type: "TaskDueSet", version: 1, data: ["task": .string("t"), "due": .string("2022-02-30")]),
        "v.jsonl:7: TaskDueSet version 1: field 'due': invalid value: not a date: 2022-02-30"
      ),
    ])
  func unreadable(record: EventRecord, message: String) {
    #expect(throws: PlanningError.unreadableEvent(at: "v.jsonl:7", reason: String(message.dropFirst(11)))) {
      try EventCodec.decode(record, file: "v.jsonl")
    }
  }

  /// `NoteAdded` as a later schema might have it: version 2 calls the text `body`.
  struct NoteAddedV2: EventPayload {
    static let eventType = "NoteAdded"
    static let schemaVersion = 2
    var body: String
    var event: Event { .noteAdded(NoteAdded(text: body)) }
    func apply(to visit: inout Visit, meta: EventMeta) { NoteAdded(text: body).apply(to: &visit, meta: meta) }
    func audit(_ context: AuditContext) -> AuditFacts { NoteAdded(text: body).audit(context) }

    static func upcast(_ data: [String: JSONValue], from version: Int) throws(UpcastFailure) -> [String:
      JSONValue]
    {
      guard version == 1 else { throw UpcastFailure("no upcaster from version \(version)") }
      var d = data
      d["body"] = d.removeValue(forKey: "text")
      return d
    }
  }

  @Test("an older schema version is upcast in the payload's declaration, then decoded")
  func upcasting() throws {
    let registry: [String: any EventPayload.Type] = ["NoteAdded": NoteAddedV2.self]
    let old = Self.record(type: "NoteAdded", version: 1, data: ["text": .string("Gift: plate")])
    #expect(
      try EventCodec.decode(old, file: "v.jsonl", registry: registry)
        == .noteAdded(NoteAdded(text: "Gift: plate")))
    let current = Self.record(type: "NoteAdded", version: 2, data: ["body": .string("b")])
    #expect(
      try EventCodec.decode(current, file: "v.jsonl", registry: registry) == .noteAdded(NoteAdded(text: "b")))
    // A type without an upcaster says so rather than guessing.
    #expect(
      throws: PlanningError.unreadableEvent(
        at: "v.jsonl:7", reason: "NoteAdded version 0: no upcaster from version 0")
    ) {
      try EventCodec.decode(Self.record(type: "NoteAdded", version: 0), file: "v.jsonl", registry: registry)
    }
  }
}
