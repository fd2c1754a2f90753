/// A fixed text of the output with its English and German wording given together, in one
/// exhaustive `switch` per type: a key without either text, or a misspelt key, does not compile.
///
/// The keys are `Label` (views of a visit, tasks and lists), `AgendaLabel` (the printable agenda),
/// `ExportLabel` (CSV and iCalendar), `AuditLabel` (the words of `diff` and the audit trail) and
/// `Phrase` (whole sentences with values, such as the audit summaries and plan warnings).
public protocol Wording: Sendable {
  /// The English and the German text.
  var wording: (en: String, de: String) { get }
}

extension Wording {
  /// The text in `language`.
  public func text(_ language: Language) -> String {
    switch language {
    case .en: return wording.en
    case .de: return wording.de
    }
  }
}
