import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';

/**
 * PDF printing with correct Cyrillic (R10.1): DejaVu fonts from the dejavu-fonts-ttf npm package,
 * so no system font is needed. Helpers for the school's printed forms and registers.
 */
const require = createRequire(import.meta.url);
const fontDir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
export const FONT = {
  regular: path.join(fontDir, 'DejaVuSans.ttf'),
  bold: path.join(fontDir, 'DejaVuSans-Bold.ttf'),
  mono: path.join(fontDir, 'DejaVuSansMono-Bold.ttf'),
};

export type Doc = PDFKit.PDFDocument;

/** Builds a document page by page and resolves with the finished PDF bytes. */
export function renderPdf(
  options: { layout?: 'portrait' | 'landscape'; title: string; margin?: number },
  build: (doc: Doc) => void,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      layout: options.layout ?? 'portrait',
      margin: options.margin ?? 50,
      info: { Title: options.title, Producer: 'Otmetka', Creator: 'Otmetka' },
      bufferPages: true,
    });
    doc.registerFont('regular', FONT.regular);
    doc.registerFont('bold', FONT.bold);
    doc.registerFont('mono', FONT.mono);
    doc.font('regular');
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    try {
      build(doc);
      doc.end();
    } catch (e) {
      reject(e);
    }
  });
}

/** "label: value" with the value underlined, as on a paper form; an empty value leaves a blank line. */
export function formLine(doc: Doc, label: string, value: string, opts: { x?: number; width?: number } = {}): void {
  const x = opts.x ?? doc.page.margins.left;
  const width = opts.width ?? doc.page.width - doc.page.margins.right - x;
  const y = doc.y;
  const labelText = label ? `${label} ` : '';
  doc.font('regular').fontSize(11).text(labelText, x, y, { continued: false, lineBreak: false });
  const labelWidth = labelText ? doc.widthOfString(labelText) : 0;
  const valueX = x + labelWidth;
  const valueWidth = Math.max(40, width - labelWidth);
  const h = doc.heightOfString(value || ' ', { width: valueWidth });
  doc.font('bold').text(value || ' ', valueX, y, { width: valueWidth });
  doc
    .moveTo(valueX, y + h)
    .lineTo(valueX + valueWidth, y + h)
    .lineWidth(0.5)
    .stroke();
  doc.font('regular');
  doc.x = x;
  doc.y = y + h + 6;
}

export interface Column {
  title: string;
  width: number;
}

/** A bordered table that breaks across pages and repeats its header. */
export function table(doc: Doc, columns: Column[], rows: string[][], opts: { fontSize?: number } = {}): void {
  const fontSize = opts.fontSize ?? 9;
  const pad = 3;
  const left = doc.page.margins.left;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const rowHeight = (cells: string[], font: string) => {
    doc.font(font).fontSize(fontSize);
    return Math.max(...cells.map((c, i) => doc.heightOfString(c || ' ', { width: (columns[i]?.width ?? 50) - 2 * pad }))) + 2 * pad;
  };
  const drawRow = (cells: string[], font: string, fill: boolean) => {
    const h = rowHeight(cells, font);
    if (doc.y + h > bottom()) {
      doc.addPage();
      drawRow(
        columns.map((c) => c.title),
        'bold',
        true,
      );
    }
    const y = doc.y;
    let x = left;
    for (const [i, col] of columns.entries()) {
      if (fill) doc.rect(x, y, col.width, h).fillAndStroke('#eeeeee', '#000000');
      else doc.rect(x, y, col.width, h).lineWidth(0.5).stroke('#000000');
      doc
        .fillColor('#000000')
        .font(font)
        .fontSize(fontSize)
        .text(cells[i] ?? '', x + pad, y + pad, { width: col.width - 2 * pad });
      x += col.width;
    }
    doc.x = left;
    doc.y = y + h;
  };
  drawRow(
    columns.map((c) => c.title),
    'bold',
    true,
  );
  for (const r of rows) drawRow(r, 'regular', false);
  doc.font('regular').fontSize(11);
}

/** Page numbers at the foot of every page (needs bufferPages). */
export function numberPages(doc: Doc, label: (page: number) => string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('regular')
      .fontSize(8)
      .text(label(i + 1), doc.page.margins.left, doc.page.height - 30, {
        width: doc.page.width - doc.page.margins.left - doc.page.margins.right,
        align: 'right',
      });
    doc.page.margins.bottom = bottomMargin;
  }
}

/** 2026-11-23 → 23.11.2026, as Russian documents write dates. */
export function ruDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '';
  const [y, m, d] = isoDate.slice(0, 10).split('-');
  return `${d}.${m}.${y}`;
}
