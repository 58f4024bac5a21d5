import { retryAfterMs, send, type HttpAnswer } from './http';

/**
 * The city platform's HTTP API (SPEC §4) and what each answer means for the client: done, try
 * again (after how long), or refused for good. Retrying with backoff is the caller's loop.
 */
export interface CityEndpoint {
  baseUrl: string;
  token: string;
  timeoutMs: number;
  /** The round's cancel: ends a call in flight. */
  signal?: AbortSignal;
}

export type Answer<T> =
  | { kind: 'ok'; value: T }
  /** Worth trying again: no answer, 5xx, 429/503 (with the wait the platform asked for). */
  | { kind: 'retry'; reason: string; waitMs: number | null }
  /** The token is wrong: no use retrying anything until a person fixes the setting. */
  | { kind: 'unauthorised'; reason: string }
  /** The platform will never take this one (400, 409, 413, …). */
  | { kind: 'refused'; status: number; reason: string };

const url = (endpoint: CityEndpoint, path: string): URL => new URL(path.replace(/^\//, ''), endpoint.baseUrl.endsWith('/') ? endpoint.baseUrl : `${endpoint.baseUrl}/`);

const auth = (endpoint: CityEndpoint): Record<string, string> => ({ authorization: `Bearer ${endpoint.token}` });

function classify<T>(answer: HttpAnswer, ok: (a: HttpAnswer) => T | null): Answer<T> {
  if (answer.status === 0) return { kind: 'retry', reason: `网络连接失败（${answer.failure ?? '未知原因'}）`, waitMs: null };
  if (answer.status === 401 || answer.status === 403) return { kind: 'unauthorised', reason: `市级平台拒绝了访问令牌（HTTP ${answer.status}），请在设置中检查令牌。` };
  if (answer.status === 429 || answer.status === 503) {
    return { kind: 'retry', reason: `市级平台繁忙（HTTP ${answer.status}）`, waitMs: retryAfterMs(answer.headers) };
  }
  if (answer.status >= 500) return { kind: 'retry', reason: `市级平台出错（HTTP ${answer.status}）`, waitMs: null };
  const value = answer.status >= 200 && answer.status < 300 ? ok(answer) : null;
  if (value !== null) return { kind: 'ok', value };
  return { kind: 'refused', status: answer.status, reason: refusal(answer) };
}

function json(answer: HttpAnswer): unknown {
  try {
    return JSON.parse(answer.body.toString('utf8')) as unknown;
  } catch {
    return null;
  }
}

function refusal(answer: HttpAnswer): string {
  switch (answer.status) {
    case 409:
      return '市级平台已收到同一 packageId 但内容不同的数据包（HTTP 409）。';
    case 413:
      // Exports are split to fit SPEC §4's 50 MiB, so a 413 means the platform's limit is not the
      // one the SPEC names: re-exporting would not help, a person must ask the platform.
      return '数据包超过市级平台的单包上限（HTTP 413）。导出时已按接口规范的 50 MiB 上限自动分包，此包无法再拆分，请联系市级平台核实上限。';
    case 400: {
      const errors = (json(answer) as { errors?: { file?: string; line?: number; field?: string; reason?: string }[] } | null)?.errors ?? [];
      const first = errors
        .slice(0, 3)
        .map((e) => [e.file, e.line ? `第 ${e.line} 行` : '', e.field, e.reason].filter(Boolean).join(' '))
        .join('；');
      return `市级平台拒收（HTTP 400）${errors.length ? `：${first}${errors.length > 3 ? ` 等 ${errors.length} 处` : ''}` : ''}`;
    }
    default:
      return `市级平台返回了意外的结果（HTTP ${answer.status}）`;
  }
}

export interface Received {
  packageId: string;
  receivedAt: string;
  /** 200: the platform already had these bytes (a retry whose first answer was lost). */
  duplicate: boolean;
}

/** `onSent`: bytes of the package sent so far, for a weak network's progress bar. */
export async function uploadPackage(endpoint: CityEndpoint, packageId: string, bytes: Uint8Array, onSent?: (done: number, total: number) => void): Promise<Answer<Received>> {
  const answer = await send({
    method: 'POST',
    url: url(endpoint, '/packages'),
    headers: { ...auth(endpoint), 'content-type': 'application/zip', 'idempotency-key': packageId },
    body: bytes,
    timeoutMs: endpoint.timeoutMs,
    signal: endpoint.signal,
    ...(onSent ? { onBytes: (direction, done, total) => (direction === 'up' ? onSent(done, total ?? bytes.length) : undefined) } : {}),
  });
  return classify(answer, (a) => {
    if (a.status !== 200 && a.status !== 201) return null;
    const body = json(a) as { packageId?: string; receivedAt?: string } | null;
    if (body?.packageId !== packageId) return null;
    return { packageId, receivedAt: body.receivedAt ?? '', duplicate: a.status === 200 };
  });
}

export interface DownItem {
  packageId: string;
  createdAt: string;
  size: number;
}

export async function listDown(endpoint: CityEndpoint, streetCode: string, after: string | null): Promise<Answer<{ items: DownItem[]; nextCursor: string | null }>> {
  const target = url(endpoint, '/packages');
  target.searchParams.set('direction', 'down');
  target.searchParams.set('streetCode', streetCode);
  if (after) target.searchParams.set('after', after);
  const answer = await send({ method: 'GET', url: target, headers: auth(endpoint), timeoutMs: endpoint.timeoutMs, signal: endpoint.signal });
  return classify(answer, (a) => {
    const body = json(a) as { items?: DownItem[]; nextCursor?: string | null } | null;
    if (a.status !== 200 || !body || !Array.isArray(body.items)) return null;
    return { items: body.items, nextCursor: body.nextCursor ?? null };
  });
}

/** `onReceived`: bytes of the package received so far, and its size when the platform says it. */
export async function fetchPackage(endpoint: CityEndpoint, packageId: string, onReceived?: (done: number, total: number | null) => void): Promise<Answer<Uint8Array>> {
  const answer = await send({
    method: 'GET',
    url: url(endpoint, `/packages/${encodeURIComponent(packageId)}`),
    headers: auth(endpoint),
    timeoutMs: endpoint.timeoutMs,
    signal: endpoint.signal,
    ...(onReceived ? { onBytes: (direction, done, total) => (direction === 'down' ? onReceived(done, total) : undefined) } : {}),
  });
  return classify(answer, (a) => (a.status === 200 ? new Uint8Array(a.body) : null));
}

export async function ackPackage(endpoint: CityEndpoint, packageId: string): Promise<Answer<true>> {
  const answer = await send({ method: 'POST', url: url(endpoint, `/packages/${encodeURIComponent(packageId)}/ack`), headers: auth(endpoint), timeoutMs: endpoint.timeoutMs, signal: endpoint.signal });
  return classify(answer, (a) => (a.status === 204 || a.status === 200 ? true : null));
}
