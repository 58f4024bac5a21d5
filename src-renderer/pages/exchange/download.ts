/** Saves bytes the core returned (base64) as a file through the browser's download, in Electron too. */
export function saveBase64(fileName: string, base64: string, mime: string): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const ZIP = 'application/zip';

export const formatTime = (iso: string | null | undefined): string => (iso ? iso.replace('T', ' ').slice(0, 19) : '—');

export const formatValue = (value: unknown): string => {
  if (value === null || value === undefined || value === '') return '（空）';
  if (Array.isArray(value)) return value.length === 0 ? '（空）' : value.join('、');
  if (typeof value === 'boolean') return value ? '是' : '否';
  return String(value);
};
