import { openCore, type CoreOptions, type CoreRuntime } from '../../core/core';
import type { InstallPaths } from '../paths';

/** Runs fn with the core open in this process, and always closes it (snapshot, lock released). */
export async function withCore<T>(
  paths: InstallPaths,
  options: Pick<CoreOptions, 'dataDir' | 'passphrase' | 'inspect'>,
  fn: (core: CoreRuntime) => Promise<T> | T,
): Promise<T> {
  const core = await openCore({ ...options, resourcesDir: paths.resourcesDir, version: paths.version });
  try {
    return await fn(core);
  } finally {
    await core.close();
  }
}
