import { useEffect, useRef, useState } from 'react';
import type { ApiError, Input, Method, Output } from '../../src-main/contract';
import { api } from './client';
import { usePageActive } from '../app/pageActive';

export interface CallState<T> {
  data: T | undefined;
  error: ApiError | null;
  /** True until the answer for the current input has arrived. */
  loading: boolean;
  reload: () => void;
}

interface Answer<T> {
  key: string;
  data: T | undefined;
  error: ApiError | null;
}

/**
 * Calls a read method and keeps the result fresh: it asks again when the backend says data
 * changed. The previous data stays on screen while asking, so nothing flickers, and an answer
 * that arrives after a newer question was asked is dropped. On a page kept hidden it asks
 * nothing, and asks once when the page is shown again.
 */
export function useCall<M extends Method>(method: M, input: Input<M>): CallState<Output<M>> {
  const key = `${method} ${JSON.stringify(input)}`;
  const [answer, setAnswer] = useState<Answer<Output<M>>>({ key: '', data: undefined, error: null });
  const reloadRef = useRef<() => void>(() => undefined);
  const shown = usePageActive();

  useEffect(() => {
    if (!shown) return;
    let latest = 0;
    let active = true;
    const ask = (): void => {
      const ticket = ++latest;
      void api.call(method, JSON.parse(key.slice(method.length + 1)) as Input<M>).then((result) => {
        if (!active || ticket !== latest) return;
        setAnswer((previous) =>
          result.ok ? { key, data: result.value, error: null } : { key, data: previous.data, error: result.error },
        );
      });
    };
    reloadRef.current = ask;
    ask();
    const off = api.on('data-changed', ask);
    return () => {
      active = false;
      off();
    };
  }, [method, key, shown]);

  return { data: answer.data, error: answer.error, loading: answer.key !== key, reload: () => reloadRef.current() };
}
