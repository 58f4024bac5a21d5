import { z } from 'zod';
import { screenSettingsPatch, screenSettingsSchema } from './screen';

/**
 * Scheduled export of exchange packages: daily at a time, or every N hours. Each field without a
 * default (as in dto/screen.ts): a patch naming one field must leave the others as they are.
 */
const scheduleFields = {
  mode: z.enum(['off', 'daily', 'hours']),
  /** HH:MM, China time. */
  dailyAt: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间应为 HH:MM'),
  everyHours: z.number().int().min(1).max(168),
  /** Increment since the last delivered package (else a full package each time). */
  incremental: z.boolean(),
  /** A folder (USB stick, share) to write packages into. */
  folder: z.string().max(1000).nullable(),
  /** Queue packages for upload to the city platform. */
  outbox: z.boolean(),
};

const scheduleSchema = z.object({
  mode: scheduleFields.mode.default('off'),
  dailyAt: scheduleFields.dailyAt.default('18:00'),
  everyHours: scheduleFields.everyHours.default(24),
  incremental: scheduleFields.incremental.default(true),
  folder: scheduleFields.folder.default(null),
  outbox: scheduleFields.outbox.default(false),
});

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
    exchange: z
      .object({
        /** The city platform's API base URL (SPEC §4); its token is kept in the database, not here. */
        cityUrl: z.string().url().nullable().default(null),
        /** Minutes between background syncs with the city platform; 0: only when asked. */
        syncEveryMinutes: z.number().int().min(0).max(1440).default(30),
        schedule: scheduleSchema.prefault({}),
      })
      .prefault({}),
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
    exchange: z
      .object({
        cityUrl: z.string().url('请填写完整的网址').max(500).nullable().optional(),
        syncEveryMinutes: z.number().int().min(0).max(1440).optional(),
        schedule: z.object(scheduleFields).partial().strict().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type SettingsPatch = z.input<typeof settingsPatchInput>;
