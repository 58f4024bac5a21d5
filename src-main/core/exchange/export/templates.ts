import type { EntityName } from '../../../dto/records';
import { entities } from '../../catalog/fields';
import type { ReadDb } from '../../db/sqlite';
import { readRecords } from '../records';
import { rowOf, writeTemplateXlsx } from './xlsx';

/** The template's file name: its title, as the city platform names it. */
export const templateFileName = (entity: EntityName): string => `${entities[entity].title}.xlsx`;

/** Every record of one kind as the city platform's template (SPEC §2), derived columns filled. */
export async function exportTemplate(db: ReadDb, entity: EntityName): Promise<{ fileName: string; bytes: Buffer; records: number }> {
  const records = readRecords(db, entity);
  const bytes = await writeTemplateXlsx(
    entity,
    records.map((r) => rowOf(entity, r.record as unknown as Record<string, unknown>)),
  );
  return { fileName: templateFileName(entity), bytes, records: records.length };
}

/** The entity a template title names (实有人口信息表 → resident), for the CLI. */
export function entityByTitle(title: string): EntityName | null {
  const wanted = title.replace(/\.xlsx$/i, '').trim();
  return (Object.values(entities).find((e) => e.title === wanted)?.name ?? null) as EntityName | null;
}
