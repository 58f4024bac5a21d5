import { z } from 'zod';
import { screenSettingsPatch, screenSettingsSchema } from './screen';

/** Settings of one installation, kept in DATA/settings.json (never personal data). */
export const settingsSchema = z
  .object({
    storage: z
      .object({
        /** Generations (snapshot + journal) kept: the rotating backups. */
        keepGenerations: z.number().int().min(2).max(100).default(7),
        /** A snapshot is taken once the journal grows past this many MiB. */
        snapshotAfterMiB: z.number().min(1).max(1024).default(32),
      })
      .default({ keepGenerations: 7, snapshotAfterMiB: 32 }),
    /** Big screens (数据大屏): canvas, playlist, kiosk display. */
    screen: screenSettingsSchema.prefault({}),
  })
  .strip();

export type Settings = z.output<typeof settingsSchema>;

export const settingsPatchInput = z
  .object({
    storage: z
      .object({
        keepGenerations: z.number().int().min(2).max(100).optional(),
        snapshotAfterMiB: z.number().min(1).max(1024).optional(),
      })
      .strict()
      .optional(),
    screen: screenSettingsPatch.optional(),
  })
  .strict();

export type SettingsPatch = z.input<typeof settingsPatchInput>;
