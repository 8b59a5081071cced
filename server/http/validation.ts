import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import type { MessageKey, MessageParams } from '../../contract/i18n/index.js';
import { isCalendarDate } from '../lib/dates.js';

function makeAjv(coerceTypes: boolean): Ajv {
  // removeAdditional off: an unknown field is an error the sender should hear about, not silently dropped.
  const ajv = new Ajv({ coerceTypes, removeAdditional: false, useDefaults: true, allErrors: false, strict: false });
  // ajv-formats is CommonJS; under NodeNext its default export is the module object.
  const addFormats = (addFormatsModule as unknown as { default: typeof addFormatsModule }).default ?? addFormatsModule;
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  ajv.addFormat('date', { type: 'string', validate: isCalendarDate });
  ajv.addFormat('hhmm', { type: 'string', validate: (v: string) => /^([01]\d|2[0-3]):[0-5]\d$/.test(v) });
  ajv.addKeyword('x-problem');
  return ajv;
}

const bodyAjv = makeAjv(false);
const paramsAjv = makeAjv(true);

/** Bodies are validated strictly (no type coercion); params and query strings are coerced from text. */
export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? bodyAjv : paramsAjv;
  return ajv.compile(schema as object) as ReturnType<FastifySchemaCompiler<unknown>>;
};

export interface FieldProblem {
  field: string;
  problem: MessageKey;
  params: MessageParams;
}

/** Turns Ajv's first error into a field name and a catalogue key a person can read. */
export function describeValidationError(error: ErrorObject, part: string | undefined): FieldProblem {
  const base = error.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const params = error.params as Record<string, unknown>;
  const join = (child: unknown) => (base ? `${base}.${String(child)}` : String(child));
  const field = base || part || 'body';
  switch (error.keyword) {
    case 'required':
      return { field: join(params.missingProperty), problem: 'validation.required', params: {} };
    case 'additionalProperties':
      return { field: join(params.additionalProperty), problem: 'validation.unknownField', params: {} };
    case 'type':
      return { field, problem: 'validation.type', params: {} };
    case 'maxLength':
      return { field, problem: 'validation.tooLong', params: { limit: Number(params.limit) } };
    case 'minLength':
      return Number(params.limit) === 1
        ? { field, problem: 'validation.required', params: {} }
        : { field, problem: 'validation.tooShort', params: { limit: Number(params.limit) } };
    case 'minimum':
      return { field, problem: 'validation.minimum', params: { limit: Number(params.limit) } };
    case 'maximum':
      return { field, problem: 'validation.maximum', params: { limit: Number(params.limit) } };
    case 'format':
      if (params.format === 'date') return { field, problem: 'validation.date', params: {} };
      if (params.format === 'hhmm') return { field, problem: 'validation.time', params: {} };
      return { field, problem: 'validation.format', params: {} };
    case 'enum':
      return { field, problem: 'validation.enum', params: { values: (params.allowedValues as unknown[]).join(', ') } };
    case 'const':
      return { field, problem: 'validation.enum', params: { values: String(params.allowedValue) } };
    case 'pattern':
      return { field, problem: 'validation.format', params: {} };
    default:
      return { field, problem: 'validation.invalid', params: {} };
  }
}
