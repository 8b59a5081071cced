import { CHILD_CONSENT_FIELDS, CONSENT_PURPOSES, PARENT_CONSENT_FIELDS } from '../../../contract/schemas/service.js';
import type { MatrixCase, MatrixRole } from '../../access/matrix/types.js';
import { makeStudent } from '../../test/factories.js';
import { makeApplication, makeCode } from './service.fixtures.js';

let fresh = 0;

const base = (schoolId: string) => `/api/schools/${schoolId}/service`;
const REGISTER: readonly MatrixRole[] = ['admin', 'secretary'];
const READ: readonly MatrixRole[] = ['admin', 'director', 'deputy', 'secretary'];
const DIRECTOR: readonly MatrixRole[] = ['director'];

const applicationBody = () => ({
  parentSurname: 'Матрицына',
  parentName: 'Анна',
  parentPatronymic: '',
  addressCity: 'Калининград',
  addressStreet: 'Мира',
  addressHouse: '5',
  addressBuilding: '',
  addressFlat: '',
  phone: '+7 900 111-22-33',
  passportSeries: '2710',
  passportNumber: '654321',
  passportIssuedBy: 'УМВД России по Калининградской области',
  childFullName: 'Матрицын Пётр',
  childClass: '5А',
});

export const serviceMatrix: MatrixCase[] = [
  {
    method: 'POST',
    route: '/api/schools/:schoolId/service/applications',
    url: (w) => `${base(w.schoolId)}/applications`,
    body: applicationBody,
    allow: REGISTER,
  },
  { method: 'GET', route: '/api/schools/:schoolId/service/applications', url: (w) => `${base(w.schoolId)}/applications`, allow: READ },
  {
    method: 'GET',
    route: '/api/schools/:schoolId/service/applications/:id',
    url: async (w) => `${base(w.schoolId)}/applications/${(await makeApplication(w.db, w.schoolId)).id}`,
    allow: READ,
  },
  {
    method: 'PATCH',
    route: '/api/schools/:schoolId/service/applications/:id',
    url: async (w) => `${base(w.schoolId)}/applications/${(await makeApplication(w.db, w.schoolId)).id}`,
    body: (w) => ({ studentId: w.studentIds.inA2 }),
    allow: REGISTER,
  },
  {
    method: 'POST',
    route: '/api/schools/:schoolId/service/applications/:id/decision',
    url: async (w) => `${base(w.schoolId)}/applications/${(await makeApplication(w.db, w.schoolId)).id}/decision`,
    body: () => ({ decision: 'granted' }),
    allow: DIRECTOR,
  },
  {
    method: 'POST',
    route: '/api/schools/:schoolId/service/applications/:id/order',
    url: async (w) => `${base(w.schoolId)}/applications/${(await makeApplication(w.db, w.schoolId, { status: 'granted' })).id}/order`,
    body: () => ({ orderNumber: '12-у', orderDate: '2026-11-23' }),
    allow: DIRECTOR,
  },
  {
    method: 'GET',
    route: '/api/schools/:schoolId/service/applications/:id/form.pdf',
    url: async (w) => `${base(w.schoolId)}/applications/${(await makeApplication(w.db, w.schoolId)).id}/form.pdf`,
    allow: READ,
  },
  { method: 'GET', route: '/api/schools/:schoolId/service/register.pdf', url: (w) => `${base(w.schoolId)}/register.pdf`, allow: READ },
  { method: 'GET', route: '/api/schools/:schoolId/service/deadlines', url: (w) => `${base(w.schoolId)}/deadlines`, allow: READ },
  { method: 'GET', route: '/api/schools/:schoolId/service/calendar/:year', url: (w) => `${base(w.schoolId)}/calendar/2026`, allow: READ },
  {
    method: 'PUT',
    route: '/api/schools/:schoolId/service/calendar/:year',
    url: (w) => `${base(w.schoolId)}/calendar/2031`,
    body: () => ({ holidays: ['2031-01-01'], workdays: [] }),
    allow: ['admin', 'operator'],
  },
  {
    method: 'POST',
    route: '/api/schools/:schoolId/service/consents',
    url: (w) => `${base(w.schoolId)}/consents`,
    body: () => ({
      childFullName: 'Матрицын Пётр',
      parentFullName: 'Матрицына Анна',
      childFields: [...CHILD_CONSENT_FIELDS],
      parentFields: [...PARENT_CONSENT_FIELDS],
      purposes: [...CONSENT_PURPOSES],
      signedOn: '2026-11-20',
    }),
    allow: REGISTER,
  },
  {
    method: 'GET',
    route: '/api/schools/:schoolId/service/consents',
    url: (w) => `${base(w.schoolId)}/consents`,
    // Staff and the operator see all; a parent their own (an empty list for one without).
    allow: [...READ, 'operator', 'parent', 'otherParent'],
  },
  {
    method: 'GET',
    route: '/api/schools/:schoolId/service/consents/:id',
    url: async (w) =>
      `${base(w.schoolId)}/consents/${(await makeApplication(w.db, w.schoolId, { parentId: w.parentId, studentId: w.studentIds.inA })).consentId}`,
    allow: [...READ, 'operator', 'parent'],
  },
  {
    method: 'GET',
    route: '/api/schools/:schoolId/service/consents/:id/form.pdf',
    url: async (w) =>
      `${base(w.schoolId)}/consents/${(await makeApplication(w.db, w.schoolId, { parentId: w.parentId, studentId: w.studentIds.inA })).consentId}/form.pdf`,
    allow: [...READ, 'operator', 'parent'],
  },
  {
    method: 'POST',
    route: '/api/schools/:schoolId/service/consents/:id/withdraw',
    // A consent of a fresh student of 5Б, so the family in the shared world keeps theirs.
    url: async (w) => {
      const child = await makeStudent(w.db, w.schoolId, w.classIds.b);
      return `${base(w.schoolId)}/consents/${(await makeApplication(w.db, w.schoolId, { parentId: w.otherParentId, studentId: child.id })).consentId}/withdraw`;
    },
    body: () => ({}),
    allow: [...REGISTER, 'otherParent'],
  },
  {
    method: 'POST',
    route: '/api/schools/:schoolId/service/consents/:id/operator-copy',
    url: async (w) => `${base(w.schoolId)}/consents/${(await makeApplication(w.db, w.schoolId)).consentId}/operator-copy`,
    body: () => ({ sentOn: '2026-11-23', method: 'почтой' }),
    allow: REGISTER,
  },
  {
    method: 'POST',
    route: '/api/schools/:schoolId/service/students/:studentId/codes',
    // A fresh student of 5Б (led by the class teacher) with an order and a consent.
    url: async (w) => {
      const child = await makeStudent(w.db, w.schoolId, w.classIds.b);
      await makeApplication(w.db, w.schoolId, { status: 'ordered', studentId: child.id });
      return `${base(w.schoolId)}/students/${child.id}/codes`;
    },
    body: () => ({ kind: 'parent' }),
    allow: ['admin', 'classTeacher'],
  },
  {
    method: 'GET',
    route: '/api/schools/:schoolId/service/students/:studentId/codes',
    url: (w) => `${base(w.schoolId)}/students/${w.studentIds.inB}/codes`,
    allow: ['admin', 'classTeacher'],
  },
  {
    method: 'POST',
    route: '/api/schools/:schoolId/service/codes/slip.pdf',
    url: (w) => `${base(w.schoolId)}/codes/slip.pdf`,
    // A fresh code for a 5Б student (led by the class teacher), typed again by the issuer.
    body: async (w) => {
      const child = await makeStudent(w.db, w.schoolId, w.classIds.b);
      await makeApplication(w.db, w.schoolId, { status: 'issued', studentId: child.id });
      const { id, code } = await makeCode(w.db, w.schoolId, child.id);
      return { codeId: id, code };
    },
    allow: ['admin', 'classTeacher'],
  },
  {
    method: 'POST',
    route: '/api/access-codes/redeem',
    url: () => '/api/access-codes/redeem',
    // Public: someone with a valid code signs up. Checked here for the anonymous caller only
    // (a signed-in caller would add the child to their account); the rest is in the API test.
    body: async (w) => {
      const child = await makeStudent(w.db, w.schoolId, w.classIds.b);
      const { id: applicationId } = await makeApplication(w.db, w.schoolId, { status: 'issued', studentId: child.id });
      const { code } = await makeCode(w.db, w.schoolId, child.id, { applicationId });
      return { code, login: `matrix-parent-${Date.now()}-${++fresh}`, password: 'long-enough-password-1' };
    },
    allow: ['anonymous'],
    gateOnly: true,
  },
];
