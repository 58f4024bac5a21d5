import { useState } from 'react';
import { useCall } from '../../api/useCall';
import { ErrorBanner } from '../../components/Feedback';
import { RosterGrid } from '../../components/roster/RosterGrid';
import { ScopeSelect } from '../../components/ScopeSelect';
import { PartyTree } from './PartyTree';
import { RosterLayout, useRecordDrawer } from './RosterLayout';
import { P } from './texts';
import { usePageScope } from './usePageScope';

/** The party tree with member counts, the chosen organisation, and its members (and its groups' and branches'). */
export function PartyPage() {
  const tree = useCall('roster.partyTree', {});
  const [scope, setScope] = usePageScope('party');
  const [selected, setSelected] = useState<string | null>(() => sessionStorage.getItem('scc.party.org'));
  const { openRecord, drawer } = useRecordDrawer();
  const org = tree.data?.find((n) => n.code === selected) ?? null;
  const choose = (code: string): void => {
    sessionStorage.setItem('scc.party.org', code);
    setSelected(code);
  };
  return (
    <RosterLayout
      title={P.party.title}
      lead={P.party.lead}
      side={tree.data ? <PartyTree nodes={tree.data} selected={selected} onSelect={choose} /> : <ErrorBanner error={tree.error} />}
      drawer={drawer}
    >
      {org && (
        <div className={org.oversized ? 'org-card panel oversized' : 'org-card panel'}>
          <div className="org-card-title">
            <h2>{org.name}</h2>
            {org.oversized && <span className="badge badge-red">{P.oversized}</span>}
            {org.termExpired && <span className="badge badge-amber">{P.termExpired}</span>}
            <span className="spacer" />
            <button type="button" onClick={() => openRecord('partyOrgs', org.code)}>
              {P.editOrg}
            </button>
          </div>
          <dl className="org-facts">
            <dt>{P.orgFacts.kind}</dt>
            <dd>{org.kind}</dd>
            <dt>{P.orgFacts.secretary}</dt>
            <dd>{org.secretaryName ?? '—'}</dd>
            <dt>{P.orgFacts.term}</dt>
            <dd>{org.termEndsOn ?? '—'}</dd>
            <dt>{P.orgFacts.members}</dt>
            <dd>{org.members}</dd>
            <dt>{P.orgFacts.total}</dt>
            <dd className="org-total">{org.totalMembers}</dd>
          </dl>
        </div>
      )}
      <div className="roster-grow">
        <RosterGrid
          roster="members"
          viewPage="partyMembers"
          scope={scope}
          onScopeChange={setScope}
          {...(selected ? { orgCode: selected } : {})}
          onOpenRecord={openRecord}
          heading={
            <>
              <h2 className="roster-heading">{org ? P.partyMembers(org.name.replace(/^中共/, '')) : P.partyAll}</h2>
              <ScopeSelect scope={scope} onChange={setScope} />
            </>
          }
        />
      </div>
    </RosterLayout>
  );
}
