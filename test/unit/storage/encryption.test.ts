import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { generateStreet } from '../../../src-main/core/demo/generate';
import type { DataDirectory } from '../../../src-main/core/storage/dataDirectory';
import { filesUnder, openData, steppingNow, tempDataDir } from '../../helpers/storage';

const PASSPHRASE = '网格治理-口令-2026';
const opened: DataDirectory[] = [];
afterEach(() => {
  for (const d of opened.splice(0)) d.close();
});

async function open(dir: string, passphrase?: string): Promise<DataDirectory> {
  const data = await openData(dir, passphrase ? { passphrase } : {});
  opened.push(data);
  return data;
}

function closeAll(): void {
  for (const d of opened.splice(0)) d.close();
}

/** Files in the data directory that contain any of the ID numbers as text. */
function leaks(dir: string, ids: string[]): string[] {
  const known = new Set(ids);
  return filesUnder(dir).filter((file) => {
    const text = readFileSync(file).toString('latin1');
    for (const match of text.matchAll(/\d{17}[\dX]/g)) if (known.has(match[0])) return true;
    return false;
  });
}

describe('encryption at rest', () => {
  it('leaves no ID number readable anywhere in the data directory once turned on', async () => {
    const dir = tempDataDir('scc-enc-');
    const data = await open(dir);
    data.create((db) => generateStreet(db, { size: 'tiny', seed: 3, now: steppingNow() }));
    const ids = data.store().db.all<{ id_number: string }>('SELECT id_number FROM person').map((r) => r.id_number);
    expect(ids.length).toBeGreaterThan(200);
    data.backup('150102003');
    // A write whose journal entry (and audit row) carries an ID number.
    const someone = ids[0] ?? '';
    data.store().write({ actor: '测试', action: 'person.phone' }, (db) => db.run("UPDATE person SET phone = '13900000000' WHERE id_number = ?", [someone]));
    expect(leaks(dir, ids).length, 'plaintext before encryption').toBeGreaterThan(0);

    data.enableEncryption(PASSPHRASE);
    data.store().write({ actor: '测试', action: 'person.phone' }, (db) => db.run("UPDATE person SET phone = '13900000001' WHERE id_number = ?", [someone]));
    data.backup('150102003');
    expect(leaks(dir, ids)).toEqual([]);
    closeAll();
    expect(leaks(dir, ids)).toEqual([]);

    const locked = await open(dir);
    expect(locked.state).toBe('locked');
    expect(() => locked.store()).toThrow(/口令/);
    expect(() => locked.unlock('wrong passphrase')).toThrow(/口令不正确/);
    locked.unlock(PASSPHRASE);
    expect(locked.state).toBe('ready');
    expect(locked.store().db.value('SELECT phone FROM person WHERE id_number = ?', [someone])).toBe('13900000001');
  });

  it('opens at start with the passphrase given (serve, CLI) and refuses a wrong one', async () => {
    const dir = tempDataDir('scc-enc-');
    const data = await open(dir);
    data.create((db) => generateStreet(db, { size: 'tiny', seed: 4, now: steppingNow() }));
    data.enableEncryption(PASSPHRASE);
    closeAll();
    await expect(openData(dir, { passphrase: 'nope-nope' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const again = await open(dir, PASSPHRASE);
    expect(again.state).toBe('ready');
    expect(again.store().db.value<number>('SELECT count(*) FROM person')).toBeGreaterThan(200);
  });
});
