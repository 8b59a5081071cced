import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type MessageKey, type MessageParams, translate } from '../../contract/i18n/index.js';
import { AppError } from '../lib/errors.js';
import { describeValidationError } from './validation.js';

export interface ErrorBody {
  error: { code: string; message: string; field?: string; [key: string]: unknown };
}

function send(
  reply: FastifyReply,
  request: FastifyRequest,
  status: number,
  code: string,
  key: MessageKey,
  params: MessageParams = {},
  extra: Record<string, unknown> = {},
) {
  const body: ErrorBody = { error: { code, message: translate(request.locale, key, params), ...extra } };
  return reply.status(status).type('application/json; charset=utf-8').send(body);
}

/** One error shape for the whole API: {"error":{"code","message"}} in the caller's language. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, request, reply) => {
    if (err instanceof AppError) {
      const { problemKey, ...extra } = err.extra ?? {};
      // A refusal for a while (a spent read budget) says when to come back.
      if (err.status === 429 && typeof extra.retryAfterSeconds === 'number') reply.header('retry-after', String(extra.retryAfterSeconds));
      const params = { ...err.params };
      if (typeof problemKey === 'string') {
        params.problem = translate(request.locale, problemKey as MessageKey, err.params);
      }
      return send(reply, request, err.status, err.code, err.messageKey, params, {
        ...extra,
        ...(typeof params.field === 'string' ? { field: params.field } : {}),
      });
    }
    const fe = err as FastifyError;
    if (fe.validation && fe.validation.length > 0) {
      const first = fe.validation[0] as Parameters<typeof describeValidationError>[0];
      const problem = describeValidationError(first, fe.validationContext);
      const text = translate(request.locale, problem.problem, problem.params);
      return send(reply, request, 400, 'validation', 'error.validation', { field: problem.field, problem: text }, { field: problem.field });
    }
    switch (fe.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return send(reply, request, 400, 'malformed_json', 'error.malformedJson');
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return send(reply, request, 415, 'unsupported_media_type', 'error.unsupportedMediaType');
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return send(reply, request, 413, 'body_too_large', 'error.bodyTooLarge');
    }
    if (fe.statusCode === 429) return send(reply, request, 429, 'rate_limited', 'error.rateLimited');
    if (fe instanceof SyntaxError) return send(reply, request, 400, 'malformed_json', 'error.malformedJson');
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return send(reply, request, fe.statusCode, 'bad_request', 'validation.invalid');
    }
    // Log the error class and stack only; request bodies may carry personal data.
    request.log.error({ err: { type: fe.name, message: fe.message, stack: fe.stack } }, 'unhandled error');
    return send(reply, request, 500, 'internal', 'error.internal');
  });

  app.setNotFoundHandler((request, reply) => send(reply, request, 404, 'not_found', 'error.routeNotFound'));
}
