import { RosterGrid } from '../../components/roster/RosterGrid';
import { RosterLayout, useRecordDrawer } from './RosterLayout';
import { P } from './texts';
import { usePageScope } from './usePageScope';

export function ResidentsPage() {
  const [scope, setScope] = usePageScope('residents');
  const { openRecord, drawer } = useRecordDrawer();
  return (
    <RosterLayout title={P.residents.title} lead={P.residents.lead} scope={scope} onScopeChange={setScope} counted="residents" drawer={drawer}>
      <RosterGrid roster="residents" viewPage="residents" scope={scope} onScopeChange={setScope} onOpenRecord={openRecord} />
    </RosterLayout>
  );
}
