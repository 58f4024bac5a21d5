import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreRuntime } from '../../../src-main/core/core';
import { startHttpTransport, type HttpTransport } from '../../../src-main/server/http';
import { demoCore } from '../../helpers/core';
import { tempDir } from '../../helpers/tempDirs';

let core: CoreRuntime | null = null;
let http: HttpTransport | null = null;
afterEach(async () => {
  await http?.close();
  await core?.close();
  http = null;
  core = null;
});

function rendererFixture(): string {
  const dir = tempDir('scc-renderer-');
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>街道指挥中心</title>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(tmpdir(), 'secret.txt'), 'not for you');
  return dir;
}

async function start(token: string | null = null, screenToken: string | null = null): Promise<HttpTransport> {
  core = await demoCore();
  http = await startHttpTransport(core, { host: '127.0.0.1', port: 0, rendererDir: rendererFixture(), token, screenToken });
  return http;
}

/** Raw request, so tests can set any Host header and read any status. */
function raw(url: string, init: { method?: string; headers?: Record<string, string>; body?: string; path?: string } = {}) {
  const { hostname, port } = new URL(url);
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    // The path goes out byte for byte (no URL normalisation), as an attacker would send it.
    const options = { hostname, port, path: init.path ?? '/', method: init.method ?? 'GET', headers: init.headers };
    const req = request(options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

describe('HTTP transport', () => {
  it('serves a contract call as JSON, errors included as values', async () => {
    const { url } = await start();
    const ok = await fetch(`${url}/api/call/geo.communities`, { method: 'POST', body: '{}' });
    const body = (await ok.json()) as { ok: boolean; value: { code: string }[] };
    expect(body.ok).toBe(true);
    expect(body.value).toHaveLength(2);

    const bad = await fetch(`${url}/api/call/geo.grids`, { method: 'POST', body: '{"communityCode":1}' });
    expect(await bad.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

    const broken = await fetch(`${url}/api/call/geo.grids`, { method: 'POST', body: '{not json' });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '请求内容不是有效的 JSON。' } });
  });

  it('pushes backend events to every EventSource client', async () => {
    const { url } = await start();
    const response = await fetch(`${url}/api/events`);
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = response.body?.getReader();
    if (!reader) throw new Error('no body');
    // Give the server a moment to register the client before emitting.
    await new Promise((r) => setTimeout(r, 50));
    core?.events.emit('data-changed', { entities: ['grid'], seq: 42 });
    let text = '';
    while (!text.includes('\n\ndata') && !text.includes('"seq":42')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    expect(text).toContain('event: data-changed\ndata: {"entities":["grid"],"seq":42}');
    await reader.cancel();
  });

  it('serves the renderer, falls back to index.html for routes, and never leaves its folder', async () => {
    const { url } = await start();
    expect((await raw(url, { path: '/' })).body).toContain('街道指挥中心');
    expect((await raw(url, { path: '/screen' })).body).toContain('街道指挥中心');
    const asset = await raw(url, { path: '/assets/app.js' });
    expect(asset.headers['content-type']).toMatch(/javascript/);
    // Checked on each use: a browser holding the current copy gets 304 and no body.
    const page = await raw(url, { path: '/' });
    expect(page.headers['cache-control']).toBe('no-cache');
    const etag = String(page.headers.etag);
    expect(etag).toMatch(/^"[0-9a-z]+-[0-9a-z]+"$/);
    const again = await raw(url, { path: '/residents', headers: { 'if-none-match': etag } });
    expect([again.status, again.body]).toEqual([304, '']);
    const stale = await raw(url, { path: '/', headers: { 'if-none-match': '"0-0"' } });
    expect(stale.status).toBe(200);
    expect(stale.body).toContain('街道指挥中心');
    for (const path of ['/assets/../../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const res = await raw(url, { path });
      expect(res.body, path).not.toContain('not for you');
      expect(res.status, path).toBeGreaterThanOrEqual(400);
    }
  });

  it('refuses a foreign Host header on loopback (DNS rebinding)', async () => {
    const { url } = await start();
    const res = await raw(url, { method: 'POST', path: '/api/call/app.status', headers: { host: 'attacker.example:80' } });
    expect(res.status).toBe(403);
  });

  it('requires the token when one is set, by header or by the cookie a ?token= visit sets', async () => {
    const { url } = await start('s3cret-token');
    expect((await raw(url, { method: 'POST', path: '/api/call/app.status' })).status).toBe(401);
    const withHeader = await raw(url, { method: 'POST', path: '/api/call/app.status', headers: { authorization: 'Bearer s3cret-token' } });
    expect(withHeader.status).toBe(200);
    const wrong = await raw(url, { method: 'POST', path: '/api/call/app.status', headers: { authorization: 'Bearer s3cret-tokeX' } });
    expect(wrong.status).toBe(401);

    const visit = await raw(url, { path: '/screen?token=s3cret-token' });
    expect(visit.status).toBe(303);
    expect(visit.headers.location).toBe('/screen');
    const setCookie = String(visit.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    const cookie = setCookie.split(';')[0] ?? '';
    const withCookie = await raw(url, { method: 'POST', path: '/api/call/app.status', headers: { cookie } });
    expect(withCookie.status).toBe(200);
  });

  describe('the read-only screen token', () => {
    const FULL = 'full-access-token';
    const SCREEN = 'screen-read-only-token';
    const post = (url: string, method: string, headers: Record<string, string>, body = '{}') =>
      raw(url, { method: 'POST', path: `/api/call/${method}`, headers, body });

    it('reads the boards and the screen settings, by header or by the cookie a /screen?token= visit sets', async () => {
      const { url } = await start(FULL, SCREEN);
      const bearer = { authorization: `Bearer ${SCREEN}` };
      for (const method of ['dashboard.boards', 'screen.config']) {
        const res = await post(url, method, bearer);
        expect(res.status, method).toBe(200);
        expect(JSON.parse(res.body), method).toMatchObject({ ok: true });
      }
      const visit = await raw(url, { path: `/screen?token=${SCREEN}` });
      expect(visit.status).toBe(303);
      expect(visit.headers.location).toBe('/screen');
      const setCookie = String(visit.headers['set-cookie']);
      expect(setCookie).toMatch(/^scc_screen=/);
      expect(setCookie).toMatch(/HttpOnly/);
      expect(setCookie).toMatch(/Max-Age=\d+/);
      const cookie = setCookie.split(';')[0] ?? '';
      expect((await post(url, 'dashboard.boards', { cookie })).status).toBe(200);
      // The app itself (static files) needs no token.
      expect((await raw(url, { path: '/screen', headers: { cookie } })).body).toContain('街道指挥中心');
    });

    it('refuses every other call, writes above all, and changes nothing', async () => {
      const { url } = await start(FULL, SCREEN);
      const bearer = { authorization: `Bearer ${SCREEN}` };
      const before = await post(url, 'settings.get', { authorization: `Bearer ${FULL}` });
      for (const [method, body] of [
        ['settings.update', '{"screen":{"lastBoard":"events"}}'],
        ['settings.get', '{}'],
        ['storage.backup', '{}'],
        ['geo.grids', '{}'],
        ['audit.list', '{}'],
        ['app.status', '{}'],
        ['no.such.call', '{}'],
      ] as const) {
        const res = await post(url, method, bearer, body);
        expect(res.status, method).toBe(403);
        expect(JSON.parse(res.body), method).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
      }
      const after = await post(url, 'settings.get', { authorization: `Bearer ${FULL}` });
      expect(after.body).toBe(before.body);
    });

    it('opens the event stream, so a screen hears that data changed', async () => {
      const { url } = await start(FULL, SCREEN);
      const response = await fetch(`${url}/api/events`, { headers: { authorization: `Bearer ${SCREEN}` } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
      await response.body?.cancel();
    });

    it('is no full-access token, and a wrong or missing token gets nothing', async () => {
      const { url } = await start(FULL, SCREEN);
      expect((await post(url, 'dashboard.boards', { authorization: `Bearer ${FULL}` })).status).toBe(200);
      expect((await post(url, 'settings.update', { authorization: `Bearer ${FULL}` }, '{"screen":{"lastBoard":"events"}}')).status).toBe(200);
      expect((await post(url, 'dashboard.boards', { authorization: 'Bearer screen-read-only-tokeX' })).status).toBe(401);
      expect((await post(url, 'dashboard.boards', {})).status).toBe(401);
      expect((await raw(url, { path: '/api/events' })).status).toBe(401);
      const wrongVisit = await raw(url, { path: '/screen?token=nope' });
      expect(wrongVisit.headers['set-cookie']).toBeUndefined();
    });
  });
});
