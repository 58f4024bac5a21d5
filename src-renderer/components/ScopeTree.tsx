import { useState } from 'react';
import type { Scope, ScopeCommunity, TalliedRoster } from '../../src-main/contract';
import { useScopeCounts, useScopeTree } from './useScopeTree';

interface ScopeTreeProps {
  scope: Scope;
  onChange: (scope: Scope) => void;
  /** Whose rows the numbers beside the nodes count: the page's own roster. */
  counted: TalliedRoster;
  /** Show buildings under grids (the building level of the tree). */
  buildings?: boolean;
}

/** What the numbers count, named above them. */
const countedLabels: Record<TalliedRoster, string> = { residents: '实有人口', members: '党员', staff: '工作力量', buildings: '楼栋' };

const count = (n: number | undefined): string | null => (n === undefined ? null : n.toLocaleString('zh-CN'));

/** Rows of the street placed in no community: 党员 with no 实有人口 record in the street. */
const outsideNote = (counted: TalliedRoster, n: number): string =>
  counted === 'members' ? `另有 ${count(n)} 名党员未登记为本街道实有人口，只计入全街道` : `另有 ${count(n)} 条不属于任何社区，只计入全街道`;

/** The governance tree (社区 → 网格 → 楼栋) as a filter: choosing a node shows only what is inside it. */
export function ScopeTree({ scope, onChange, counted, buildings = true }: ScopeTreeProps) {
  const data = useScopeTree();
  const counts = useScopeCounts(counted);
  const [open, setOpen] = useState<Set<string>>(() => new Set([scope.communityCode ?? '', scope.gridCode ?? ''].filter(Boolean)));
  const toggle = (code: string): void => {
    const next = new Set(open);
    if (next.has(code)) next.delete(code);
    else next.add(code);
    setOpen(next);
  };
  const outside = counts ? counts.total - Object.values(counts.communities).reduce((a, b) => a + b, 0) : 0;
  const active = scope.buildingCode ?? scope.gridCode ?? scope.communityCode ?? '';
  const node = (code: string, label: string, extra: string | null, level: number, pick: Scope, expandable: boolean) => (
    <div className={`scope-node scope-level-${level}${active === code ? ' active' : ''}`} role="treeitem" aria-selected={active === code} aria-expanded={expandable ? open.has(code) : undefined}>
      {expandable ? (
        <button type="button" className="scope-toggle" aria-label={open.has(code) ? '收起' : '展开'} onClick={() => toggle(code)}>
          {open.has(code) ? '▾' : '▸'}
        </button>
      ) : (
        <span className="scope-toggle" />
      )}
      <button type="button" className="scope-pick" data-code={code} onClick={() => onChange(pick)}>
        <span className="scope-name">{label}</span>
        {extra && <span className="scope-count">{extra}</span>}
      </button>
    </div>
  );

  return (
    <nav className="scope-tree panel" aria-label="区域筛选">
      <div className="scope-title">
        区域
        <span className="scope-counted">{countedLabels[counted]}</span>
      </div>
      <div role="tree">
        <div className={`scope-node scope-level-0${active === '' ? ' active' : ''}`} role="treeitem" aria-selected={active === ''}>
          <span className="scope-toggle" />
          <button type="button" className="scope-pick" data-code="" onClick={() => onChange({})}>
            <span className="scope-name">全街道</span>
            <span className="scope-count">{count(counts?.total)}</span>
          </button>
        </div>
        {(data ?? []).map((c: ScopeCommunity) => (
          <div key={c.code}>
            {node(c.code, c.name, count(counts?.communities[c.code]), 1, { communityCode: c.code }, true)}
            {open.has(c.code) &&
              c.grids.map((g) => (
                <div key={g.code}>
                  {node(g.code, g.name, count(counts?.grids[g.code]), 2, { communityCode: c.code, gridCode: g.code }, buildings && g.buildings.length > 0)}
                  {buildings &&
                    open.has(g.code) &&
                    g.buildings.map((b) => <div key={b.code}>{node(b.code, b.name, null, 3, { communityCode: c.code, gridCode: g.code, buildingCode: b.code }, false)}</div>)}
                </div>
              ))}
          </div>
        ))}
      </div>
      {outside > 0 && <p className="scope-note">{outsideNote(counted, outside)}</p>}
    </nav>
  );
}
