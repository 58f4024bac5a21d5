import type { EntityName } from '../../dto/records';
import { entities, naturalKey } from '../catalog/fields';
import { validateRecord } from '../catalog/validate';
import { isBlank, normaliseText } from '../catalog/values';
import type { ReadDb, SqlDb } from '../db/sqlite';
import { checkIdNumber } from '../people/idNumber';
import { repositories, validationContext } from '../records';
import type { CheckContext, CheckProblem, Checked, RosterEditor } from './definition';

/** A column a roster edits that the city template does not have (党小组 of a member). */
export interface ExtraField {
  column: string;
  read(db: ReadDb, key: string): unknown;
  /** The value to store, or a problem; `record` is the validated template record. */
  check(db: ReadDb, value: unknown, record: Record<string, unknown>): { ok: true; value: unknown } | { ok: false; message: string };
  write(db: SqlDb, value: unknown, record: Record<string, unknown>, now: string): void;
}

export interface TemplateEditorOptions {
  extras?: readonly ExtraField[];
  /** Adjusts the merged values before validation (a grid move drops a building of the old grid); returns notes. */
  adjust?(db: ReadDb, merged: Record<string, unknown>, context: CheckContext): string[];
}

/** An ID number as stored: 15 digits upgraded, x upper-cased; unreadable ones are left for validation to report. */
function normalisedId(raw: unknown): string {
  const text = String(raw ?? '');
  const check = checkIdNumber(text, '2100-01-01');
  return check.ok ? check.id : normaliseText(text).toUpperCase();
}

/**
 * Edits of a roster whose rows are one city-template record each: values are validated by the
 * same rules as an import (catalog/validate.ts) and written by the records repositories, so a
 * roster edit and an import can never disagree about what is valid.
 */
export function templateEditor(entity: EntityName, options: TemplateEditorOptions = {}): RosterEditor {
  const repo = repositories[entity] as (typeof repositories)['community'];
  const extras = options.extras ?? [];
  const fields = entities[entity].fields;

  return {
    read(db, key) {
      const record = repo.read(db, key) as unknown as Record<string, unknown> | null;
      if (!record) return null;
      const values: Record<string, unknown> = { ...record };
      for (const extra of extras) values[extra.column] = extra.read(db, key);
      return values;
    },

    keyOf(db, values) {
      const keyed: Record<string, unknown> = { ...values };
      if ('idNumber' in keyed) keyed.idNumber = normalisedId(keyed.idNumber);
      for (const k of ['code', 'role', 'scopeCode']) if (k in keyed) keyed[k] = normaliseText(String(keyed[k] ?? ''));
      const key = naturalKey(entity, keyed);
      return key.replace(/\|/g, '') !== '' && repo.read(db, key) ? key : null;
    },

    check(db, merged, context): Checked {
      const notes = options.adjust?.(db, merged, context) ?? [];
      const raw: Record<string, unknown> = {};
      for (const f of fields) raw[f.key] = merged[f.key];
      const checked = validateRecord(entity, raw, validationContext(db, context.today));
      for (const u of checked.upgraded) notes.push(`15 位公民身份号码 ${u.from} 已升级为 18 位 ${u.to}`);
      const problems: CheckProblem[] = checked.ok ? [] : checked.problems.map((p) => ({ column: p.field, message: p.message }));
      const record: Record<string, unknown> = checked.ok ? { ...(checked.record as unknown as Record<string, unknown>) } : {};
      for (const extra of extras) {
        const value = merged[extra.column];
        if (!checked.ok) continue;
        if (isBlank(value)) {
          record[extra.column] = null;
          continue;
        }
        const result = extra.check(db, value, record);
        if (result.ok) record[extra.column] = result.value;
        else problems.push({ column: extra.column, message: result.message });
      }
      if (problems.length > 0) return { ok: false, problems, notes };
      const key = naturalKey(entity, record);
      return { ok: true, record, key, identity: key, notes };
    },

    write(db, record, now, existingKey) {
      repo.write(db, record as never, now, existingKey ?? undefined);
      for (const extra of extras) extra.write(db, record[extra.column] ?? null, record, now);
      return naturalKey(entity, record);
    },
  };
}
