import { type ExpressionBuilder, sql } from 'kysely';
import type { MessageKey } from '../../contract/i18n/index.js';
import { Permission, roleHas } from '../../contract/permissions.js';
import { CLASS_TEACHER, type EffectiveRole, Role, STAFF_ROLES } from '../../contract/roles.js';
import type { Db } from '../db/connect.js';
import { prepare } from '../db/prepared.js';
import type { Database } from '../db/schema.js';
import { AppError, forbidden, notFound } from '../lib/errors.js';
import type { Actor } from './actor.js';

/**
 * The one access policy. Services ask it; routes never decide access themselves.
 * Rules: what you may not see answers "not found" (no enumeration); what you may see but not
 * change answers "forbidden".
 */

/** Roles the actor holds in a school, including operator rights over the operator's schools. */
export function rolesInSchool(actor: Actor, schoolId: string): Role[] {
  if (actor.kind === 'system') return [Role.schoolAdmin];
  const roles = actor.grants.filter((g) => g.schoolId === schoolId).map((g) => g.role);
  if (actor.operatorSchoolIds.includes(schoolId)) roles.push(Role.operator);
  return roles;
}

/** School ids in which the actor holds any role. */
export function visibleSchoolIds(actor: Actor): string[] {
  const ids = new Set<string>(actor.operatorSchoolIds);
  for (const g of actor.grants) if (g.schoolId) ids.add(g.schoolId);
  return [...ids];
}

export function hasPermission(actor: Actor, schoolId: string, permission: Permission): boolean {
  if (actor.kind === 'system') return true;
  return rolesInSchool(actor, schoolId).some((r) => roleHas(r, permission));
}

/** Throws 404 when the school is not the actor's, 403 when the actor's roles there lack the permission. */
export function requireSchoolPermission(actor: Actor, schoolId: string, permission: Permission): void {
  if (actor.kind === 'system') return;
  const roles = rolesInSchool(actor, schoolId);
  if (roles.length === 0) throw notFound();
  if (!roles.some((r) => roleHas(r, permission))) throw forbidden();
}

export function isOperatorOf(actor: Actor, schoolId: string): boolean {
  return actor.kind === 'system' || actor.operatorSchoolIds.includes(schoolId);
}

/** Operator grants (operator ids) the actor holds. */
export function operatorIdsOf(actor: Actor): string[] {
  return actor.grants.filter((g) => g.role === Role.operator && g.operatorId).map((g) => g.operatorId as string);
}

/**
 * Separation of duties over a school's accounts (decision 003, «Who grants what»). An operator is
 * support, not staff: in a school it grants and revokes `director` (the founder appoints the
 * director), resets a director's password, and creates the first administrator of a school that
 * has none; nothing else. A school admin grants and revokes every other staff role and manages the
 * other accounts, never `director` and never their own. Nobody changes their own roles.
 */
function accountDenied(messageKey: MessageKey): AppError {
  return new AppError(403, 'forbidden', messageKey);
}

export interface RoleChange {
  /** The account whose roles change; null for an account being created. */
  targetUserId: string | null;
  added: readonly Role[];
  removed: readonly Role[];
  /** Whether the school has a school_admin now (an operator may create only the first). */
  schoolHasAdmin: boolean;
}

/** Throws 404 outside the school, 403 unless the actor may make exactly this role change. */
export function requireRoleChange(actor: Actor, schoolId: string, change: RoleChange): void {
  requireSchoolPermission(actor, schoolId, Permission.accountManage);
  if (actor.kind === 'system') return;
  const touched = [...change.added, ...change.removed];
  if (touched.length === 0) return;
  if (change.targetUserId !== null && change.targetUserId === actor.userId) throw accountDenied('error.access.ownRoles');
  const roles = rolesInSchool(actor, schoolId);
  const operator = roles.includes(Role.operator);
  const admin = roles.includes(Role.schoolAdmin);
  for (const role of touched) {
    if (role === Role.director) {
      if (!operator) throw accountDenied('error.access.directorByOperator');
    } else if (role === Role.schoolAdmin && operator && !change.schoolHasAdmin && change.added.includes(role)) {
      // The first administrator of a school that has none.
    } else if (!admin) {
      throw accountDenied(operator ? 'error.access.operatorNotStaff' : 'error.forbidden');
    }
  }
}

/**
 * Who may create a staff member: person.manage (a school admin), with any account roles by
 * requireRoleChange; or an operator creating only the first administrator of a school with none.
 */
export function requireStaffCreate(actor: Actor, schoolId: string, accountRoles: readonly Role[] | null, schoolHasAdmin: boolean): void {
  if (actor.kind === 'system') return;
  const firstAdmin = accountRoles !== null && accountRoles.length === 1 && accountRoles[0] === Role.schoolAdmin && !schoolHasAdmin;
  if (firstAdmin && rolesInSchool(actor, schoolId).includes(Role.operator)) {
    requireRoleChange(actor, schoolId, { targetUserId: null, added: accountRoles, removed: [], schoolHasAdmin });
    return;
  }
  requireSchoolPermission(actor, schoolId, Permission.personManage);
  if (accountRoles !== null) requireRoleChange(actor, schoolId, { targetUserId: null, added: accountRoles, removed: [], schoolHasAdmin });
}

export interface AccountTarget {
  userId: string;
  /** The account's roles in this school. */
  rolesHere: readonly Role[];
  /** Whether the account holds any role outside this school. */
  rolesElsewhere: boolean;
}

/**
 * Password resets, disabling and re-enabling an account: never one's own; never an account also
 * used elsewhere; a director's account only by an operator (and not one that is also the school's
 * admin); every other account only by a school admin. 404 outside the school.
 */
export function requireAccountAction(actor: Actor, schoolId: string, target: AccountTarget): void {
  requireSchoolPermission(actor, schoolId, Permission.accountManage);
  if (actor.kind === 'system') return;
  if (target.userId === actor.userId) throw accountDenied('error.access.ownAccount');
  if (target.rolesElsewhere) throw accountDenied('error.people.accountElsewhere');
  const roles = rolesInSchool(actor, schoolId);
  if (target.rolesHere.includes(Role.director)) {
    if (!roles.includes(Role.operator) || target.rolesHere.includes(Role.schoolAdmin)) {
      throw accountDenied('error.access.directorByOperator');
    }
    return;
  }
  if (!roles.includes(Role.schoolAdmin)) throw accountDenied('error.access.operatorNotStaff');
}

/** Staff who see every student of the school (not only those they teach). */
const WHOLE_SCHOOL_READERS: readonly Role[] = [Role.operator, Role.schoolAdmin, Role.director, Role.deputy, Role.secretary];

export type StudentScope = { kind: 'all' } | { kind: 'some'; studentIds: string[] };

/**
 * Which students of a school the actor may see personal data of. Teachers see the students of the
 * classes and groups they teach this year and of the class they lead; parents their children;
 * students themselves. Computed as a set of ids so lists filter in SQL.
 */
export async function studentScope(db: Db, actor: Actor, schoolId: string, onDate: string): Promise<StudentScope> {
  if (actor.kind === 'system') return { kind: 'all' };
  const roles = rolesInSchool(actor, schoolId);
  if (roles.some((r) => WHOLE_SCHOOL_READERS.includes(r))) return { kind: 'all' };
  const ids = new Set<string>();
  const userId = actor.userId as string;
  if (roles.includes(Role.teacher)) {
    const viaClasses = await db
      .selectFrom('class_memberships as m')
      .select('m.student_id')
      .where('m.school_id', '=', schoolId)
      .where('m.starts_on', '<=', onDate)
      .where((eb) => eb.or([eb('m.ends_on', 'is', null), eb('m.ends_on', '>=', onDate)]))
      .where((eb) =>
        eb.or([
          eb(
            'm.class_id',
            'in',
            eb
              .selectFrom('curriculum as c')
              .innerJoin('staff as s', 's.id', 'c.teacher_id')
              .select('c.class_id')
              .where('s.user_id', '=', userId)
              .where('c.school_id', '=', schoolId)
              .where('c.class_id', 'is not', null)
              .$narrowType<{ class_id: string }>(),
          ),
          eb(
            'm.class_id',
            'in',
            eb
              .selectFrom('classes as k')
              .innerJoin('staff as s', 's.id', 'k.class_teacher_id')
              .select('k.id')
              .where('s.user_id', '=', userId)
              .where('k.school_id', '=', schoolId),
          ),
        ]),
      )
      .execute();
    for (const r of viaClasses) ids.add(r.student_id);
    const viaGroups = await db
      .selectFrom('group_memberships as m')
      .select('m.student_id')
      .where('m.school_id', '=', schoolId)
      .where('m.starts_on', '<=', onDate)
      .where((eb) => eb.or([eb('m.ends_on', 'is', null), eb('m.ends_on', '>=', onDate)]))
      .where(
        'm.group_id',
        'in',
        db
          .selectFrom('curriculum as c')
          .innerJoin('staff as s', 's.id', 'c.teacher_id')
          .select('c.group_id')
          .where('s.user_id', '=', userId)
          .where('c.school_id', '=', schoolId)
          .where('c.group_id', 'is not', null)
          .$narrowType<{ group_id: string }>(),
      )
      .execute();
    for (const r of viaGroups) ids.add(r.student_id);
  }
  if (roles.includes(Role.parent)) {
    for (const c of await childrenWithConsent.execute(db, { userId, schoolId, onDate })) ids.add(c.student_id);
  }
  if (roles.includes(Role.student)) {
    for (const s of await selvesWithConsent.execute(db, { userId, schoolId, onDate })) ids.add(s.id);
  }
  return { kind: 'some', studentIds: [...ids] };
}

/**
 * Consents in force (R6.2, R6.5): recorded, not withdrawn, not only for depersonalised data, and not
 * ended by the child leaving the school after signing (Приложение 2: «до выбытия ребёнка»).
 * The one definition of "valid consent": the diary, notifications and account activation all ask it.
 */
export function validConsents(db: Db, schoolId: string, onDate: string) {
  return db
    .selectFrom('service_consents as c')
    .select('c.id')
    .where('c.school_id', '=', schoolId)
    .where('c.withdrawn_at', 'is', null)
    .where('c.depersonalised_only', '=', 0)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('student_movements as mv')
            .select('mv.id')
            .whereRef('mv.student_id', '=', 'c.student_id')
            .where('mv.kind', '=', 'leave')
            .whereRef('mv.on_date', '>=', 'c.signed_on')
            .where('mv.on_date', '<=', onDate),
        ),
      ),
    );
}

type FamilyArgs = { userId: string; schoolId: string; onDate: string };

/** A parent's children in a school, each only with this parent's valid consent (R6.5, seed 002 §2.6, §2.8). */
function childrenWithConsentQuery(db: Db, a: FamilyArgs) {
  return db
    .selectFrom('student_parents as sp')
    .innerJoin('parents as p', 'p.id', 'sp.parent_id')
    .select('sp.student_id')
    .where('p.user_id', '=', a.userId)
    .where('sp.school_id', '=', a.schoolId)
    .where((eb) =>
      eb.exists(
        validConsents(db, a.schoolId, a.onDate)
          .where('c.student_id', '=', sql.ref<string>('sp.student_id'))
          .where('c.parent_id', '=', sql.ref<string>('sp.parent_id')),
      ),
    );
}

/** A student's own record, only while some valid consent covers them (R6.5). */
function selvesWithConsentQuery(db: Db, a: FamilyArgs) {
  return db
    .selectFrom('students as s')
    .select('s.id')
    .where('s.user_id', '=', a.userId)
    .where('s.school_id', '=', a.schoolId)
    .where((eb) => eb.exists(validConsents(db, a.schoolId, a.onDate).where('c.student_id', '=', sql.ref<string>('s.id'))));
}

const childrenWithConsent = prepare(childrenWithConsentQuery);
const selvesWithConsent = prepare(selvesWithConsentQuery);

/**
 * The family part of studentScope as one SQL condition on one student: the user is their parent
 * with a valid consent, or the student themself while a consent covers them. For the hottest read
 * (a cached diary week), which folds it into its single freshness query instead of asking
 * studentScope; it is the same rule, built from the same queries.
 */
export function familyMayRead(db: Db, eb: ExpressionBuilder<Database, never>, a: FamilyArgs & { studentId: string }) {
  return eb.or([
    eb.exists(childrenWithConsentQuery(db, a).where('sp.student_id', '=', a.studentId)),
    eb.exists(selvesWithConsentQuery(db, a).where('s.id', '=', a.studentId)),
  ]);
}

/** The reader kind of a diary (family or staff) by the actor's roles alone; null for neither. */
export function familyOrStaff(actor: Actor, schoolId: string, staffPermission: Permission): 'family' | 'staff' | null {
  if (actor.kind === 'system' || hasPermission(actor, schoolId, staffPermission)) return 'staff';
  const roles = rolesInSchool(actor, schoolId);
  return roles.includes(Role.parent) || roles.includes(Role.student) ? 'family' : null;
}

/** Whether a valid consent covers this student (and, when given, was signed by this parent). */
export async function hasValidConsent(
  db: Db,
  schoolId: string,
  studentId: string,
  parentId: string | null,
  onDate: string,
): Promise<boolean> {
  let q = validConsents(db, schoolId, onDate).where('c.student_id', '=', studentId);
  if (parentId) q = q.where('c.parent_id', '=', parentId);
  return (await q.executeTakeFirst()) !== undefined;
}

/**
 * Who may hand out a registration code for a student (seed 002 §3.2.5: the class teacher, or the
 * school admin when there is none): school admins everywhere, a class teacher only for the
 * students of the class they lead. 404 outside the school, 403 otherwise.
 */
export async function requireCodeIssuer(db: Db, actor: Actor, schoolId: string, studentId: string, onDate: string): Promise<void> {
  if (actor.kind === 'system') return;
  const roles = rolesInSchool(actor, schoolId);
  if (roles.length === 0) throw notFound();
  if (roles.some((r) => roleHas(r, Permission.codeIssue))) return;
  const led = await classTeacherClassIds(db, actor, schoolId);
  if (led.length > 0) {
    const member = await db
      .selectFrom('class_memberships')
      .select('id')
      .where('school_id', '=', schoolId)
      .where('student_id', '=', studentId)
      .where('class_id', 'in', led)
      .where('starts_on', '<=', onDate)
      .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', onDate)]))
      .executeTakeFirst();
    if (member) return;
  }
  throw forbidden();
}

/**
 * The students whose notices this account may set up (R8.1; seed 002 §3.2.5, §3.3: the parent sets
 * up SMS reception themself): a parent's children under this parent's valid consent, a student's
 * own record under a valid consent. Staff set up nobody's notices, not even with whole-school rights.
 */
export async function familyStudentIds(db: Db, actor: Actor, schoolId: string, onDate: string): Promise<string[]> {
  if (actor.kind === 'system' || !actor.userId) return [];
  const roles = rolesInSchool(actor, schoolId);
  const ids = new Set<string>();
  const args = { userId: actor.userId, schoolId, onDate };
  if (roles.includes(Role.parent)) for (const c of await childrenWithConsent.execute(db, args)) ids.add(c.student_id);
  if (roles.includes(Role.student)) for (const s of await selvesWithConsent.execute(db, args)) ids.add(s.id);
  return [...ids];
}

/** 404 outside the school or for another family's child, 403 for staff: notices are the family's own. */
export async function requireFamilyOf(db: Db, actor: Actor, schoolId: string, studentId: string, onDate: string): Promise<void> {
  const roles = rolesInSchool(actor, schoolId);
  if (actor.kind === 'system' || roles.length === 0) throw notFound();
  if (!roles.includes(Role.parent) && !roles.includes(Role.student)) throw forbidden();
  if (!(await familyStudentIds(db, actor, schoolId, onDate)).includes(studentId)) throw notFound();
}

/**
 * The family view of who read a family's data and the family's export (issue 12.13; 152-FZ art. 14:
 * the subject's right to know what is held and who had access): a parent of this school, for their
 * own account and their children under a valid consent (R6.5: without one no child's data is
 * shown). 404 outside the school, 403 for a member who is not a parent here. Returns the children.
 */
export async function requireParentFamily(db: Db, actor: Actor, schoolId: string, onDate: string): Promise<string[]> {
  const roles = rolesInSchool(actor, schoolId);
  if (actor.kind === 'system' || !actor.userId || roles.length === 0) throw notFound();
  if (!roles.includes(Role.parent)) throw forbidden();
  const children = await childrenWithConsent.execute(db, { userId: actor.userId, schoolId, onDate });
  return [...new Set(children.map((c) => c.student_id))];
}

/** Whether the account is a parent or a student anywhere (who may keep notification contacts). */
export function isFamilyAccount(actor: Actor): boolean {
  return actor.kind === 'user' && actor.grants.some((g) => g.role === Role.parent || g.role === Role.student);
}

/** Throws 404 unless the actor may see every one of these students. */
export async function requireStudentsVisible(
  db: Db,
  actor: Actor,
  schoolId: string,
  studentIds: readonly string[],
  onDate: string,
): Promise<void> {
  if (rolesInSchool(actor, schoolId).length === 0) throw notFound();
  const scope = await studentScope(db, actor, schoolId, onDate);
  if (scope.kind === 'all') return;
  const allowed = new Set(scope.studentIds);
  if (!studentIds.every((id) => allowed.has(id))) throw notFound();
}

/** Class ids the actor leads as class teacher in a school. */
export async function classTeacherClassIds(db: Db, actor: Actor, schoolId: string): Promise<string[]> {
  if (actor.kind === 'system' || !actor.userId) return [];
  const rows = await db
    .selectFrom('classes as k')
    .innerJoin('staff as s', 's.id', 'k.class_teacher_id')
    .select('k.id')
    .where('s.user_id', '=', actor.userId)
    .where('k.school_id', '=', schoolId)
    .execute();
  return rows.map((r) => r.id);
}

/** Effective roles for the UI: a teacher who leads a class is also shown as class teacher. */
export async function effectiveRoles(db: Db, actor: Actor, schoolId: string): Promise<EffectiveRole[]> {
  const roles: EffectiveRole[] = rolesInSchool(actor, schoolId);
  if (roles.includes(Role.teacher) && (await classTeacherClassIds(db, actor, schoolId)).length > 0) {
    roles.push(CLASS_TEACHER);
  }
  return roles;
}

export type ParentScope = { kind: 'all' } | { kind: 'some'; parentIds: string[] };

/**
 * Which parents of a school the actor may see. Whole-school staff see all; a teacher the parents
 * of the students they may see; a parent themself. Students see no parent records.
 */
export async function parentScope(db: Db, actor: Actor, schoolId: string, onDate: string): Promise<ParentScope> {
  if (actor.kind === 'system') return { kind: 'all' };
  const roles = rolesInSchool(actor, schoolId);
  if (roles.some((r) => WHOLE_SCHOOL_READERS.includes(r))) return { kind: 'all' };
  const ids = new Set<string>();
  if (roles.includes(Role.teacher)) {
    const students = await studentScope(db, actor, schoolId, onDate);
    if (students.kind === 'all') return { kind: 'all' };
    if (students.studentIds.length > 0) {
      const links = await db
        .selectFrom('student_parents')
        .select('parent_id')
        .where('school_id', '=', schoolId)
        .where('student_id', 'in', students.studentIds)
        .execute();
      for (const l of links) ids.add(l.parent_id);
    }
  }
  if (roles.includes(Role.parent) && actor.userId) {
    const selves = await db
      .selectFrom('parents')
      .select('id')
      .where('school_id', '=', schoolId)
      .where('user_id', '=', actor.userId)
      .execute();
    for (const p of selves) ids.add(p.id);
  }
  return { kind: 'some', parentIds: [...ids] };
}

/** Facts about one curriculum item the journal rules need (read by the caller's repository). */
export interface CurriculumFacts {
  id: string;
  schoolId: string;
  teacherId: string;
  /** The class of the item, or of its group (null for a cross-class group). */
  classId: string | null;
  /** The school's today (YYYY-MM-DD): a substitute reads the item only on a day they substitute in it. */
  today: string;
}

/** What the actor may do in the journal of one curriculum item. */
export interface JournalAccess {
  read: boolean;
  /** May write every lesson and the period grades of the item (its teacher, a school admin). */
  write: boolean;
  /** May change records of a closed period, with a written reason (R4.2). */
  overrideLock: boolean;
  /** The actor's staff id in the school, for substitute checks. */
  staffId: string | null;
}

const NO_JOURNAL_ACCESS: JournalAccess = { read: false, write: false, overrideLock: false, staffId: null };

/**
 * Journal rules (R3, R7.1): the teacher of the curriculum item and school admins write; the class
 * teacher reads every subject of their class; director and deputy read all; a substitute reads the
 * item on the days of their substitutions in it (the school's today is a substitution's date, or the
 * date it moved to: decision 008) and writes the lessons they substitute (see mayWriteLesson).
 * Everyone else sees nothing.
 */
export async function journalAccess(db: Db, actor: Actor, curriculum: CurriculumFacts): Promise<JournalAccess> {
  if (actor.kind === 'system') return { read: true, write: true, overrideLock: true, staffId: null };
  const roles = rolesInSchool(actor, curriculum.schoolId);
  if (roles.length === 0 || !actor.userId) return NO_JOURNAL_ACCESS;
  const staff = await db
    .selectFrom('staff')
    .select('id')
    .where('school_id', '=', curriculum.schoolId)
    .where('user_id', '=', actor.userId)
    .executeTakeFirst();
  const staffId = staff?.id ?? null;
  if (roles.includes(Role.schoolAdmin)) return { read: true, write: true, overrideLock: true, staffId };
  const isTeacher = roles.includes(Role.teacher) && staffId !== null;
  if (isTeacher && staffId === curriculum.teacherId) return { read: true, write: true, overrideLock: false, staffId };
  if (roles.includes(Role.director) || roles.includes(Role.deputy)) return { read: true, write: false, overrideLock: false, staffId };
  if (!isTeacher) return NO_JOURNAL_ACCESS;
  const [leads, substitutes] = await Promise.all([
    curriculum.classId
      ? db
          .selectFrom('classes')
          .select('id')
          .where('id', '=', curriculum.classId)
          .where('school_id', '=', curriculum.schoolId)
          .where('class_teacher_id', '=', staffId)
          .executeTakeFirst()
      : Promise.resolve(undefined),
    db
      .selectFrom('timetable_changes')
      .select('id')
      .where('school_id', '=', curriculum.schoolId)
      .where('curriculum_id', '=', curriculum.id)
      .where('substitute_teacher_id', '=', staffId)
      .where((eb) =>
        eb.or([eb.and([eb('date', '=', curriculum.today), eb('moved_to_date', 'is', null)]), eb('moved_to_date', '=', curriculum.today)]),
      )
      .limit(1)
      .executeTakeFirst(),
  ]);
  if (leads || substitutes) return { read: true, write: false, overrideLock: false, staffId };
  return NO_JOURNAL_ACCESS;
}

/** Throws 404 unless the actor may read the item's journal. */
export async function requireJournalRead(db: Db, actor: Actor, curriculum: CurriculumFacts): Promise<JournalAccess> {
  const access = await journalAccess(db, actor, curriculum);
  if (!access.read) throw notFound();
  return access;
}

/** Throws 404 when the item's journal is not visible, 403 when visible but not writable. */
export async function requireJournalWrite(db: Db, actor: Actor, curriculum: CurriculumFacts): Promise<JournalAccess> {
  const access = await requireJournalRead(db, actor, curriculum);
  if (!access.write) throw forbidden();
  return access;
}

/**
 * Whether the actor may write one lesson: anyone who writes the item, or the substitute teacher
 * named for exactly this lesson by a timetable change.
 */
export async function mayWriteLesson(
  db: Db,
  access: JournalAccess,
  curriculum: CurriculumFacts,
  date: string,
  lessonNumber: number,
): Promise<boolean> {
  if (access.write) return true;
  if (!access.read || !access.staffId) return false;
  const change = await db
    .selectFrom('timetable_changes')
    .select('id')
    .where('curriculum_id', '=', curriculum.id)
    .where('school_id', '=', curriculum.schoolId)
    .where('substitute_teacher_id', '=', access.staffId)
    .where((eb) =>
      eb.or([
        eb.and([eb('date', '=', date), eb('lesson_number', '=', lessonNumber), eb('moved_to_date', 'is', null)]),
        eb.and([eb('moved_to_date', '=', date), eb('moved_to_lesson_number', '=', lessonNumber)]),
      ]),
    )
    .executeTakeFirst();
  return change !== undefined;
}

// ---------------------------------------------------------------- consent fields (issue 12.10)

/**
 * The Приложение 2 fields of the child's column that valid consents allow for a student (R6.2,
 * R6.5; decision 013): the union over every valid consent covering the student — each legal
 * representative consents for the child, and so does an adult student for themself. Without one,
 * none: only the school's own record (name, birth date, sex, file number, form of study) is held.
 */
export async function consentedChildFields(db: Db, schoolId: string, studentId: string, onDate: string): Promise<Set<string>> {
  const rows = await validConsents(db, schoolId, onDate).select('c.child_fields').where('c.student_id', '=', studentId).execute();
  return new Set(rows.flatMap((r) => JSON.parse(r.child_fields) as string[]));
}

/** The fields of the parent's column that this parent's own valid consents allow (decision 013). */
export async function consentedParentFields(db: Db, schoolId: string, parentId: string, onDate: string): Promise<Set<string>> {
  const rows = await validConsents(db, schoolId, onDate).select('c.parent_fields').where('c.parent_id', '=', parentId).execute();
  return new Set(rows.flatMap((r) => JSON.parse(r.parent_fields) as string[]));
}

// ---------------------------------------------------------------- school security settings (issue 12.3)

/**
 * Who sets a school's second-factor rule (decision 013): its school admin or its director — the
 * people answerable for the school's accounts. Outside the school 404, other members 403.
 */
export function requireSecuritySettingsChange(actor: Actor, schoolId: string): void {
  if (actor.kind === 'system') return;
  const roles = rolesInSchool(actor, schoolId);
  if (roles.length === 0) throw notFound();
  if (!roles.includes(Role.schoolAdmin) && !roles.includes(Role.director)) throw forbidden();
}

/** Who reads it: the school's staff and its operator (a family has nothing to do with it). */
export function requireSecuritySettingsRead(actor: Actor, schoolId: string): void {
  if (actor.kind === 'system') return;
  const roles = rolesInSchool(actor, schoolId);
  if (roles.length === 0) throw notFound();
  if (!roles.some((r) => r === Role.operator || STAFF_ROLES.includes(r))) throw forbidden();
}

/** Whether the actor holds a staff role (or the operator's) in the school: whose over-budget reads alert the director. */
export function isStaffIn(actor: Actor, schoolId: string): boolean {
  return rolesInSchool(actor, schoolId).some((r) => r === Role.operator || STAFF_ROLES.includes(r));
}

/**
 * Backups and the restore drill are the installation's, not a school's (issue 16, decision 016):
 * an account with an operator grant runs the installation and sees them; a school's staff do not.
 */
export function requireInstallationOperator(actor: Actor): void {
  if (actor.kind === 'system') return;
  if (!actor.grants.some((g) => g.role === Role.operator)) throw forbidden();
}
