import type { Db } from '../../db/connect.js';
import { newId } from '../../lib/ids.js';

let seq = 0;

/** Test helper: a complaint in the book, open or answered. */
export async function makeComplaint(
  db: Db,
  schoolId: string,
  opts: { status?: 'open' | 'answered'; registeredOn?: string } = {},
): Promise<string> {
  const id = newId();
  const n = ++seq;
  const registeredOn = opts.registeredOn ?? '2026-11-10';
  await db
    .insertInto('complaints')
    .values({
      id,
      school_id: schoolId,
      reg_year: 1999,
      reg_seq: n,
      number: `Ж-Т-${n}`,
      form: 'written',
      addressee: 'Директору',
      complainant_name: 'Орлов Олег Олегович',
      complainant_address: 'г. Калининград, ул. Мира, 1',
      substance: 'Оценки не выставляются вовремя',
      registered_on: registeredOn,
      due_on: '2026-12-10',
      extended_due_on: null,
      extension_reason: null,
      extension_notice_on: null,
      status: opts.status ?? 'open',
      answer_text: opts.status === 'answered' ? 'Ответ по существу' : null,
      answered_on: opts.status === 'answered' ? registeredOn : null,
      answer_method: opts.status === 'answered' ? 'почтой' : null,
      repeat_of_id: null,
      declined_on: null,
      search_text: 'орлов',
      created_by: 'system',
      created_at: `${registeredOn}T08:00:00.000Z`,
    })
    .execute();
  return id;
}

/** Test helper: an unplanned inspection on a complaint, with its result recorded. */
export async function makeInspectionWithResult(db: Db, schoolId: string, complaintId: string): Promise<string> {
  const id = newId();
  await db
    .insertInto('inspections')
    .values({
      id,
      school_id: schoolId,
      kind: 'unplanned',
      planned_year: null,
      complaint_id: complaintId,
      subject: 'Своевременность оценок',
      order_ref: '',
      starts_on: '2026-11-11',
      result_text: 'Нарушений не выявлено',
      result_on: '2026-11-12',
      result_sent_on: null,
      result_sent_method: null,
      created_by: 'system',
      created_at: '2026-11-11T08:00:00.000Z',
    })
    .execute();
  return id;
}
