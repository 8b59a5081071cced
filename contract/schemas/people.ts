import { type Static, type TSchema, Type } from '@sinclair/typebox';
import {
  ENROLMENT_LIMITS,
  MOVEMENT_LIMITS,
  PARENT_LIMITS,
  PERSON_NAME_LIMITS,
  SEARCH_QUERY_MAX,
  STAFF_ACCOUNT_LIMITS,
  STAFF_LIMITS,
  STUDENT_LIMITS,
} from '../limits.js';
import { Id, IsoDate, Nullable, RequiredText, ShortText } from './common.js';

/**
 * People: students, parents, kinship, staff and student movement (R1.4, R1.5).
 * Personal-data fields are exactly those of the consent form (seed 002, Приложение 2); the
 * labels are in contract/i18n/messages/people.ts (`people.student.<field>`, `people.parent.<field>`).
 */

/** A closed list of strings as a JSON-schema `enum`, so a wrong value reads "allowed values: …". */
const StringEnum = <T extends string>(values: readonly T[]) => Type.Unsafe<T>({ type: 'string', enum: [...values] });

export const SEXES = ['m', 'f'] as const;
export type Sex = (typeof SEXES)[number];
/** Форма обучения: очная, очно-заочная, заочная, семейная, надомная. */
export const STUDY_FORMS = ['full_time', 'part_time', 'extramural', 'family', 'home'] as const;
export type StudyForm = (typeof STUDY_FORMS)[number];
/** Степень родства: мать, отец, опекун, попечитель, бабушка, дедушка, другое. */
export const KINSHIPS = ['mother', 'father', 'guardian', 'custodian', 'grandmother', 'grandfather', 'other'] as const;
export type Kinship = (typeof KINSHIPS)[number];
/** Движение обучающихся: зачисление, перевод, выбытие, включение в группу, исключение из группы. */
export const MOVEMENT_KINDS = ['enrol', 'transfer', 'leave', 'group_join', 'group_leave'] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];
/** School roles a staff member may hold (set with PUT …/staff/:id/roles). */
export const STAFF_ROLE_VALUES = ['school_admin', 'director', 'deputy', 'secretary', 'teacher'] as const;
export type StaffRoleValue = (typeof STAFF_ROLE_VALUES)[number];

export const SexSchema = StringEnum(SEXES);
export const StudyFormSchema = StringEnum(STUDY_FORMS);
export const KinshipSchema = StringEnum(KINSHIPS);
export const MovementKindSchema = StringEnum(MOVEMENT_KINDS);
export const StaffRoleSchema = StringEnum(STAFF_ROLE_VALUES);

const Name = RequiredText(PERSON_NAME_LIMITS.surname);
const Patronymic = Type.Optional(ShortText(PERSON_NAME_LIMITS.patronymic));
const Phone = ShortText(STUDENT_LIMITS.homePhone);
const Email = Type.String({ maxLength: STUDENT_LIMITS.email, format: 'email' });
const Address = ShortText(STUDENT_LIMITS.residenceAddress);
const OrderNumber = RequiredText(MOVEMENT_LIMITS.orderNumber);
const opt = <T extends TSchema>(schema: T) => Type.Optional(Nullable(schema));
const closed = { additionalProperties: false } as const;

// ---------------------------------------------------------------- common pieces

export const PersonName = Type.Object({ surname: Type.String(), name: Type.String(), patronymic: Type.String() });

export const ListPaging = {
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
  offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
};

/** ?onDate= for rosters: the school's today when left out. */
export const OnDateQuery = Type.Object({ onDate: Type.Optional(IsoDate) }, closed);

export const ClassRef = Type.Object({ id: Type.String(), name: Type.String() });

// ---------------------------------------------------------------- students

/** Initial enrolment done in the same transaction as creating the student. */
export const EnrolmentInput = Type.Object(
  { classId: Id, onDate: IsoDate, orderNumber: OrderNumber, orderDate: IsoDate, reason: Type.Optional(ShortText(ENROLMENT_LIMITS.reason)) },
  closed,
);

const studentFields = {
  fileNumber: RequiredText(STUDENT_LIMITS.fileNumber),
  surname: Name,
  name: Name,
  patronymic: Patronymic,
  birthDate: IsoDate,
  sex: SexSchema,
  residenceAddress: opt(Address),
  registrationAddress: opt(Address),
  homePhone: opt(Phone),
  mobilePhone: opt(Phone),
  birthCertificate: opt(ShortText(STUDENT_LIMITS.birthCertificate)),
  hasHomePc: opt(Type.Boolean()),
  email: opt(Email),
  foreignLanguage: opt(ShortText(STUDENT_LIMITS.foreignLanguage)),
  additionalEducation: opt(ShortText(STUDENT_LIMITS.additionalEducation)),
  studyForm: Type.Optional(StudyFormSchema),
  studyProgram: opt(ShortText(STUDENT_LIMITS.studyProgram)),
};

export const StudentCreate = Type.Object({ ...studentFields, enrolment: Type.Optional(EnrolmentInput) }, closed);
export type StudentCreate = Static<typeof StudentCreate>;

export const StudentUpdate = Type.Partial(Type.Object(studentFields, closed), closed);
export type StudentUpdate = Static<typeof StudentUpdate>;

export const StudentListQuery = Type.Object(
  {
    classId: Type.Optional(Id),
    groupId: Type.Optional(Id),
    q: Type.Optional(ShortText(SEARCH_QUERY_MAX)),
    onDate: Type.Optional(IsoDate),
    ...ListPaging,
  },
  closed,
);
export type StudentListQuery = Static<typeof StudentListQuery>;

/** A row of the student list: name, file number, class on the date — no contact data. */
export const StudentListItem = Type.Object({
  id: Type.String(),
  fileNumber: Type.String(),
  surname: Type.String(),
  name: Type.String(),
  patronymic: Type.String(),
  class: Nullable(ClassRef),
});
export type StudentListItem = Static<typeof StudentListItem>;

export const StudentList = Type.Object({ items: Type.Array(StudentListItem), total: Type.Integer() });

export const StudentParentLink = Type.Object({
  parentId: Type.String(),
  surname: Type.String(),
  name: Type.String(),
  patronymic: Type.String(),
  kinship: KinshipSchema,
});

/** The full record (audited as a read). */
export const Student = Type.Object({
  id: Type.String(),
  schoolId: Type.String(),
  fileNumber: Type.String(),
  surname: Type.String(),
  name: Type.String(),
  patronymic: Type.String(),
  birthDate: Type.String(),
  sex: SexSchema,
  residenceAddress: Nullable(Type.String()),
  registrationAddress: Nullable(Type.String()),
  homePhone: Nullable(Type.String()),
  mobilePhone: Nullable(Type.String()),
  birthCertificate: Nullable(Type.String()),
  hasHomePc: Nullable(Type.Boolean()),
  email: Nullable(Type.String()),
  foreignLanguage: Nullable(Type.String()),
  additionalEducation: Nullable(Type.String()),
  studyForm: StudyFormSchema,
  studyProgram: Nullable(Type.String()),
  hasAccount: Type.Boolean(),
  /** Class today (school time zone). */
  class: Nullable(ClassRef),
  parents: Type.Array(StudentParentLink),
  /** Optional fields no valid consent allows (Приложение 2): neither stored nor shown (decision 013). */
  withheld: Type.Array(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type Student = Static<typeof Student>;

// ---------------------------------------------------------------- parents

const parentFields = {
  surname: Name,
  name: Name,
  patronymic: Patronymic,
  sex: opt(SexSchema),
  birthDate: opt(IsoDate),
  residenceAddress: opt(Address),
  homePhone: opt(Phone),
  mobilePhone: opt(Phone),
  workplace: opt(ShortText(PARENT_LIMITS.workplace)),
  position: opt(ShortText(PARENT_LIMITS.position)),
  workPhone: opt(Phone),
  email: opt(Email),
  schoolHelp: opt(ShortText(PARENT_LIMITS.schoolHelp)),
  extraContact: opt(ShortText(PARENT_LIMITS.extraContact)),
};

export const ParentCreate = Type.Object(parentFields, closed);
export type ParentCreate = Static<typeof ParentCreate>;
export const ParentUpdate = Type.Partial(Type.Object(parentFields, closed), closed);
export type ParentUpdate = Static<typeof ParentUpdate>;

export const ParentListQuery = Type.Object(
  { q: Type.Optional(ShortText(SEARCH_QUERY_MAX)), studentId: Type.Optional(Id), ...ListPaging },
  closed,
);
export type ParentListQuery = Static<typeof ParentListQuery>;

export const ParentListItem = Type.Object({
  id: Type.String(),
  surname: Type.String(),
  name: Type.String(),
  patronymic: Type.String(),
  hasAccount: Type.Boolean(),
});
export const ParentList = Type.Object({ items: Type.Array(ParentListItem), total: Type.Integer() });

export const ParentChildLink = Type.Object({
  studentId: Type.String(),
  surname: Type.String(),
  name: Type.String(),
  patronymic: Type.String(),
  kinship: KinshipSchema,
});

export const Parent = Type.Object({
  id: Type.String(),
  schoolId: Type.String(),
  surname: Type.String(),
  name: Type.String(),
  patronymic: Type.String(),
  sex: Nullable(SexSchema),
  birthDate: Nullable(Type.String()),
  residenceAddress: Nullable(Type.String()),
  homePhone: Nullable(Type.String()),
  mobilePhone: Nullable(Type.String()),
  workplace: Nullable(Type.String()),
  position: Nullable(Type.String()),
  workPhone: Nullable(Type.String()),
  email: Nullable(Type.String()),
  schoolHelp: Nullable(Type.String()),
  extraContact: Nullable(Type.String()),
  hasAccount: Type.Boolean(),
  /** Only the children the caller may see. */
  children: Type.Array(ParentChildLink),
  /** Optional fields none of the parent's valid consents allows: neither stored nor shown (decision 013). */
  withheld: Type.Array(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type Parent = Static<typeof Parent>;

export const ParentLinkCreate = Type.Object({ parentId: Id, kinship: KinshipSchema }, closed);
export type ParentLinkCreate = Static<typeof ParentLinkCreate>;
export const StudentParentParams = Type.Object({ schoolId: Id, id: Id, parentId: Id }, closed);

// ---------------------------------------------------------------- staff

const staffFields = {
  surname: Name,
  name: Name,
  patronymic: Patronymic,
  position: Type.Optional(ShortText(STAFF_LIMITS.position)),
  email: opt(Email),
  phone: opt(Phone),
};

export const StaffRoles = Type.Array(StaffRoleSchema, { maxItems: 5, uniqueItems: true });

/** Optional account created with the staff member (needs account.manage). */
export const StaffAccountInput = Type.Object(
  {
    login: Type.String({ minLength: 3, maxLength: STAFF_ACCOUNT_LIMITS.login, pattern: '^[A-Za-z0-9._@-]+$' }),
    password: RequiredText(STAFF_ACCOUNT_LIMITS.password),
    roles: StaffRoles,
  },
  closed,
);

export const StaffCreate = Type.Object({ ...staffFields, account: Type.Optional(StaffAccountInput) }, closed);
export type StaffCreate = Static<typeof StaffCreate>;
export const StaffUpdate = Type.Partial(Type.Object({ ...staffFields, leftOn: opt(IsoDate) }, closed), closed);
export type StaffUpdate = Static<typeof StaffUpdate>;

export const StaffListQuery = Type.Object(
  { q: Type.Optional(ShortText(SEARCH_QUERY_MAX)), includeLeft: Type.Optional(Type.Boolean({ default: false })), ...ListPaging },
  closed,
);
export type StaffListQuery = Static<typeof StaffListQuery>;

export const StaffListItem = Type.Object({
  id: Type.String(),
  surname: Type.String(),
  name: Type.String(),
  patronymic: Type.String(),
  position: Type.String(),
  leftOn: Nullable(Type.String()),
  hasAccount: Type.Boolean(),
});
export const StaffList = Type.Object({ items: Type.Array(StaffListItem), total: Type.Integer() });

export const StaffMember = Type.Object({
  id: Type.String(),
  schoolId: Type.String(),
  surname: Type.String(),
  name: Type.String(),
  patronymic: Type.String(),
  position: Type.String(),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  leftOn: Nullable(Type.String()),
  hasAccount: Type.Boolean(),
  login: Nullable(Type.String()),
  /** The account is disabled: it cannot sign in (issue 12 item 4). */
  accountDisabled: Type.Boolean(),
  /** School roles of the account in this school. */
  roles: Type.Array(StaffRoleSchema),
  createdAt: Type.String(),
});
export type StaffMember = Static<typeof StaffMember>;

export const StaffRolesBody = Type.Object({ roles: StaffRoles }, closed);
export const StaffRolesResponse = Type.Object({ roles: Type.Array(StaffRoleSchema) });

/** Shown once; the account's sessions end and the user signs in with it. */
export const PasswordResetResponse = Type.Object({ login: Type.String(), temporaryPassword: Type.String() });

// ---------------------------------------------------------------- movement

/**
 * One entry of «движение обучающихся». classId is required for enrol/transfer (and not given
 * otherwise); groupId for group_join/group_leave. Entries are append-only.
 */
export const MovementCreate = Type.Object(
  {
    kind: MovementKindSchema,
    onDate: IsoDate,
    classId: Type.Optional(Id),
    groupId: Type.Optional(Id),
    orderNumber: OrderNumber,
    orderDate: IsoDate,
    reason: Type.Optional(ShortText(MOVEMENT_LIMITS.reason)),
  },
  closed,
);
export type MovementCreate = Static<typeof MovementCreate>;

export const Movement = Type.Object({
  id: Type.String(),
  studentId: Type.String(),
  student: PersonName,
  kind: MovementKindSchema,
  onDate: Type.String(),
  class: Nullable(ClassRef),
  group: Nullable(ClassRef),
  orderNumber: Type.String(),
  orderDate: Type.String(),
  reason: Type.String(),
  createdBy: Type.String(),
  createdByName: Nullable(Type.String()),
  createdAt: Type.String(),
});
export type Movement = Static<typeof Movement>;
export const MovementList = Type.Object({ items: Type.Array(Movement) });

export const MovementRegisterQuery = Type.Object(
  { from: Type.Optional(IsoDate), to: Type.Optional(IsoDate), kind: Type.Optional(MovementKindSchema) },
  closed,
);
export type MovementRegisterQuery = Static<typeof MovementRegisterQuery>;

// ---------------------------------------------------------------- rosters

export const RosterEntry = Type.Object({
  studentId: Type.String(),
  fileNumber: Type.String(),
  surname: Type.String(),
  name: Type.String(),
  patronymic: Type.String(),
  startsOn: Type.String(),
  endsOn: Nullable(Type.String()),
});
export type RosterEntry = Static<typeof RosterEntry>;
export const Roster = Type.Object({ onDate: Type.String(), items: Type.Array(RosterEntry) });
export const ClassRosterParams = Type.Object({ schoolId: Id, classId: Id }, closed);
export const GroupRosterParams = Type.Object({ schoolId: Id, groupId: Id }, closed);

// ---------------------------------------------------------------- my students

/** The parent's child switcher / the student's own card, across schools. */
export const MyStudent = Type.Object({
  id: Type.String(),
  schoolId: Type.String(),
  schoolName: Type.String(),
  surname: Type.String(),
  name: Type.String(),
  patronymic: Type.String(),
  relation: StringEnum(['self', 'child'] as const),
  class: Nullable(ClassRef),
});
export type MyStudent = Static<typeof MyStudent>;
export const MyStudentList = Type.Object({ items: Type.Array(MyStudent) });
