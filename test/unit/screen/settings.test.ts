import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreRuntime } from '../../../src-main/core/core';
import { call, testCore } from '../../helpers/core';
import { tempDataDir } from '../../helpers/storage';

const open: CoreRuntime[] = [];
afterEach(async () => {
  for (const core of open.splice(0)) await core.close();
});

async function coreOn(dataDir: string): Promise<CoreRuntime> {
  const core = await testCore({ dataDir });
  open.push(core);
  return core;
}

describe('screen settings', () => {
  it('default to a 1920×1080 canvas and every board for 30 seconds', async () => {
    const core = await coreOn(tempDataDir());
    expect(await call(core, 'screen.config', {})).toEqual({
      canvas: { width: 1920, height: 1080 },
      playlist: [
        { board: 'overview', seconds: 30 },
        { board: 'party', seconds: 30 },
        { board: 'grids', seconds: 30 },
        { board: 'events', seconds: 30 },
      ],
      refreshSeconds: 60,
      gridMeasure: 'households',
      lastBoard: null,
    });
  });

  it('tell open screens when what they show changes, not when a screen only notes its board', async () => {
    const core = await coreOn(tempDataDir());
    const pushed: string[][] = [];
    core.subscribe((event) => {
      if (event.name === 'settings-changed') pushed.push((event.payload as { sections: string[] }).sections);
    });
    await call(core, 'settings.update', { screen: { lastBoard: 'party' } });
    await call(core, 'settings.update', { screen: { playlist: [{ board: 'events', seconds: 20 }] } });
    await call(core, 'settings.update', { screen: { playlist: [{ board: 'events', seconds: 20 }] } });
    await call(core, 'settings.update', { storage: { keepGenerations: 5 }, screen: { gridMeasure: 'events' } });
    expect(pushed).toEqual([['screen'], ['storage', 'screen']]);
  });

  it('change one field at a time, leave the others and the storage settings alone, and survive a restart', async () => {
    const dir = tempDataDir();
    const first = await coreOn(dir);
    await call(first, 'settings.update', { storage: { keepGenerations: 9 } });
    await call(first, 'settings.update', { screen: { canvas: { width: 5760, height: 1080 }, playlist: [{ board: 'grids', seconds: 45 }] } });
    await call(first, 'settings.update', { screen: { lastBoard: 'grids' } });
    await first.close();
    open.splice(open.indexOf(first), 1);

    // The app starting again after a power cut reads the same file.
    const again = await coreOn(dir);
    const settings = await call(again, 'settings.get', {});
    expect(settings.storage.keepGenerations).toBe(9);
    expect(settings.screen).toMatchObject({ canvas: { width: 5760, height: 1080 }, playlist: [{ board: 'grids', seconds: 45 }], lastBoard: 'grids', kiosk: true });
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).screen.lastBoard).toBe('grids');
  });

  it('refuse a board that does not exist, a too short duration and an empty playlist, changing nothing', async () => {
    const core = await coreOn(tempDataDir());
    for (const screen of [{ lastBoard: 'weather' }, { playlist: [{ board: 'party', seconds: 1 }] }, { playlist: [] }, { canvas: { width: 10, height: 10 } }]) {
      const result = await core.call('settings.update', { screen });
      expect(result, JSON.stringify(screen)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect((await call(core, 'screen.config', {})).playlist).toHaveLength(4);
  });

  it('never hand the read-only token or the kiosk display to a screen', async () => {
    const core = await coreOn(tempDataDir());
    await call(core, 'settings.update', { screen: { readToken: 'a-read-only-token-for-the-hall', displayId: 2, openOnStart: true } });
    const config = await call(core, 'screen.config', {});
    expect(JSON.stringify(config)).not.toContain('a-read-only-token-for-the-hall');
    expect(Object.keys(config).sort()).toEqual(['canvas', 'gridMeasure', 'lastBoard', 'playlist', 'refreshSeconds']);
  });
});
