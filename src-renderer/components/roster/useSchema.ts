import { useEffect, useState } from 'react';
import type { ApiError, RosterName, RosterSchema } from '../../../src-main/contract';
import { api } from '../../api/client';

/** A roster's columns, asked once: they follow the code, not the data, so no data change reloads them. */
export function useSchema(roster: RosterName): { schema: RosterSchema | undefined; error: ApiError | null } {
  const [answer, setAnswer] = useState<{ roster: RosterName; schema?: RosterSchema; error: ApiError | null } | null>(null);
  useEffect(() => {
    let active = true;
    void api.call('roster.schema', { roster }).then((r) => {
      if (active) setAnswer(r.ok ? { roster, schema: r.value, error: null } : { roster, error: r.error });
    });
    return () => {
      active = false;
    };
  }, [roster]);
  return answer?.roster === roster ? { schema: answer.schema, error: answer.error } : { schema: undefined, error: null };
}
