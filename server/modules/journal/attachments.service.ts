import fs from 'node:fs/promises';
import path from 'node:path';
import type { Actor } from '../../access/actor.js';
import type { Deps } from '../../lib/deps.js';
import { AppError, invalid, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { AuditAction, recordAudit } from '../audit/audit.service.js';
import { ChangeKind, recordChange } from '../changes/changes.service.js';
import * as repo from './journal.repository.js';
import { guardLockOn, lessonScopesOf, openJournal, requireLessonWrite } from './journal-context.js';

/** Homework attachments (R3.1): at most this size and count, of the allowed types only. */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const ATTACHMENTS_PER_LESSON = 10;

const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** Allowed types by extension: the content type we serve and the leading bytes the file must have. */
const ALLOWED: Record<string, { contentType: string; magic: number[] | 'text' }> = {
  pdf: { contentType: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46] },
  png: { contentType: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47] },
  jpg: { contentType: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  jpeg: { contentType: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  gif: { contentType: 'image/gif', magic: [0x47, 0x49, 0x46, 0x38] },
  webp: { contentType: 'image/webp', magic: [0x52, 0x49, 0x46, 0x46] },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', magic: ZIP },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', magic: ZIP },
  pptx: { contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', magic: ZIP },
  odt: { contentType: 'application/vnd.oasis.opendocument.text', magic: ZIP },
  txt: { contentType: 'text/plain; charset=utf-8', magic: 'text' },
};

/** The allowed type of a file by its name and first bytes (the declared MIME type is not trusted). */
export function attachmentType(fileName: string, data: Buffer): string | null {
  const ext = path.extname(fileName).slice(1).toLowerCase();
  const allowed = ALLOWED[ext];
  if (!allowed) return null;
  if (allowed.magic === 'text') return data.includes(0) ? null : allowed.contentType;
  return allowed.magic.every((b, i) => data[i] === b) ? allowed.contentType : null;
}

function safeName(fileName: string): string {
  // Keep the person's file name for the download, minus path parts and control characters.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const base = path.basename(fileName.replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f"]/g, '');
  return (base || 'file').slice(0, 200);
}

const tooLarge = () => new AppError(413, 'file_too_large', 'error.attachment.tooLarge', { limit: ATTACHMENT_MAX_BYTES / 1024 / 1024 });

export { tooLarge as attachmentTooLarge };

/**
 * Decides whether the actor may attach a file to the lesson, before the upload's body is read
 * (issue 12.7): 404 for a lesson they may not see, 403 for one they see but may not change.
 */
export async function requireAttachmentWrite(deps: Deps, actor: Actor, schoolId: string, lessonId: string) {
  const lesson = await repo.findLesson(deps.db, schoolId, lessonId);
  if (!lesson) throw notFound();
  const ctx = await openJournal(deps, actor, schoolId, lesson.curriculum_id);
  await requireLessonWrite(deps, ctx, lesson.date, lesson.lesson_number);
  return { lesson, ctx };
}

/** Stores a homework attachment of a lesson under the data folder; only the lesson's writers may. */
export async function addAttachment(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  lessonId: string,
  file: { fileName: string; data: Buffer },
) {
  const { lesson, ctx } = await requireAttachmentWrite(deps, actor, schoolId, lessonId);
  if (file.data.length > ATTACHMENT_MAX_BYTES) throw tooLarge();
  const contentType = attachmentType(file.fileName, file.data);
  if (!contentType) throw new AppError(415, 'unsupported_file_type', 'error.attachment.type');
  const existing = await repo.attachmentsOf(deps.db, schoolId, lessonId);
  if (existing.length >= ATTACHMENTS_PER_LESSON) throw invalid('error.attachment.tooMany', { limit: ATTACHMENTS_PER_LESSON });
  await guardLockOn(deps, ctx, lesson.date, undefined);
  const id = newId();
  // The stored name is ours (school / lesson / id): nothing from the uploader reaches the path.
  const storagePath = path.join('attachments', schoolId, lessonId, id);
  const full = path.join(deps.config.dataDir, storagePath);
  await fs.mkdir(path.dirname(full), { recursive: true });
  await fs.writeFile(full, file.data, { flag: 'wx' });
  const now = deps.clock.now();
  const fileName = safeName(file.fileName);
  try {
    await deps.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('lesson_attachments')
        .values({
          id,
          school_id: schoolId,
          lesson_id: lessonId,
          file_name: fileName,
          content_type: contentType,
          size: file.data.length,
          storage_path: storagePath,
          uploaded_by: actor.userId,
          uploaded_at: now.toISOString(),
        })
        .execute();
      await recordChange(trx, {
        kind: ChangeKind.attachment,
        action: 'create',
        schoolId,
        entityId: id,
        actorId: actor.userId,
        at: now.toISOString(),
        ...lessonScopesOf(ctx),
        dates: [lesson.date],
      });
      await recordAudit(trx, actor, now, {
        schoolId,
        action: AuditAction.create,
        entity: 'lesson_attachment',
        entityId: id,
        details: { lessonId, size: file.data.length },
      });
    });
  } catch (error) {
    await fs.rm(full, { force: true });
    throw error;
  }
  return { id, fileName, contentType, size: file.data.length, uploadedAt: now.toISOString() };
}

async function findAttachment(deps: Deps, schoolId: string, lessonId: string, attachmentId: string) {
  return deps.db
    .selectFrom('lesson_attachments')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('lesson_id', '=', lessonId)
    .where('id', '=', attachmentId)
    .executeTakeFirst();
}

/** An attachment's bytes, for those who may see the lesson's journal. */
export async function readAttachment(deps: Deps, actor: Actor, schoolId: string, lessonId: string, attachmentId: string) {
  const lesson = await repo.findLesson(deps.db, schoolId, lessonId);
  if (!lesson) throw notFound();
  await openJournal(deps, actor, schoolId, lesson.curriculum_id);
  const row = await findAttachment(deps, schoolId, lessonId, attachmentId);
  if (!row) throw notFound();
  const data = await fs.readFile(path.join(deps.config.dataDir, row.storage_path));
  await recordAudit(deps.db, actor, deps.clock.now(), {
    schoolId,
    action: AuditAction.read,
    entity: 'attachment',
    entityId: attachmentId,
    details: { lessonId },
  });
  return { fileName: row.file_name, contentType: row.content_type, data };
}

/** Removes an attachment (the lesson's writers). */
export async function deleteAttachment(deps: Deps, actor: Actor, schoolId: string, lessonId: string, attachmentId: string): Promise<void> {
  const lesson = await repo.findLesson(deps.db, schoolId, lessonId);
  if (!lesson) throw notFound();
  const ctx = await openJournal(deps, actor, schoolId, lesson.curriculum_id);
  await requireLessonWrite(deps, ctx, lesson.date, lesson.lesson_number);
  const row = await findAttachment(deps, schoolId, lessonId, attachmentId);
  if (!row) throw notFound();
  await guardLockOn(deps, ctx, lesson.date, undefined);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('lesson_attachments').where('id', '=', attachmentId).execute();
    await recordChange(trx, {
      kind: ChangeKind.attachment,
      action: 'delete',
      schoolId,
      entityId: attachmentId,
      actorId: actor.userId,
      at: now.toISOString(),
      ...lessonScopesOf(ctx),
      dates: [lesson.date],
    });
    await recordAudit(trx, actor, now, {
      schoolId,
      action: AuditAction.delete,
      entity: 'lesson_attachment',
      entityId: attachmentId,
      details: { lessonId },
    });
  });
  await fs.rm(path.join(deps.config.dataDir, row.storage_path), { force: true });
}
