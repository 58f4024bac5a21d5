import type { Api, EventName, Result } from '../../src-main/contract';

const unreachable = <T>(): Result<T> => ({
  ok: false,
  error: { code: 'UNAVAILABLE', message: '无法连接到后台服务，请检查程序是否仍在运行。' },
});

function isResult(body: unknown): body is Result<unknown> {
  return typeof body === 'object' && body !== null && 'ok' in body && typeof (body as { ok: unknown }).ok === 'boolean';
}

/** The contract over HTTP (serve mode): a POST per call, one EventSource for every push. */
export function createHttpApi(base = ''): Api {
  let source: EventSource | null = null;
  const eventSource = (): EventSource => {
    source ??= new EventSource(`${base}/api/events`);
    return source;
  };

  return {
    async call(method, input) {
      try {
        const response = await fetch(`${base}/api/call/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(input ?? {}),
        });
        const body: unknown = await response.json();
        return isResult(body) ? (body as Awaited<ReturnType<Api['call']>>) : unreachable();
      } catch {
        return unreachable();
      }
    },
    on(name: EventName, listener) {
      const handler = (message: MessageEvent<string>): void => listener(JSON.parse(message.data));
      const target = eventSource();
      target.addEventListener(name, handler);
      return () => target.removeEventListener(name, handler);
    },
  };
}
