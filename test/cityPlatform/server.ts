import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { unzipSync } from 'fflate';

/**
 * A strict stand-in for the city platform, written from city-platform/SPEC.md §3–§4 (not from the
 * app's code): real HTTP on 127.0.0.1, bearer token, Idempotency-Key, manifest/sha256/count checks
 * on every upload, down packages listed by cursor, fetched and acknowledged — and faults injected
 * on demand: 500s, 429/503 with Retry-After, connections dropped mid-upload, answers lost after the
 * upload was stored, slow answers, packages listed twice.
 */
export type Route = 'upload' | 'list' | 'get' | 'ack';

export type Fault =
  | { route: Route; kind: 'status'; status: 500 | 502 | 503 | 429; retryAfter?: string }
  /** The connection is cut after part of the request body arrived; nothing is stored. */
  | { route: 'upload'; kind: 'drop' }
  /** The upload is stored, then the connection is cut before the answer: the client must retry. */
  | { route: 'upload'; kind: 'lost-response' }
  /** The answer comes after this delay (stored first, when it is an upload). */
  | { route: Route; kind: 'slow'; delayMs: number }
  /** The list names its first package twice. */
  | { route: 'list'; kind: 'duplicate' };

export interface Received {
  packageId: string;
  sha256: string;
  bytes: Buffer;
  receivedAt: string;
}

export interface RequestLog {
  route: Route | 'other';
  at: number;
  status: number | 'dropped';
  packageId?: string;
}

export interface CityServer {
  url: string;
  token: string;
  streetCode: string;
  /** Accepted uploads, in the order they were first stored. */
  received: Received[];
  /** Uploads of a packageId already held with the same bytes (answered 200). */
  duplicates: string[];
  acks: string[];
  log: RequestLog[];
  faults: Fault[];
  /** A down package the platform offers this street. */
  offer(packageId: string, bytes: Uint8Array, createdAt?: string): void;
  close(): Promise<void>;
}

const LIMIT = 50 * 1024 * 1024;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const ENTITIES = ['community', 'grid', 'building', 'resident', 'partyOrg', 'partyMember', 'staff', 'event'];

interface UploadError {
  file: string;
  line: number | null;
  field: string | null;
  reason: string;
}

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** SPEC §3 checks of an uploaded package; the list of errors for a 400. */
export function checkUpload(bytes: Buffer, key: string, streetCode: string): UploadError[] {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch {
    return [{ file: '', line: null, field: null, reason: 'not a zip' }];
  }
  const raw = files['manifest.json'];
  if (!raw) return [{ file: 'manifest.json', line: null, field: null, reason: 'missing' }];
  let m: Record<string, unknown>;
  try {
    m = JSON.parse(Buffer.from(raw).toString('utf8')) as Record<string, unknown>;
  } catch {
    return [{ file: 'manifest.json', line: null, field: null, reason: 'invalid json' }];
  }
  const errors: UploadError[] = [];
  const bad = (field: string, reason: string): void => void errors.push({ file: 'manifest.json', line: null, field, reason });
  if (m.spec !== 'city-exchange/1') bad('spec', 'unsupported');
  if (typeof m.packageId !== 'string' || !UUID.test(m.packageId)) bad('packageId', 'format');
  else if (m.packageId !== key) bad('packageId', 'differs from Idempotency-Key');
  if (m.direction !== 'up') bad('direction', 'uploads are up');
  if (m.streetCode !== streetCode) bad('streetCode', 'not this token’s street');
  if (typeof m.createdAt !== 'string' || !ISO.test(m.createdAt)) bad('createdAt', 'format');
  if (!(m.since === null || (typeof m.since === 'string' && ISO.test(m.since)))) bad('since', 'format');
  if (typeof m.until !== 'string' || !ISO.test(m.until)) bad('until', 'format');
  const source = m.source as { app?: unknown; version?: unknown } | undefined;
  if (typeof source?.app !== 'string' || typeof source.version !== 'string') bad('source', 'required');
  if (!Array.isArray(m.files)) {
    bad('files', 'required');
    return errors;
  }
  const listed = new Set<string>();
  for (const f of m.files as Record<string, unknown>[]) {
    const name = String(f.name);
    listed.add(name);
    if (!ENTITIES.includes(String(f.entity)) || name !== `${String(f.entity)}.ndjson`) {
      errors.push({ file: name, line: null, field: 'entity', reason: 'unknown' });
      continue;
    }
    const data = files[name];
    if (!data) {
      errors.push({ file: name, line: null, field: null, reason: 'missing' });
      continue;
    }
    if (sha(data) !== f.sha256) errors.push({ file: name, line: null, field: 'sha256', reason: 'mismatch' });
    const lines = Buffer.from(data).toString('utf8').split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    if (lines.length !== f.records) errors.push({ file: name, line: null, field: 'records', reason: 'mismatch' });
    lines.forEach((text, i) => {
      let line: Record<string, unknown>;
      try {
        line = JSON.parse(text) as Record<string, unknown>;
      } catch {
        errors.push({ file: name, line: i + 1, field: null, reason: 'invalid json' });
        return;
      }
      const keys = Object.keys(line).sort().join(',');
      if (line.op === 'upsert' && keys !== 'data,key,op,updatedAt') errors.push({ file: name, line: i + 1, field: null, reason: 'shape' });
      else if (line.op === 'delete' && keys !== 'key,op,updatedAt') errors.push({ file: name, line: i + 1, field: null, reason: 'shape' });
      else if (line.op !== 'upsert' && line.op !== 'delete') errors.push({ file: name, line: i + 1, field: 'op', reason: 'unknown' });
      if (typeof line.key !== 'string' || line.key === '') errors.push({ file: name, line: i + 1, field: 'key', reason: 'required' });
      if (typeof line.updatedAt !== 'string' || !ISO.test(line.updatedAt)) errors.push({ file: name, line: i + 1, field: 'updatedAt', reason: 'format' });
    });
  }
  for (const name of Object.keys(files)) if (name !== 'manifest.json' && !listed.has(name)) errors.push({ file: name, line: null, field: null, reason: 'unlisted' });
  return errors;
}

export function startCityServer(options: {
  token?: string;
  streetCode: string;
  pageSize?: number;
  /** Uploads above this many bytes are answered 413: SPEC §4's 50 MiB, or a test's small parts. */
  limitBytes?: number;
}): Promise<CityServer> {
  const token = options.token ?? 'test-token-0123456789';
  const limit = options.limitBytes ?? LIMIT;
  const pageSize = options.pageSize ?? 2;
  const received: Received[] = [];
  const byId = new Map<string, Received>();
  const down: { packageId: string; bytes: Uint8Array; createdAt: string }[] = [];
  const sockets = new Set<Socket>();
  const state: CityServer = {
    url: '',
    token,
    streetCode: options.streetCode,
    received,
    duplicates: [],
    acks: [],
    log: [],
    faults: [],
    offer: (packageId, bytes, createdAt = '2026-11-21T18:00:00+08:00') => void down.push({ packageId, bytes, createdAt }),
    close: () => Promise.resolve(),
  };

  const takeFault = (route: Route): Fault | undefined => {
    const i = state.faults.findIndex((f) => f.route === route);
    return i === -1 ? undefined : state.faults.splice(i, 1)[0];
  };
  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)), ...headers });
    res.end(text);
  };
  const respond = (route: Route | 'other', req: IncomingMessage, res: ServerResponse, status: number, body: unknown, packageId?: string, headers: Record<string, string> = {}): void => {
    state.log.push({ route, at: Date.now(), status, ...(packageId ? { packageId } : {}) });
    if (status === 204) {
      res.writeHead(204, headers);
      res.end();
    } else json(res, status, body, headers);
  };
  const drop = (route: Route, req: IncomingMessage, packageId?: string): void => {
    state.log.push({ route, at: Date.now(), status: 'dropped', ...(packageId ? { packageId } : {}) });
    req.socket.destroy();
  };
  const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

  const readBody = (req: IncomingMessage, cutAfter: number | null): Promise<Buffer | 'too-large' | 'cut'> =>
    new Promise((resolve) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let done = false;
      req.on('data', (chunk: Buffer) => {
        if (done) return;
        size += chunk.length;
        if (size > limit) {
          done = true;
          resolve('too-large');
          return;
        }
        chunks.push(chunk);
        if (cutAfter !== null && size >= cutAfter) {
          done = true;
          resolve('cut');
        }
      });
      req.on('end', () => {
        if (!done) resolve(Buffer.concat(chunks));
      });
      req.on('error', () => {
        if (!done) resolve('cut');
      });
    });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const route: Route | 'other' =
      req.method === 'POST' && url.pathname === '/packages'
        ? 'upload'
        : req.method === 'GET' && url.pathname === '/packages'
          ? 'list'
          : req.method === 'GET' && /^\/packages\/[^/]+$/.test(url.pathname)
            ? 'get'
            : req.method === 'POST' && /^\/packages\/[^/]+\/ack$/.test(url.pathname)
              ? 'ack'
              : 'other';
    if (route === 'other') return respond(route, req, res, 404, { error: 'not found' });
    const auth = req.headers.authorization;
    if (!auth?.startsWith('Bearer ')) return respond(route, req, res, 401, { error: 'missing bearer token' });
    if (auth.slice(7) !== token) return respond(route, req, res, 403, { error: 'bad token' });

    const fault = takeFault(route);
    if (fault?.kind === 'status') {
      req.resume();
      return respond(route, req, res, fault.status, { error: 'injected' }, undefined, fault.retryAfter ? { 'retry-after': fault.retryAfter } : {});
    }

    if (route === 'upload') {
      const key = req.headers['idempotency-key'];
      const length = Number(req.headers['content-length'] ?? 0);
      const body = await readBody(req, fault?.kind === 'drop' ? Math.max(1, Math.floor(length / 2)) : null);
      if (body === 'cut') return drop('upload', req, typeof key === 'string' ? key : undefined);
      if (body === 'too-large') return respond(route, req, res, 413, { error: 'package larger than 50 MiB' });
      if (typeof key !== 'string' || !UUID.test(key)) return respond(route, req, res, 400, { errors: [{ file: '', line: null, field: 'Idempotency-Key', reason: 'required' }] });
      if (!/^application\/zip\b/.test(req.headers['content-type'] ?? '')) {
        return respond(route, req, res, 400, { errors: [{ file: '', line: null, field: 'content-type', reason: 'application/zip required' }] }, key);
      }
      const known = byId.get(key);
      let status: number;
      let record: Received;
      if (known) {
        if (known.sha256 !== sha(body)) return respond(route, req, res, 409, { error: 'same packageId, different bytes' }, key);
        state.duplicates.push(key);
        status = 200;
        record = known;
      } else {
        const errors = checkUpload(body, key, state.streetCode);
        if (errors.length > 0) return respond(route, req, res, 400, { errors }, key);
        record = { packageId: key, sha256: sha(body), bytes: body, receivedAt: new Date().toISOString() };
        byId.set(key, record);
        received.push(record);
        status = 201;
      }
      if (fault?.kind === 'lost-response') return drop('upload', req, key);
      if (fault?.kind === 'slow') await wait(fault.delayMs);
      return respond(route, req, res, status, { packageId: record.packageId, receivedAt: record.receivedAt }, key);
    }

    if (fault?.kind === 'slow') await wait(fault.delayMs);
    if (route === 'list') {
      const direction = url.searchParams.get('direction');
      const street = url.searchParams.get('streetCode');
      if (direction !== 'down' || !street || !/^\d{9}$/.test(street)) return respond(route, req, res, 400, { errors: [{ file: '', line: null, field: 'query', reason: 'direction=down&streetCode required' }] });
      if (street !== state.streetCode) return respond(route, req, res, 403, { error: 'not this token’s street' });
      const after = url.searchParams.get('after');
      const start = after === null ? 0 : Number(/^c(\d+)$/.exec(after)?.[1] ?? NaN);
      if (!Number.isInteger(start)) return respond(route, req, res, 400, { errors: [{ file: '', line: null, field: 'after', reason: 'unknown cursor' }] });
      const page = down.slice(start, start + pageSize);
      const items = page.map((p) => ({ packageId: p.packageId, createdAt: p.createdAt, size: p.bytes.length }));
      if (fault?.kind === 'duplicate' && items[0]) items.push(items[0]);
      return respond(route, req, res, 200, { items, nextCursor: page.length > 0 ? `c${start + page.length}` : null });
    }
    const id = decodeURIComponent(url.pathname.split('/')[2] ?? '');
    const offered = down.find((p) => p.packageId === id);
    if (!offered) return respond(route, req, res, 404, { error: 'unknown package' });
    if (route === 'get') {
      state.log.push({ route, at: Date.now(), status: 200, packageId: id });
      res.writeHead(200, { 'content-type': 'application/zip', 'content-length': String(offered.bytes.length) });
      res.end(Buffer.from(offered.bytes));
      return;
    }
    state.acks.push(id);
    return respond(route, req, res, 204, null, id);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) json(res, 500, { error: 'server error' });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      state.close = () =>
        new Promise((done) => {
          for (const s of sockets) s.destroy();
          server.close(() => done());
        });
      resolve(state);
    });
  });
}
