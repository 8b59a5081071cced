import ExcelJS from 'exceljs';
import { translate } from '../../../contract/i18n/index.js';
import { Permission } from '../../../contract/permissions.js';
import type { Actor } from '../../access/actor.js';
import { requireSchoolPermission } from '../../access/policy.js';

export type PlanTemplateFormat = 'csv' | 'xlsx';

/**
 * A blank thematic plan (КТП) to fill in: the header row in the caller's language, the columns
 * the import reads (R10.3). CSV is UTF-8 with a BOM so that Excel opens the Cyrillic correctly
 * (and saves it back as UTF-8 when asked for «CSV UTF-8»).
 */
export async function planTemplate(
  actor: Actor,
  schoolId: string,
  format: PlanTemplateFormat,
): Promise<{ fileName: string; contentType: string; data: Buffer }> {
  requireSchoolPermission(actor, schoolId, Permission.journalRead);
  const header = (['plan.template.ordinal', 'plan.template.topic', 'plan.template.hours', 'plan.template.homework'] as const).map((k) =>
    translate(actor.locale, k),
  );
  const base = actor.locale === 'en' ? 'thematic-plan' : 'ktp';
  if (format === 'csv') {
    return {
      fileName: `${base}.csv`,
      contentType: 'text/csv; charset=utf-8',
      data: Buffer.from(`\uFEFF${header.join(';')}\r\n`, 'utf8'),
    };
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(translate(actor.locale, 'plan.template.sheet'));
  sheet.columns = [{ width: 10 }, { width: 60 }, { width: 8 }, { width: 40 }];
  sheet.addRow(header).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return {
    fileName: `${base}.xlsx`,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    data: Buffer.from(await workbook.xlsx.writeBuffer()),
  };
}
