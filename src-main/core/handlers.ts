import type { HandlerTable } from './registry';
import { appHandlers } from './app/handlers';
import { auditHandlers } from './audit/handlers';
import { dashboardHandlers } from './dashboard/handlers';
import { exchangeHandlers } from './exchange/handlers';
import { geoHandlers } from './geo/handlers';
import { historyHandlers } from './history/handlers';
import { recordHandlers } from './records/handlers';
import { screenHandlers } from './screen/handlers';
import { rosterHandlers } from './rosters/handlers';
import { settingsHandlers } from './settings/handlers';
import { setupHandlers } from './setup/handlers';
import { storageHandlers } from './storage/handlers';

/** Every feature's handler table; the registry checks together they cover the contract exactly. */
export const handlerTables: readonly HandlerTable[] = [
  appHandlers,
  setupHandlers,
  storageHandlers,
  settingsHandlers,
  auditHandlers,
  recordHandlers,
  historyHandlers,
  geoHandlers,
  dashboardHandlers,
  screenHandlers,
  exchangeHandlers,
  rosterHandlers,
];
