import Foundation
import Testing

/// `--title-de`: the German agenda uses the German title, the English one the title.
@Suite("Bilingual titles")
struct BilingualTitleTests {
  @Test("the German agenda uses --title-de and falls back to the title; the English one never does")
  func agenda() throws {
    let store = CLIStore()
    for args in [
      [
        "schedule", "k", "--title", "Delegation from Kumasi", "--title-de", "Delegation aus Kumasi",
        "--partner",
        "Kumasi", "--from", "2026-03-02", "--to", "2026-03-04",
      ],
      [
        "add-appointment", "k", "rec", "--title", "Reception by the Lord Mayor", "--title-de",
        "Empfang beim Oberbürgermeister", "--start", "2026-03-02T10:00", "--end", "2026-03-02T11:00",
      ],
      [
        "add-appointment", "k", "walk", "--title", "City walk", "--start", "2026-03-02T14:00", "--end",
        "2026-03-02T15:00",
      ],
    ] {
      let r = try store.run(args)
      #expect(r.code == 0, "\(args): \(r.err)")
    }
    for format in ["text", "md", "html"] {
      let de = try store.run(["agenda", "k", "--lang", "de", "--format", format]).out
      #expect(
        de.contains("Delegation aus Kumasi") && de.contains("Empfang beim Oberbürgermeister"), "\(format)")
      #expect(de.contains("City walk"), "no German title: the title")
      #expect(!de.contains("Reception by the Lord Mayor"), "\(format)")
      let en = try store.run(["agenda", "k", "--lang", "en", "--format", format]).out
      #expect(
        en.contains("Delegation from Kumasi") && en.contains("Reception by the Lord Mayor"), "\(format)")
      #expect(!en.contains("Empfang beim"), "\(format)")
    }
    // The audit records the German title with the rest.
    #expect(
      try store.run(["history", "k", "rec"]).out.contains("titleDe: – → Empfang beim Oberbürgermeister"))
  }
}
