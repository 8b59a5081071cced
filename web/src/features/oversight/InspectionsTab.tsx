import type { MessageKey } from '@contract/i18n/translate';
import { INSPECTION_LIMITS, INSPECTION_RESULT_LIMITS, SENT_BY_LIMITS } from '@contract/limits';
import { INSPECTION_KINDS } from '@contract/schemas/oversight';
import { useState } from 'react';
import { useSchool } from '../../app/school-context';
import { EntityForm, withLimits } from '../../components/EntityForm';
import { Empty, ErrorNotice, Loading } from '../../components/status';
import { formatDate, todayIso } from '../../lib/dates';
import { useLocale, useT } from '../../lib/i18n';
import { type Inspection, useComplaints, useCreateInspection, useInspectionAction, useInspections } from './api/oversight';

/**
 * Inspections (seed 002 §4.1; R11.2): planned at most once a year, unplanned on a complaint; the
 * written result («справка»); for a complaint, when and how the result went to the complainant.
 * The list is the register of quality checks.
 */
export function InspectionsTab({ complaintsVisible }: { complaintsVisible: boolean }) {
  const t = useT();
  const { locale } = useLocale();
  const school = useSchool();
  const inspections = useInspections(school.id);
  const complaints = useComplaints(school.id, undefined, complaintsVisible);
  const create = useCreateInspection(school.id);
  const [open, setOpen] = useState<string | null>(null);
  const complaintOptions = complaintsVisible
    ? (complaints.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.number} — ${c.complainantName}` }))
    : [];

  return (
    <div>
      {inspections.isPending ? (
        <Loading />
      ) : inspections.isError ? (
        <ErrorNotice error={inspections.error} onRetry={() => inspections.refetch()} />
      ) : inspections.data.items.length === 0 ? (
        <Empty>{t('serviceWeb.inspections.empty')}</Empty>
      ) : (
        <div className="table-wrap">
          <table className="table register-table" data-testid="inspections">
            <caption className="visually-hidden">{t('serviceWeb.inspections.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('serviceWeb.inspections.startsOn')}</th>
                <th scope="col">{t('serviceWeb.inspections.kind')}</th>
                <th scope="col">{t('serviceWeb.inspections.subject')}</th>
                <th scope="col">{t('serviceWeb.inspections.result')}</th>
                <th scope="col">{t('serviceWeb.inspections.sent')}</th>
                <th scope="col" className="no-print">
                  <span className="visually-hidden">{t('web.form.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {inspections.data.items.map((i) => (
                <InspectionRow
                  key={i.id}
                  inspection={i}
                  schoolId={school.id}
                  open={open === i.id}
                  onToggle={() => setOpen(open === i.id ? null : i.id)}
                  locale={locale}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}

      <details className="panel no-print">
        <summary>{t('serviceWeb.inspections.add')}</summary>
        <EntityForm
          testId="inspection-form"
          submitLabel="web.form.add"
          initial={{ startsOn: todayIso() }}
          fields={withLimits(INSPECTION_LIMITS, [
            {
              name: 'kind',
              label: 'serviceWeb.inspections.kind',
              type: 'select',
              required: true,
              options: INSPECTION_KINDS.map((k) => ({ value: k, label: t(`oversight.inspection.${k}` as MessageKey) })),
            },
            {
              name: 'complaintId',
              label: 'serviceWeb.inspections.complaint',
              type: 'select',
              options: complaintOptions,
              hint: 'serviceWeb.inspections.complaintHint',
            },
            { name: 'subject', label: 'serviceWeb.inspections.subject', type: 'textarea', required: true },
            { name: 'orderRef', label: 'serviceWeb.inspections.orderRef' },
            { name: 'startsOn', label: 'serviceWeb.inspections.startsOn', type: 'date', required: true },
          ])}
          // orderRef is plain text on the server: an empty one is sent as ''.
          onSubmit={(body) => create.mutateAsync({ orderRef: '', ...body })}
        />
      </details>
    </div>
  );
}

function InspectionRow({
  inspection: i,
  schoolId,
  open,
  onToggle,
  locale,
}: {
  inspection: Inspection;
  schoolId: string;
  open: boolean;
  onToggle: () => void;
  locale: 'ru' | 'en';
}) {
  const t = useT();
  const result = useInspectionAction(schoolId, i.id, 'result');
  const sent = useInspectionAction(schoolId, i.id, 'result-sent');
  const canSend = i.complaintId !== null && i.resultText !== null && i.resultSentOn === null;
  const actionable = i.resultText === null || canSend;
  return (
    <>
      <tr data-row={i.subject}>
        <td>{formatDate(locale, i.startsOn)}</td>
        <td>
          {t(`oversight.inspection.${i.kind}` as MessageKey)}
          {i.complaintNumber ? (
            <span className="register-table__ground">{t('serviceWeb.inspections.onComplaint', { number: i.complaintNumber })}</span>
          ) : null}
        </td>
        <td>
          {i.subject}
          {i.orderRef ? <span className="register-table__ground">{i.orderRef}</span> : null}
        </td>
        <td>
          {i.resultText ? (
            <>
              <span className="register-table__ground">{formatDate(locale, i.resultOn)}</span>
              {i.resultText}
            </>
          ) : (
            <span className="muted">{t('serviceWeb.inspections.noResult')}</span>
          )}
        </td>
        <td>
          {i.resultSentOn ? (
            `${formatDate(locale, i.resultSentOn)}, ${i.resultSentMethod ?? ''}`
          ) : i.complaintId ? (
            '—'
          ) : (
            <span className="muted">{t('serviceWeb.inspections.notOnComplaint')}</span>
          )}
        </td>
        <td className="table__actions no-print">
          {actionable ? (
            <button type="button" className="button button--secondary button--small" aria-expanded={open} onClick={onToggle}>
              {t(i.resultText === null ? 'serviceWeb.inspections.recordResult' : 'serviceWeb.inspections.recordSent')}
            </button>
          ) : null}
        </td>
      </tr>
      {open ? (
        <tr className="record-table__editor no-print">
          <td colSpan={6}>
            {i.resultText === null ? (
              <EntityForm
                legend={t('serviceWeb.inspections.recordResult')}
                submitLabel="web.form.save"
                initial={{ resultOn: todayIso() }}
                fields={withLimits(INSPECTION_RESULT_LIMITS, [
                  { name: 'resultText', label: 'serviceWeb.inspections.result', type: 'textarea', required: true },
                  { name: 'resultOn', label: 'serviceWeb.inspections.resultOn', type: 'date', required: true },
                ])}
                onSubmit={(body) => result.mutateAsync(body)}
                onDone={onToggle}
              />
            ) : (
              <EntityForm
                legend={t('serviceWeb.inspections.recordSent')}
                submitLabel="web.form.save"
                initial={{ sentOn: todayIso() }}
                fields={withLimits(SENT_BY_LIMITS, [
                  { name: 'sentOn', label: 'serviceWeb.consents.sentOn', type: 'date', required: true },
                  { name: 'method', label: 'serviceWeb.complaints.method', required: true },
                ])}
                onSubmit={(body) => sent.mutateAsync(body)}
                onDone={onToggle}
              />
            )}
          </td>
        </tr>
      ) : null}
    </>
  );
}
