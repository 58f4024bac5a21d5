import type { HandlerTable } from './registry';
import { appHandlers } from './app/handlers';
import { dashboardHandlers } from './dashboard/handlers';
import { geoHandlers } from './geo/handlers';

/** Every feature's handler table; the registry checks together they cover the contract exactly. */
export const handlerTables: readonly HandlerTable[] = [appHandlers, geoHandlers, dashboardHandlers];
