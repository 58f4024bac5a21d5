import type { EditPlan, PlannedRow } from '../../../src-main/contract';
import { T } from './texts';

const shown = (v: string | number | null): string => (v === null || v === '' ? T.emptyValue : String(v));

/** What an edit would do, row by row: the changes with before → after, and every problem. */
export function PlanTable({ plan, limit = 500 }: { plan: EditPlan; limit?: number }) {
  const rows: PlannedRow[] = [...plan.rows].sort((a, b) => Number(b.kind === 'invalid') - Number(a.kind === 'invalid') || a.line - b.line);
  return (
    <div className="plan">
      <div className="plan-counts" role="status">
        {T.pasteSummary(plan.counts.add, plan.counts.change, plan.counts.same, plan.counts.invalid)}
      </div>
      {plan.notes.length > 0 && (
        <ul className="plan-notes">
          {plan.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      <div className="plan-scroll">
        <table className="plan-table">
          <thead>
            <tr>
              <th>{T.line}</th>
              <th />
              <th>{T.record}</th>
              <th>{T.changes}</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, limit).map((r) => (
              <tr key={r.line} className={`plan-${r.kind}`} data-line={r.line}>
                <td className="plan-line">{r.line}</td>
                <td>
                  <span className={`plan-kind plan-kind-${r.kind}`}>{T.kind[r.kind]}</span>
                </td>
                <td className="plan-label">{r.label || '—'}</td>
                <td>
                  {r.problems.map((p, i) => (
                    <div key={`p${i}`} className="plan-problem">
                      {p.header && !p.message.startsWith(p.header) ? `${p.header}：` : ''}
                      {p.message}
                    </div>
                  ))}
                  {r.changes.map((c) => (
                    <div key={c.column} className="plan-change">
                      <span className="plan-column">{c.header}</span> {shown(c.before)} → <strong>{shown(c.after)}</strong>
                    </div>
                  ))}
                  {r.notes.map((n) => (
                    <div key={n} className="plan-note">
                      {n}
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length > limit && <div className="plan-more">…… 另有 {rows.length - limit} 行未列出</div>}
      </div>
    </div>
  );
}
