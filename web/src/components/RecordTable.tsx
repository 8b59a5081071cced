import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useT } from '../lib/i18n';
import { DeleteButton } from './DeleteButton';
import { EntityForm, type FieldSpec, type FormValues } from './EntityForm';
import './admin.css';

export interface Column<T> {
  header: string;
  cell: (item: T) => ReactNode;
}

export interface RowEditor<T> {
  fields: (item: T) => FieldSpec[];
  initial: (item: T) => FormValues;
  /** PATCH with the changed fields only. */
  save: (item: T, body: Record<string, unknown>) => Promise<unknown>;
}

interface RecordTableProps<T extends { id: string }> {
  items: T[];
  columns: Column<T>[];
  /** The row's name for confirmations and button labels: «5А», «Математика». */
  describe: (item: T) => string;
  /** Without `edit`/`remove` the table is read-only (no actions column). */
  edit?: RowEditor<T>;
  remove?: (item: T) => Promise<unknown>;
  testId?: string;
}

/** A list of records with «Изменить» (a form under the row) and «Удалить» (confirmed in place). */
export function RecordTable<T extends { id: string }>({ items, columns, describe, edit, remove, testId }: RecordTableProps<T>) {
  const t = useT();
  const [editing, setEditing] = useState<string | null>(null);
  const actions = Boolean(edit || remove);
  return (
    <div className="table-wrap">
      <table className="table" data-testid={testId}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.header} scope="col">
                {c.header}
              </th>
            ))}
            {actions ? (
              <th scope="col">
                <span className="visually-hidden">{t('web.form.actions')}</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <RecordRow
              key={item.id}
              item={item}
              columns={columns}
              describe={describe}
              edit={edit}
              remove={remove}
              open={editing === item.id}
              onOpen={() => setEditing(item.id)}
              onClose={() => setEditing(null)}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RecordRow<T extends { id: string }>({
  item,
  columns,
  describe,
  edit,
  remove,
  open,
  onOpen,
  onClose,
}: Omit<RecordTableProps<T>, 'items' | 'testId'> & { item: T; open: boolean; onOpen: () => void; onClose: () => void }) {
  const t = useT();
  const editorRef = useRef<HTMLDivElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  const name = describe(item);

  // Keyboard users land in the form when it opens and back on «Изменить» when it closes.
  useEffect(() => {
    if (open) editorRef.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
    else if (wasOpen.current) editButton.current?.focus();
    wasOpen.current = open;
  }, [open]);

  return (
    <>
      <tr data-row={name}>
        {columns.map((c) => (
          <td key={c.header}>{c.cell(item)}</td>
        ))}
        {edit || remove ? (
          <td className="table__actions">
            <div className="record-table__actions">
              {edit ? (
                <button
                  ref={editButton}
                  type="button"
                  className="button button--secondary button--small"
                  aria-expanded={open}
                  aria-label={t('web.form.editOf', { name })}
                  onClick={open ? onClose : onOpen}
                >
                  {t('web.form.edit')}
                </button>
              ) : null}
              {remove ? <DeleteButton name={name} onDelete={() => remove(item)} /> : null}
            </div>
          </td>
        ) : null}
      </tr>
      {open && edit ? (
        <tr className="record-table__editor">
          <td colSpan={columns.length + 1}>
            <div ref={editorRef}>
              <EntityForm
                mode="edit"
                legend={t('web.form.editing', { name })}
                submitLabel="web.form.save"
                fields={edit.fields(item)}
                initial={edit.initial(item)}
                onSubmit={(body) => edit.save(item, body)}
                onDone={onClose}
                onCancel={onClose}
              />
            </div>
          </td>
        </tr>
      ) : null}
    </>
  );
}
