import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';

/**
 * One HTTP exchange with the city platform (SPEC §4), on node:http(s). Network failures come back
 * as values (status 0 and the reason), so the caller decides about retrying; nothing throws.
 */
export interface HttpAnswer {
  /** 0: no answer (refused, reset, timed out). */
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Why there was no answer. */
  failure: string | null;
}

export interface HttpCall {
  method: 'GET' | 'POST';
  url: URL;
  headers?: Record<string, string>;
  body?: Uint8Array;
  timeoutMs: number;
  /** A person cancelled the round: the call ends at once, as a failure like any other. */
  signal?: AbortSignal;
  /** Bytes of the body sent so far, then of the answer received (with its length when declared). */
  onBytes?: (direction: 'up' | 'down', done: number, total: number | null) => void;
}

/** The body goes out in pieces, each once the last has left, so the bytes sent can be told. */
const PIECE = 64 * 1024;

export const CANCELLED = '已取消';

export function send(call: HttpCall): Promise<HttpAnswer> {
  const request = call.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let settled = false;
    const done = (answer: HttpAnswer): void => {
      if (settled) return;
      settled = true;
      resolve(answer);
    };
    const req = request(
      call.url,
      {
        method: call.method,
        headers: { ...call.headers, ...(call.body ? { 'content-length': String(call.body.length) } : {}) },
        // A fresh connection per call: a connection the platform dropped is never reused.
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        const declared = Number(res.headers['content-length']);
        const total = Number.isFinite(declared) && declared > 0 ? declared : null;
        let received = 0;
        res.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          received += chunk.length;
          call.onBytes?.('down', received, total);
        });
        res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), failure: null }));
        res.on('error', (error) => done({ status: 0, headers: {}, body: Buffer.alloc(0), failure: error.message }));
        res.on('aborted', () => done({ status: 0, headers: {}, body: Buffer.alloc(0), failure: '响应中断' }));
      },
    );
    const cancel = (): void => {
      req.destroy(new Error(CANCELLED));
    };
    if (call.signal?.aborted) cancel();
    call.signal?.addEventListener('abort', cancel, { once: true });
    req.on('close', () => call.signal?.removeEventListener('abort', cancel));
    req.setTimeout(call.timeoutMs, () => req.destroy(new Error(`超过 ${Math.round(call.timeoutMs / 1000)} 秒没有响应`)));
    req.on('error', (error: NodeJS.ErrnoException) => done({ status: 0, headers: {}, body: Buffer.alloc(0), failure: error.message === CANCELLED ? CANCELLED : (error.code ?? error.message) }));
    const body = call.body ? Buffer.from(call.body.buffer, call.body.byteOffset, call.body.byteLength) : null;
    if (!body) {
      req.end();
      return;
    }
    const sendFrom = (offset: number): void => {
      if (req.destroyed) return;
      const end = Math.min(body.length, offset + PIECE);
      if (end === body.length) {
        req.end(body.subarray(offset), () => call.onBytes?.('up', body.length, body.length));
        return;
      }
      req.write(body.subarray(offset, end), (error) => {
        if (error) return;
        call.onBytes?.('up', end, body.length);
        sendFrom(end);
      });
    };
    sendFrom(0);
  });
}

/** Retry-After as seconds or an HTTP date, in milliseconds from now; null when absent or unreadable. */
export function retryAfterMs(headers: IncomingHttpHeaders, now = Date.now()): number | null {
  const value = headers['retry-after'];
  if (typeof value !== 'string' || value.trim() === '') return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
