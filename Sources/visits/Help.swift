/// The help texts, printed on standard output with exit 0.
enum Help {
  static func overview(_ commands: [String: CommandSpec]) -> String {
    var out = """
      visits — plan delegation visits on an append-only event log

      usage: visits [GLOBAL OPTIONS] COMMAND [ARGUMENTS] [OPTIONS]

      commands:

      """
    for c in commands.values.sorted(by: { $0.name < $1.name }) {
      out += "  " + c.name.padding(20) + c.summary + "\n"
    }
    out += "\nglobal options (before or after the command):\n"
    for o in globalOptions { out += "  " + optionLabel(o).padding(24) + o.help + "\n" }
    out +=
      "\nexit codes: 0 done, 64 usage, 65 data or rule, 66 no such store/visit/entity, 73 cannot write,\n"
    out += "75 retry (version conflict or lock), 70 internal error. See docs/cli.md.\n"
    return out
  }

  static func command(_ c: CommandSpec) -> String {
    var out = "usage: visits \(c.name) \(c.usage)\n\n\(c.summary)\n"
    if !c.options.isEmpty {
      out += "\noptions:\n"
      for o in c.options { out += "  " + optionLabel(o).padding(24) + o.help + "\n" }
    }
    if c.formats.count > 1 { out += "\nformats (--format): \(c.formats.joined(separator: ", "))\n" }
    if c.writes {
      out += "\nwrites: needs --actor (or $VISITS_ACTOR, $USER); takes --reason and --expect-version N\n"
    }
    out += "\nglobal options: see visits --help\n"
    return out
  }

  private static func optionLabel(_ o: OptionSpec) -> String {
    (o.short.map { $0 + ", " } ?? "") + o.name + (o.valueName.map { " " + $0 } ?? "")
  }
}

extension String {
  func padding(_ width: Int) -> String {
    count >= width ? self + " " : self + String(repeating: " ", count: width - count)
  }
}
