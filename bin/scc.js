#!/usr/bin/env node
// `scc` runs the built CLI. The build happens on `npm install` (the prepare script) or `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
if (!existsSync(cli)) {
  console.error('scc 尚未构建：请先在项目目录运行 npm run build。\n(scc is not built yet: run `npm run build` in the project folder.)');
  process.exit(1);
}
await import(pathToFileURL(cli).href);
