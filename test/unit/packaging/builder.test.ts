import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/core';

const require = createRequire(join(repoRoot, 'package.json'));
const yaml = require('js-yaml') as { load(text: string): Record<string, unknown> };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

const load = () => yaml.load(readFileSync(join(repoRoot, 'electron-builder.yml'), 'utf8'));

interface Target {
  target: string;
  arch: string[];
}

describe('electron-builder configuration', () => {
  it('matches electron-builder’s own schema', async () => {
    await expect(validateConfiguration(load(), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('is checked strictly: an unknown option is refused', async () => {
    const config = load();
    (config.nsis as Record<string, unknown>).autoUpdateTypo = true;
    await expect(validateConfiguration(config, new DebugLogger(false))).rejects.toThrow(/configuration/);
  });

  it('builds a Windows NSIS installer and a Linux deb, for x64 and arm64', () => {
    const config = load() as { win: { target: Target[] }; linux: { target: Target[] } };
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64', 'arm64'] }]);
    expect(config.linux.target).toEqual([{ target: 'deb', arch: ['x64', 'arm64'] }]);
  });

  it('ships the built app and keeps resources (the sql.js wasm) outside the asar', () => {
    const config = load() as { files: string[]; extraResources: { from: string; to: string }[] };
    expect(config.files).toContain('out/**');
    expect(config.extraResources[0]).toMatchObject({ from: 'resources', to: 'resources' });
  });
});
