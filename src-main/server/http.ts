import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Backend } from '../core/core';
import type { AnyEvent } from '../core/events/bus';
import { fileInputMethods, isMethod, screenMethods } from '../contract';
import type { Result } from '../dto/result';
import { cookie, hostAllowed, tokensEqual } from './security';
import { serveStatic } from './static';

export interface HttpOptions {
  host: string;
  port: number;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** Required on every API request when set; `serve` sets one whenever it binds beyond loopback. */
  token: string | null;
  /** A read-only token for big screens: board calls, events and the static app, nothing else. */
  screenToken?: string | null;
  maxBodyBytes?: number;
  /** For calls that carry a file (a backup to restore). */
  maxFileBodyBytes?: number;
}

export interface HttpTransport {
  server: Server;
  /** http://host:port */
  url: string;
  close(): Promise<void>;
}

const TOKEN_COOKIE = 'scc_token';
const SCREEN_COOKIE = 'scc_screen';

/** What a request may do: everything, only what a big screen needs, or nothing. */
type Access = 'full' | 'screen' | 'none';
const HEARTBEAT_MS = 15_000;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

function failure(res: ServerResponse, status: number, code: 'INVALID_INPUT' | 'UNAUTHORIZED' | 'NOT_FOUND', message: string): void {
  const body: Result<never> = { ok: false, error: { code, message } };
  sendJson(res, status, body);
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The HTTP transport of the contract: JSON calls, server-sent events, and the renderer itself. */
export function startHttpTransport(backend: Backend, options: HttpOptions): Promise<HttpTransport> {
  const clients = new Set<ServerResponse>();
  const maxBody = options.maxBodyBytes ?? 20 * 1024 * 1024;
  const maxFileBody = options.maxFileBodyBytes ?? 1024 * 1024 * 1024;

  const screenToken = options.screenToken ?? null;
  const access = (req: IncomingMessage): Access => {
    if (!options.token) return 'full';
    const header = req.headers.authorization;
    const bearer = header?.startsWith('Bearer ') ? header.slice(7) : null;
    for (const given of [bearer, cookie(req, TOKEN_COOKIE)]) if (given !== null && tokensEqual(given, options.token)) return 'full';
    for (const given of [bearer, cookie(req, SCREEN_COOKIE)]) if (given !== null && screenToken && tokensEqual(given, screenToken)) return 'screen';
    return 'none';
  };

  const handleCall = async (req: IncomingMessage, res: ServerResponse, method: string): Promise<void> => {
    if (req.method !== 'POST') return failure(res, 405, 'INVALID_INPUT', '请使用 POST 调用。');
    const body = await readBody(req, isMethod(method) && fileInputMethods.includes(method) ? maxFileBody : maxBody);
    if (body === null) return failure(res, 413, 'INVALID_INPUT', '请求内容过大。');
    let input: unknown = {};
    if (body.length > 0) {
      try {
        input = JSON.parse(body.toString('utf8'));
      } catch {
        return failure(res, 400, 'INVALID_INPUT', '请求内容不是有效的 JSON。');
      }
    }
    sendJson(res, 200, await backend.call(method, input, { actor: `浏览器:${req.socket.remoteAddress ?? '未知'}` }));
  };

  const handleEvents = (req: IncomingMessage, res: ServerResponse): void => {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 2000\n\n');
    clients.add(res);
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    req.on('close', () => {
      clearInterval(heartbeat);
      clients.delete(res);
    });
  };

  const unsubscribe = backend.subscribe((event: AnyEvent) => {
    const frame = `event: ${event.name}\ndata: ${JSON.stringify(event.payload)}\n\n`;
    for (const client of clients) client.write(frame);
  });

  const server = createServer((req, res) => {
    if (!hostAllowed(req, options.host)) return failure(res, 403, 'UNAUTHORIZED', '不允许的主机名。');
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;

    if (path.startsWith('/api/')) {
      const level = access(req);
      if (level === 'none') return failure(res, 401, 'UNAUTHORIZED', '需要访问令牌。');
      if (path === '/api/events') return handleEvents(req, res);
      if (path === '/api/health') return sendJson(res, 200, { ok: true });
      const match = /^\/api\/call\/([A-Za-z0-9_.-]+)$/.exec(path);
      if (match?.[1]) {
        if (level === 'screen' && !(isMethod(match[1]) && screenMethods.includes(match[1]))) {
          return failure(res, 403, 'UNAUTHORIZED', '大屏令牌只能读取大屏数据。');
        }
        handleCall(req, res, match[1]).catch(() => {
          if (!res.headersSent) failure(res, 500, 'INVALID_INPUT', '请求处理失败。');
        });
        return;
      }
      return failure(res, 404, 'NOT_FOUND', '未知的接口。');
    }

    // Opening a page with ?token=… once stores the token in a cookie, so EventSource and fetch carry it.
    const given = url.searchParams.get('token');
    const cookieName =
      options.token && given && tokensEqual(given, options.token) ? TOKEN_COOKIE : screenToken && given && tokensEqual(given, screenToken) ? SCREEN_COOKIE : null;
    if (given && cookieName) {
      url.searchParams.delete('token');
      res.writeHead(303, {
        location: url.pathname + url.search + url.hash,
        // A screen runs unattended for months: its cookie outlives the browser session.
        'set-cookie': `${cookieName}=${encodeURIComponent(given)}; HttpOnly; SameSite=Strict; Path=/${cookieName === SCREEN_COOKIE ? '; Max-Age=315360000' : ''}`,
      });
      return res.end();
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return failure(res, 405, 'INVALID_INPUT', '不支持的请求方法。');
    serveStatic(options.rendererDir, path, res, req.headers['if-none-match']);
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      const address = server.address() as AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({
        server,
        url: `http://${options.host === 'localhost' ? 'localhost' : shownHost}:${address.port}`,
        close: () =>
          new Promise<void>((done) => {
            unsubscribe();
            for (const client of clients) client.end();
            clients.clear();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
