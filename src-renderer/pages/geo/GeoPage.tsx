import { useState } from 'react';
import type { RosterRow } from '../../../src-main/contract';
import { RosterGrid } from '../../components/roster/RosterGrid';
import { RosterLayout, useRecordDrawer } from '../rosters/RosterLayout';
import { P } from '../rosters/texts';
import { usePageScope } from '../rosters/usePageScope';

/** 网格/社区: both rosters, editable; every count in them is derived from the rosters below. */
export function GeoPage() {
  const [scope, setScope] = usePageScope('geo');
  const [community, setCommunity] = useState<{ code: string; name: string } | null>(null);
  const { openRecord, drawer } = useRecordDrawer();
  const gridScope = community ? { communityCode: community.code } : scope;
  const pick = (row: RosterRow): void => setCommunity(community?.code === row.key ? null : { code: row.key, name: String(row.name ?? row.key) });
  return (
    <RosterLayout
      title={P.geo.title}
      lead={P.geo.lead}
      scope={scope}
      onScopeChange={(s) => {
        setCommunity(null);
        setScope(s);
      }}
      counted="residents"
      drawer={drawer}
    >
      <div className="roster-communities">
        <RosterGrid
          roster="communities"
          viewPage="communities"
          ariaLabel="社区列表"
          scope={scope}
          onScopeChange={setScope}
          onOpenRecord={openRecord}
          onRowClicked={pick}
          selectedKey={community?.code ?? null}
          heading={<h2 className="roster-heading">{P.communities}</h2>}
        />
      </div>
      <div className="roster-grow">
        <RosterGrid
          roster="grids"
          viewPage="grids"
          ariaLabel="网格列表"
          scope={gridScope}
          onOpenRecord={openRecord}
          heading={
            <h2 className="roster-heading">
              {P.grids(community?.name ?? null)}
              {community && (
                <button type="button" className="link-button" onClick={() => setCommunity(null)}>
                  显示全部网格
                </button>
              )}
            </h2>
          }
        />
      </div>
    </RosterLayout>
  );
}
