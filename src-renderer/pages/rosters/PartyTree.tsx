import { useMemo, useState } from 'react';
import type { PartyOrgNode } from '../../../src-main/contract';
import { P } from './texts';

interface PartyTreeProps {
  nodes: PartyOrgNode[];
  selected: string | null;
  onSelect: (code: string) => void;
}

/** 党工委 → 党委/党总支 → 党支部 → 党小组, with member counts; a 支部 over 50 members stands out. */
export function PartyTree({ nodes, selected, onSelect }: PartyTreeProps) {
  const children = useMemo(() => {
    const map = new Map<string | null, PartyOrgNode[]>();
    for (const n of nodes) map.set(n.parentCode, [...(map.get(n.parentCode) ?? []), n]);
    return map;
  }, [nodes]);
  const roots = nodes.filter((n) => n.parentCode === null || !nodes.some((p) => p.code === n.parentCode));
  const [open, setOpen] = useState<Set<string>>(() => new Set(roots.map((r) => r.code)));
  const toggle = (code: string): void => {
    const next = new Set(open);
    if (next.has(code)) next.delete(code);
    else next.add(code);
    setOpen(next);
  };

  const render = (node: PartyOrgNode, level: number) => {
    const kids = children.get(node.code) ?? [];
    return (
      <div key={node.code}>
        <div
          className={`party-node party-level-${Math.min(level, 3)}${node.code === selected ? ' active' : ''}${node.oversized ? ' oversized' : ''}`}
          role="treeitem"
          aria-selected={node.code === selected}
          aria-expanded={kids.length > 0 ? open.has(node.code) : undefined}
        >
          {kids.length > 0 ? (
            <button type="button" className="scope-toggle" aria-label={open.has(node.code) ? '收起' : '展开'} onClick={() => toggle(node.code)}>
              {open.has(node.code) ? '▾' : '▸'}
            </button>
          ) : (
            <span className="scope-toggle" />
          )}
          <button type="button" className="party-pick" data-code={node.code} title={node.name} onClick={() => onSelect(node.code)}>
            <span className="party-kind">{node.kind}</span>
            <span className="party-name">{node.name.replace(/^中共/, '')}</span>
            <span className="party-count">{node.totalMembers}</span>
            {node.oversized && <span className="badge badge-red">{P.oversized}</span>}
            {node.termExpired && <span className="badge badge-amber">{P.termExpired}</span>}
          </button>
        </div>
        {open.has(node.code) && kids.map((k) => render(k, level + 1))}
      </div>
    );
  };

  return (
    <nav className="scope-tree party-tree panel" aria-label={P.partyTree}>
      <div className="scope-title">{P.partyTree}</div>
      <div role="tree">{roots.map((r) => render(r, 0))}</div>
    </nav>
  );
}
