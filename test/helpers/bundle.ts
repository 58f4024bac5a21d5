import { join, parse } from 'node:path';
import { build } from 'vite';
import { repoRoot } from './core';

/**
 * Bundles a TypeScript entry (and the core it imports) into one plain-Node ES module, so a test
 * can run it as a child process it is free to kill. Dependencies stay in node_modules.
 */
export async function bundleForNode(entry: string): Promise<string> {
  const outDir = join(repoRoot, 'test-output', 'bundles', parse(entry).name);
  await build({
    configFile: false,
    logLevel: 'warn',
    root: repoRoot,
    build: {
      ssr: entry,
      outDir,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      rollupOptions: { output: { format: 'es', entryFileNames: '[name].mjs' } },
    },
  });
  return join(outDir, `${parse(entry).name}.mjs`);
}
