import { RosterGrid } from '../../components/roster/RosterGrid';
import { RosterLayout, useRecordDrawer } from './RosterLayout';
import { P } from './texts';
import { usePageScope } from './usePageScope';

export function StaffPage() {
  const [scope, setScope] = usePageScope('staff');
  const { openRecord, drawer } = useRecordDrawer();
  return (
    <RosterLayout title={P.staff.title} lead={P.staff.lead} scope={scope} onScopeChange={setScope} counted="staff" drawer={drawer}>
      <RosterGrid roster="staff" viewPage="staff" scope={scope} onScopeChange={setScope} onOpenRecord={openRecord} />
    </RosterLayout>
  );
}
