import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const APP_DIR_NAME = 'street-command-center';

/**
 * The user's app-data folder, the same one Electron's `userData` resolves to for this app, so
 * the desktop app, `scc serve` and the CLI find one database without being told.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_DIR_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_DIR_NAME);
}

/** The folder of a built entry file (out/main), from its `import.meta.url`. */
export const entryDirOf = (importMetaUrl: string): string => dirname(fileURLToPath(importMetaUrl));
