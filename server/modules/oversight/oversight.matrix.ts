import type { MatrixCase, MatrixRole } from '../../access/matrix/types.js';
import { makeComplaint, makeInspectionWithResult } from './oversight.fixtures.js';

const base = (schoolId: string) => `/api/schools/${schoolId}/oversight`;
const COMPLAINTS: readonly MatrixRole[] = ['director', 'deputy', 'secretary'];
const INSPECTIONS: readonly MatrixRole[] = ['director', 'deputy'];
let plannedYear = 2040;

export const oversightMatrix: MatrixCase[] = [
  {
    method: 'POST',
    route: '/api/schools/:schoolId/oversight/complaints',
    url: (w) => `${base(w.schoolId)}/complaints`,
    body: () => ({
      form: 'oral',
      addressee: 'Директору',
      complainantName: 'Орлов О. О.',
      complainantAddress: 'ул. Мира, 1',
      substance: 'Суть',
    }),
    allow: COMPLAINTS,
  },
  { method: 'GET', route: '/api/schools/:schoolId/oversight/complaints', url: (w) => `${base(w.schoolId)}/complaints`, allow: COMPLAINTS },
  {
    method: 'GET',
    route: '/api/schools/:schoolId/oversight/complaints/book.pdf',
    url: (w) => `${base(w.schoolId)}/complaints/book.pdf`,
    allow: COMPLAINTS,
  },
  {
    method: 'GET',
    route: '/api/schools/:schoolId/oversight/complaints/:id',
    url: async (w) => `${base(w.schoolId)}/complaints/${await makeComplaint(w.db, w.schoolId)}`,
    allow: COMPLAINTS,
  },
  {
    method: 'POST',
    route: '/api/schools/:schoolId/oversight/complaints/:id/extend',
    url: async (w) => `${base(w.schoolId)}/complaints/${await makeComplaint(w.db, w.schoolId)}/extend`,
    body: () => ({ reason: 'Нужна проверка', noticeOn: '2026-11-20' }),
    allow: COMPLAINTS,
  },
  {
    method: 'POST',
    route: '/api/schools/:schoolId/oversight/complaints/:id/answer',
    url: async (w) => `${base(w.schoolId)}/complaints/${await makeComplaint(w.db, w.schoolId)}/answer`,
    body: () => ({ text: 'Ответ', answeredOn: '2026-11-20', method: 'почтой' }),
    allow: COMPLAINTS,
  },
  {
    method: 'POST',
    route: '/api/schools/:schoolId/oversight/complaints/:id/decline',
    url: async (w) => `${base(w.schoolId)}/complaints/${await makeComplaint(w.db, w.schoolId)}/decline`,
    body: async (w) => ({ repeatOfId: await makeComplaint(w.db, w.schoolId, { status: 'answered' }), declinedOn: '2026-11-20' }),
    allow: COMPLAINTS,
  },
  {
    method: 'POST',
    route: '/api/schools/:schoolId/oversight/inspections',
    url: (w) => `${base(w.schoolId)}/inspections`,
    // A fresh year per call: planned inspections are at most one a year.
    body: () => ({ kind: 'planned', subject: 'Ведение журнала', orderRef: '', startsOn: `${++plannedYear}-03-01` }),
    allow: INSPECTIONS,
  },
  {
    method: 'GET',
    route: '/api/schools/:schoolId/oversight/inspections',
    url: (w) => `${base(w.schoolId)}/inspections`,
    allow: INSPECTIONS,
  },
  {
    method: 'POST',
    route: '/api/schools/:schoolId/oversight/inspections/:id/result',
    url: async (w) => {
      const complaint = await makeComplaint(w.db, w.schoolId);
      const id = await makeInspectionWithResult(w.db, w.schoolId, complaint);
      await w.db.updateTable('inspections').set({ result_on: null, result_text: null }).where('id', '=', id).execute();
      return `${base(w.schoolId)}/inspections/${id}/result`;
    },
    body: () => ({ resultText: 'Справка', resultOn: '2026-11-20' }),
    allow: INSPECTIONS,
  },
  {
    method: 'POST',
    route: '/api/schools/:schoolId/oversight/inspections/:id/result-sent',
    url: async (w) =>
      `${base(w.schoolId)}/inspections/${await makeInspectionWithResult(w.db, w.schoolId, await makeComplaint(w.db, w.schoolId))}/result-sent`,
    body: () => ({ sentOn: '2026-11-20', method: 'почтой' }),
    allow: INSPECTIONS,
  },
];
