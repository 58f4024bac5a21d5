import { afterEach, describe, expect, it } from 'vitest';
import type { CoreRuntime } from '../../../src-main/core/core';
import { AppError } from '../../../src-main/core/errors';
import { handlerTables } from '../../../src-main/core/handlers';
import type { HandlerTable } from '../../../src-main/core/registry';
import { call, demoCore, testCore } from '../../helpers/core';

let core: CoreRuntime | null = null;
afterEach(async () => {
  await core?.close();
  core = null;
});

describe('dispatch', () => {
  it('answers an unknown call with UNKNOWN_METHOD instead of throwing', async () => {
    core = await testCore();
    const result = await core.call('geo.everything', {});
    expect(result).toEqual({ ok: false, error: { code: 'UNKNOWN_METHOD', message: '未知的调用：geo.everything' } });
  });

  it('rejects input that does not match the contract, naming the field in Chinese', async () => {
    core = await demoCore();
    const result = await core.call('geo.grids', { communityCode: '15010200300' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_INPUT');
    expect(result.error.problems?.[0]?.field).toBe('communityCode');
    expect(result.error.problems?.[0]?.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('rejects fields the contract does not know', async () => {
    core = await demoCore();
    const result = await core.call('geo.communities', { sql: 'DROP TABLE grid' });
    expect(result.ok).toBe(false);
    expect(result.ok ? null : result.error.code).toBe('INVALID_INPUT');
  });

  it('reports NO_DATABASE before a street exists, and the status says empty', async () => {
    core = await testCore();
    const result = await core.call('geo.communities', {});
    expect(result.ok ? null : result.error.code).toBe('NO_DATABASE');
    expect((await call(core, 'app.status', {})).database).toBe('empty');
  });

  it('turns an AppError into a typed error value and an unexpected error into INTERNAL', async () => {
    const overrides: HandlerTable = {
      'app.status': () => {
        throw new AppError('CONFLICT', '冲突');
      },
      'geo.communities': () => {
        throw new TypeError('boom 110101199003076318');
      },
    };
    const rest = Object.fromEntries(handlerTables.flatMap((t) => Object.entries(t)).filter(([name]) => !(name in overrides)));
    core = await testCore({ handlerTables: [overrides, rest as HandlerTable] });
    expect(await core.call('app.status', {})).toEqual({ ok: false, error: { code: 'CONFLICT', message: '冲突' } });
    const internal = await core.call('geo.communities', {});
    expect(internal.ok ? null : internal.error.code).toBe('INTERNAL');
    expect(JSON.stringify(internal)).not.toContain('110101199003076318');
  });

  it('refuses to create a second street in one data directory', async () => {
    core = await demoCore();
    expect(() => core?.data.create(() => undefined)).toThrow(AppError);
  });
});
