import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { MessageKey, MessageParams } from '../../../contract/i18n/index.js';

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
 * never stopping at the first, so a dry run can list them all.
 */
export async function parsePlanFile(fileName: string, data: Buffer): Promise<{ rows: PlanRow[]; problems: PlanProblem[] } | null> {
  const cells = fileName.toLowerCase().endsWith('.xlsx') ? await readXlsx(data) : readCsv(data);
  if (!cells) return null;
  return validateRows(cells);
}

function readCsv(data: Buffer): Array<{ row: number; values: string[] }> | null {
  const text = data.toString('utf8').replace(/^\uFEFF/, '');
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

async function readXlsx(data: Buffer): Promise<Array<{ row: number; values: string[] }> | null> {
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
