import { useCallback, useState } from 'react';
import type { Scope } from '../../../src-main/contract';

/** A page's place in the governance tree, kept for the tab's session so a reload keeps it. */
export function usePageScope(page: string): [Scope, (scope: Scope) => void] {
  const key = `scc.scope.${page}`;
  const [scope, setScope] = useState<Scope>(() => {
    try {
      return (JSON.parse(sessionStorage.getItem(key) ?? '{}') as Scope) ?? {};
    } catch {
      return {};
    }
  });
  const change = useCallback(
    (next: Scope) => {
      sessionStorage.setItem(key, JSON.stringify(next));
      setScope(next);
    },
    [key],
  );
  return [scope, change];
}
