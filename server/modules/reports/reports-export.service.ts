import { translate } from '../../../contract/i18n/index.js';
import type { Indicator, ReportRangeQuery } from '../../../contract/schemas/reports.js';
import type { Actor } from '../../access/actor.js';
import type { Deps } from '../../lib/deps.js';
import { type Cell, type ExportFile, type ExportFormat, exportTable } from '../../lib/export.js';
import { ruDate } from '../../lib/pdf.js';
import { AuditAction, recordAudit } from '../audit/audit.service.js';
import { monitoring, schoolIndicators } from './reports.service.js';

const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

function targetText(actor: Actor, i: Indicator): string {
  const t = (key: Parameters<typeof translate>[1], p = {}) => translate(actor.locale, key, p);
  if (i.key === 'journals_kept') return t('reports.ind.kept');
  if (i.key === 'weekly_update') return t('reports.ind.everyWeek');
  if (i.termDays !== null) return t('reports.ind.days', { days: i.termDays });
  if (i.targetShare !== null) return t('reports.ind.atLeast', { share: `${Math.round(i.targetShare * 100)} %` });
  return '';
}

function metText(actor: Actor, i: Indicator): string {
  if (i.met === null) return i.denominator === 0 && i.key !== 'homework_late' ? translate(actor.locale, 'reports.ind.noData') : '';
  return translate(actor.locale, i.met ? 'reports.ind.yes' : 'reports.ind.no');
}

/** The indicators of table 2.13 for the school and each teacher, as one file (R9.2, issue 14 item 6). */
export async function exportIndicators(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  q: ReportRangeQuery,
  format: ExportFormat,
): Promise<{ file: ExportFile; fileName: string }> {
  const report = await schoolIndicators(deps, actor, schoolId, q);
  const t = (key: Parameters<typeof translate>[1], p = {}) => translate(actor.locale, key, p);
  const school = t('reports.export.school');
  const rows: Cell[][] = [];
  const add = (unit: string, list: Indicator[]) => {
    for (const i of list) {
      rows.push([
        unit,
        i.row,
        t(`reports.ind.${i.key}`),
        i.key === 'journals_kept' ? null : i.numerator,
        i.key === 'journals_kept' ? null : i.denominator,
        percent(i.share),
        targetText(actor, i),
        metText(actor, i),
      ]);
    }
  };
  add(school, report.school);
  for (const u of report.teachers) add(u.name, u.indicators);
  const file = await exportTable(format, {
    title: t('reports.ind.title'),
    subtitle: t('reports.ind.range', { from: ruDate(report.from), to: ruDate(report.to) }),
    columns: [
      { title: t('reports.export.unit'), width: 110 },
      { title: t('reports.ind.row'), width: 28 },
      { title: t('reports.ind.name'), width: 230 },
      { title: t('reports.export.onTime'), width: 60 },
      { title: t('reports.export.total'), width: 50 },
      { title: t('reports.export.percent'), width: 45 },
      { title: t('reports.ind.target'), width: 90 },
      { title: t('reports.ind.met'), width: 60 },
    ],
    rows,
    pageLabel: (page) => t('reports.export.page', { page }),
  });
  await recordAudit(deps.db, actor, deps.clock.now(), {
    schoolId,
    action: AuditAction.export,
    entity: 'report',
    details: { report: 'indicators', format, from: report.from, to: report.to },
  });
  return { file, fileName: `indicators-${report.today}.${format}` };
}

/** What is late now, by teacher and journal, as one file (R9.3). */
export async function exportMonitoring(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  format: ExportFormat,
): Promise<{ file: ExportFile; fileName: string }> {
  const report = await monitoring(deps, actor, schoolId);
  const t = (key: Parameters<typeof translate>[1], p = {}) => translate(actor.locale, key, p);
  const rows: Cell[][] = report.teachers.flatMap((teacher) =>
    teacher.items.map((i) => [
      teacher.teacherName,
      `${i.subjectName}, ${i.ownerName}`,
      i.lessonsWithoutTopic.length,
      i.lessonsWithoutTopic.map(ruDate).join(', '),
      i.lateGrades,
      i.lateAbsences,
      i.missingPeriodGrades,
    ]),
  );
  const file = await exportTable(format, {
    title: t('reports.late.title'),
    subtitle: t('reports.asOf', { date: ruDate(report.today) }),
    columns: [
      { title: t('reports.late.teacher'), width: 110 },
      { title: t('reports.late.journal'), width: 130 },
      { title: t('reports.late.noTopic'), width: 60 },
      { title: t('reports.export.dates'), width: 170 },
      { title: t('reports.late.grades'), width: 60 },
      { title: t('reports.late.absences'), width: 60 },
      { title: t('reports.late.periodGrades'), width: 60 },
    ],
    rows,
    pageLabel: (page) => t('reports.export.page', { page }),
  });
  await recordAudit(deps.db, actor, deps.clock.now(), {
    schoolId,
    action: AuditAction.export,
    entity: 'report',
    details: { report: 'monitoring', format },
  });
  return { file, fileName: `late-${report.today}.${format}` };
}
