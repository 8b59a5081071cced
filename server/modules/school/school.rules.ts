import { type MessageKey, translate } from '../../../contract/i18n/index.js';
import type { Actor } from '../../access/actor.js';
import { isForeignKeyViolation, isUniqueViolation } from '../../db/dialect.js';
import { AppError, conflict, fieldError } from '../../lib/errors.js';

/**
 * Small rules shared by the school-structure services: reference errors, partial bodies, text
 * clean-up, date and time ranges, and turning constraint violations into readable answers.
 */

/** 422 for an id in a body that is not a record of this school (or year): same answer whether it exists elsewhere or not. */
export function referenceNotFound(actor: Actor, what: MessageKey, field: string): AppError {
  return new AppError(422, 'invalid', 'error.referenceNotFound', { what: translate(actor.locale, what) }, { field });
}

/** PATCH bodies must change something. */
export function requireSomeField(body: object): void {
  if (!Object.values(body).some((v) => v !== undefined)) throw fieldError('body', 'school.validation.emptyPatch');
}

/** Trims a required text; whitespace only counts as empty. */
export function cleanText(field: string, value: string): string {
  const trimmed = value.trim();
  if (trimmed === '') throw fieldError(field, 'validation.required');
  return trimmed;
}

/** Runs a write; a unique-index race becomes the given 409, a still-referenced row becomes 409 «in use». */
export async function withConstraintErrors<T>(
  write: () => Promise<T>,
  onDuplicate: () => AppError = () => conflict('error.duplicateName'),
) {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw onDuplicate();
    if (isForeignKeyViolation(error)) throw conflict('error.inUse');
    throw error;
  }
}

/** Field names of a partial body that carry a value: what the audit records (never the values). */
export function changedFields(body: object): string[] {
  return Object.entries(body)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k);
}
