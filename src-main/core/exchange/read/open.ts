import { AppError } from '../../errors';
import { decodeText, encodingLabel } from './decode';
import { parseCsv } from './csv';
import type { SheetInfo, SheetRow } from './sheet';
import { declaredRows, isOleCompound, isZip, readXlsxRows } from './xlsx';

export interface OpenedSheet {
  info: SheetInfo;
  rows: AsyncIterable<SheetRow>;
}

async function* fromArray(rows: SheetRow[], signal?: AbortSignal): AsyncGenerator<SheetRow> {
  for (const row of rows) {
    if (signal?.aborted) return;
    yield row;
  }
}

/** An import file, xlsx or CSV, told apart by its bytes (a renamed file still opens). */
export function openSheet(fileName: string, bytes: Uint8Array, signal?: AbortSignal): OpenedSheet {
  if (bytes.length === 0) throw new AppError('VALIDATION', `文件“${fileName}”是空的。`);
  if (isZip(bytes)) return { info: { kind: 'xlsx', totalRows: declaredRows(bytes) }, rows: readXlsxRows(bytes, signal) };
  if (isOleCompound(bytes)) {
    throw new AppError('VALIDATION', `文件“${fileName}”是旧版 Excel 97-2003（.xls）格式：请在 Excel 或 WPS 中另存为 .xlsx 或 CSV 后再导入。`);
  }
  const { text, encoding } = decodeText(bytes);
  const records = parseCsv(text);
  const rows: SheetRow[] = records.map((r) => ({ row: r.row, cells: r.cells }));
  return { info: { kind: 'csv', encoding: encodingLabel[encoding], totalRows: rows.length }, rows: fromArray(rows, signal) };
}
