import { createHash, randomBytes } from 'node:crypto';
import type { CodeKind } from '../../../contract/schemas/service.js';
import type { Actor } from '../../access/actor.js';
import { requireCodeIssuer, validConsents } from '../../access/policy.js';
import type { Db } from '../../db/connect.js';
import type { Deps } from '../../lib/deps.js';
import { AppError, conflict, invalid, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { AuditAction, recordAudit } from '../audit/audit.service.js';
import { createAccount, grantRole } from '../auth/accounts.service.js';
import { checkNotLocked, countFailure, createSession, type LoginResult } from '../auth/auth.service.js';
import { ChangeKind, recordChange } from '../changes/changes.service.js';
import {
  bindParentAccount,
  bindStudentAccount,
  createParentForAccount,
  ensureParentLink,
  parentRecordOfAccount,
} from '../people/account-links.service.js';
import { fullName, schoolToday } from './service.common.js';
import { presentCodeRecord } from './service.presenter.js';
import * as repo from './service.repository.js';

const CODE_ENTITY = 'access_code';
/** 32 symbols without the look-alikes 0/O and 1/I: 5 bits each, 12 symbols = 60 bits of entropy. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 12;
const CODE_VALID_DAYS = 30;
/** Failed code attempts from one address before it is locked for a while (like login, R7.2). */
const CODE_ADDRESS_MAX_FAILURES = 10;

/** A new random code, shown once: `K7QM-2PXD-9TBA`. */
export function generateCode(): string {
  const bytes = randomBytes(CODE_LENGTH);
  let raw = '';
  for (const b of bytes) raw += ALPHABET[b & 31];
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}`;
}

/** What people type: any case, with or without dashes and spaces. */
export function normaliseCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

/** Only this hash is stored; the code itself exists on the slip alone. */
export function hashCode(code: string): string {
  return createHash('sha256')
    .update(`otmetka-registration-code:${normaliseCode(code)}`)
    .digest('base64url');
}

export interface IssuedCode {
  id: string;
  kind: CodeKind;
  code: string;
  studentName: string;
  issuedAt: string;
  expiresAt: string;
  systemAddress: string;
}

async function orderedApplication(db: Db, schoolId: string, studentId: string) {
  return db
    .selectFrom('service_applications')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('student_id', '=', studentId)
    .where('status', 'in', ['ordered', 'issued'])
    .orderBy('registered_at', 'desc')
    .executeTakeFirst();
}

/**
 * Issues a one-time registration code (seed 000 §3.2; seed 002 §3.2.5) for the parent who applied
 * (after the director's order) or for the student, against signature on the printed slip. A reissue
 * revokes the earlier unused code of the same kind. Needs a valid consent (R6.5).
 */
export async function issueCode(deps: Deps, actor: Actor, schoolId: string, studentId: string, kind: CodeKind): Promise<IssuedCode> {
  const today = await schoolToday(deps, schoolId);
  await requireCodeIssuer(deps.db, actor, schoolId, studentId, today);
  const student = await repo.studentInSchool(deps.db, schoolId, studentId);
  if (!student) throw notFound();
  let applicationId: string | null = null;
  if (kind === 'parent') {
    const application = await orderedApplication(deps.db, schoolId, studentId);
    if (!application) throw invalid('error.service.noOrderYet');
    const consent = await validConsents(deps.db, schoolId, today).where('c.application_id', '=', application.id).executeTakeFirst();
    if (!consent) throw invalid('error.service.noValidConsent');
    applicationId = application.id;
  } else {
    const consent = await validConsents(deps.db, schoolId, today).where('c.student_id', '=', studentId).executeTakeFirst();
    if (!consent) throw invalid('error.service.noValidConsent');
  }
  const now = deps.clock.now();
  const code = generateCode();
  const id = newId();
  const expiresAt = new Date(now.getTime() + CODE_VALID_DAYS * 86_400_000).toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('access_codes')
      .set({ revoked_at: now.toISOString() })
      .where('school_id', '=', schoolId)
      .where('student_id', '=', studentId)
      .where('kind', '=', kind)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .execute();
    await trx
      .insertInto('access_codes')
      .values({
        id,
        school_id: schoolId,
        kind,
        student_id: studentId,
        application_id: applicationId,
        code_hash: hashCode(code),
        issued_by: actor.userId ?? 'system',
        issued_at: now.toISOString(),
        expires_at: expiresAt,
        used_at: null,
        used_by: null,
        revoked_at: null,
      })
      .execute();
    if (applicationId) {
      // The first issue completes the procedure of §3.2.5 (access within 5 days of the order).
      await trx
        .updateTable('service_applications')
        .set({ status: 'issued', access_issued_on: today, updated_at: now.toISOString() })
        .where('school_id', '=', schoolId)
        .where('id', '=', applicationId)
        .where('status', '=', 'ordered')
        .execute();
    }
    await recordChange(trx, {
      kind: ChangeKind.accessCode,
      action: 'create',
      schoolId,
      entityId: id,
      actorId: actor.userId,
      at: now.toISOString(),
    });
    await recordAudit(trx, actor, now, { schoolId, action: AuditAction.create, entity: CODE_ENTITY, entityId: id, details: { kind } });
  });
  return {
    id,
    kind,
    code,
    studentName: fullName(student.surname, student.name, student.patronymic),
    issuedAt: now.toISOString(),
    expiresAt,
    systemAddress: deps.config.publicUrl,
  };
}

/** Who was given which code for a student and when (never the codes themselves). */
export async function listStudentCodes(deps: Deps, actor: Actor, schoolId: string, studentId: string) {
  const today = await schoolToday(deps, schoolId);
  await requireCodeIssuer(deps.db, actor, schoolId, studentId, today);
  if (!(await repo.studentInSchool(deps.db, schoolId, studentId))) throw notFound();
  return (await repo.codesOfStudent(deps.db, schoolId, studentId)).map(presentCodeRecord);
}

export interface SlipData {
  kind: CodeKind;
  code: string;
  studentName: string;
  schoolName: string;
  issuedAt: string;
  expiresAt: string;
  issuedByName: string;
  systemAddress: string;
}

/** Data for reprinting a slip: the issuer proves the code by typing it (only a hash is stored). */
export async function slipData(deps: Deps, actor: Actor, schoolId: string, codeId: string, code: string): Promise<SlipData> {
  const row = await repo.findCode(deps.db, schoolId, codeId);
  if (!row) throw notFound();
  const today = await schoolToday(deps, schoolId);
  await requireCodeIssuer(deps.db, actor, schoolId, row.student_id, today);
  if (row.code_hash !== hashCode(code) || row.used_at || row.revoked_at) throw invalidCode();
  const student = await repo.studentInSchool(deps.db, schoolId, row.student_id);
  const school = await deps.db.selectFrom('schools').select('name').where('id', '=', schoolId).executeTakeFirst();
  const issuer = await deps.db.selectFrom('users').select('display_name').where('id', '=', row.issued_by).executeTakeFirst();
  await recordAudit(deps.db, actor, deps.clock.now(), { schoolId, action: AuditAction.export, entity: CODE_ENTITY, entityId: row.id });
  return {
    kind: row.kind as CodeKind,
    code: formatCode(code),
    studentName: student ? fullName(student.surname, student.name, student.patronymic) : '',
    schoolName: school?.name ?? '',
    issuedAt: row.issued_at,
    expiresAt: row.expires_at,
    issuedByName: issuer?.display_name ?? '',
    systemAddress: deps.config.publicUrl,
  };
}

function formatCode(code: string): string {
  const n = normaliseCode(code);
  return `${n.slice(0, 4)}-${n.slice(4, 8)}-${n.slice(8, 12)}`;
}

/** One message for a mistyped, used, revoked, expired or foreign code: nothing to learn from it. */
function invalidCode(): AppError {
  return new AppError(400, 'invalid_code', 'error.service.invalidCode');
}

export interface RedeemInput {
  code: string;
  schoolId?: string;
  login?: string;
  password?: string;
  displayName?: string;
}

export interface RedeemResult {
  schoolId: string;
  studentId: string;
  studentName: string;
  role: CodeKind;
  /** A new session for someone who was not signed in. */
  session: LoginResult | null;
}

function anonymous(ip: string): Actor {
  return { kind: 'user', userId: null, ip, locale: 'ru', grants: [], operatorSchoolIds: [] };
}

/**
 * Redeems a code: a new user sets their own login and password, a signed-in parent adds another
 * child to the same account. The code links exactly its child. Failures are throttled per address
 * and audited, all with the same answer.
 */
export async function redeemCode(deps: Deps, actor: Actor | null, ip: string, input: RedeemInput): Promise<RedeemResult> {
  if (actor?.userId) {
    if (input.login !== undefined || input.password !== undefined)
      throw new AppError(400, 'validation', 'error.service.accountFieldsNotAllowed');
  } else if (!input.login || !input.password) {
    throw new AppError(400, 'validation', 'error.service.accountFieldsRequired');
  }
  const now = deps.clock.now();
  const throttleKey = `code-ip:${ip}`;
  try {
    await checkNotLocked(deps.db, throttleKey, now);
  } catch (e) {
    if (e instanceof AppError && e.status === 429)
      throw new AppError(429, 'too_many_attempts', 'error.service.tooManyCodeAttempts', e.params);
    throw e;
  }
  const normalised = normaliseCode(input.code);
  const row = normalised.length === CODE_LENGTH ? await repo.findCodeByHash(deps.db, hashCode(normalised)) : undefined;
  const reason = !row
    ? 'unknown'
    : row.used_at
      ? 'used'
      : row.revoked_at
        ? 'revoked'
        : Date.parse(row.expires_at) <= now.getTime()
          ? 'expired'
          : input.schoolId && input.schoolId !== row.school_id
            ? 'other_school'
            : null;
  const auditActor = actor ?? anonymous(ip);
  if (reason !== null || !row) {
    await countFailure(deps.db, throttleKey, CODE_ADDRESS_MAX_FAILURES, now);
    await recordAudit(deps.db, auditActor, now, {
      schoolId: row && reason !== 'other_school' ? row.school_id : null,
      action: AuditAction.loginFailed,
      entity: CODE_ENTITY,
      entityId: row && reason !== 'other_school' ? row.id : null,
      details: { reason },
    });
    throw invalidCode();
  }
  const schoolId = row.school_id;
  const today = await schoolToday(deps, schoolId);
  const kind = row.kind as CodeKind;
  const student = await repo.studentInSchool(deps.db, schoolId, row.student_id);
  if (!student) throw invalidCode();
  // R6.5: no account activation for a child without a valid consent.
  let consentQuery = validConsents(deps.db, schoolId, today);
  consentQuery = row.application_id
    ? consentQuery.where('c.application_id', '=', row.application_id)
    : consentQuery.where('c.student_id', '=', row.student_id);
  if (!(await consentQuery.executeTakeFirst())) throw invalid('error.service.noValidConsent');
  const application = row.application_id ? await repo.findApplication(deps.db, schoolId, row.application_id) : undefined;

  let newUserId: string | null = null;
  await deps.db.transaction().execute(async (trx) => {
    const used = await trx
      .updateTable('access_codes')
      .set({ used_at: now.toISOString() })
      .where('id', '=', row.id)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) throw invalidCode();
    let userId = actor?.userId ?? null;
    if (!userId) {
      const displayName =
        input.displayName?.trim() ||
        (kind === 'parent' && application
          ? fullName(application.parent_surname, application.parent_name, application.parent_patronymic)
          : fullName(student.surname, student.name, student.patronymic));
      userId = await createAccount(trx, now, { login: input.login as string, password: input.password as string, displayName });
      newUserId = userId;
    }
    if (kind === 'parent') {
      await linkParentAccount(trx, now, schoolId, row.student_id, userId, application);
      await grantRole(trx, now, { userId, role: 'parent', schoolId });
    } else {
      const binding = await bindStudentAccount(trx, schoolId, row.student_id, userId);
      if (binding === 'taken') throw conflict('error.service.accountExists');
      if (binding === 'missing') throw invalidCode();
      await grantRole(trx, now, { userId, role: 'student', schoolId });
    }
    await trx.updateTable('access_codes').set({ used_by: userId }).where('id', '=', row.id).execute();
    await recordChange(trx, {
      kind: ChangeKind.accessCode,
      action: 'update',
      schoolId,
      entityId: row.id,
      actorId: userId,
      at: now.toISOString(),
      students: [row.student_id],
    });
    await recordAudit(trx, { ...auditActor, userId }, now, {
      schoolId,
      action: AuditAction.update,
      entity: CODE_ENTITY,
      entityId: row.id,
      details: { redeemed: true, kind, newAccount: !actor?.userId },
    });
  });
  const session = newUserId ? await createSession(deps, newUserId, ip) : null;
  return {
    schoolId,
    studentId: row.student_id,
    studentName: fullName(student.surname, student.name, student.patronymic),
    role: kind,
    session,
  };
}

/**
 * Binds the account to the parent record of the application (creating the record from Приложение 1
 * if the school has none yet) and that record to exactly this child, through the people module in
 * the redemption's transaction.
 */
async function linkParentAccount(
  db: Db,
  now: Date,
  schoolId: string,
  studentId: string,
  userId: string,
  application: repo.ApplicationRow | undefined,
): Promise<void> {
  let parentId = application?.parent_id ?? null;
  if (parentId) {
    const binding = await bindParentAccount(db, schoolId, parentId, userId);
    if (binding === 'taken') throw conflict('error.service.parentHasAccount');
    if (binding === 'missing') throw invalidCode();
  } else {
    parentId = await parentRecordOfAccount(db, schoolId, userId);
    if (!parentId && application) {
      parentId = await createParentForAccount(db, now, schoolId, userId, {
        surname: application.parent_surname,
        name: application.parent_name,
        patronymic: application.parent_patronymic,
      });
    }
    if (!parentId) throw conflict('error.service.noValidConsent');
  }
  await ensureParentLink(db, schoolId, studentId, parentId);
  if (application) {
    await db
      .updateTable('service_applications')
      .set({ parent_id: parentId, updated_at: now.toISOString() })
      .where('id', '=', application.id)
      .execute();
    // The consent now names the parent record, so the policy lets this parent see this child.
    await db
      .updateTable('service_consents')
      .set({ parent_id: parentId, student_id: studentId })
      .where('school_id', '=', schoolId)
      .where('application_id', '=', application.id)
      .execute();
  }
}
