import { type TSchema, Type } from '@sinclair/typebox';

/** Shared schema pieces: every body rejects unknown fields, every string has a length limit. */
export const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });
export const IsoDate = Type.String({ format: 'date', maxLength: 10 });
export const Hhmm = Type.String({ format: 'hhmm', maxLength: 5 });
export const ShortText = (maxLength = 200) => Type.String({ maxLength });
export const RequiredText = (maxLength = 200) => Type.String({ minLength: 1, maxLength });
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const ErrorResponse = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), field: Type.Optional(Type.String()) }, { additionalProperties: true }),
});

export const SchoolParams = Type.Object({ schoolId: Id });
export const SchoolItemParams = Type.Object({ schoolId: Id, id: Id });
