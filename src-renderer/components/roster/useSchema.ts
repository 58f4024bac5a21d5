import { useEffect, useState } from 'react';
import type { ApiError, RosterName, RosterSchema } from '../../../src-main/contract';
import { api } from '../../api/client';

/** Columns follow the code, not the data: asked once per roster for the life of the window. */
const cache = new Map<RosterName, RosterSchema>();

export function useSchema(roster: RosterName): { schema: RosterSchema | undefined; error: ApiError | null } {
  const [answer, setAnswer] = useState<{ roster: RosterName; schema?: RosterSchema; error: ApiError | null } | null>(null);
  const cached = cache.get(roster);
  useEffect(() => {
    if (cache.has(roster)) return;
    let active = true;
    void api.call('roster.schema', { roster }).then((r) => {
      if (r.ok) cache.set(roster, r.value);
      if (active) setAnswer(r.ok ? { roster, schema: r.value, error: null } : { roster, error: r.error });
    });
    return () => {
      active = false;
    };
  }, [roster]);
  if (cached) return { schema: cached, error: null };
  return answer?.roster === roster ? { schema: answer.schema, error: answer.error } : { schema: undefined, error: null };
}
