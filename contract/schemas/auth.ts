import { Type } from '@sinclair/typebox';

export { ErrorResponse } from './common.js';

export const MeSchema = Type.Object({
  id: Type.String(),
  login: Type.String(),
  displayName: Type.String(),
  locale: Type.String(),
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
