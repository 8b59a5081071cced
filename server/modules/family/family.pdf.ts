import { type Locale, type MessageKey, type MessageParams, translate } from '../../../contract/i18n/index.js';
import { numberPages, renderPdf, ruDate, table } from '../../lib/pdf.js';
import type { FamilyExport } from './family.service.js';

type Row = Record<string, unknown>;

/** Columns that identify rows inside the system and mean nothing on paper (the JSON keeps them). */
const HIDDEN = new Set([
  'id',
  'userId',
  'studentId',
  'parentId',
  'applicationId',
  'searchText',
  'schoolId',
  'createdBy',
  'registeredBy',
  'decidedBy',
  'orderedBy',
  'withdrawnBy',
  'regYear',
  'regSeq',
]);

const when = (iso: string) => `${ruDate(iso)} ${iso.slice(11, 16)} UTC`;

function text(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  if (Array.isArray(value)) return value.map(text).filter(Boolean).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  const s = String(value);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(s)) return when(s);
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return ruDate(s);
  return s;
}

/** The family's export as a readable PDF (issue 12.13): every section of the JSON, labelled in the reader's language. */
export function familyExportPdf(locale: Locale, data: FamilyExport): Promise<Buffer> {
  const t = (key: MessageKey, params: MessageParams = {}) => translate(locale, key, params);
  /** The first of these catalogue keys that exists, else the column's own name. */
  const label = (key: string, prefixes: string[]) => {
    for (const p of prefixes) {
      const k = `${p}.${key}` as MessageKey;
      const found = translate(locale, k);
      if (found !== k) return found;
    }
    return key;
  };
  /** A stored code (sex, kinship, status …) in words where the catalogue has it. */
  const VALUE_PREFIXES: Record<string, string> = {
    sex: 'people.sex',
    studyForm: 'people.studyForm',
    kinship: 'people.kinship',
    kind: 'people.movementKind',
    status: 'service.status',
    decision: 'service.status',
  };
  const codeText = (key: string, value: unknown) => {
    const prefix = VALUE_PREFIXES[key];
    if (prefix && typeof value === 'string' && value) {
      const k = `${prefix}.${value}` as MessageKey;
      const found = translate(locale, k);
      if (found !== k) return found;
    }
    return text(value);
  };
  const childName = new Map(data.people.children.map((c) => [String(c.id), [c.surname, c.name].filter(Boolean).join(' ')]));
  const nameOf = (id: unknown) => childName.get(String(id)) ?? '';

  return renderPdf({ title: t('family.pdf.title'), margin: 50 }, (doc) => {
    const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
    const heading = (key: MessageKey) => {
      if (doc.y > doc.page.height - doc.page.margins.bottom - 80) doc.addPage();
      doc.moveDown(0.8);
      doc.font('bold').fontSize(13).text(t(key), doc.page.margins.left, doc.y, { width });
      doc.moveDown(0.3);
      doc.font('regular').fontSize(10);
    };
    const none = () => doc.font('regular').fontSize(10).fillColor('#555555').text(t('family.pdf.none')).fillColor('#000000');
    const fields = (row: Row, prefixes: string[]) => {
      for (const [key, value] of Object.entries(row)) {
        if (HIDDEN.has(key)) continue;
        const shown = codeText(key, value);
        if (!shown) continue;
        doc
          .font('bold')
          .fontSize(10)
          .text(`${label(key, prefixes)}: `, { continued: true });
        doc.font('regular').text(shown);
      }
    };
    const records = (rows: Row[], prefixes: string[], title?: (r: Row) => string) => {
      if (rows.length === 0) return none();
      for (const r of rows) {
        if (title) doc.font('bold').fontSize(11).text(title(r));
        fields(r, prefixes);
        doc.moveDown(0.4);
      }
    };
    const grid = (columns: Array<[MessageKey, number]>, rows: string[][]) => {
      if (rows.length === 0) return none();
      const total = columns.reduce((s, [, w]) => s + w, 0);
      table(
        doc,
        columns.map(([key, w]) => ({ title: t(key), width: (w / total) * width })),
        rows,
      );
    };

    doc.font('bold').fontSize(16).text(t('family.pdf.title'), { align: 'center' });
    doc.font('regular').fontSize(10).text(t('family.pdf.basis'), { align: 'center' });
    doc.moveDown(0.6);
    fields({ school: data.school.name, exportedAt: data.exportedAt }, ['family.pdf']);

    heading('family.pdf.account');
    fields(data.account, ['family.pdf.account']);

    heading('family.pdf.parentRecords');
    records(data.people.parentRecords, ['people.parent', 'family.pdf.field']);

    heading('family.pdf.children');
    records(data.people.children, ['people.student', 'family.pdf.field'], (r) =>
      [r.surname, r.name, r.patronymic].filter(Boolean).join(' '),
    );

    heading('family.pdf.kinship');
    grid(
      [
        ['family.pdf.col.child', 2],
        ['family.pdf.field.kinship', 2],
      ],
      data.people.kinship.map((k) => [nameOf(k.studentId), codeText('kinship', k.kinship)]),
    );

    heading('family.pdf.classes');
    grid(
      [
        ['family.pdf.col.child', 3],
        ['people.student.class', 3],
        ['family.pdf.field.starts', 2],
        ['family.pdf.field.ends', 2],
      ],
      [...data.people.classes, ...data.people.groups].map((m) => [
        nameOf(m.studentId),
        text(m.className ?? m.groupName),
        text(m.startsOn),
        text(m.endsOn),
      ]),
    );

    heading('family.pdf.movements');
    grid(
      [
        ['family.pdf.col.child', 3],
        ['family.pdf.col.event', 2],
        ['family.pdf.col.date', 2],
        ['family.pdf.field.number', 3],
      ],
      data.people.movements.map((m) => [
        nameOf(m.studentId),
        codeText('kind', m.kind),
        text(m.onDate),
        [text(m.orderNumber), text(m.orderDate)].filter(Boolean).join(', '),
      ]),
    );

    heading('family.pdf.applications');
    records(data.service.applications, ['family.pdf.field'], (r) => `№ ${text(r.number)}`);

    heading('family.pdf.consents');
    records(data.service.consents, ['family.pdf.field'], (r) => `${t('family.pdf.field.signedOn')} ${text(r.signedOn)}`);

    heading('family.pdf.grades');
    grid(
      [
        ['family.pdf.col.child', 3],
        ['family.pdf.col.date', 2],
        ['family.pdf.col.subject', 3],
        ['family.pdf.col.value', 1],
        ['family.pdf.col.workType', 3],
      ],
      data.journal.grades.map((g) => [nameOf(g.studentId), text(g.workDate), text(g.subject), text(g.value), text(g.workType)]),
    );

    heading('family.pdf.attendance');
    grid(
      [
        ['family.pdf.col.child', 3],
        ['family.pdf.col.date', 2],
        ['family.pdf.col.subject', 3],
        ['family.pdf.col.value', 1],
      ],
      data.journal.attendance.map((a) => [nameOf(a.studentId), text(a.lessonDate), text(a.subject), text(a.mark)]),
    );

    heading('family.pdf.periodGrades');
    grid(
      [
        ['family.pdf.col.child', 3],
        ['family.pdf.col.subject', 3],
        ['family.pdf.col.period', 2],
        ['family.pdf.col.value', 1],
      ],
      data.journal.periodGrades.map((p) => [
        nameOf(p.studentId),
        text(p.subject),
        text(p.periodName) || label(String(p.kind), ['journalWeb.finals']),
        text(p.value),
      ]),
    );

    heading('family.pdf.accessLog');
    grid(
      [
        ['family.col.at', 2],
        ['family.col.who', 3],
        ['family.col.role', 3],
        ['family.col.what', 4],
      ],
      data.accessLog.map((a) => [
        when(a.at),
        a.actorName ?? '',
        a.actorRoles.map((r) => label(r, ['web.role'])).join(', '),
        [
          a.subjectName
            ? t('family.view.withSubject', { view: t(`family.view.${a.view}`), subject: a.subjectName })
            : t(`family.view.${a.view}`),
          a.childIds.map(nameOf).filter(Boolean).join(', '),
        ]
          .filter(Boolean)
          .join(' — '),
      ]),
    );

    heading('family.pdf.signIns');
    grid(
      [
        ['family.col.at', 2],
        ['family.pdf.col.event', 2],
        ['family.pdf.col.ip', 2],
      ],
      data.signIns.map((s) => [when(s.at), label(s.event, ['web.audit.action']), s.ip]),
    );

    numberPages(doc, (page) => t('family.pdf.page', { page }));
  });
}
