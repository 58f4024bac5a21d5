import { useState } from 'react';
import type { Scope, ScopeCommunity } from '../../src-main/contract';
import { useScopeTree } from './useScopeTree';

interface ScopeTreeProps {
  scope: Scope;
  onChange: (scope: Scope) => void;
  /** Show buildings under grids (the building level of the tree). */
  buildings?: boolean;
}

const count = (n: number): string => n.toLocaleString('zh-CN');

/** The governance tree (社区 → 网格 → 楼栋) as a filter: choosing a node shows only what is inside it. */
export function ScopeTree({ scope, onChange, buildings = true }: ScopeTreeProps) {
  const data = useScopeTree();
  const [open, setOpen] = useState<Set<string>>(() => new Set([scope.communityCode ?? '', scope.gridCode ?? ''].filter(Boolean)));
  const toggle = (code: string): void => {
    const next = new Set(open);
    if (next.has(code)) next.delete(code);
    else next.add(code);
    setOpen(next);
  };
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
      <div className="scope-title">区域</div>
      <div role="tree">
        <div className={`scope-node scope-level-0${active === '' ? ' active' : ''}`} role="treeitem" aria-selected={active === ''}>
          <span className="scope-toggle" />
          <button type="button" className="scope-pick" data-code="" onClick={() => onChange({})}>
            <span className="scope-name">全街道</span>
            <span className="scope-count">{data ? count(data.reduce((n, c) => n + c.residents, 0)) : ''}</span>
          </button>
        </div>
        {(data ?? []).map((c: ScopeCommunity) => (
          <div key={c.code}>
            {node(c.code, c.name, count(c.residents), 1, { communityCode: c.code }, true)}
            {open.has(c.code) &&
              c.grids.map((g) => (
                <div key={g.code}>
                  {node(g.code, g.name, count(g.residents), 2, { communityCode: c.code, gridCode: g.code }, buildings && g.buildings.length > 0)}
                  {buildings &&
                    open.has(g.code) &&
                    g.buildings.map((b) => <div key={b.code}>{node(b.code, b.name, null, 3, { communityCode: c.code, gridCode: g.code, buildingCode: b.code }, false)}</div>)}
                </div>
              ))}
          </div>
        ))}
      </div>
    </nav>
  );
}
