import type { Scope } from '../../src-main/contract';
import { useScopeTree } from './useScopeTree';

/** The governance tree as three lists (社区 → 网格 → 楼栋), where a tree panel does not fit. */
export function ScopeSelect({ scope, onChange }: { scope: Scope; onChange: (scope: Scope) => void }) {
  const data = useScopeTree();
  const community = data?.find((c) => c.code === scope.communityCode);
  const grid = community?.grids.find((g) => g.code === scope.gridCode);
  return (
    <div className="scope-select" role="group" aria-label="区域筛选">
      <select aria-label="社区" value={scope.communityCode ?? ''} onChange={(e) => onChange(e.target.value ? { communityCode: e.target.value } : {})}>
        <option value="">全街道</option>
        {(data ?? []).map((c) => (
          <option key={c.code} value={c.code}>
            {c.name}
          </option>
        ))}
      </select>
      {community && (
        <select aria-label="网格" value={scope.gridCode ?? ''} onChange={(e) => onChange(e.target.value ? { communityCode: community.code, gridCode: e.target.value } : { communityCode: community.code })}>
          <option value="">全部网格</option>
          {community.grids.map((g) => (
            <option key={g.code} value={g.code}>
              {g.name}
            </option>
          ))}
        </select>
      )}
      {community && grid && (
        <select
          aria-label="楼栋"
          value={scope.buildingCode ?? ''}
          onChange={(e) => onChange(e.target.value ? { communityCode: community.code, gridCode: grid.code, buildingCode: e.target.value } : { communityCode: community.code, gridCode: grid.code })}
        >
          <option value="">全部楼栋</option>
          {grid.buildings.map((b) => (
            <option key={b.code} value={b.code}>
              {b.name}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}
