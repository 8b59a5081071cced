import { SEARCH_QUERY_MAX } from '@contract/limits';
import type { StudentList } from '@contract/schemas/people';
import type { Static } from '@sinclair/typebox';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, type KeyboardEvent, useId, useState } from 'react';
import { Empty, ErrorNotice, Loading } from '../../components/status';
import { fullName } from '../../lib/dates';
import { useT } from '../../lib/i18n';
import { resourceQuery } from '../../lib/resource';
import type { StudentListItem } from '../../lib/resources/students';

/**
 * Finds a student of the school by name or file number, so an application or consent names the
 * school's own record (the code for the family is issued against it).
 */
export function StudentPicker({
  schoolId,
  onPick,
  chosen,
}: {
  schoolId: string;
  onPick: (student: StudentListItem | null) => void;
  chosen: StudentListItem | null;
}) {
  const t = useT();
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const inputId = useId();
  // Asks only once something was typed: the school's whole list is not needed here.
  const students = useQuery({ ...resourceQuery<Static<typeof StudentList>>(schoolId, 'students', { q, limit: 10 }), enabled: q !== '' });

  if (chosen) {
    return (
      <div className="student-picker student-picker--chosen" data-testid="student-picked">
        <span>
          {t('serviceWeb.picker.chosen')}: <strong>{fullName(chosen)}</strong>
          {chosen.class ? `, ${chosen.class.name}` : ''} ({chosen.fileNumber})
        </span>
        <button type="button" className="button button--secondary button--small" onClick={() => onPick(null)}>
          {t('serviceWeb.picker.change')}
        </button>
      </div>
    );
  }

  const search = (event: FormEvent | KeyboardEvent) => {
    event.preventDefault();
    setQ(draft.trim());
  };

  return (
    <div className="student-picker">
      {/* Not a nested <form>: the picker often sits inside another form. */}
      <search className="toolbar">
        <div className="field">
          <label className="field__label" htmlFor={inputId}>
            {t('serviceWeb.picker.label')}
          </label>
          <input
            id={inputId}
            type="search"
            maxLength={SEARCH_QUERY_MAX}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') search(e);
            }}
          />
        </div>
        <button type="button" className="button button--secondary" onClick={search}>
          {t('web.people.find')}
        </button>
      </search>
      {!q ? (
        <p className="muted">{t('serviceWeb.picker.hint')}</p>
      ) : students.isPending ? (
        <Loading />
      ) : students.isError ? (
        <ErrorNotice error={students.error} onRetry={() => students.refetch()} />
      ) : students.data.items.length === 0 ? (
        <Empty>{t('web.people.noMatches')}</Empty>
      ) : (
        <ul className="link-list" data-testid="student-matches">
          {students.data.items.map((s) => (
            <li key={s.id}>
              <span>
                {fullName(s)}
                {s.class ? `, ${s.class.name}` : ''} <span className="muted">({s.fileNumber})</span>
              </span>
              <button type="button" className="button button--small" onClick={() => onPick(s)}>
                {t('serviceWeb.picker.choose')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
