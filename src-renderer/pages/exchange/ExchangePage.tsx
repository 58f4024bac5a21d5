import { useState } from 'react';
import { useCall } from '../../api/useCall';
import { ConflictsPanel } from './ConflictsPanel';
import { ExportPanel } from './ExportPanel';
import { ImportWizard } from './ImportWizard';
import { QuarantinePanel } from './QuarantinePanel';
import { SyncPanel } from './SyncPanel';
import { t } from './texts';

type Tab = keyof typeof t.tabs;

/** 数据交换: import, the rows waiting for a fix, exports and packages, conflicts, the city platform. */
export function ExchangePage() {
  const [tab, setTab] = useState<Tab>('import');
  const quarantine = useCall('exchange.quarantineSummary', {});
  const conflicts = useCall('exchange.conflicts', {});
  const sync = useCall('sync.status', {});
  const badge: Partial<Record<Tab, number>> = {
    quarantine: (quarantine.data ?? []).reduce((n, s) => n + s.open, 0),
    conflicts: conflicts.data?.length ?? 0,
    sync: sync.data?.pending ?? 0,
  };
  return (
    <section className="page exchange-page">
      <div className="page-head">
        <h1>{t.title}</h1>
        <p className="page-lead">{t.lead}</p>
      </div>
      <div className="tabs" role="tablist" aria-label={t.title}>
        {(Object.keys(t.tabs) as Tab[]).map((key) => (
          <button key={key} type="button" role="tab" aria-selected={tab === key} className={tab === key ? 'tab active' : 'tab'} onClick={() => setTab(key)}>
            {t.tabs[key]}
            {badge[key] ? <span className={key === 'sync' ? 'tab-badge tab-badge-soft' : 'tab-badge'}>{badge[key]}</span> : null}
          </button>
        ))}
      </div>
      {tab === 'import' && <ImportWizard />}
      {tab === 'quarantine' && <QuarantinePanel />}
      {tab === 'export' && <ExportPanel onConflicts={() => setTab('conflicts')} />}
      {tab === 'conflicts' && <ConflictsPanel />}
      {tab === 'sync' && <SyncPanel />}
    </section>
  );
}
