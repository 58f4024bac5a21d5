/**
 * RFC 4180 CSV as Excel writes it: quoted fields may hold commas, quotes ("") and line breaks;
 * lines end in CRLF or LF. A record's number is the row Excel shows for it (a quoted line break
 * stays inside its cell), so reports name the row a person finds.
 */
export interface CsvRecord {
  /** 1-based: the row number a spreadsheet shows. */
  row: number;
  cells: string[];
}

/** Comma, or tab when the first line has more tabs than commas (a "Unicode text" save). */
export function sniffDelimiter(text: string): ',' | '\t' {
  const firstLine = text.slice(0, Math.max(0, text.indexOf('\n')) || text.length);
  const count = (c: string): number => firstLine.split(c).length - 1;
  return count('\t') > count(',') ? '\t' : ',';
}

export function parseCsv(text: string, delimiter: ',' | '\t' = sniffDelimiter(text)): CsvRecord[] {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  const n = text.length;
  const endRecord = (): void => {
    cells.push(cell);
    records.push({ row: records.length + 1, cells });
    cells = [];
    cell = '';
  };
  while (i < n) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      const next = text.indexOf('"', i);
      const end = next === -1 ? n : next;
      cell += text.slice(i, end);
      i = end;
      continue;
    }
    if (c === '"' && cell.trim() === '') {
      cell = '';
      quoted = true;
      i++;
    } else if (c === delimiter) {
      cells.push(cell);
      cell = '';
      i++;
    } else if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      // Plain run up to the next special character.
      let j = i + 1;
      while (j < n) {
        const d = text[j];
        if (d === delimiter || d === '\r' || d === '\n' || d === '"') break;
        j++;
      }
      cell += text.slice(i, j);
      i = j;
    }
  }
  if (cell !== '' || cells.length > 0) endRecord();
  return records;
}
