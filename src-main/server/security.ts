import type { IncomingMessage } from 'node:http';
import { timingSafeEqual } from 'node:crypto';

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export function isLoopback(host: string): boolean {
  return loopbackHosts.has(host);
}

/**
 * A page elsewhere that resolves a name to 127.0.0.1 (DNS rebinding) must not reach the API:
 * only the names this server was bound to are accepted in the Host header.
 */
export function hostAllowed(req: IncomingMessage, boundHost: string): boolean {
  const header = req.headers.host;
  if (!header) return false;
  const name = header.startsWith('[') ? header.slice(0, header.indexOf(']') + 1) : (header.split(':')[0] ?? '');
  if (isLoopback(boundHost)) return isLoopback(name);
  // Bound beyond loopback: the LAN name or address varies, the token protects the API instead.
  return true;
}

export function tokensEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function cookie(req: IncomingMessage, name: string): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}
