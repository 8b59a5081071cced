import type { MessageKey } from '@contract/i18n/translate';
import { COMPLAINT_ANSWER_LIMITS, COMPLAINT_EXTEND_LIMITS, COMPLAINT_LIMITS, SEARCH_QUERY_MAX } from '@contract/limits';
import { COMPLAINT_FORMS, COMPLAINT_STATUSES } from '@contract/schemas/oversight';
import { type FormEvent, useId, useState } from 'react';
import { useSchool } from '../../app/school-context';
import { EntityForm, withLimits } from '../../components/EntityForm';
import { Empty, ErrorNotice, Loading } from '../../components/status';
import { formatDate, todayIso } from '../../lib/dates';
import { useLocale, useT } from '../../lib/i18n';
import { type Complaint, complaintBookPdf, useComplaintAction, useComplaints, useRegisterComplaint } from './api/oversight';
import '../../components/register.css';

/**
 * The complaint book (seed 002 §5; R11.1): register a complaint, its 30-day deadline (extendable
 * once with a written notice), the answer, a repeated complaint declined; overdue highlighted.
 */
export function ComplaintsTab() {
  const t = useT();
  const { locale } = useLocale();
  const school = useSchool();
  const [draft, setDraft] = useState({ status: '', q: '' });
  const [filter, setFilter] = useState({ status: '', q: '' });
  const complaints = useComplaints(school.id, filter);
  const register = useRegisterComplaint(school.id);
  const [open, setOpen] = useState<string | null>(null);
  const ids = { status: useId(), q: useId() };

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilter({ status: draft.status, q: draft.q.trim() });
  };
  const formOptions = COMPLAINT_FORMS.map((f) => ({ value: f, label: t(`oversight.form.${f}` as MessageKey) }));

  return (
    <div>
      <form className="toolbar" onSubmit={apply} aria-label={t('web.common.filter')}>
        <div className="field field--short">
          <label className="field__label" htmlFor={ids.status}>
            {t('serviceWeb.register.status')}
          </label>
          <select id={ids.status} value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value })}>
            <option value="">{t('web.common.all')}</option>
            {COMPLAINT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`oversight.status.${s}` as MessageKey)}
              </option>
            ))}
            <option value="overdue">{t('serviceWeb.complaints.overdue')}</option>
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={ids.q}>
            {t('serviceWeb.complaints.search')}
          </label>
          <input
            id={ids.q}
            type="search"
            maxLength={SEARCH_QUERY_MAX}
            value={draft.q}
            onChange={(e) => setDraft({ ...draft, q: e.target.value })}
          />
        </div>
        <button type="submit" className="button">
          {t('web.common.apply')}
        </button>
      </form>
      <div className="form__actions form__actions--spaced no-print">
        <button type="button" className="button button--secondary" onClick={() => window.print()}>
          {t('serviceWeb.print')}
        </button>
        <a className="button button--secondary" href={complaintBookPdf(school.id)} target="_blank" rel="noopener">
          {t('serviceWeb.complaints.pdf')}
        </a>
      </div>
      <p className="print-only print-heading">
        {t('oversight.pdf.bookTitle')} — {school.name}
      </p>

      {complaints.isPending ? (
        <Loading />
      ) : complaints.isError ? (
        <ErrorNotice error={complaints.error} onRetry={() => complaints.refetch()} />
      ) : complaints.data.items.length === 0 ? (
        <Empty>{t('serviceWeb.complaints.empty')}</Empty>
      ) : (
        <div className="table-wrap">
          <table className="table register-table" data-testid="complaints">
            <caption className="visually-hidden">{t('oversight.pdf.bookTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('oversight.pdf.colNumber')}</th>
                <th scope="col">{t('oversight.pdf.colRegistered')}</th>
                <th scope="col">{t('oversight.pdf.colForm')}</th>
                <th scope="col">{t('oversight.pdf.colComplainant')}</th>
                <th scope="col">{t('oversight.pdf.colSubstance')}</th>
                <th scope="col">{t('oversight.pdf.colDue')}</th>
                <th scope="col">{t('oversight.pdf.colOutcome')}</th>
                <th scope="col" className="no-print">
                  <span className="visually-hidden">{t('web.form.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {complaints.data.items.map((c) => (
                <ComplaintRow
                  key={c.id}
                  complaint={c}
                  all={complaints.data.items}
                  schoolId={school.id}
                  open={open === c.id}
                  onToggle={() => setOpen(open === c.id ? null : c.id)}
                  locale={locale}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}

      <details className="panel no-print">
        <summary>{t('serviceWeb.complaints.register')}</summary>
        <EntityForm
          testId="complaint-form"
          submitLabel="serviceWeb.register.submit"
          initial={{ registeredOn: todayIso(), addressee: t('serviceWeb.complaints.addresseeDefault', { school: school.name }) }}
          fields={withLimits(COMPLAINT_LIMITS, [
            { name: 'form', label: 'oversight.pdf.colForm', type: 'select', required: true, options: formOptions },
            { name: 'registeredOn', label: 'oversight.pdf.colRegistered', type: 'date', required: true },
            { name: 'addressee', label: 'serviceWeb.complaints.addressee', required: true },
            { name: 'complainantName', label: 'serviceWeb.complaints.complainantName', required: true },
            { name: 'complainantAddress', label: 'serviceWeb.complaints.complainantAddress', required: true },
            { name: 'substance', label: 'oversight.pdf.colSubstance', type: 'textarea', required: true },
          ])}
          onSubmit={(body) => register.mutateAsync(body)}
        />
      </details>
    </div>
  );
}

function ComplaintRow({
  complaint: c,
  all,
  schoolId,
  open,
  onToggle,
  locale,
}: {
  complaint: Complaint;
  all: Complaint[];
  schoolId: string;
  open: boolean;
  onToggle: () => void;
  locale: 'ru' | 'en';
}) {
  const t = useT();
  const due = c.extendedDueOn ?? c.dueOn;
  const repeatOf = c.repeatOfId ? all.find((x) => x.id === c.repeatOfId) : undefined;
  return (
    <>
      <tr className={c.overdue ? 'row--overdue' : undefined} data-row={c.number}>
        <td>{c.number}</td>
        <td>{formatDate(locale, c.registeredOn)}</td>
        <td>{t(`oversight.form.${c.form}` as MessageKey)}</td>
        <td>
          {c.complainantName}
          <span className="register-table__ground">{c.complainantAddress}</span>
        </td>
        <td className="complaint__substance">{c.substance}</td>
        <td>
          <span className={`deadline${c.overdue ? ' deadline--overdue' : ''}`}>
            {formatDate(locale, due)}
            {c.overdue ? <strong className="deadline__flag">{t('serviceWeb.deadline.overdue')}</strong> : null}
          </span>
          {c.extendedDueOn ? (
            <span className="register-table__ground">
              {t('oversight.pdf.extended', { date: formatDate(locale, c.extendedDueOn) })}
              {c.extensionNoticeOn ? `; ${t('serviceWeb.complaints.noticeOn', { date: formatDate(locale, c.extensionNoticeOn) })}` : ''}
            </span>
          ) : null}
        </td>
        <td>
          <span
            className={`tag service-status service-status--${c.status === 'open' ? 'registered' : c.status === 'answered' ? 'issued' : 'refused'}`}
          >
            {t(`oversight.status.${c.status}` as MessageKey)}
          </span>
          {c.answeredOn ? (
            <span className="register-table__ground">
              {t('oversight.pdf.answered', { date: formatDate(locale, c.answeredOn), method: c.answerMethod ?? '' })}
            </span>
          ) : null}
          {c.declinedOn ? (
            <span className="register-table__ground">
              {t('oversight.pdf.declined', { date: formatDate(locale, c.declinedOn), number: repeatOf?.number ?? '—' })}
            </span>
          ) : null}
        </td>
        <td className="table__actions no-print">
          {c.status === 'open' ? (
            <button type="button" className="button button--secondary button--small" aria-expanded={open} onClick={onToggle}>
              {t('serviceWeb.complaints.handle')}
            </button>
          ) : null}
        </td>
      </tr>
      {open ? (
        <tr className="record-table__editor no-print">
          <td colSpan={8}>
            <ComplaintActions complaint={c} all={all} schoolId={schoolId} onDone={onToggle} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

/** Extend once (with the notice), answer, or decline as a repeat of an answered complaint. */
function ComplaintActions({
  complaint: c,
  all,
  schoolId,
  onDone,
}: {
  complaint: Complaint;
  all: Complaint[];
  schoolId: string;
  onDone: () => void;
}) {
  const t = useT();
  const extend = useComplaintAction(schoolId, c.id, 'extend');
  const answer = useComplaintAction(schoolId, c.id, 'answer');
  const decline = useComplaintAction(schoolId, c.id, 'decline');
  const answered = all.filter((x) => x.id !== c.id && x.status === 'answered');
  return (
    <div className="complaint-actions">
      {c.answerText === null ? (
        <EntityForm
          legend={t('serviceWeb.complaints.answer')}
          submitLabel="web.form.save"
          initial={{ answeredOn: todayIso() }}
          fields={withLimits(COMPLAINT_ANSWER_LIMITS, [
            { name: 'text', label: 'serviceWeb.complaints.answerText', type: 'textarea', required: true },
            { name: 'answeredOn', label: 'serviceWeb.complaints.answeredOn', type: 'date', required: true },
            {
              name: 'method',
              label: 'serviceWeb.complaints.method',
              required: true,
              hint: 'serviceWeb.complaints.methodHint',
            },
          ])}
          onSubmit={(body) => answer.mutateAsync(body)}
          onDone={onDone}
        />
      ) : null}
      {c.extendedDueOn === null ? (
        <EntityForm
          legend={t('serviceWeb.complaints.extend')}
          submitLabel="serviceWeb.complaints.extendSubmit"
          initial={{ noticeOn: todayIso() }}
          fields={withLimits(COMPLAINT_EXTEND_LIMITS, [
            { name: 'reason', label: 'serviceWeb.complaints.extendReason', type: 'textarea', required: true },
            { name: 'noticeOn', label: 'serviceWeb.complaints.noticeSentOn', type: 'date', required: true },
          ])}
          onSubmit={(body) => extend.mutateAsync(body)}
          onDone={onDone}
        />
      ) : (
        <p className="muted">{t('serviceWeb.complaints.extendedOnce')}</p>
      )}
      {answered.length > 0 ? (
        <EntityForm
          legend={t('serviceWeb.complaints.decline')}
          submitLabel="serviceWeb.complaints.declineSubmit"
          initial={{ declinedOn: todayIso() }}
          fields={[
            {
              name: 'repeatOfId',
              label: 'serviceWeb.complaints.repeatOf',
              type: 'select',
              required: true,
              options: answered.map((x) => ({ value: x.id, label: `${x.number} — ${x.complainantName}` })),
            },
            { name: 'declinedOn', label: 'serviceWeb.complaints.declinedOn', type: 'date', required: true },
          ]}
          onSubmit={(body) => decline.mutateAsync(body)}
          onDone={onDone}
        />
      ) : null}
    </div>
  );
}
