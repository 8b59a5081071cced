import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { MessageKey, MessageParams } from '../../../contract/i18n/index.js';
import { invalid } from '../../lib/errors.js';
import { checkZipLimits } from '../../lib/zip-limits.js';

/** One plan row as read from a file: its row number in the file and what it says. */
export interface PlanRow {
  row: number;
  ordinal: number;
  topic: string;
  hours: number;
  homework: string | null;
}

export interface PlanProblem {
  row: number;
  key: MessageKey;
  params?: MessageParams;
}

export const MAX_PLAN_ROWS = 500;

/**
 * Reads a thematic plan (КТП) from CSV (comma or semicolon, UTF-8) or XLSX (first sheet).
 * Columns in order: № урока, тема, часы (default 1), домашнее задание (optional). A first row
 * whose number cell is not a number is a header and is skipped. Returns every row's problems,
 * never stopping at the first, so a dry run can list them all. A file that is not a plan at all
 * (empty, another type, old .xls, CSV not in UTF-8) is refused at once with advice (422).
 */
export async function parsePlanFile(fileName: string, data: Buffer): Promise<{ rows: PlanRow[]; problems: PlanProblem[] } | null> {
  if (data.length === 0) throw invalid('error.plan.empty');
  const kind = fileKindOf(fileName, data);
  if (kind === 'xls') throw invalid('error.plan.oldExcel');
  if (kind === 'other') throw invalid('error.plan.wrongType');
  const cells = kind === 'xlsx' ? await readXlsx(data) : readCsv(data);
  if (!cells) return null;
  return validateRows(cells);
}

const startsWith = (data: Buffer, bytes: readonly number[]) => bytes.every((b, i) => data[i] === b);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];

/**
 * What a file is, by its content first (a renamed XLSX is still a zip), then by its name: XLSX,
 * the old binary Excel (refused with advice to re-save), text for CSV, or anything else.
 */
function fileKindOf(fileName: string, data: Buffer): 'xlsx' | 'xls' | 'csv' | 'other' {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (startsWith(data, ZIP)) return extension === 'xlsx' || extension === 'csv' || extension === '' ? 'xlsx' : 'other';
  if (startsWith(data, OLE)) return 'xls';
  if (extension === 'xlsx') return 'xlsx'; // not a zip: reading fails with «cannot read the file»
  if (extension === 'xls') return 'xls';
  if (!['csv', 'txt', ''].includes(extension) || data.subarray(0, 8192).includes(0)) return 'other';
  return 'csv';
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function readCsv(data: Buffer): Array<{ row: number; values: string[] }> | null {
  let decoded: string;
  try {
    decoded = utf8.decode(data);
  } catch {
    // Excel's «CSV (разделители — запятые)» on a Russian Windows writes Windows-1251.
    throw invalid('error.plan.encoding');
  }
  const text = decoded.replace(/^\uFEFF/, '');
  if (text.includes('\u0000')) return null;
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  try {
    const records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false, trim: true }) as string[][];
    return records.map((values, i) => ({ row: i + 1, values }));
  } catch {
    return null;
  }
}

/** An XLSX plan of 500 rows unpacks to well under a megabyte; more is a zip bomb (issue 12.7). */
export const XLSX_MAX_UNPACKED_BYTES = 20 * 1024 * 1024;

async function readXlsx(data: Buffer): Promise<Array<{ row: number; values: string[] }> | null> {
  const refusal = checkZipLimits(data, XLSX_MAX_UNPACKED_BYTES);
  if (refusal === 'tooLarge') throw invalid('error.plan.unpackedTooLarge', { limit: XLSX_MAX_UNPACKED_BYTES / 1024 / 1024 });
  if (refusal) return null;
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    return null;
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return null;
  const out: Array<{ row: number; values: string[] }> = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values: string[] = [];
    for (let c = 1; c <= 4; c++) values.push(row.getCell(c).text.trim());
    out.push({ row: rowNumber, values });
  });
  return out;
}

function validateRows(cells: Array<{ row: number; values: string[] }>): { rows: PlanRow[]; problems: PlanProblem[] } {
  const nonEmpty = cells.filter((c) => c.values.some((v) => v.trim() !== ''));
  const first = nonEmpty[0];
  const body = first && !/^\d+$/.test(first.values[0]?.trim() ?? '') ? nonEmpty.slice(1) : nonEmpty;
  const rows: PlanRow[] = [];
  const problems: PlanProblem[] = [];
  if (body.length > MAX_PLAN_ROWS)
    return { rows: [], problems: [{ row: (body[MAX_PLAN_ROWS] as { row: number }).row, key: 'plan.problem.tooManyRows' }] };
  const seen = new Set<number>();
  for (const { row, values } of body) {
    const [ordinalText = '', topic = '', hoursText = '', homework = ''] = values.map((v) => v.trim());
    const before = problems.length;
    const ordinal = /^\d+$/.test(ordinalText) ? Number(ordinalText) : Number.NaN;
    if (!Number.isInteger(ordinal) || ordinal < 1) problems.push({ row, key: 'plan.problem.ordinal' });
    else if (seen.has(ordinal)) problems.push({ row, key: 'plan.problem.ordinalDuplicate', params: { ordinal } });
    if (topic === '') problems.push({ row, key: 'plan.problem.topic' });
    else if (topic.length > 500) problems.push({ row, key: 'plan.problem.topicTooLong' });
    const hours = hoursText === '' ? 1 : /^\d+$/.test(hoursText) ? Number(hoursText) : Number.NaN;
    if (!Number.isInteger(hours) || hours < 1 || hours > 20) problems.push({ row, key: 'plan.problem.hours' });
    if (homework.length > 2000) problems.push({ row, key: 'plan.problem.homeworkTooLong' });
    if (problems.length === before) {
      seen.add(ordinal);
      rows.push({ row, ordinal, topic, hours, homework: homework === '' ? null : homework });
    }
  }
  return { rows, problems };
}
