import type { EntityName } from '../../../dto/records';
import { entities } from '../../catalog/fields';
import type { ReadDb } from '../../db/sqlite';
import { readRecords } from '../records';
import { texts as t } from '../texts';
import type { TaskHooks } from '../tasks';
import { rowOf, writeTemplateXlsx, type CellOut } from './xlsx';

/** The template's file name: its title, as the city platform names it. */
export const templateFileName = (entity: EntityName): string => `${entities[entity].title}.xlsx`;

/** Rows between two progress reports. */
const REPORT_EVERY = 5000;

/** Every record of one kind as the city platform's template (SPEC §2), derived columns filled. */
export async function exportTemplate(db: ReadDb, entity: EntityName, onProgress?: TaskHooks['onProgress']): Promise<{ fileName: string; bytes: Buffer; records: number }> {
  const { title } = entities[entity];
  onProgress?.(t.progressReadingRecords(title), 0, null, false);
  const records = readRecords(db, entity);
  function* rows(): Generator<CellOut[]> {
    for (let i = 0; i < records.length; i++) {
      if (i % REPORT_EVERY === 0) onProgress?.(t.progressWritingSheet(title), i, records.length, false);
      yield rowOf(entity, records[i]?.record as unknown as Record<string, unknown>);
    }
  }
  const bytes = await writeTemplateXlsx(entity, rows(), { rowCount: records.length });
  return { fileName: templateFileName(entity), bytes, records: records.length };
}

/** The entity a template title names (实有人口信息表 → resident), for the CLI. */
export function entityByTitle(title: string): EntityName | null {
  const wanted = title.replace(/\.xlsx$/i, '').trim();
  return (Object.values(entities).find((e) => e.title === wanted)?.name ?? null) as EntityName | null;
}
