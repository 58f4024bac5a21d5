import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { CallMeta } from '../core/context';
import { defaultDataDir } from '../core/paths';

/** A mistake in how the command was called: printed without a stack, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

export const dataOption = { data: { type: 'string' }, 'passphrase-file': { type: 'string' } } as const;

/** `--data DIR` everywhere; default: the user's app-data folder. */
export function dataDirFrom(value: string | undefined): string {
  return value ? resolve(value) : defaultDataDir();
}

/**
 * The passphrase of an encrypted data directory: from `--passphrase-file` (first line) or the
 * SCC_PASSPHRASE variable, never from the command line, where other users could read it.
 */
export function passphraseFrom(file: string | undefined): string | null {
  if (file) return readFileSync(file, 'utf8').split(/\r?\n/)[0] ?? '';
  return process.env.SCC_PASSPHRASE ?? null;
}

export function intOption(name: string, value: string | undefined, fallback: number, min = 0, max = 2 ** 31 - 1): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} 需要一个整数，收到“${value}”`);
  const n = Number(value);
  if (n < min || n > max) throw new UsageError(`--${name} 应在 ${min} 到 ${max} 之间`);
  return n;
}

export function cliActor(): CallMeta {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // No user database (some containers): the command still runs.
  }
  return { actor: `命令行:${user}` };
}
