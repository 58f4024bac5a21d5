import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = resolve(import.meta.dirname, '..');

/** Bundles the exchange benchmark (and the core it measures) into one plain-Node module. */
export default defineConfig({
  root,
  logLevel: 'warn',
  build: {
    ssr: resolve(root, 'bench/exchange.ts'),
    outDir: resolve(root, 'bench-output/exchange-dist'),
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    rollupOptions: { output: { format: 'es', entryFileNames: '[name].mjs' } },
  },
});
