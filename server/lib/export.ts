import ExcelJS from 'exceljs';
import { numberPages, renderPdf, table as tableOf } from './pdf.js';

/**
 * One export mechanism for every table (issue 14 item 6; the print forms of issue 15 reuse it): a
 * title, columns and rows become CSV (UTF-8 with BOM and `;`, as Russian Excel opens it), XLSX
 * (exceljs) or PDF (pdfkit, DejaVu for Cyrillic).
 */
export const EXPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export type Cell = string | number | null;

export interface ExportTable {
  title: string;
  /** A line under the title (the range, the date it was made). */
  subtitle?: string;
  columns: ReadonlyArray<{ title: string /** PDF width in points; XLSX width in characters is derived. */; width: number }>;
  rows: ReadonlyArray<readonly Cell[]>;
  /** Page-number label for the PDF ("Страница 2"). */
  pageLabel?: (page: number) => string;
}

export interface ExportFile {
  body: Buffer;
  contentType: string;
  extension: ExportFormat;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

/** A number as Russian Excel reads it: a decimal comma. */
const csvNumber = (n: number) => String(Math.round(n * 1000) / 1000).replace('.', ',');

function csvCell(cell: Cell): string {
  if (cell === null) return '';
  const text = typeof cell === 'number' ? csvNumber(cell) : cell;
  // A leading =, +, - or @ would be run as a formula by a spreadsheet (CSV injection).
  const safe = typeof cell === 'string' && /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[;"\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function toCsv(t: ExportTable): Buffer {
  const lines = [t.columns.map((c) => csvCell(c.title)).join(';'), ...t.rows.map((r) => r.map(csvCell).join(';'))];
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8')]);
}

async function toXlsx(t: ExportTable): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Otmetka';
  const sheet = workbook.addWorksheet(t.title.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '));
  sheet.addRow([t.title]).font = { bold: true, size: 13 };
  if (t.subtitle) sheet.addRow([t.subtitle]);
  sheet.addRow([]);
  const header = sheet.addRow(t.columns.map((c) => c.title));
  header.font = { bold: true };
  for (const r of t.rows) sheet.addRow(r.map((c) => c ?? ''));
  t.columns.forEach((c, i) => {
    sheet.getColumn(i + 1).width = Math.max(6, Math.round(c.width / 5.5));
  });
  sheet.views = [{ state: 'frozen', ySplit: header.number }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const pdfCell = (cell: Cell) => (cell === null ? '' : typeof cell === 'number' ? csvNumber(cell) : cell);

function toPdf(t: ExportTable): Promise<Buffer> {
  const total = t.columns.reduce((s, c) => s + c.width, 0);
  return renderPdf({ title: t.title, layout: total > 500 ? 'landscape' : 'portrait', margin: 36 }, (doc) => {
    doc.font('bold').fontSize(13).text(t.title);
    if (t.subtitle) doc.font('regular').fontSize(10).text(t.subtitle);
    doc.moveDown(0.5);
    const left = doc.page.margins.left;
    const width = doc.page.width - left - doc.page.margins.right;
    const scale = total > width ? width / total : 1;
    tableOf(
      doc,
      t.columns.map((c) => ({ title: c.title, width: c.width * scale })),
      t.rows.map((r) => r.map(pdfCell)),
    );
    if (t.pageLabel) numberPages(doc, t.pageLabel);
  });
}

/** The table as a file of the format. */
export async function exportTable(format: ExportFormat, t: ExportTable): Promise<ExportFile> {
  const body = format === 'csv' ? toCsv(t) : format === 'xlsx' ? await toXlsx(t) : await toPdf(t);
  return { body, contentType: CONTENT_TYPES[format], extension: format };
}
