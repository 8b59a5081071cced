import { Type } from '@sinclair/typebox';

export { ErrorResponse } from './common.js';

export const MeSchema = Type.Object({
  id: Type.String(),
  login: Type.String(),
  displayName: Type.String(),
  locale: Type.String(),
  /** Signed in with an administrator's temporary password: only changing it is possible (issue 12.11). */
  passwordChangeRequired: Type.Boolean(),
  schools: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      shortName: Type.String(),
      /** IANA zone: «today» in the browser is the school's calendar day, not the device's or UTC. */
      timezone: Type.String(),
      roles: Type.Array(Type.String()),
      permissions: Type.Array(Type.String()),
      staffId: Type.Union([Type.String(), Type.Null()]),
      leadsClasses: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
    }),
  ),
});
