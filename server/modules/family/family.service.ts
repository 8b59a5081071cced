import type { Locale } from '../../../contract/i18n/index.js';
import type { FamilyAccessItem } from '../../../contract/schemas/family.js';
import type { Actor } from '../../access/actor.js';
import { requireParentFamily } from '../../access/policy.js';
import type { Deps } from '../../lib/deps.js';
import { AuditAction, recordAudit } from '../audit/audit.service.js';
import { familyAccessLog, familySignIns } from '../audit/family-access.service.js';
import { familyAccountData } from '../auth/family-data.service.js';
import { familyJournalData } from '../journal/family-data.service.js';
import { familyPeopleData } from '../people/family-data.service.js';
import { getSchool, schoolToday } from '../school/school.service.js';
import { familyServiceData } from '../service/family-data.service.js';
import { familyExportPdf } from './family.pdf.js';

/** «Кто смотрел данные»: the staff reads of the parent's children (issue 12.13). */
export async function whoViewedFamilyData(deps: Deps, actor: Actor, schoolId: string): Promise<FamilyAccessItem[]> {
  return familyAccessLog(deps, actor, schoolId);
}

/** Everything held about a family in one school (152-FZ art. 14), as one object: the JSON export and the PDF's source. */
export interface FamilyExport {
  format: 'otmetka-family-export-1';
  exportedAt: string;
  school: { id: string; name: string };
  account: Awaited<ReturnType<typeof familyAccountData>>;
  people: Awaited<ReturnType<typeof familyPeopleData>>;
  service: Awaited<ReturnType<typeof familyServiceData>>;
  journal: Awaited<ReturnType<typeof familyJournalData>>;
  accessLog: FamilyAccessItem[];
  signIns: Awaited<ReturnType<typeof familySignIns>>;
}

/**
 * The family's export (issue 12.13): the parent's account and records, the children's cards,
 * classes and movements, the applications and consents, every grade and attendance mark, who read
 * the children's data and the account's sign-ins. Each module gives its own part through its
 * service, each asking the policy; the export itself is audited.
 */
export async function exportFamilyData(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  format: 'json' | 'pdf',
): Promise<{ fileName: string; contentType: string; data: Buffer }> {
  const today = await schoolToday(deps, schoolId);
  await requireParentFamily(deps.db, actor, schoolId, today);
  const school = await getSchool(deps, actor, schoolId);
  const data: FamilyExport = {
    format: 'otmetka-family-export-1',
    exportedAt: deps.clock.now().toISOString(),
    school: { id: school.id, name: school.name },
    account: await familyAccountData(deps, actor, schoolId),
    people: await familyPeopleData(deps, actor, schoolId),
    service: await familyServiceData(deps, actor, schoolId),
    journal: await familyJournalData(deps, actor, schoolId),
    accessLog: await familyAccessLog(deps, actor, schoolId),
    signIns: await familySignIns(deps, actor, schoolId),
  };
  await recordAudit(deps.db, actor, deps.clock.now(), {
    schoolId,
    action: AuditAction.export,
    entity: 'family',
    entityId: actor.userId,
    details: { format, children: data.people.children.length },
  });
  // The file's name carries the date only: no names in a download's name or a URL.
  const name = `otmetka-family-${today}`;
  if (format === 'json') {
    return { fileName: `${name}.json`, contentType: 'application/json; charset=utf-8', data: Buffer.from(JSON.stringify(data, null, 2)) };
  }
  return { fileName: `${name}.pdf`, contentType: 'application/pdf', data: await familyExportPdf(actor.locale as Locale, data) };
}
