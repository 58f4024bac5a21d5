import { RosterGrid } from '../../components/roster/RosterGrid';
import { RosterLayout, useRecordDrawer } from './RosterLayout';
import { P } from './texts';
import { usePageScope } from './usePageScope';

export function MembersPage() {
  const [scope, setScope] = usePageScope('members');
  const { openRecord, drawer } = useRecordDrawer();
  return (
    <RosterLayout title={P.members.title} lead={P.members.lead} scope={scope} onScopeChange={setScope} counted="members" drawer={drawer}>
      <RosterGrid roster="members" viewPage="members" scope={scope} onScopeChange={setScope} onOpenRecord={openRecord} />
    </RosterLayout>
  );
}
