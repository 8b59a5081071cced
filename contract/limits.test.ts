import { type TSchema, Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import * as L from './limits.js';
import { Nullable, RequiredText, ShortText } from './schemas/common.js';
import {
  GradeCreateBody,
  GradeScaleCreateBody,
  GradeUpdateBody,
  LessonWriteBody,
  PeriodGradeWriteBody,
  WorkTypeCreateBody,
  WorkTypeUpdateBody,
} from './schemas/journal.js';
import {
  ComplaintAnswer,
  ComplaintCreate,
  ComplaintExtend,
  ComplaintQuery,
  InspectionCreate,
  InspectionResult,
  InspectionResultSent,
} from './schemas/oversight.js';
import {
  MovementCreate,
  ParentCreate,
  ParentListQuery,
  StaffCreate,
  StaffListQuery,
  StudentCreate,
  StudentListQuery,
} from './schemas/people.js';
import {
  ClassCreateBody,
  GroupCreateBody,
  HolidayCreateBody,
  PeriodCreateBody,
  SubjectCreateBody,
  YearCreateBody,
} from './schemas/school.js';
import {
  ApplicationCreate,
  ApplicationQuery,
  CodeSlipInput,
  ConsentCreate,
  DecisionInput,
  OperatorCopyInput,
  OrderInput,
  RedeemInput,
} from './schemas/service.js';
import { TimetableChangeCreateBody, TimetableEntryCreateBody } from './schemas/timetable.js';

describe('field limits read from the contract', () => {
  const Body = Type.Object({
    name: RequiredText(100),
    note: Type.Optional(ShortText(500)),
    phone: Nullable(ShortText(30)),
    maybe: Type.Optional(Nullable(ShortText(20))),
    on: Type.String({ format: 'date' }),
    inner: Type.Optional(Type.Object({ code: RequiredText(7) })),
  });

  it('finds required, optional, nullable and nested fields, and nothing where no limit is set', () => {
    expect(maxLengthOf(Body, 'name')).toBe(100);
    expect(maxLengthOf(Body, 'note')).toBe(500);
    expect(maxLengthOf(Body, 'phone')).toBe(30);
    expect(maxLengthOf(Body, 'maybe')).toBe(20);
    expect(maxLengthOf(Body, 'inner.code')).toBe(7);
    expect(maxLengthOf(Body, 'on')).toBeUndefined();
    expect(maxLengthOf(Body, 'missing')).toBeUndefined();
    expect(maxLengthOf(Body, 'name.deeper')).toBeUndefined();
  });

  it('reads the real schemas', () => {
    expect(maxLengthOf(StudentCreate, 'surname')).toBe(100);
    expect(maxLengthOf(StudentCreate, 'enrolment.orderNumber')).toBe(50);
  });

  const tables: Array<[string, TSchema, Readonly<Record<string, number>>]> = [
    ['student', StudentCreate, L.STUDENT_LIMITS],
    ['parent', ParentCreate, L.PARENT_LIMITS],
    ['staff', StaffCreate, L.STAFF_LIMITS],
    ['movement', MovementCreate, L.MOVEMENT_LIMITS],
    ['year', YearCreateBody, L.YEAR_LIMITS],
    ['period', PeriodCreateBody, L.PERIOD_LIMITS],
    ['holiday', HolidayCreateBody, L.HOLIDAY_LIMITS],
    ['class', ClassCreateBody, L.CLASS_LIMITS],
    ['group', GroupCreateBody, L.GROUP_LIMITS],
    ['subject', SubjectCreateBody, L.SUBJECT_LIMITS],
    ['student search', StudentListQuery, { q: L.SEARCH_QUERY_MAX }],
    ['application', ApplicationCreate, L.APPLICATION_LIMITS],
    ['application search', ApplicationQuery, L.APPLICATION_QUERY_LIMITS],
    ['decision', DecisionInput, L.DECISION_LIMITS],
    ['order', OrderInput, L.ORDER_LIMITS],
    ['consent', ConsentCreate, L.CONSENT_LIMITS],
    ['operator copy', OperatorCopyInput, L.SENT_BY_LIMITS],
    ['redeem', RedeemInput, L.REDEEM_LIMITS],
    ['code slip', CodeSlipInput, { code: L.REDEEM_LIMITS.code }],
    ['complaint', ComplaintCreate, L.COMPLAINT_LIMITS],
    ['complaint answer', ComplaintAnswer, L.COMPLAINT_ANSWER_LIMITS],
    ['complaint extension', ComplaintExtend, L.COMPLAINT_EXTEND_LIMITS],
    ['complaint search', ComplaintQuery, { q: L.SEARCH_QUERY_MAX }],
    ['inspection', InspectionCreate, L.INSPECTION_LIMITS],
    ['inspection result', InspectionResult, L.INSPECTION_RESULT_LIMITS],
    ['inspection result sent', InspectionResultSent, L.SENT_BY_LIMITS],
    ['lesson record', LessonWriteBody, { ...L.LESSON_RECORD_LIMITS, reason: L.REASON_MAX }],
    ['grade', GradeCreateBody, { ...L.GRADE_LIMITS, reason: L.REASON_MAX }],
    ['grade change', GradeUpdateBody, { ...L.GRADE_LIMITS, reason: L.REASON_MAX }],
    ['period grade', PeriodGradeWriteBody, { reason: L.REASON_MAX }],
    ['work type', WorkTypeCreateBody, L.WORK_TYPE_LIMITS],
    ['work type change', WorkTypeUpdateBody, L.WORK_TYPE_LIMITS],
    ['grade scale', GradeScaleCreateBody, L.GRADE_SCALE_LIMITS],
    ['timetable entry', TimetableEntryCreateBody, { room: L.TIMETABLE_LIMITS.room }],
    ['timetable change', TimetableChangeCreateBody, L.TIMETABLE_LIMITS],
    ['parent search', ParentListQuery, { q: L.SEARCH_QUERY_MAX }],
    ['staff search', StaffListQuery, { q: L.SEARCH_QUERY_MAX }],
  ];
  for (const [what, schema, limits] of tables) {
    it(`${what}: every limit the web reads is the one the schema enforces`, () => {
      for (const [field, limit] of Object.entries(limits)) expect([field, maxLengthOf(schema, field)]).toEqual([field, limit]);
    });
  }
});

/**
 * The `maxLength` a request schema sets for one field, so that a form's input takes its limit from
 * the contract instead of repeating it by hand. `path` may name a nested field ('enrolment.orderNumber');
 * optional and nullable fields are looked through. Undefined for a field without a length limit
 * (dates, selects, numbers).
 */
function maxLengthOf(schema: TSchema, path: string): number | undefined {
  let at: TSchema | undefined = schema;
  for (const key of path.split('.')) {
    at = objectOf(at)?.properties?.[key] as TSchema | undefined;
    if (!at) return undefined;
  }
  return lengthOf(at);
}

function members(schema: TSchema): TSchema[] {
  return [schema, ...(((schema.anyOf as TSchema[] | undefined) ?? []) as TSchema[])];
}

function objectOf(schema: TSchema | undefined): TSchema | undefined {
  return schema ? members(schema).find((s) => s.type === 'object' && s.properties) : undefined;
}

function lengthOf(schema: TSchema): number | undefined {
  for (const s of members(schema)) if (typeof s.maxLength === 'number') return s.maxLength;
  return undefined;
}
