/// RFC 4180 CSV, made safe to open in a spreadsheet.
///
/// Fields are separated by `,` and records end in CRLF. A field is put in double quotes when it holds
/// `"`, `,`, CR or LF, with inner quotes doubled. The text is UTF-8 without a byte-order mark.
///
/// Formula safety: a cell whose first character is `=`, `+`, `-`, `@`, TAB or CR gets a leading `'`
/// (before quoting), so Excel, LibreOffice and Google Sheets show it as text and never evaluate it.
/// The apostrophe is visible in the data; a program reading the file gets it back too.
public enum CSV {
  /// The first characters that make a spreadsheet read a cell as a formula.
  public static let formulaTriggers: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\u{09}", "\u{0D}"]

  /// The rows as one CSV text, every record (the last too) ended by CRLF.
  public static func encode(_ rows: [[String]]) -> String {
    var out = ""
    for row in rows {
      out += row.map(field).joined(separator: ",")
      out += "\r\n"
    }
    return out
  }

  /// One cell: prefixed with `'` if it could be read as a formula, then quoted if it must be.
  public static func field(_ value: String) -> String {
    var cell = value
    // Scalars, not Characters: "\r\n" is one Character in Swift and must still count as CR first.
    if let first = cell.unicodeScalars.first, formulaTriggers.contains(first) { cell = "'" + cell }
    let mustQuote = cell.utf8.contains { $0 == 0x22 || $0 == 0x2C || $0 == 0x0D || $0 == 0x0A }
    guard mustQuote else { return cell }
    return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
