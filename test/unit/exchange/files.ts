import ExcelJS from 'exceljs';
import type { CoreRuntime } from '../../../src-main/core/core';
import { entities } from '../../../src-main/core/catalog/fields';
import type { EntityName } from '../../../src-main/dto/records';

/** Test files as offices make them: CSV (UTF-8 with BOM) and xlsx, built from rows of text. */
export function csv(rows: readonly (readonly string[])[]): Buffer {
  const quote = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(rows.map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n', 'utf8')]);
}

export async function xlsx(rows: readonly (readonly unknown[])[], sheetName = 'Sheet1'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  for (const row of rows) sheet.addRow([...row]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const headersOf = (entity: EntityName): string[] => entities[entity].fields.map((f) => f.header);

/** A template file's rows (headers first) from records keyed by JSON key. */
export function templateRows(entity: EntityName, records: readonly object[]): string[][] {
  const fields = entities[entity].fields;
  return [
    fields.map((f) => f.header),
    ...records.map((r) => fields.map((f) => {
      const v = (r as Record<string, unknown>)[f.key];
      if (v === null || v === undefined) return '';
      if (Array.isArray(v)) return v.join('、');
      if (typeof v === 'boolean') return v ? '是' : '否';
      return String(v);
    })),
  ];
}

export const upload = (name: string, bytes: Buffer) => ({ name, contentBase64: bytes.toString('base64') });

export const firstValue = <T>(core: CoreRuntime, sql: string, params: (string | number)[] = []): T => core.data.store().db.value(sql, params) as T;
