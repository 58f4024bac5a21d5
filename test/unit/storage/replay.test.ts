import { afterEach, describe, expect, it } from 'vitest';
import { generateStreet } from '../../../src-main/core/demo/generate';
import type { DataDirectory } from '../../../src-main/core/storage/dataDirectory';
import type { SqlDb } from '../../../src-main/core/db/sqlite';
import { openData, steppingNow, tempDataDir } from '../../helpers/storage';

const opened: DataDirectory[] = [];
afterEach(() => {
  for (const d of opened.splice(0)) d.close();
});

/** Every row of every ordinary table (a full-text index's files differ by history, not content), so two databases can be compared whole. */
function dump(db: SqlDb): string {
  const tables = db.all<{ name: string; ncol: number }>("SELECT name, ncol FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name");
  return tables.map(({ name, ncol }) => `${name}\n${JSON.stringify(db.all(`SELECT * FROM "${name}" ORDER BY ${ncol > 1 ? '1, 2' : '1'}`))}`).join('\n');
}

describe('journal replay', () => {
  it('rebuilds exactly the state the writes produced, audit rows and row ids included', async () => {
    const dir = tempDataDir('scc-replay-');
    const data = await openData(dir);
    opened.push(data);
    data.create((db) => generateStreet(db, { size: 'tiny', seed: 5, now: steppingNow() }));
    const store = data.store();
    store.write({ actor: '甲', action: 'bulk.move' }, (db) => db.run('UPDATE resident SET grid_id = (SELECT min(id) FROM grid) WHERE id % 5 = 0'));
    store.write({ actor: '乙', action: 'org.add' }, (db) =>
      db.run("INSERT INTO party_org (code, name, kind, parent_id, updated_at) VALUES ('PX1', '新支部', '党支部', 1, 't')"),
    );
    store.write({ actor: '丙', action: 'cleanup' }, (db) => db.run("DELETE FROM resident_tag WHERE tag = '失业人员'"));
    const before = dump(store.db);
    data.close({ snapshot: false });
    opened.pop();

    const again = await openData(dir);
    opened.push(again);
    expect(again.store().seq).toBe(3);
    expect(dump(again.store().db)).toBe(before);
  });
});
