/** One row of the first sheet of an import file, whatever its format. */
export type CellValue = string | number | boolean | null;

export interface SheetRow {
  /** The row number a person sees in Excel (1-based). */
  row: number;
  /** cells[0] is column A. Dates arrive as text (`YYYY-MM-DD` or `YYYY-MM-DD HH:mm:ss`). */
  cells: CellValue[];
}

export type FileKind = 'xlsx' | 'csv';

/** What the reader found out about the file itself (shown in the report). */
export interface SheetInfo {
  kind: FileKind;
  /** CSV: the encoding it was written in. */
  encoding?: string;
  /** Rows the file declares (xlsx dimension) or holds (CSV); null when unknown. */
  totalRows: number | null;
}

/** Column letters as Excel shows them: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let name = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    name = String.fromCharCode(65 + r) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

export function isBlankCell(value: CellValue): boolean {
  return value === null || (typeof value === 'string' && value.replace(/[\s\u3000]/g, '') === '');
}
