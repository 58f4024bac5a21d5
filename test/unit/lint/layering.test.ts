import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/core';

const eslint = new ESLint({ cwd: repoRoot });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
}

describe('layering enforced by lint', () => {
  it('keeps electron out of core', async () => {
    const messages = await restrictedImports('src-main/core/geo/x.ts', "import { app } from 'electron';\nexport const a = app;\n");
    expect(messages.join('\n')).toMatch(/core is plain Node/);
  });

  it('keeps transports out of core', async () => {
    const code = "import { startHttpTransport } from '../../server/http';\nexport const s = startHttpTransport;\n";
    expect(await restrictedImports('src-main/core/geo/x.ts', code)).toHaveLength(1);
    const http = "import { createServer } from 'node:http';\nexport const s = createServer;\n";
    expect(await restrictedImports('src-main/core/geo/x.ts', http)).toHaveLength(1);
  });

  it('allows an HTTP client only where core talks to the city platform', async () => {
    const client = "import { request } from 'node:https';\nexport const r = request;\n";
    expect(await restrictedImports('src-main/core/exchange/sync/http.ts', client)).toEqual([]);
    expect(await restrictedImports('src-main/core/exchange/sync/engine.ts', client)).toHaveLength(1);
  });

  it('lets the renderer import types from src-main, and nothing else', async () => {
    const typeOnly = "import type { Api } from '../../src-main/contract';\nexport type A = Api;\n";
    const runtime = "import { methods } from '../../src-main/contract';\nexport const m = methods;\n";
    expect(await restrictedImports('src-renderer/api/x.ts', typeOnly)).toEqual([]);
    expect(await restrictedImports('src-renderer/api/x.ts', runtime)).toHaveLength(1);
  });

  it('allows raw ipcMain / ipcRenderer only in the IPC helpers', async () => {
    const code = "import { ipcMain } from 'electron';\nexport const i = ipcMain;\n";
    expect(await restrictedImports('src-main/electron/windows.ts', code)).toHaveLength(1);
    expect(await restrictedImports('src-main/electron/ipc.ts', code)).toEqual([]);
    const renderer = "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n";
    expect(await restrictedImports('src-main/electron/preload.ts', renderer)).toEqual([]);
    expect(await restrictedImports('src-main/electron/main.ts', renderer)).toHaveLength(1);
  });

  it('keeps electron out of serve mode and the CLI', async () => {
    const code = "import { app } from 'electron';\nexport const a = app;\n";
    expect((await restrictedImports('src-main/server/x.ts', code)).join('\n')).toMatch(/run without Electron/);
    expect((await restrictedImports('src-main/cli/x.ts', code)).join('\n')).toMatch(/run without Electron/);
  });
});
