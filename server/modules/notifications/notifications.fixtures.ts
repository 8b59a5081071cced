import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/connect.js';
import { newId } from '../../lib/ids.js';

const NOW = '2026-11-23T09:00:00.000Z';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The account of a parent record (matrix cases know parents by record id). */
export async function userOfParent(db: Db, parentId: string): Promise<string> {
  const row = await db.selectFrom('parents').select('user_id').where('id', '=', parentId).executeTakeFirstOrThrow();
  return row.user_id as string;
}

/** A contact already verified, as if its code had been typed back. */
export async function makeVerifiedContact(db: Db, userId: string, channel: 'email' | 'sms', address: string): Promise<void> {
  await db.deleteFrom('notify_contacts').where('user_id', '=', userId).where('channel', '=', channel).execute();
  await db
    .insertInto('notify_contacts')
    .values({
      id: newId(),
      user_id: userId,
      channel,
      address,
      verified_at: NOW,
      secret_hash: null,
      secret_expires_at: null,
      attempts: 0,
      sends: 1,
      created_at: NOW,
    })
    .execute();
}

/** An e-mail contact waiting for its link; answers the link's token. */
export async function makePendingEmail(db: Db, userId: string, expiresAt = '2099-01-01T00:00:00.000Z'): Promise<string> {
  const token = randomBytes(18).toString('base64url');
  await db.deleteFrom('notify_contacts').where('user_id', '=', userId).where('channel', '=', 'email').execute();
  await db
    .insertInto('notify_contacts')
    .values({
      id: newId(),
      user_id: userId,
      channel: 'email',
      address: `m${token.slice(0, 6).toLowerCase()}@example.ru`,
      verified_at: null,
      secret_hash: sha256(token),
      secret_expires_at: expiresAt,
      attempts: 0,
      sends: 1,
      created_at: NOW,
    })
    .execute();
  return token;
}

/** A settings row for a child (every event on the given channels); answers its unsubscribe token. */
export async function makeSettings(
  db: Db,
  a: {
    userId: string;
    studentId: string;
    schoolId: string;
    channels?: { email?: boolean; sms?: boolean; inapp?: boolean };
    night?: boolean;
  },
): Promise<string> {
  const c = { email: a.channels?.email ?? true, sms: a.channels?.sms ?? false, inapp: a.channels?.inapp ?? true, night: a.night ?? false };
  const token = randomBytes(18).toString('base64url');
  await db.deleteFrom('notify_settings').where('user_id', '=', a.userId).where('student_id', '=', a.studentId).execute();
  await db
    .insertInto('notify_settings')
    .values({
      user_id: a.userId,
      student_id: a.studentId,
      school_id: a.schoolId,
      events: JSON.stringify({ grade: c, attendance: c, homework: c, periodGrade: c }),
      quiet_from: '21:00',
      quiet_to: '08:00',
      language: 'ru',
      unsubscribe_token: token,
      updated_at: NOW,
    })
    .execute();
  return token;
}
