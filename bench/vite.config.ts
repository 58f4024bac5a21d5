import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = resolve(import.meta.dirname, '..');

/** Bundles the benchmarks (and the core they measure) into plain-Node modules: bench.mjs, rosters.mjs. */
export default defineConfig({
  root,
  logLevel: 'warn',
  build: {
    ssr: true,
    outDir: resolve(root, 'bench-output/dist'),
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    rollupOptions: {
      input: { bench: resolve(root, 'bench/bench.ts'), rosters: resolve(root, 'bench/rosters.ts') },
      output: { format: 'es', entryFileNames: '[name].mjs' },
    },
  },
});
