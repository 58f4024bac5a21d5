import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Api, Result } from '../../../src-main/contract';
import { tracked, whenSettled } from '../../../src-renderer/api/activity';

/** An Api whose calls answer only when the test says so. */
function heldApi(): { api: Api; answer: () => void } {
  const pending: (() => void)[] = [];
  const inner = {
    call: () => new Promise<Result<unknown>>((resolve) => pending.push(() => resolve({ ok: true, value: null }))),
    on: () => () => undefined,
  } as unknown as Api;
  return { api: tracked(inner), answer: () => pending.shift()?.() };
}

describe('whenSettled: work ahead of need waits for the page on screen', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    // Node has no idle callbacks; the window's would come at the next quiet moment.
    vi.stubGlobal('requestIdleCallback', (fn: () => void) => setTimeout(fn, 1) as unknown as number);
    vi.stubGlobal('cancelIdleCallback', (id: number) => clearTimeout(id));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('runs only after the last call has answered and nothing was asked for the quiet time', async () => {
    const { api, answer } = heldApi();
    const done = vi.fn();
    void api.call('app.status', {});
    whenSettled(done, 200, 3000);
    await vi.advanceTimersByTimeAsync(1000);
    expect(done).not.toHaveBeenCalled();

    answer();
    await vi.advanceTimersByTimeAsync(150);
    void api.call('app.status', {}); // the page asks again within the quiet time
    await vi.advanceTimersByTimeAsync(400);
    expect(done).not.toHaveBeenCalled();

    answer();
    await vi.advanceTimersByTimeAsync(150);
    expect(done).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(100);
    expect(done).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(5000);
    expect(done).toHaveBeenCalledTimes(1);
  });

  it('runs at the latest time when the page keeps asking', async () => {
    const { api, answer } = heldApi();
    const done = vi.fn();
    void api.call('app.status', {});
    whenSettled(done, 200, 3000);
    await vi.advanceTimersByTimeAsync(2900);
    expect(done).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(200);
    expect(done).toHaveBeenCalledTimes(1);
    answer();
  });

  it('puts it off again when a call starts while it waits for an idle moment', async () => {
    vi.stubGlobal('requestIdleCallback', (fn: () => void) => setTimeout(fn, 50) as unknown as number);
    const { api, answer } = heldApi();
    const done = vi.fn();
    void api.call('app.status', {});
    answer();
    whenSettled(done, 200, 3000);
    await vi.advanceTimersByTimeAsync(220); // quiet reached, the idle moment asked for
    void api.call('app.status', {});
    await vi.advanceTimersByTimeAsync(500);
    expect(done).not.toHaveBeenCalled();
    answer();
    await vi.advanceTimersByTimeAsync(260);
    expect(done).toHaveBeenCalledTimes(1);
  });

  it('does nothing once cancelled', async () => {
    const { api, answer } = heldApi();
    const done = vi.fn();
    void api.call('app.status', {});
    const cancel = whenSettled(done, 200, 3000);
    answer();
    cancel();
    await vi.advanceTimersByTimeAsync(5000);
    expect(done).not.toHaveBeenCalled();
  });
});
