import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';

type WriterOptions = Pick<NonNullable<ConstructorParameters<typeof ExcelJS.stream.xlsx.WorkbookWriter>[0]>, 'useSharedStrings' | 'useStyles'>;

/**
 * exceljs' streaming workbook writer collecting into memory: rows are committed as they are
 * added, so 200k of them never sit in memory as cell objects, only as the growing zip. `bytes()`
 * commits the workbook and returns the file.
 */
export function inMemoryWorkbook(options: WriterOptions): { workbook: ExcelJS.stream.xlsx.WorkbookWriter; bytes: () => Promise<Buffer> } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, ...options });
  return {
    workbook,
    async bytes() {
      await workbook.commit();
      await finished;
      return Buffer.concat(chunks);
    },
  };
}
