import { Type } from '@sinclair/typebox';
import { ErrorResponse } from '../../../contract/schemas/common.js';

/** Error answers the school-structure write routes may give (for the OpenAPI document). */
export const STRUCTURE_ERRORS = {
  400: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  422: ErrorResponse,
} as const;

export const NO_CONTENT = { 204: Type.Null() } as const;

export const authenticated = { access: 'authenticated' } as const;
export const tags = ['school'];
