/// The personal data of an attendee: the one type that holds it and the one place it is read and
/// written, so that moving it out of the log into a vault touches this file and its callers only.
public struct PersonalData: Sendable, Equatable, Codable {
  public var name: String
  public var function: String?
  public var organization: String?
  public var email: String?
  public var phone: String?
  /// Dietary needs, for catering.
  public var diet: String?
  /// Accessibility needs, for venues and transport.
  public var access: String?
  /// The languages the person speaks (ISO 639-1 codes, lower case), for interpretation.
  public var languages: [String]?
  /// True when the values were erased (Art. 17 GDPR): every other field is empty then. Absent (nil)
  /// otherwise, so that it never appears in what is written.
  public var erased: Bool?

  public init(
    name: String, function: String? = nil, organization: String? = nil, email: String? = nil,
    phone: String? = nil, diet: String? = nil, access: String? = nil, languages: [String]? = nil,
    erased: Bool? = nil
  ) {
    self.name = name
    self.function = function
    self.organization = organization
    self.email = email
    self.phone = phone
    self.diet = diet
    self.access = access
    self.languages = languages
    self.erased = erased
  }

  /// The values of a person whose data was erased: nothing but the mark.
  public static let erasedValues = PersonalData(name: "", erased: true)

  /// Whether the values were erased.
  public var isErased: Bool { erased == true }

  /// The name as outputs show it: the name, or that it was erased.
  public var displayName: PersonName { isErased ? .erased : .named(name) }

  /// Each field by its name, as recorded (nil where none was given): for copies of the data.
  public var fields: [(field: String, value: String?)] {
    valuesByField.map { ($0.0.rawValue, $0.1) } + [
      ("languages", languages.map { $0.joined(separator: ", ") })
    ]
  }

  /// The languages spoken, none when not known.
  public var spoken: [String] { languages ?? [] }

  /// Each field with its name, for validation messages.
  var valuesByField: [(Field, String?)] {
    [
      (.name, name), (.function, function), (.organization, organization), (.email, email),
      (.phone, phone), (.diet, diet), (.access, access),
    ]
  }
}

/// A person's name as outputs show it: the name as entered, or the mark that it was erased, which
/// each output words in its language ("[erased]", "[gelöscht]").
public enum PersonName: Sendable, Hashable, Codable {
  case named(String)
  case erased
}

extension PersonName: ExpressibleByStringLiteral {
  /// A name written out: `"Kofi Mensah"` is `.named("Kofi Mensah")`.
  public init(stringLiteral value: String) { self = .named(value) }
}
