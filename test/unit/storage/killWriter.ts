/**
 * Child process of the crash test: opens a data directory and writes one community after another
 * through the store, printing each number only after the write was acknowledged. The test kills
 * it with SIGKILL at a random moment. A tiny snapshot threshold makes kills land in snapshots too.
 */
import { writeSync } from 'node:fs';
import { loadSqlJs } from '../../../src-main/core/db/sqljs';
import { createEmptyStreet } from '../../../src-main/core/demo/generate';
import { DataDirectory } from '../../../src-main/core/storage/dataDirectory';
import { isoTimestamp } from '../../../src-main/core/time';

const [dataDir, wasm, encrypted] = process.argv.slice(2);
if (!dataDir || !wasm) throw new Error('usage: killWriter DATA_DIR WASM [passphrase]');

const sql = await loadSqlJs(wasm);
const now = (): string => isoTimestamp(new Date());
const data = DataDirectory.open({ dataDir, sql, now, passphrase: encrypted ?? null });
if (data.state === 'empty') data.create((db) => createEmptyStreet(db, { code: '150102099', name: '测试街道' }, now()));
data.updateSettings({ storage: { snapshotAfterMiB: 1, keepGenerations: 3 } });
const store = data.store();
store.configure({ keepGenerations: 3, snapshotAfterBytes: 6000 });
const start = (store.db.value<number>('SELECT count(*) FROM department') ?? 0) + 1;
writeSync(1, `ready ${start}\n`);
for (let i = start; ; i++) {
  store.write({ actor: 'crash-test', action: 'test.insert' }, (db) =>
    db.run('INSERT INTO department (code, name, updated_at) VALUES (?, ?, ?)', [`T${i}`, `测试部门${i}`, now()]),
  );
  writeSync(1, `ack ${i}\n`);
  if (store.snapshotDue) store.snapshot();
}
