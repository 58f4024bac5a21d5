/**
 * Child process of the outbox restart test: opens the data directory (its outbox already holds
 * packages) and syncs with the platform double, which answers slowly; the test kills it with
 * SIGKILL while an upload is in flight.
 */
import { writeSync } from 'node:fs';
import { openCore } from '../../../src-main/core/core';
import { runSync } from '../../../src-main/core/exchange/sync/service';

const [dataDir, resourcesDir] = process.argv.slice(2);
if (!dataDir || !resourcesDir) throw new Error('usage: syncChild DATA_DIR RESOURCES_DIR');
const core = await openCore({ dataDir, resourcesDir, version: 'child' });
writeSync(1, 'ready\n');
await runSync(core.context({ actor: 'child' }), {}, { policy: { baseDelayMs: 20, maxDelayMs: 100, maxAttempts: 20 }, timeoutMs: 30_000 });
writeSync(1, 'done\n');
