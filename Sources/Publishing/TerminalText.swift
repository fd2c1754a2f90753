/// Makes data safe to print on a terminal: control characters (C0, DEL, C1, including line breaks
/// and escapes) and bidirectional overrides become a space, so data cannot move the cursor,
/// recolour the screen or disguise itself.
public func terminalSafe(_ s: String) -> String {
  var out = String.UnicodeScalarView()
  for u in s.unicodeScalars {
    let v = u.value
    let unsafe =
      v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    out.append(unsafe ? " " : u)
  }
  return String(out)
}
