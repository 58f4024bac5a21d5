import { useEffect, useState } from 'react';
import type { ApiError, SavedView } from '../../../src-main/contract';
import { api } from '../../api/client';

/** The last list seen per page: a page opened again starts with it while the list is asked anew. */
const seen = new Map<string, SavedView[]>();

/** A page's saved views, kept fresh when data changes (another window may save one). */
export function useViews(page: string): { views: SavedView[] | undefined; error: ApiError | null } {
  const [state, setState] = useState<{ page: string; views?: SavedView[]; error: ApiError | null } | null>(null);
  useEffect(() => {
    let active = true;
    const ask = (): void => {
      void api.call('views.list', { page }).then((r) => {
        if (!active) return;
        if (r.ok) seen.set(page, r.value);
        setState(r.ok ? { page, views: r.value, error: null } : { page, error: r.error });
      });
    };
    ask();
    const off = api.on('data-changed', (e) => {
      if (e.entities.includes('saved_view')) ask();
    });
    return () => {
      active = false;
      off();
    };
  }, [page]);
  const fresh = state?.page === page ? state : null;
  return { views: fresh?.views ?? seen.get(page), error: fresh?.error ?? null };
}
