import Planning

/// How the command line names the domain's fields: a flag, or the name of a positional argument.
enum CLIFields {
  /// The flag or argument for a field, as messages show it.
  static func name(_ field: Field) -> String {
    switch field {
    case .visit: return "VISIT"
    case .appointment: return "APPT"
    case .person: return "PERSON"
    case .task: return "TASK"
    case .mou: return "MOU"
    case .travel: return "TRAVEL"
    case .gift: return "GIFT"
    case .site: return "--site"
    case .travelBuffer: return "--travel-buffer"
    case .titleDe: return "--title-de"
    case .expectedVersion: return "--expect-version"
    case .asOf: return "--as-of"
    case .changesSince: return "--changes-since"
    case .forPerson: return "--for"
    case .audience: return "--audience"
    case .internalNote: return "--internal-note"
    case .noSite: return "--no-site"
    case .title, .partner, .from, .to, .timezone, .direction, .program, .topic, .organizer, .name,
      .organization, .address, .note, .start, .end, .kind, .host, .side, .function, .email, .phone, .diet,
      .access, .rank, .language, .at, .mode, .number, .pickup, .description, .value, .disposition, .year,
      .signatory, .date, .place, .commitment, .owner, .due, .text, .actor, .reason,
      .since, .until,
      .anchor, .by:
      return "--" + field.rawValue
    }
  }

  /// The field a POINT option fills.
  static func field(of option: String) -> Field {
    switch option {
    case "--since": return .since
    case "--until": return .until
    case "--from": return .from
    case "--to": return .to
    case "--changes-since": return .changesSince
    default: return .asOf
    }
  }
}
