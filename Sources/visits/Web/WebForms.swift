import EventLog
import Foundation
import Planning
import Publishing

/// How a command's arguments appear as form fields: the same names as its options without dashes,
/// and its positional ids under the names the contract gives them.
enum WebForms {
  /// The form field that holds a positional argument of a usage line (`APPT` → `appointment`).
  static func field(ofPositional name: String) -> String? {
    switch name.trimmingCharacters(in: CharacterSet(charactersIn: ".")) {
    case "APPT": return "appointment"
    case "SITE": return "site"
    case "PERSON": return "person"
    case "TASK": return "task"
    case "MOU": return "mou"
    case "TRAVEL": return "travel"
    case "GIFT": return "gift"
    default: return nil
    }
  }

  /// The positional arguments of a command after VISIT, as in its usage line.
  static func positionals(_ spec: CommandSpec) -> [(field: String, repeated: Bool)] {
    // `VISIT APPT [PERSON...] [--side SIDE]...`: the names before the first option, brackets off.
    let names = spec.usage.split(separator: " ").map {
      $0.trimmingCharacters(in: CharacterSet(charactersIn: "[]()"))
    }
    return names.prefix { !$0.hasPrefix("-") }.dropFirst().compactMap { token in
      field(ofPositional: token).map { ($0, token.hasSuffix("...")) }
    }
  }

  /// The options a form offers (`--expect-version` is a hidden field of every form).
  static func options(_ spec: CommandSpec) -> [OptionSpec] {
    spec.options.filter { $0.name != "--expect-version" }
  }

  /// The invocation a form stands for: VISIT, the positional fields, then the options.
  static func invocation(_ spec: CommandSpec, visit: String, form: Form) throws(CLIError) -> Invocation {
    var inv = Invocation(command: spec.name, positionals: [visit])
    for p in positionals(spec) {
      let values = form.all(p.field).filter { !$0.isEmpty }
      inv.positionals += p.repeated ? values : Array(values.prefix(1))
    }
    for option in options(spec) {
      let name = String(option.name.dropFirst(2))
      if option.takesValue {
        let values = form.all(name).filter { !$0.isEmpty }
        if !values.isEmpty {
          inv.values[option.name] = option.repeatable ? values : [values[values.count - 1]]
        }
      } else if let value = form.value(name), !value.isEmpty {
        // A checkbox sends `on`; any other value is refused rather than read as unchecked
        // (`internal=yes` must not make a staff note public), as the command line refuses
        // `--internal=yes`.
        guard value == "on" else {
          throw .usage("invalid \(name) '\(printable(value))': on, or leave it out")
        }
        inv.values[option.name] = [""]
      }
    }
    return inv
  }

  /// The form of a command, with `values` filled in (a refused form comes back with what was sent).
  static func form(
    _ spec: CommandSpec, visit: String, values: Form, hidden: [(String, String)], message: String? = nil,
    messageField: String? = nil
  ) -> WebForm? {
    guard let command = WebCommand(rawValue: spec.name) else { return nil }
    var fields: [WebForm.Field] = []
    for p in positionals(spec) where !hidden.contains(where: { $0.0 == p.field }) {
      fields.append(
        WebForm.Field(
          name: p.field, kind: .text, values: values.all(p.field), repeatable: p.repeated, required: true))
    }
    for option in options(spec) {
      let name = String(option.name.dropFirst(2))
      guard !hidden.contains(where: { $0.0 == name }) else { continue }
      fields.append(
        WebForm.Field(
          name: name, kind: kind(option, of: spec.name), values: values.all(name).filter { !$0.isEmpty },
          repeatable: option.repeatable))
    }
    let action = spec.name == "schedule" ? "/-/schedule" : "/\(visit)/\(spec.name)"
    return WebForm(
      action: action, command: command, fields: fields, hidden: hidden, message: message,
      messageField: messageField)
  }

  /// What kind of input an option wants.
  static func kind(_ option: OptionSpec, of command: String) -> WebForm.Kind {
    // shift --from names an appointment, a travel leg's and a gift's --from and --to a place or a person.
    if ["APPT", "PLACE", "WHO"].contains(option.valueName) { return .text }
    switch option.name {
    case "--from", "--to", "--due", "--date": return .date
    case "--start", "--end", "--at": return .dateTime
    case "--text", "--note", "--internal-note": return .multiline
    case "--kind": return .choice(AppointmentKind.allCases.map(\.rawValue))
    case "--side": return .choice(Side.allCases.map(\.rawValue))
    case "--mode": return .choice(TravelMode.allCases.map(\.rawValue))
    case "--direction":
      switch command {
      case "add-travel": return .choice(TravelDirection.allCases.map(\.rawValue))
      case "record-gift": return .choice(GiftDirection.allCases.map(\.rawValue))
      default: return .choice(Direction.allCases.map(\.rawValue))
      }
    default: return option.takesValue ? .text : .flag
    }
  }

  /// The form field a domain field is shown beside.
  static func name(_ field: Field) -> String {
    let cli = CLIFields.name(field)
    return cli.hasPrefix("--") ? String(cli.dropFirst(2)) : (field == .visit ? "visit" : field.rawValue)
  }
}
