import type { MessageKey, MessageParams } from '../../contract/i18n/index.js';

/** An error meant for the user: an HTTP status, a stable code and a catalogue message. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageKey: MessageKey,
    readonly params: MessageParams = {},
    readonly extra?: Record<string, unknown>,
  ) {
    super(`${code}: ${messageKey}`);
  }
}

export const notFound = () => new AppError(404, 'not_found', 'error.notFound');
export const unauthenticated = () => new AppError(401, 'unauthenticated', 'error.unauthenticated');
export const forbidden = () => new AppError(403, 'forbidden', 'error.forbidden');
export const invalid = (messageKey: MessageKey, params: MessageParams = {}) => new AppError(422, 'invalid', messageKey, params);
export const conflict = (messageKey: MessageKey = 'error.conflict', params: MessageParams = {}, extra?: Record<string, unknown>) =>
  new AppError(409, 'conflict', messageKey, params, extra);
export const fieldError = (field: string, problem: MessageKey, params: MessageParams = {}) =>
  new AppError(400, 'validation', 'error.validation', { field, ...params }, { problemKey: problem });
