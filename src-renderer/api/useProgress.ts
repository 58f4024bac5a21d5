import { useEffect, useState } from 'react';
import type { Progress } from '../../src-main/contract';
import { api } from './client';

/** The latest progress the backend reported (a long setup, an import), or null when idle. */
export function useProgress(): Progress | null {
  const [progress, setProgress] = useState<Progress | null>(null);
  useEffect(() => api.on('progress', (p) => setProgress(p.finished ? null : p)), []);
  return progress;
}
