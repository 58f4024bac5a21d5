import { useState } from 'react';
import type { RosterRow } from '../../../src-main/contract';
import { RosterGrid } from '../../components/roster/RosterGrid';
import { RosterLayout, useRecordDrawer } from './RosterLayout';
import { P } from './texts';
import { usePageScope } from './usePageScope';

/** Buildings above, the rooms of the chosen building (or of the chosen area) below, with who lives where. */
export function BuildingsPage() {
  const [scope, setScope] = usePageScope('buildings');
  const [building, setBuilding] = useState<{ code: string; name: string } | null>(null);
  const { openRecord, drawer } = useRecordDrawer();
  const roomScope = building ? { ...scope, buildingCode: building.code } : scope;
  const pick = (row: RosterRow): void => setBuilding(building?.code === row.key ? null : { code: row.key, name: String(row.name ?? row.key) });
  return (
    <RosterLayout
      title={P.buildings.title}
      lead={P.buildings.lead}
      scope={scope}
      onScopeChange={(s) => {
        setBuilding(null);
        setScope(s);
      }}
      counted="buildings"
      drawer={drawer}
    >
      <div className="roster-half">
        <RosterGrid
          roster="buildings"
          viewPage="buildings"
          scope={scope}
          onScopeChange={setScope}
          onOpenRecord={openRecord}
          onRowClicked={pick}
          selectedKey={building?.code ?? null}
          heading={<h2 className="roster-heading">楼栋</h2>}
        />
      </div>
      <div className="roster-half">
        <RosterGrid
          roster="rooms"
          viewPage="rooms"
          scope={roomScope}
          onOpenRecord={openRecord}
          heading={
            <h2 className="roster-heading">
              {P.rooms(building?.name ?? null)}
              {building && (
                <button type="button" className="link-button" onClick={() => setBuilding(null)}>
                  显示全部
                </button>
              )}
            </h2>
          }
        />
      </div>
    </RosterLayout>
  );
}
