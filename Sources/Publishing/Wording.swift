/// A fixed text of the output with its English and German wording given together, in one
/// exhaustive `switch` per type: a key without either text, or a misspelt key, does not compile.
///
/// The keys are `Label` (views of a visit, tasks and lists), `AgendaLabel` (the printable agenda)
/// and `ExportLabel` (CSV and iCalendar).
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
