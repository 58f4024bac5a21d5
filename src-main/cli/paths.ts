import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where a built entry (out/main/*.js) finds its siblings and the shipped resources. */
export interface InstallPaths {
  root: string;
  resourcesDir: string;
  rendererDir: string;
  workerFile: string;
  version: string;
}

export function installPaths(entryDir: string, resourcesDir?: string): InstallPaths {
  const root = join(entryDir, '..', '..');
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  return {
    root,
    resourcesDir: resourcesDir ?? join(root, 'resources'),
    rendererDir: join(root, 'out', 'renderer'),
    workerFile: join(entryDir, 'coreWorker.js'),
    version: pkg.version,
  };
}
