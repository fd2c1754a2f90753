import Foundation
import TestSupport
import Planning
import Testing

@testable import Publishing

/// The HTML agenda printed by a real browser: headless Chromium to PDF, read back with poppler.
@Suite(
  "Agenda: printed with headless Chromium",
  .serialized,
  .enabled(
    if: PrintTools.has("chromium") && PrintTools.has("pdftotext") && PrintTools.has("pdfinfo"),
    "skipped: chromium or poppler-utils missing (apt-get install chromium poppler-utils)")
)
struct AgendaPrintTests {
  struct Printed {
    var pages: Int
    var width: Double
    var height: Double
    /// `pdftotext -layout`, one string per page.
    var text: [String]
  }

  /// Writes the HTML, prints it to PDF and reads back the page size and the text of each page.
  func printPDF(_ html: String, name: String) throws -> Printed {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "agenda-print-" + UUID().uuidString)
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let htmlURL = dir.appendingPathComponent(name + ".html")
    let pdfURL = dir.appendingPathComponent(name + ".pdf")
    try html.write(to: htmlURL, atomically: true, encoding: .utf8)

    let run = try PrintTools.printToPDF(
      html: htmlURL, pdf: pdfURL, profile: dir.appendingPathComponent("profile"))
    try #require(run.code == 0, "chromium failed (\(run.code)): \(run.err.suffix(2000))")
    try #require(
      FileManager.default.fileExists(atPath: pdfURL.path), "chromium wrote no PDF: \(run.err.suffix(2000))")

    let pdfinfo = try PrintTools.run(try #require(PrintTools.path("pdfinfo")), [pdfURL.path])
    try #require(pdfinfo.code == 0, "pdfinfo failed: \(pdfinfo.err)")
    var pages = 0
    var size: (Double, Double) = (0, 0)
    for line in pdfinfo.out.split(separator: "\n") {
      if line.hasPrefix("Pages:") { pages = Int(line.dropFirst(6).trimmingCharacters(in: .whitespaces)) ?? 0 }
      if line.hasPrefix("Page size:") {
        // "Page size:       594.96 x 841.92 pts (A4)"
        let parts = line.dropFirst(10).split(separator: " ").map(String.init)
        if parts.count >= 3, let w = Double(parts[0]), let h = Double(parts[2]) { size = (w, h) }
      }
    }
    let pdftotext = try PrintTools.run(
      try #require(PrintTools.path("pdftotext")), ["-layout", "-enc", "UTF-8", pdfURL.path, "-"])
    try #require(pdftotext.code == 0, "pdftotext failed: \(pdftotext.err)")
    var text = pdftotext.out.components(separatedBy: "\u{0C}")
    if text.last?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true { text.removeLast() }
    return Printed(pages: pages, width: size.0, height: size.1, text: text)
  }

  /// Day headings and, under each, the site of each appointment, in the order the agenda has them.
  func expectedSequence(_ a: Agenda, _ l: Labels) -> [String] {
    a.days.flatMap { day in [l.longDate(day.date)] + day.entries.compactMap { $0.site?.name } }
  }

  @Test("English agenda: A4, every day heading and site in order, page numbers and anchor in the margins")
  func englishAgenda() throws {
    let a = AgendaFixture.agenda()
    let l = Labels(.en)
    let p = try printPDF(AgendaRenderer.html(a, l), name: "agenda-en")
    #expect(abs(p.width - 595) <= 1 && abs(p.height - 842) <= 1, "not A4: \(p.width) x \(p.height)")
    #expect(p.pages >= 1 && p.text.count == p.pages)
    let all = p.text.joined(separator: "\n")
    let expected = expectedSequence(a, l)
    #expect(expected.count == 3 + 7)
    let found = AgendaFixture.positions(of: expected, in: all)
    #expect(found != nil, "not all of \(expected) in order in:\n\(all)")
    #expect(!all.contains("Guided city walk"))
    #expect(all.contains("09:00–10:00") && all.contains("(America/New_York)"))
    // The margin boxes: "N / PAGES" and the anchor at the foot of every page; the running head from page 2.
    for (i, page) in p.text.enumerated() {
      let numbers = page.replacingOccurrences(of: " ", with: "")
      #expect(numbers.contains("\(i + 1)/\(p.pages)"), "page \(i + 1) has no page number:\n\(page)")
      #expect(page.contains("as of event \(a.head.seq) · head 3f2a9c1b7d4e"), "page \(i + 1) has no anchor")
      if i > 0 { #expect(page.contains(a.title), "page \(i + 1) has no running head") }
    }
  }

  @Test("German agenda with changes: A4, headings and sites in order, marks printed, cancelled kept")
  func germanChanges() throws {
    let a = AgendaFixture.agenda(since: ("v:1", AgendaFixture.atFirstVersion))
    let l = Labels(.de)
    let p = try printPDF(AgendaRenderer.html(a, l), name: "agenda-de")
    #expect(abs(p.width - 595) <= 1 && abs(p.height - 842) <= 1, "not A4: \(p.width) x \(p.height)")
    let all = p.text.joined(separator: "\n")
    let found = AgendaFixture.positions(of: expectedSequence(a, l), in: all)
    #expect(found != nil, "headings and sites out of order in:\n\(all)")
    let moved = ["Montag, 2. Mai 2022", "VERSCHOBEN", "Reception", "bisher", "11:45–12:45"]
    #expect(AgendaFixture.positions(of: moved, in: all) != nil)
    #expect(AgendaFixture.positions(of: ["ABGESAGT", "Guided city walk"], in: all) != nil)
    #expect(all.contains("Änderungen seit v:1"))
    #expect(p.text.first?.replacingOccurrences(of: " ", with: "").contains("1/\(p.pages)") == true)
  }
}
