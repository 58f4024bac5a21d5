import { createReadStream, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/**
 * Serves the built renderer. A path without a file extension is a client-side route and gets
 * index.html, so /screen or a reloaded page works. Hashed files under assets/ are cached for good;
 * the rest (index.html, favicon.svg) are checked on each use, and a browser that has the current
 * one is answered 304 without the body (Chromium asks for the icon again on every route change).
 */
export function serveStatic(rootDir: string, urlPath: string, res: ServerResponse, ifNoneMatch?: string): void {
  let relative: string;
  try {
    relative = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    res.writeHead(400).end();
    return;
  }
  if (relative.endsWith('/') || extname(relative) === '') relative = '/index.html';
  const file = normalize(join(rootDir, relative));
  if (!file.startsWith(rootDir.endsWith(sep) ? rootDir : rootDir + sep)) {
    res.writeHead(403).end();
    return;
  }
  let size: number;
  let etag: string;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new Error('not a file');
    size = stat.size;
    etag = `"${stat.size.toString(36)}-${Math.trunc(stat.mtimeMs).toString(36)}"`;
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('未找到');
    return;
  }
  const immutable = relative.startsWith('/assets/');
  const headers = {
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    etag,
    'x-content-type-options': 'nosniff',
  };
  if (ifNoneMatch?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
    res.writeHead(304, headers).end();
    return;
  }
  res.writeHead(200, { ...headers, 'content-type': types[extname(file)] ?? 'application/octet-stream', 'content-length': size });
  createReadStream(file).pipe(res);
}
