/// Makes data safe to print on a terminal: control characters (C0, DEL, C1, including line breaks
/// and escapes), the bidirectional controls (overrides, isolates and marks) and the line and
/// paragraph separators (U+2028, U+2029) become a space, so data cannot move the cursor, recolour
/// the screen, break a line or disguise itself.
public func terminalSafe(_ s: String) -> String {
  // Printable ASCII (most of what a listing prints) is safe as it is.
  if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return s }
  var out = String.UnicodeScalarView()
  for u in s.unicodeScalars {
    let v = u.value
    let unsafe =
      v < 0x20 || (0x7F...0x9F).contains(v) || u.properties.isBidiControl || v == 0x2028 || v == 0x2029
    out.append(unsafe ? " " : u)
  }
  return String(out)
}
