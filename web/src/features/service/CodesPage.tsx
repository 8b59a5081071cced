import type { MessageKey } from '@contract/i18n/translate';
import type { Roster } from '@contract/schemas/people';
import type { Static } from '@sinclair/typebox';
import { useEffect, useId, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useSession } from '../../app/school-context';
import { Empty, ErrorNotice, errorText, Loading } from '../../components/status';
import { hasAnyRole } from '../../lib/access';
import { formatDate, formatInstant, fullName } from '../../lib/dates';
import { useLocale, useT } from '../../lib/i18n';
import { useResource } from '../../lib/resource';
import { useClasses } from '../../lib/resources/classes';
import { useStudent } from '../../lib/resources/students';
import { useDocumentTitle } from '../../lib/use-title';
import { fetchSlipPdf, type Issued, useIssueCode, useStudentCodes } from './api/service';
import '../../components/register.css';

type RosterEntry = Static<typeof Roster>['items'][number];
interface Chosen {
  id: string;
  name: string;
}

/**
 * Registration codes (seed 000 §3.2; seed 002 §3.2.5): the class teacher (for the class they lead)
 * or the school admin issues a one-time code for a parent or a student, reissues a lost one, and
 * prints the slip with the child's name, the system's address and the signature line «получил(а)».
 */
export function CodesPage() {
  const t = useT();
  const { me, school } = useSession();
  const [params, setParams] = useSearchParams();
  // An admin issues codes in any class; a class teacher only in the classes they lead, which
  // /api/auth/me names (the server checks the same thing: server/access/policy.ts).
  const anyClass = hasAnyRole(school, ['school_admin']);
  const classes = useClasses(school.id);
  const classSelectId = useId();
  const [issued, setIssued] = useState<Issued | null>(null);
  useDocumentTitle(t('serviceWeb.codes.title'));

  const offered: readonly { id: string; name: string }[] = anyClass ? (classes.data?.items ?? []) : school.leadsClasses;
  const wanted = params.get('class');
  const classId = offered.some((c) => c.id === wanted) ? (wanted as string) : (offered[0]?.id ?? '');
  const studentParam = params.get('student');

  const setParam = (key: string, value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  return (
    <div className="service service--codes">
      <header className="page-header no-print">
        <h1>{t('serviceWeb.codes.title')}</h1>
        <p className="page-header__subtitle">{t('serviceWeb.codes.subtitle')}</p>
      </header>

      {issued ? (
        <IssuedSlip
          issued={issued}
          schoolId={school.id}
          schoolName={school.name}
          issuerName={me.displayName}
          onClose={() => setIssued(null)}
        />
      ) : null}

      <div className="no-print">
        {studentParam ? (
          <ChosenStudent schoolId={school.id} studentId={studentParam} onIssued={setIssued} onClear={() => setParam('student', null)} />
        ) : null}

        {anyClass && classes.isPending ? (
          <Loading />
        ) : anyClass && classes.isError ? (
          <ErrorNotice error={classes.error} onRetry={() => classes.refetch()} />
        ) : offered.length === 0 ? (
          <Empty>{anyClass ? t('web.school.noClasses') : t('serviceWeb.codes.noLedClass')}</Empty>
        ) : (
          <>
            <div className="field field--narrow">
              <label className="field__label" htmlFor={classSelectId}>
                {t('web.school.field.class')}
              </label>
              <select id={classSelectId} value={classId} onChange={(e) => setParam('class', e.target.value)}>
                {offered.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </div>
            {classId ? <ClassCodes schoolId={school.id} classId={classId} onIssued={setIssued} /> : null}
          </>
        )}
      </div>
    </div>
  );
}

/** The student named in ?student= (from an application): their codes first. */
function ChosenStudent({
  schoolId,
  studentId,
  onIssued,
  onClear,
}: {
  schoolId: string;
  studentId: string;
  onIssued: (i: Issued) => void;
  onClear: () => void;
}) {
  const t = useT();
  const student = useStudent(schoolId, studentId);
  if (student.isPending) return <Loading />;
  if (student.isError) return <ErrorNotice error={student.error} />;
  const s = student.data;
  return (
    <section className="panel" aria-labelledby="codes-chosen">
      <h2 id="codes-chosen">
        {fullName(s)}
        {s.class ? `, ${s.class.name}` : ''}
      </h2>
      <StudentCodes schoolId={schoolId} student={{ id: s.id, name: fullName(s) }} onIssued={onIssued} expanded />
      <button type="button" className="button button--quiet" onClick={onClear}>
        {t('serviceWeb.codes.wholeClass')}
      </button>
    </section>
  );
}

function ClassCodes({ schoolId, classId, onIssued }: { schoolId: string; classId: string; onIssued: (i: Issued) => void }) {
  const t = useT();
  const roster = useResource<Static<typeof Roster>>(schoolId, `classes/${encodeURIComponent(classId)}/students`);
  if (roster.isPending) return <Loading />;
  if (roster.isError) return <ErrorNotice error={roster.error} onRetry={() => roster.refetch()} />;
  if (roster.data.items.length === 0) return <Empty>{t('web.people.noStudents')}</Empty>;
  return (
    <ul className="codes-list" data-testid="codes-roster">
      {roster.data.items.map((s: RosterEntry) => (
        <li key={s.studentId} data-row={fullName(s)}>
          <StudentCodes schoolId={schoolId} student={{ id: s.studentId, name: fullName(s) }} onIssued={onIssued} />
        </li>
      ))}
    </ul>
  );
}

/** One student's row: issue a code for the parent or the student; the history on demand. */
function StudentCodes({
  schoolId,
  student,
  onIssued,
  expanded,
}: {
  schoolId: string;
  student: Chosen;
  onIssued: (i: Issued) => void;
  expanded?: boolean;
}) {
  const t = useT();
  const [open, setOpen] = useState(Boolean(expanded));
  const issue = useIssueCode(schoolId, student.id);
  const historyId = useId();

  const run = (kind: 'parent' | 'student') =>
    issue.mutate(kind, {
      onSuccess: (code) => {
        onIssued(code);
        requestAnimationFrame(() => document.getElementById('issued-slip')?.focus());
      },
    });

  return (
    <div className="student-codes">
      <div className="student-codes__bar">
        <span className="student-codes__name">{student.name}</span>
        <div className="record-table__actions">
          <button
            type="button"
            className="button button--small"
            disabled={issue.isPending}
            onClick={() => run('parent')}
            data-testid="issue-parent"
            aria-label={`${t('serviceWeb.codes.issueParent')}: ${student.name}`}
          >
            {t('serviceWeb.codes.issueParent')}
          </button>
          <button
            type="button"
            className="button button--secondary button--small"
            disabled={issue.isPending}
            onClick={() => run('student')}
            aria-label={`${t('serviceWeb.codes.issueStudent')}: ${student.name}`}
          >
            {t('serviceWeb.codes.issueStudent')}
          </button>
          <button
            type="button"
            className="button button--quiet button--small"
            aria-expanded={open}
            aria-controls={historyId}
            onClick={() => setOpen(!open)}
          >
            {t('serviceWeb.codes.history')}
          </button>
        </div>
      </div>
      {issue.error ? (
        <p className="field__error" role="alert">
          {errorText(t, issue.error)}
        </p>
      ) : null}
      <div id={historyId}>{open ? <CodeHistory schoolId={schoolId} studentId={student.id} /> : null}</div>
    </div>
  );
}

function CodeHistory({ schoolId, studentId }: { schoolId: string; studentId: string }) {
  const t = useT();
  const { locale } = useLocale();
  const codes = useStudentCodes(schoolId, studentId);
  if (codes.isPending) return <Loading />;
  if (codes.isError) return <ErrorNotice error={codes.error} onRetry={() => codes.refetch()} />;
  if (codes.data.items.length === 0) return <p className="muted">{t('serviceWeb.codes.none')}</p>;
  return (
    <ul className="plain-list code-history">
      {codes.data.items.map((c) => (
        <li key={c.id}>
          {t(`serviceWeb.codes.kind.${c.kind}` as MessageKey)}:{' '}
          {t('serviceWeb.codes.issuedBy', { name: c.issuedByName ?? '—', at: formatInstant(locale, c.issuedAt) })} —{' '}
          {c.usedAt
            ? t('serviceWeb.codes.used', { at: formatInstant(locale, c.usedAt) })
            : c.revokedAt
              ? t('serviceWeb.codes.revoked', { at: formatInstant(locale, c.revokedAt) })
              : t('serviceWeb.codes.validUntil', { date: formatInstant(locale, c.expiresAt) })}
        </li>
      ))}
    </ul>
  );
}

/**
 * The code just issued, shown once, laid out as the slip: printed from the browser (print
 * stylesheet: only the slip) or as the server's PDF. The code is never stored in plain text, so
 * after this panel closes only a reissue gives a new one.
 */
function IssuedSlip({
  issued,
  schoolId,
  schoolName,
  issuerName,
  onClose,
}: {
  issued: Issued;
  schoolId: string;
  schoolName: string;
  issuerName: string;
  onClose: () => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const [pdf, setPdf] = useState<{ url: string | null; error: unknown; busy: boolean }>({ url: null, error: null, busy: false });

  // The blob URL holds the code: release it when the slip goes away.
  useEffect(() => () => (pdf.url ? URL.revokeObjectURL(pdf.url) : undefined), [pdf.url]);

  const openPdf = async () => {
    setPdf((p) => ({ ...p, busy: true, error: null }));
    try {
      const url = await fetchSlipPdf(schoolId, issued.id, issued.code, locale);
      setPdf({ url, error: null, busy: false });
      window.open(url, '_blank', 'noopener');
    } catch (error) {
      setPdf({ url: null, error, busy: false });
    }
  };

  return (
    <section className="slip-panel" aria-labelledby="issued-slip-title">
      <div className="secret no-print" id="issued-slip" tabIndex={-1} role="status">
        <p>
          <strong id="issued-slip-title">{t('serviceWeb.codes.issuedTitle')}</strong>
        </p>
        <p>{t('serviceWeb.codes.onceWarning')}</p>
        <div className="form__actions">
          <button type="button" className="button" onClick={() => window.print()} data-testid="print-slip">
            {t('serviceWeb.codes.printSlip')}
          </button>
          <button type="button" className="button button--secondary" onClick={openPdf} disabled={pdf.busy} data-testid="slip-pdf">
            {t('serviceWeb.codes.slipPdf')}
          </button>
          {pdf.url ? (
            <a className="button button--quiet" href={pdf.url} download="code-slip.pdf">
              {t('serviceWeb.codes.downloadPdf')}
            </a>
          ) : null}
          <button type="button" className="button button--quiet" onClick={onClose}>
            {t('serviceWeb.codes.close')}
          </button>
        </div>
        {pdf.error ? (
          <p className="field__error" role="alert">
            {errorText(t, pdf.error)}
          </p>
        ) : null}
      </div>

      <article className="slip" data-testid="slip">
        <p className="slip__school">{schoolName}</p>
        <h2 className="slip__title">{t('service.pdf.slipTitle')}</h2>
        <p>{t('service.pdf.slipFor', { role: t(`service.pdf.slipRole.${issued.kind}` as MessageKey) })}</p>
        <p>{t('service.pdf.slipStudent', { name: issued.studentName })}</p>
        <p className="slip__code" data-testid="issued-code">
          {issued.code}
        </p>
        <p>{t('service.pdf.slipAddress', { url: issued.systemAddress })}</p>
        <p className="slip__howto">{t('service.pdf.slipHowTo', { date: formatDate(locale, issued.expiresAt.slice(0, 10)) })}</p>
        <p>{t('service.pdf.slipIssued', { name: issuerName, date: formatInstant(locale, issued.issuedAt) })}</p>
        <p className="slip__signature">{t('service.pdf.slipReceived')}</p>
      </article>
    </section>
  );
}
