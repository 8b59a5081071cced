import { newId } from '../server/lib/ids.js';
import { startLocalSmpp, startLocalSmtp } from '../server/modules/notifications/gateways.testkit.js';
import { makeSettings, makeVerifiedContact } from '../server/modules/notifications/notifications.fixtures.js';
import { createNotifyWorker } from '../server/modules/notifications/notifications.service.js';
import { makeParent, makeSchoolWorld, makeStudent, TEST_PASSWORD } from '../server/test/factories.js';
import { createTestApp } from '../server/test/harness.js';
import { PG_URL } from './diary.js';

/**
 * `npm run bench -- notify [--students=N] [--rounds=R] [--no-sqlite] [--no-postgres]`: a control
 * work graded for N students (default 500), R times (default 10), each student with a parent who
 * chose grades by e-mail and SMS (verified contacts, consent in force, even at night): 2·N·R
 * notices written by the grade saves' own transactions, drained by one worker into a local
 * smtp-server and a local SMPP server. Prints
 * {"scenario":"notify","db":…,"messages":…,"rps":…,"p99_commit_to_receipt_ms":…,"duplicates":…,"lost":…}.
 * rps is messages received per second from the first commit to the last receipt; the grade saves
 * and the worker run in this one process, as SERVICES=web,worker does.
 */
const args = process.argv.slice(2);
const num = (name: string, fallback: number) => {
  const a = args.find((x) => x.startsWith(`--${name}=`));
  return a ? Number(a.slice(name.length + 3)) : fallback;
};
const STUDENTS = num('students', 500);
const ROUNDS = num('rounds', 10);

const p = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
};

async function notifyBench(kind: 'sqlite' | 'postgres'): Promise<void> {
  if (kind === 'postgres') process.env.TEST_DATABASE_URL = PG_URL;
  else delete process.env.TEST_DATABASE_URL;
  const smtp = await startLocalSmtp();
  const smpp = await startLocalSmpp();
  smpp.mode.receipts = null;
  const t = await createTestApp(new Date(), {
    SMTP_URL: smtp.url,
    SMPP_URL: smpp.url,
    SMPP_SYSTEM_ID: smpp.systemId,
    SMPP_PASSWORD: smpp.password,
    SMPP_SOURCE_ADDR: 'Otmetka',
    NOTIFY_COALESCE_SECONDS: '0',
    NOTIFY_POLL_MS: '20',
  });
  const worker = createNotifyWorker(t.deps);
  try {
    const w = await makeSchoolWorld(t.deps.db);
    const admin = await t.signIn(w.users.admin.login, TEST_PASSWORD);
    const teacher = await t.signIn(w.users.teacher.login, TEST_PASSWORD);
    await t.deps.db
      .insertInto('bells')
      .values({ id: newId(), school_id: w.schoolId, lesson_number: 1, starts_at: '08:00', ends_at: '08:45' })
      .execute();
    await admin.post(`/api/schools/${w.schoolId}/timetable/entries`, { curriculumId: w.curriculumIds.mathA, weekday: 1, lessonNumber: 1 });
    const control = ((await teacher.get(`/api/schools/${w.schoolId}/work-types`)).json().items as Array<{ id: string; code: string }>).find(
      (x) => x.code === 'control',
    )?.id as string;
    const students: Array<{ id: string; email: string; phone: string }> = [];
    for (let i = 0; i < STUDENTS; i++) {
      const s = await makeStudent(t.deps.db, w.schoolId, w.classIds.a, { surname: `Ученик${i}` });
      const parent = await makeParent(t.deps.db, w.schoolId, [s.id]);
      const email = `p${i}@bench.example`;
      const phone = `+7901${String(i).padStart(7, '0')}`;
      await makeVerifiedContact(t.deps.db, parent.user.id, 'email', email);
      await makeVerifiedContact(t.deps.db, parent.user.id, 'sms', phone);
      await makeSettings(t.deps.db, {
        userId: parent.user.id,
        studentId: s.id,
        schoolId: w.schoolId,
        channels: { email: true, sms: true, inapp: false },
        night: true,
      });
      students.push({ id: s.id, email, phone: phone.slice(1) });
    }
    console.error(`notify (${kind}): ${STUDENTS} families set up`);
    worker.start();
    const commits = new Map<string, number[]>(); // address → commit times of its grades, in order
    const started = Date.now();
    const dates = [
      '2026-11-16',
      '2026-11-09',
      '2026-11-02',
      '2026-10-19',
      '2026-10-12',
      '2026-10-05',
      '2026-09-28',
      '2026-09-21',
      '2026-09-14',
      '2026-09-07',
    ];
    for (let r = 0; r < ROUNDS; r++) {
      const date = dates[r % dates.length] as string;
      for (let i = 0; i < students.length; i += 8) {
        await Promise.all(
          students.slice(i, i + 8).map(async (s) => {
            const res = await teacher.post(`/api/schools/${w.schoolId}/journals/${w.curriculumIds.mathA}/grades`, {
              studentId: s.id,
              date,
              lessonNumber: 1,
              value: String(2 + ((i + r) % 4)),
              workTypeId: control,
            });
            if (res.statusCode !== 201) throw new Error(`grade: ${res.statusCode} ${res.body}`);
            const at = Date.now();
            for (const a of [s.email, s.phone]) commits.set(a, [...(commits.get(a) ?? []), at]);
          }),
        );
      }
    }
    const deadline = Date.now() + num('drain-seconds', 120) * 1000;
    console.error(`notify (${kind}): ${commits.size / 2} students × ${ROUNDS} grades saved in ${Date.now() - started} ms; draining`);
    const pending = async () =>
      Number(
        (
          await t.deps.db
            .selectFrom('notify_outbox')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('status', 'in', ['queued', 'sending'])
            .executeTakeFirstOrThrow()
        ).n,
      );
    while ((await pending()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 1000));
    const receipts = new Map<string, number[]>();
    for (const m of smtp.mails) receipts.set(m.to, [...(receipts.get(m.to) ?? []), m.at]);
    for (const m of smpp.received) receipts.set(m.to, [...(receipts.get(m.to) ?? []), m.at]);
    // Grades of one child saved while the worker was busy go out as one message (coalescing), so
    // the outbox says what was owed: every notice sent, and one message per distinct send.
    const rows = await t.deps.db
      .selectFrom('notify_outbox')
      .select(['status', 'channel', 'provider_id'])
      .where('school_id', '=', w.schoolId)
      .where('event', '=', 'grade')
      .execute();
    const lost = rows.filter((r) => r.status !== 'sent' && r.status !== 'delivered').length;
    const owed = new Set(rows.filter((r) => r.provider_id).map((r) => `${r.channel}:${r.provider_id}`)).size;
    const duplicates = Math.max(0, smtp.mails.length + smpp.messages().length - owed);
    const latencies: number[] = [];
    for (const [address, times] of commits) {
      const got = (receipts.get(address) ?? []).sort((a, b) => a - b);
      // A grade is received with the first message to its address after its commit.
      for (const c of times) {
        const r = got.find((g) => g >= c);
        if (r !== undefined) latencies.push(r - c);
      }
    }
    const lastReceipt = Math.max(...[...receipts.values()].flat());
    const messages = smtp.mails.length + smpp.messages().length;
    console.log(
      JSON.stringify({
        scenario: 'notify',
        db: kind,
        notices: rows.length,
        messages,
        rps: Math.round(messages / ((lastReceipt - started) / 1000)),
        p99_commit_to_receipt_ms: Math.round(p(latencies, 0.99)),
        p50_commit_to_receipt_ms: Math.round(p(latencies, 0.5)),
        duplicates,
        lost,
      }),
    );
  } finally {
    await worker.stop();
    await t.close();
    await smtp.close();
    await smpp.close();
  }
}

export async function runNotifyBench(): Promise<void> {
  if (!args.includes('--no-sqlite')) await notifyBench('sqlite');
  if (!args.includes('--no-postgres')) await notifyBench('postgres');
}
