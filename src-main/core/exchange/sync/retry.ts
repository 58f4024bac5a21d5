import type { Answer } from './cityApi';

/**
 * Exponential backoff with jitter, honouring Retry-After (SPEC §4): attempt n waits a random time
 * between half and all of base·2ⁿ (capped), so many streets retrying after an outage spread out;
 * a Retry-After from the platform is waited in full. Gives up after `maxAttempts` or when the
 * next wait would pass the deadline, returning the last answer.
 */
export interface RetryPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
  maxAttempts: number;
}

export const defaultPolicy: RetryPolicy = { baseDelayMs: 1000, maxDelayMs: 60_000, maxAttempts: 6 };

export interface RetryEnv {
  /** Ends early when `signal` is aborted. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
  now: () => number;
  /** No wait may end after this (ms since epoch). */
  deadline: number;
  signal?: AbortSignal;
  onRetry?: (attempt: number, waitMs: number, reason: string) => void;
}

export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export const realSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const wake = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', wake);
      resolve();
    }, ms);
    signal?.addEventListener('abort', wake, { once: true });
  });

export async function withRetries<T>(attempt: () => Promise<Answer<T>>, policy: RetryPolicy, env: RetryEnv): Promise<Answer<T>> {
  let answer = await attempt();
  for (let n = 1; answer.kind === 'retry' && n < policy.maxAttempts; n++) {
    if (env.signal?.aborted) return answer;
    const wait = answer.waitMs ?? backoffMs(n - 1, policy, env.random);
    if (env.now() + wait > env.deadline) return answer;
    env.onRetry?.(n, wait, answer.reason);
    await env.sleep(wait, env.signal);
    if (env.signal?.aborted) return answer;
    answer = await attempt();
  }
  return answer;
}
