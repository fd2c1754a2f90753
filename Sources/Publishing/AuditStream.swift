import EventLog
import Planning

/// The audit trail as a stream of text in one format: what comes before the first entry, each
/// entry, and what closes the output. Used by every adapter that streams `Planner.audit`.
public struct AuditStream: Sendable {
  /// The formats the audit trail is offered in.
  public enum Format: String, Sendable, CaseIterable {
    case text, json, csv
  }

  public let format: Format
  private let words: AuditText

  public init(_ format: Format, _ language: Language) {
    self.format = format
    words = AuditText(language)
  }

  /// What comes before the first entry (`[` for JSON, the header row for CSV).
  public var opening: String {
    switch format {
    case .json: return "["
    case .csv: return CSV.encode([words.csvHeader])
    case .text: return ""
    }
  }

  /// One entry; `index` counts from 0 (JSON separates entries by commas).
  public func entry(_ e: AuditEntry, index: Int) -> String {
    switch format {
    case .json:
      return (index == 0 ? "\n" : ",\n")
        + String(decoding: CanonicalJSON.encode(words.json(e)), as: UTF8.self)
    case .csv: return CSV.encode([words.row(e)])
    case .text: return words.entry(e)
    }
  }

  /// What closes the output.
  public var closing: String { format == .json ? "\n]\n" : "" }
}
