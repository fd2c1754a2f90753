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

  public init(
    name: String, function: String? = nil, organization: String? = nil, email: String? = nil,
    phone: String? = nil, diet: String? = nil, access: String? = nil
  ) {
    self.name = name
    self.function = function
    self.organization = organization
    self.email = email
    self.phone = phone
    self.diet = diet
    self.access = access
  }

  /// Each field with its name, for validation messages.
  var fields: [(Field, String?)] {
    [
      (.name, name), (.function, function), (.organization, organization), (.email, email),
      (.phone, phone), (.diet, diet), (.access, access),
    ]
  }
}
