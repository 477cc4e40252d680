/**
 * The few drawing pieces a PDF report is made of, on pdfkit with its standard fonts (Helvetica),
 * so no font file is read or fetched. Standard fonts know only the WinAnsi characters; anything
 * else is shown as '?', never as broken glyphs.
 */
export const PAGE = { width: 595.28, height: 841.89, margin: 56 } as const;
export const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
export const COLORS = {
  text: '#292524',
  muted: '#78716c',
  rule: '#e7e5e4',
  accent: '#0f766e',
  soft: '#99d5cf',
};

// WinAnsi beyond Latin-1: the typographic quotes, dashes, bullet, ellipsis, euro and a few more.
const WIN_ANSI_EXTRA = new Set([...'€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ']);

export function pdfText(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const code = ch.codePointAt(0)!;
    out +=
      (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch) ? ch : '?';
  }
  return out;
}

/** "45 min", "5 h 15 min". */
export function formatMinutes(totalMinutes: number): string {
  const m = Math.max(0, Math.round(totalMinutes));
  if (m < 60) return `${m} min`;
  const rest = m % 60;
  return rest === 0 ? `${Math.floor(m / 60)} h` : `${Math.floor(m / 60)} h ${rest} min`;
}

const longDate = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const shortDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** "6 Apr 2026" */
export function formatDate(date: string): string {
  return longDate.format(new Date(`${date}T12:00:00Z`));
}
/** "6 Apr" */
export function formatShortDate(date: string): string {
  return shortDate.format(new Date(`${date}T12:00:00Z`));
}

/** Starts a new page when fewer than `height` points are left. */
export function ensureSpace(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > PAGE.height - PAGE.margin) doc.addPage();
}

export function sectionTitle(doc: PDFKit.PDFDocument, title: string): void {
  ensureSpace(doc, 60);
  doc.moveDown(1.2);
  doc.font('Helvetica-Bold').fontSize(13).fillColor(COLORS.text).text(pdfText(title), PAGE.margin, doc.y);
  const y = doc.y + 3;
  doc
    .moveTo(PAGE.margin, y)
    .lineTo(PAGE.margin + CONTENT_WIDTH, y)
    .lineWidth(0.5)
    .strokeColor(COLORS.rule)
    .stroke();
  doc.y = y + 8;
}

/** Rows of label and values in columns; the first column takes what the others leave. */
export function table(doc: PDFKit.PDFDocument, header: string[], rows: string[][], widths: number[]): void {
  const first = CONTENT_WIDTH - widths.reduce((a, b) => a + b, 0);
  const line = (cells: string[], font: string, color: string) => {
    ensureSpace(doc, 18);
    const y = doc.y;
    doc.font(font).fontSize(10).fillColor(color);
    let x = PAGE.margin;
    cells.forEach((cell, i) => {
      const width = i === 0 ? first : widths[i - 1]!;
      doc.text(pdfText(cell), x, y, {
        width: width - 6,
        align: i === 0 ? 'left' : 'right',
        lineBreak: false,
        ellipsis: true,
      });
      x += width;
    });
    doc.y = y + 16;
  };
  line(header, 'Helvetica-Bold', COLORS.muted);
  for (const row of rows) line(row, 'Helvetica', COLORS.text);
}

/**
 * A vertical bar chart drawn with rectangles: one bar per value, a label under each when they
 * fit, the largest value written above its bar. Empty values leave a thin baseline mark.
 */
export function barChart(
  doc: PDFKit.PDFDocument,
  bars: { label: string; value: number }[],
  height = 120,
): void {
  ensureSpace(doc, height + 40);
  const top = doc.y + 14;
  const baseline = top + height;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const slot = CONTENT_WIDTH / Math.max(1, bars.length);
  const barWidth = Math.max(1.5, Math.min(28, slot * 0.7));
  const labelEvery = Math.max(1, Math.ceil(28 / slot));
  doc
    .moveTo(PAGE.margin, baseline)
    .lineTo(PAGE.margin + CONTENT_WIDTH, baseline)
    .lineWidth(0.5)
    .strokeColor(COLORS.rule)
    .stroke();
  bars.forEach((bar, i) => {
    const x = PAGE.margin + i * slot + (slot - barWidth) / 2;
    const h = (bar.value / max) * height;
    if (h > 0)
      doc
        .rect(x, baseline - h, barWidth, h)
        .fillColor(COLORS.accent)
        .fill();
    if (i % labelEvery === 0)
      doc
        .font('Helvetica')
        .fontSize(7)
        .fillColor(COLORS.muted)
        .text(pdfText(bar.label), x - 10, baseline + 4, {
          width: barWidth + 20,
          align: 'center',
          lineBreak: false,
        });
  });
  const peak = bars.reduce(
    (best, b) => (b.value > best.value ? b : best),
    bars[0] ?? { label: '', value: 0 },
  );
  if (peak.value > 0)
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor(COLORS.muted)
      .text(`Most: ${formatMinutes(peak.value)} (${pdfText(peak.label)})`, PAGE.margin, top - 12);
  doc.y = baseline + 20;
}
