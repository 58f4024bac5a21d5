import { useState } from 'react';
import type { ColumnInfo, EditPlan, EditRow } from '../../../src-main/contract';
import { Modal } from '../Modal';
import { showToast } from '../Toasts';
import { PlanTable } from './PlanTable';
import { T } from './texts';

interface PasteDialogProps {
  plan: EditPlan;
  columns: ColumnInfo[];
  onApply: (rows: EditRow[]) => Promise<boolean>;
  onClose: () => void;
}

const tsvCell = (v: unknown): string => {
  const text = v === null || v === undefined ? '' : String(v);
  return /[\t\n\r"]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/**
 * The preview of a paste: what will be added, changed, left alone, and what is invalid and why.
 * Applying writes the valid rows as one change (one undo step); invalid rows are never dropped
 * silently: they stay listed, and can be copied back to the spreadsheet to be corrected.
 */
export function PasteDialog({ plan, columns, onApply, onClose }: PasteDialogProps) {
  const [busy, setBusy] = useState(false);
  const todo = plan.rows.filter((r) => r.kind === 'add' || r.kind === 'change');
  const invalid = plan.rows.filter((r) => r.kind === 'invalid');

  const apply = async (): Promise<void> => {
    setBusy(true);
    const done = await onApply(todo.map((r) => (r.key ? { key: r.key, values: r.values } : { values: r.values })));
    setBusy(false);
    if (done) onClose();
  };

  const copyInvalid = async (): Promise<void> => {
    const used = columns.filter((c) => invalid.some((r) => c.id in r.values));
    const lines = [used.map((c) => c.header).join('\t'), ...invalid.map((r) => used.map((c) => tsvCell(r.values[c.id])).join('\t'))];
    await navigator.clipboard.writeText(`${lines.join('\r\n')}\r\n`);
    showToast('info', T.pasteCopied);
  };

  return (
    <Modal
      title={T.pasteTitle}
      onClose={onClose}
      wide
      footer={
        <>
          {invalid.length > 0 && (
            <button type="button" onClick={() => void copyInvalid()}>
              {T.pasteCopyInvalid}
            </button>
          )}
          <span className="spacer" />
          <button type="button" onClick={onClose}>
            {T.cancel}
          </button>
          <button type="button" className="primary" disabled={busy || todo.length === 0} onClick={() => void apply()}>
            {todo.length === 0 ? T.pasteNothing : invalid.length > 0 ? T.pasteApplySkipping(todo.length, invalid.length) : T.pasteApply(todo.length)}
          </button>
        </>
      }
    >
      <PlanTable plan={plan} />
    </Modal>
  );
}
