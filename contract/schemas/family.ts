import { type Static, Type } from '@sinclair/typebox';
import { Nullable } from './common.js';

/** What a staff member opened of a family's child (issue 12.13): the card, the diary or a journal. */
export const FAMILY_VIEWS = ['card', 'diary', 'journal', 'journal_history', 'journal_averages'] as const;
export type FamilyView = (typeof FAMILY_VIEWS)[number];

/**
 * One staff read of a child's data, as the parent's «Кто смотрел данные» page shows it (from the
 * audit log): who (name and staff roles in the school), what and when. `childIds`: the family's
 * children it concerns (a class journal concerns every child in the class).
 */
export const FamilyAccessItemSchema = Type.Object({
  id: Type.String(),
  at: Type.String(),
  view: Type.Union(FAMILY_VIEWS.map((v) => Type.Literal(v))),
  childIds: Type.Array(Type.String()),
  subjectName: Nullable(Type.String()),
  actorName: Nullable(Type.String()),
  actorRoles: Type.Array(Type.String()),
});
export type FamilyAccessItem = Static<typeof FamilyAccessItemSchema>;

export const FamilyAccessListSchema = Type.Object({ items: Type.Array(FamilyAccessItemSchema) });
export type FamilyAccessList = Static<typeof FamilyAccessListSchema>;

/** POST /api/schools/:schoolId/family/export: the file's format (no personal data in the URL). */
export const FamilyExportBodySchema = Type.Object(
  { format: Type.Union([Type.Literal('json'), Type.Literal('pdf')]) },
  { additionalProperties: false },
);
export type FamilyExportBody = Static<typeof FamilyExportBodySchema>;
