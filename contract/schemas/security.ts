import { type Static, Type } from '@sinclair/typebox';

/** Issue 12 items 3 and 12 (decision 013): read-budget alerts and a school's second-factor rule. */

export const ReadAlert = Type.Object({
  id: Type.String(),
  userId: Type.String(),
  /** The account's display name (staff are known to the director by name). */
  name: Type.String(),
  window: Type.Union([Type.Literal('hour'), Type.Literal('day')]),
  windowStart: Type.String(),
  reads: Type.Integer(),
  budget: Type.Integer(),
  createdAt: Type.String(),
});
export type ReadAlert = Static<typeof ReadAlert>;

export const ReadAlertList = Type.Object({
  items: Type.Array(ReadAlert),
  budget: Type.Object({ perHour: Type.Integer(), perDay: Type.Integer() }),
});
export type ReadAlertList = Static<typeof ReadAlertList>;

export const SchoolMfaPolicy = Type.Object({
  staffMfaRequired: Type.Boolean(),
  updatedAt: Type.Union([Type.String(), Type.Null()]),
});
export type SchoolMfaPolicy = Static<typeof SchoolMfaPolicy>;

export const SchoolMfaPolicyUpdate = Type.Object({ staffMfaRequired: Type.Boolean() }, { additionalProperties: false });
export type SchoolMfaPolicyUpdate = Static<typeof SchoolMfaPolicyUpdate>;
