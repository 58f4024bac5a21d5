import { useState } from 'react';
import type { ApiError, ColumnInfo, EditPlan, EditResult, RosterName } from '../../../src-main/contract';
import { api } from '../../api/client';
import { ErrorBanner } from '../Feedback';
import { Modal } from '../Modal';
import { PlanTable } from './PlanTable';
import { T } from './texts';

interface BulkEditDialogProps {
  roster: RosterName;
  columns: ColumnInfo[];
  keys: string[];
  onDone: (result: EditResult) => void;
  onClose: () => void;
}

/** One value for one column of every selected row (移网格: 40 residents to another grid), as one write. */
export function BulkEditDialog({ roster, columns, keys, onDone, onClose }: BulkEditDialogProps) {
  // Keys (an ID number, a code) name one record each: setting one on many rows makes no sense.
  const choices = columns.filter((c) => c.editable && c.type !== 'idNumber' && c.id !== 'code');
  const initial = (c: ColumnInfo | undefined): string => (c?.required && c.values ? (c.values[0] ?? '') : '');
  const [column, setColumn] = useState(choices[0]?.id ?? '');
  const [value, setValue] = useState(() => initial(choices[0]));
  const [plan, setPlan] = useState<EditPlan | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const info = choices.find((c) => c.id === column);
  const rows = keys.map((key) => ({ key, values: { [column]: value === '' ? null : value } }));

  const preview = async (): Promise<void> => {
    setBusy(true);
    const result = await api.call('roster.preview', { roster, action: 'bulk', rows });
    setBusy(false);
    if (result.ok) setPlan(result.value);
    else setError(result.error);
  };

  const apply = async (): Promise<void> => {
    setBusy(true);
    const result = await api.call('roster.edit', { roster, action: 'bulk', rows });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    onDone(result.value);
    onClose();
  };

  const changing = plan ? plan.counts.change : 0;
  return (
    <Modal
      title={T.bulkTitle(keys.length)}
      onClose={onClose}
      wide={plan !== null}
      footer={
        <>
          <span className="spacer" />
          <button type="button" onClick={onClose}>
            {T.cancel}
          </button>
          {plan === null ? (
            <button type="button" className="primary" disabled={busy || !info} onClick={() => void preview()}>
              {T.bulkPreview}
            </button>
          ) : (
            <button type="button" className="primary" disabled={busy || changing === 0 || plan.counts.invalid > 0} onClick={() => void apply()}>
              {T.bulkApply(changing)}
            </button>
          )}
        </>
      }
    >
      <div className="form-grid bulk-form">
        <label>
          {T.bulkColumn}
          <select
            value={column}
            onChange={(e) => {
              setColumn(e.target.value);
              setValue(initial(choices.find((c) => c.id === e.target.value)));
              setPlan(null);
            }}
          >
            {choices.map((c) => (
              <option key={c.id} value={c.id}>
                {c.header}
              </option>
            ))}
          </select>
        </label>
        <label>
          {T.bulkValue}
          {info?.values ? (
            <select
              aria-label={T.bulkValue}
              value={value}
              onChange={(e) => {
                setValue(e.target.value);
                setPlan(null);
              }}
            >
              {!info.required && <option value="">{T.bulkClear}</option>}
              {info.values.map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </select>
          ) : (
            <input
              aria-label={T.bulkValue}
              value={value}
              onChange={(e) => {
                setValue(e.target.value);
                setPlan(null);
              }}
            />
          )}
        </label>
      </div>
      <ErrorBanner error={error} />
      {plan && <PlanTable plan={plan} />}
    </Modal>
  );
}
