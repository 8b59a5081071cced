import type { FastifyRequest } from 'fastify';
import { type AppError, invalid } from '../lib/errors.js';

/**
 * Reads the one file of a multipart request (field name free) into memory, refusing more than
 * `maxBytes` with 413. Routes using it register @fastify/multipart in their own plugin.
 */
export async function readSingleFile(
  request: FastifyRequest,
  maxBytes: number,
  tooLarge: () => AppError,
): Promise<{ fileName: string; data: Buffer }> {
  if (!request.isMultipart()) throw invalid('error.attachment.missing');
  const part = await request.file({ limits: { fileSize: maxBytes, files: 1 } });
  if (!part) throw invalid('error.attachment.missing');
  try {
    const data = await part.toBuffer();
    return { fileName: part.filename, data };
  } catch (error) {
    if (typeof error === 'object' && error !== null && (error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    throw error;
  }
}
