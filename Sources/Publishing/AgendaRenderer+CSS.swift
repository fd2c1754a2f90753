/// The agenda's stylesheet: screen and A4 print, inlined into the HTML.
extension AgendaRenderer {
  /// The style sheet. Data (the visit's title in the running head) enters only as CSS strings
  /// escaped by `cssString`, so it cannot end the `<style>` element or the declaration.
  static func css(header: String, dates: String, footer: String) -> String {
    """
    @page {
      size: A4;
      margin: 16mm 16mm 18mm 18mm;
      @top-left {
        content: \(cssString(header));
        font: 7pt "DejaVu Sans", Arial, Helvetica, sans-serif;
        color: #6b6f76;
        vertical-align: bottom;
        padding-bottom: 4mm;
      }
      @top-right {
        content: \(cssString(dates));
        font: 7pt "DejaVu Sans", Arial, Helvetica, sans-serif;
        color: #6b6f76;
        vertical-align: bottom;
        padding-bottom: 4mm;
      }
      @bottom-left {
        content: \(cssString(footer));
        font: 7pt "DejaVu Sans", Arial, Helvetica, sans-serif;
        color: #6b6f76;
      }
      @bottom-right {
        content: counter(page) " / " counter(pages);
        font: 7pt "DejaVu Sans", Arial, Helvetica, sans-serif;
        color: #6b6f76;
      }
    }
    @page :first {
      @top-left { content: none; }
      @top-right { content: none; }
    }
    :root {
      --ink: #1d1f22;
      --muted: #5d6168;
      --rule: #cfd2d6;
      --accent: #9b111e;
      --soft: #f3f4f6;
    }
    * { box-sizing: border-box; }
    html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    body {
      margin: 0;
      font-family: "DejaVu Sans", Arial, Helvetica, sans-serif;
      font-size: 9.5pt;
      line-height: 1.42;
      color: var(--ink);
      background: #e7e8ea;
    }
    .sheet {
      max-width: 200mm;
      margin: 24px auto;
      padding: 16mm 16mm 12mm 18mm;
      background: #fff;
      box-shadow: 0 1px 6px rgba(0, 0, 0, 0.18);
    }
    @media print {
      body { background: none; }
      .sheet { max-width: none; margin: 0; padding: 0; box-shadow: none; }
    }
    .masthead { border-top: 4px solid var(--accent); padding-top: 10px; margin-bottom: 12px; }
    .kicker {
      margin: 0 0 3px;
      font-size: 7.5pt;
      font-weight: bold;
      letter-spacing: 0.12em;
      text-transform: uppercase;
      color: var(--accent);
    }
    h1 { margin: 0 0 3px; font-size: 17pt; line-height: 1.2; }
    .subtitle { margin: 0; font-size: 10.5pt; color: var(--muted); }
    .for {
      margin: 10px 0 0;
      padding: 6px 10px;
      background: var(--soft);
      border-left: 3px solid var(--accent);
    }
    .for .function { color: var(--muted); margin-left: 0.6em; }
    .alert {
      margin: 10px 0 0;
      padding: 6px 10px;
      border: 1.5px solid var(--accent);
      color: var(--accent);
      font-weight: bold;
    }
    .facts {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 2px 14px;
      margin: 0 0 6px;
      padding: 8px 0;
      border-top: 1px solid var(--rule);
      border-bottom: 1px solid var(--rule);
      font-size: 8.5pt;
    }
    .facts dt { color: var(--muted); }
    .facts dd { margin: 0; }
    .draft { font-weight: bold; color: var(--accent); }
    .changes {
      margin: 14px 0 4px;
      padding: 8px 12px;
      border: 1px solid #e3c3c6;
      border-left: 3px solid var(--accent);
      background: #fbf5f5;
      break-inside: avoid;
      page-break-inside: avoid;
    }
    .changes h2 { margin: 0 0 4px; font-size: 10pt; }
    .changes ul { margin: 0; padding-left: 1.2em; }
    .changes li.counts { list-style: none; margin-left: -1.2em; margin-bottom: 2px; }
    .day { margin-top: 16px; }
    .day > h2 {
      margin: 0;
      padding: 3px 0 4px;
      font-size: 12pt;
      border-bottom: 1.5px solid var(--ink);
      break-after: avoid;
      page-break-after: avoid;
    }
    .empty { margin: 6px 0 0; color: var(--muted); font-style: italic; }
    .appt {
      display: grid;
      grid-template-columns: 29mm 1fr;
      gap: 0 10px;
      padding: 7px 0 7px;
      border-bottom: 1px solid var(--rule);
      break-inside: avoid;
      page-break-inside: avoid;
    }
    .time { font-weight: bold; white-space: nowrap; font-variant-numeric: tabular-nums; }
    .time .now { display: block; }
    .time .zone, .time .was {
      display: block;
      margin-top: 1px;
      font-size: 7.5pt;
      font-weight: normal;
      color: var(--muted);
      white-space: normal;
    }
    .time .was del { white-space: nowrap; font-size: 8pt; }
    .appt h3 { margin: 0 0 3px; font-size: 10pt; line-height: 1.3; }
    .appt h3 .badge { margin-right: 4px; vertical-align: 1.5px; }
    .kind {
      display: inline-block;
      margin-left: 5px;
      padding: 0 4px;
      font-size: 6.5pt;
      font-weight: normal;
      letter-spacing: 0.06em;
      text-transform: uppercase;
      vertical-align: 1.5px;
      color: var(--muted);
      border: 1px solid var(--rule);
      border-radius: 2px;
      white-space: nowrap;
    }
    .details {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 1px 10px;
      margin: 0;
      font-size: 8.5pt;
    }
    .details dt { color: var(--muted); }
    .details dd { margin: 0; overflow-wrap: anywhere; }
    .address { color: var(--muted); }
    .none { color: var(--muted); font-style: italic; }
    .badge {
      display: inline-block;
      padding: 0 5px;
      line-height: 1.45;
      font-size: 6.5pt;
      font-weight: bold;
      letter-spacing: 0.06em;
      text-transform: uppercase;
      border: 1px solid currentColor;
      border-radius: 2px;
    }
    .badge.added { color: #1d6b36; background: #edf6ef; }
    .badge.moved { color: #8a5300; background: #fbf3e4; }
    .badge.changed { color: #1f4f8f; background: #edf2fa; }
    .badge.cancelled, .badge.unassigned { color: #9b111e; background: #fbeeee; }
    del { text-decoration: line-through; text-decoration-thickness: 1px; color: var(--muted); }
    .joined { text-decoration: underline; text-decoration-color: #1d6b36; text-decoration-thickness: 1.5px; }
    .appt.struck { color: var(--muted); }
    .appt.struck .details { opacity: 0.75; }
    .appt.struck h3 del, .appt.struck .time del { color: var(--muted); text-decoration-thickness: 1.5px; }
    .contacts { margin-top: 20px; break-inside: avoid; page-break-inside: avoid; }
    .contacts h2 {
      margin: 0 0 4px;
      font-size: 11pt;
      break-after: avoid;
      page-break-after: avoid;
    }
    .contacts table { width: 100%; border-collapse: collapse; font-size: 8.5pt; }
    .contacts th {
      text-align: left;
      font-size: 7.5pt;
      font-weight: bold;
      color: var(--muted);
      text-transform: uppercase;
      letter-spacing: 0.05em;
      border-bottom: 1.5px solid var(--ink);
      padding: 3px 8px 3px 0;
    }
    .contacts td { padding: 4px 8px 4px 0; border-bottom: 1px solid var(--rule); vertical-align: top; }
    .contacts td.name { font-weight: bold; }
    .contacts td.nowrap { white-space: nowrap; }
    .contacts td.email { overflow-wrap: anywhere; }
    .anchor {
      margin-top: 16px;
      padding-top: 5px;
      border-top: 1px solid var(--rule);
      font-size: 7.5pt;
      color: var(--muted);
    }

    """
  }
}
