import { join } from 'node:path';
import { settingsSchema, type Settings, type SettingsPatch } from '../../dto/settings';
import { log } from '../log';
import { writeFileAtomic, type FileIo } from '../storage/io';

export const settingsPath = (dataDir: string): string => join(dataDir, 'settings.json');

/** Reads the settings; a missing or unreadable file gives the defaults (and is logged, not fatal). */
export function loadSettings(io: FileIo, dataDir: string | null): Settings {
  if (!dataDir || !io.exists(settingsPath(dataDir))) return settingsSchema.parse({});
  try {
    return settingsSchema.parse(JSON.parse(io.readFile(settingsPath(dataDir)).toString('utf8')));
  } catch (error) {
    log.warn(`[settings] ${settingsPath(dataDir)} is unreadable, using defaults: ${error instanceof Error ? error.message : String(error)}`);
    return settingsSchema.parse({});
  }
}

/** Each section of the patch is merged into its section of the settings; lists are replaced whole. */
export function applyPatch(settings: Settings, patch: SettingsPatch): Settings {
  const next: Record<string, unknown> = { ...settings };
  for (const [section, values] of Object.entries(patch)) {
    if (values !== undefined) next[section] = { ...(next[section] as object | undefined), ...values };
  }
  return settingsSchema.parse(next);
}

export function saveSettings(io: FileIo, dataDir: string | null, settings: Settings): void {
  if (!dataDir) return;
  io.mkdir(dataDir);
  writeFileAtomic(io, settingsPath(dataDir), Buffer.from(JSON.stringify(settings, null, 2), 'utf8'));
}
