/** Mime types of the files the page hands out, and how times and values read on it. */
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const ZIP = 'application/zip';

export const formatTime = (iso: string | null | undefined): string => (iso ? iso.replace('T', ' ').slice(0, 19) : '—');

export const formatValue = (value: unknown): string => {
  if (value === null || value === undefined || value === '') return '（空）';
  if (Array.isArray(value)) return value.length === 0 ? '（空）' : value.join('、');
  if (typeof value === 'boolean') return value ? '是' : '否';
  return String(value);
};
