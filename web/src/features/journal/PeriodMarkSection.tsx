import { PeriodMarkExplanation } from '../../components/PeriodMarkExplanation';
import { ErrorNotice, Loading } from '../../components/status';
import { useT } from '../../lib/i18n';
import { usePeriodMark } from './api/plan';

/**
 * «Why this period mark?» in the journal's period dialog (R4.1). `revision` follows the student's
 * averages in the grid, so the explanation is asked again after a grade changes.
 */
export function PeriodMarkSection({
  schoolId,
  curriculumId,
  studentId,
  periodId,
  revision,
}: {
  schoolId: string;
  curriculumId: string;
  studentId: string;
  periodId: string;
  revision: string;
}) {
  const t = useT();
  const explanation = usePeriodMark(schoolId, curriculumId, studentId, periodId, revision);
  return (
    <section className="journal-dialog__section" aria-labelledby={`period-mark-${studentId}`}>
      <h3 id={`period-mark-${studentId}`}>{t('periodMark.title')}</h3>
      {explanation.isPending ? (
        <Loading label={t('periodMark.loading')} />
      ) : explanation.isError ? (
        <ErrorNotice error={explanation.error} onRetry={() => explanation.refetch()} />
      ) : (
        <PeriodMarkExplanation explanation={explanation.data} />
      )}
    </section>
  );
}
