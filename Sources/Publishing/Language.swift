import Planning

/// The language of fixed labels and dates; visit content is shown as entered.
public enum Language: String, Sendable, CaseIterable {
  case en, de
}

/// Fixed labels and date formats in German and English: the texts of the typed keys (see
/// `Wording`) in one language, and dates written out.
public struct Labels: Sendable {
  public let language: Language

  public init(_ language: Language) { self.language = language }

  /// The text of `key` in this language.
  public subscript(_ key: Label) -> String { key.text(language) }
  public subscript(web key: WebLabel) -> String { key.text(language) }

  /// A title in this language: the German one where there is one and the output is German.
  public func title(_ title: String, german: String?) -> String {
    language == .de ? german ?? title : title
  }

  /// A title quoted the language's way: 'X' / „X“.
  public func quoted(_ s: String) -> String { language == .de ? "„\(s)“" : "'\(s)'" }

  /// A person's name, or the mark that it was erased.
  public func name(_ n: PersonName) -> String {
    switch n {
    case .named(let name): return name
    case .erased: return self[.erased]
    }
  }

  /// The name of the person these data are of, or the mark that they were erased.
  public func name(of p: PersonalData) -> String { name(p.displayName) }

  /// The export text of `key` (CSV headers and cells, iCalendar descriptions) in this language.
  public subscript(export key: ExportLabel) -> String { key.text(language) }

  private static let weekdays = (
    en: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    de: ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]
  )
  private static let months = (
    en: [
      "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
      "November", "December",
    ],
    de: [
      "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
      "November", "Dezember",
    ]
  )

  /// "Monday, 2 May 2022" / "Montag, 2. Mai 2022".
  public func longDate(_ d: LocalDate) -> String {
    let w = language == .de ? Self.weekdays.de[d.weekday] : Self.weekdays.en[d.weekday]
    return w + ", " + date(d)
  }

  /// "2 May 2022" / "2. Mai 2022".
  public func date(_ d: LocalDate) -> String {
    let m = language == .de ? Self.months.de[d.month - 1] : Self.months.en[d.month - 1]
    return language == .de ? "\(d.day). \(m) \(d.year)" : "\(d.day) \(m) \(d.year)"
  }

  /// "2–4 May 2022", "29 April – 2 May 2022", "2 May 2022".
  public func range(_ from: LocalDate, _ to: LocalDate) -> String {
    if from == to { return date(from) }
    if from.year == to.year && from.month == to.month {
      return language == .de ? "\(from.day).–\(date(to))" : "\(from.day)–\(date(to))"
    }
    if from.year == to.year {
      let m = language == .de ? Self.months.de[from.month - 1] : Self.months.en[from.month - 1]
      let head = language == .de ? "\(from.day). \(m)" : "\(from.day) \(m)"
      return head + " – " + date(to)
    }
    return date(from) + " – " + date(to)
  }
}
