import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../helpers/tempDirs';

/**
 * LibreOffice Calc, headless, with a profile of its own (another soffice on the machine cannot
 * lock it): converts files the way an office PC would open and save them.
 */
export function soffice(args: string[], cwd: string): void {
  const profile = tempDir('scc-lo-');
  const result = spawnSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', ...args], { cwd, encoding: 'utf8', timeout: 180_000 });
  if (result.status !== 0) throw new Error(`soffice failed (${result.status}): ${result.stderr || result.error?.message || ''}`);
}

/** Every xlsx in a folder as UTF-8 CSV (LibreOffice's own reading of the cells). */
export function xlsxToCsv(dir: string): string {
  const out = join(dir, 'csv');
  const files = readdirSync(dir).filter((f) => f.endsWith('.xlsx'));
  soffice(['--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1', '--outdir', out, ...files], dir);
  return out;
}

/** A CSV file into an xlsx, as the benchmark's input and an office would make it (every column text). */
export function csvToXlsx(file: string, columns: number, outDir: string): void {
  const text = Array.from({ length: columns }, (_, i) => `${i + 1}/2`).join('/');
  soffice(['--infilter=CSV:44,34,76,1,' + text, '--convert-to', 'xlsx', '--outdir', outDir, file], outDir);
}
