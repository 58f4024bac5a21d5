import type { ReasonCode } from '../../dto/records';
import { checkIdNumber } from '../people/idNumber';
import type { FieldDef } from './fields';

/**
 * Reading one value the way SPEC §1 says: text from a CSV, a cell from an xlsx (numbers, dates,
 * serial numbers), or JSON from the UI and packages. Spreadsheet damage is refused, not mended.
 */
export type Parsed = { ok: true; value: unknown; upgradedFrom?: string } | { ok: false; reason: ReasonCode; message: string };

const ok = (value: unknown): Parsed => ({ ok: true, value });
const bad = (reason: ReasonCode, message: string): Parsed => ({ ok: false, reason, message });

/**
 * Full-width digits and letters to half-width, ideographic spaces to spaces, trimmed (SPEC §1).
 * Full-width punctuation stays: "居民反映：…，请处理" is how Chinese text is written.
 */
const FULL_WIDTH = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\u3000]/;

export function normaliseText(raw: string): string {
  // Most cells have nothing to convert: a 100k-row import reads this a million times.
  if (!FULL_WIDTH.test(raw)) return raw.trim();
  return raw
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .trim();
}

/** For dates, codes, phones and numbers: every full-width ASCII character (／－．＋ too) to half-width. */
export function normaliseAscii(raw: string): string {
  return raw
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .trim();
}

/** What a person typed, for messages: short, on one line. */
const shown = (raw: unknown): string => {
  const text = raw instanceof Date ? raw.toISOString() : String(raw);
  return text.length > 30 ? `${text.slice(0, 30)}…` : text;
};

export function isBlank(raw: unknown): boolean {
  if (raw === null || raw === undefined) return true;
  if (typeof raw === 'string') return normaliseText(raw) === '';
  if (Array.isArray(raw)) return raw.length === 0;
  return false;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

function calendarDate(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  if (d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return null;
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** Excel serial day (1 = 1900-01-01, with Excel's phantom 1900-02-29) to a date. */
function serialToDate(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 61 || serial > 80000) return null;
  const d = new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86400000);
  return calendarDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function parseDate(raw: unknown): string | null {
  // xlsx readers give real date cells as Date at UTC midnight of the day shown.
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? null : calendarDate(raw.getUTCFullYear(), raw.getUTCMonth() + 1, raw.getUTCDate());
  if (typeof raw === 'number') return serialToDate(raw);
  const text = normaliseAscii(String(raw));
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]00:00(?::00(?:\.0+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  if (!m) m = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(text);
  if (m) return calendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
  if (/^\d{5}(\.\d+)?$/.test(text)) return serialToDate(Number(text));
  return null;
}

const CHINA_OFFSET_MS = 8 * 3600 * 1000;

function chinaIso(ms: number): string {
  return `${new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

/** A moment as stored: ISO 8601 in China time (+08:00). Times without an offset are China time. */
export function parseTimestamp(raw: unknown): string | null {
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? null : chinaIso(raw.getTime());
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw) || raw < 61 || raw > 80000) return null;
    // An Excel serial moment is wall-clock time: days and a fraction since 1899-12-30.
    return chinaIso(Date.UTC(1899, 11, 30) + Math.round(raw * 86400000) - CHINA_OFFSET_MS);
  }
  const text = normaliseAscii(String(raw));
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(text);
  if (!m) {
    const date = parseDate(text);
    return date ? `${date}T00:00:00+08:00` : null;
  }
  const date = calendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
  const [h, min, s] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (!date || h > 23 || min > 59 || s > 59) return null;
  const zone = m[7];
  let offsetMs = CHINA_OFFSET_MS;
  if (zone === 'Z') offsetMs = 0;
  else if (zone) {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offsetMs = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60000;
  }
  return chinaIso(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), h, min, s) - offsetMs);
}

const PHONE = /^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(?:-\d{1,6})?|[48]00-?\d{3}-?\d{4})$/;

/** One value of one field; blank values are the caller's business (required or null). */
export function parseValue(field: FieldDef, raw: unknown, today: string): Parsed {
  const h = field.header;
  switch (field.type) {
    case 'text': {
      const text = normaliseText(String(raw));
      if (field.maxLength && text.length > field.maxLength) return bad('format', `${h}过长（${text.length} 字，最多 ${field.maxLength} 字）`);
      return ok(text);
    }
    case 'code': {
      if (typeof raw === 'number' && raw > Number.MAX_SAFE_INTEGER) {
        return bad('precision', `${h}被表格软件当作数字保存，后几位已丢失（精度丢失）：请把该列设为“文本”格式后从原始数据重新导出`);
      }
      const text = normaliseAscii(typeof raw === 'number' ? raw.toFixed(0) : String(raw));
      if (/^\d(\.\d+)?E\+?\d+$/i.test(text)) return bad('precision', `${h}“${text}”是科学计数法，后几位已丢失（精度丢失）：请把该列设为“文本”格式后重新导出`);
      const lengths = field.lengths ?? [];
      if (!/^\d+$/.test(text) || (lengths.length > 0 && !lengths.includes(text.length))) {
        return bad('format', `${h}应为 ${lengths.join(' 或 ')} 位数字，收到“${shown(text)}”`);
      }
      return ok(text);
    }
    case 'idNumber': {
      const text = typeof raw === 'number' ? (raw > Number.MAX_SAFE_INTEGER ? raw.toExponential(14).toUpperCase() : raw.toFixed(0)) : String(raw);
      const check = checkIdNumber(text, today);
      if (check.ok) return check.upgradedFrom ? { ok: true, value: check.id, upgradedFrom: check.upgradedFrom } : ok(check.id);
      const reason: ReasonCode = check.reason === 'date' || check.reason === 'required' ? 'format' : check.reason;
      return bad(reason, `${h}：${check.message.replace(/^公民身份号码/, '')}`);
    }
    case 'phone': {
      const text = normaliseAscii(typeof raw === 'number' ? raw.toFixed(0) : String(raw))
        .replace(/^\+?86[- ]?/, '')
        .replace(/[\s()（）]/g, '');
      if (!PHONE.test(text)) return bad('format', `${h}“${shown(raw)}”不是有效的手机或固定电话号码`);
      return ok(text);
    }
    case 'date': {
      const date = parseDate(raw);
      return date ? ok(date) : bad('format', `${h}“${shown(raw)}”无法识别为日期（应为 YYYY-MM-DD）`);
    }
    case 'timestamp': {
      const at = parseTimestamp(raw);
      return at ? ok(at) : bad('format', `${h}“${shown(raw)}”无法识别为时间（应为 YYYY-MM-DD HH:mm 或带时区的 ISO 8601）`);
    }
    case 'enum': {
      const text = normaliseText(String(raw));
      return field.values?.includes(text) ? ok(text) : bad('enum', `${h}“${shown(text)}”不是允许的值（${field.values?.join('、') ?? ''}）`);
    }
    case 'number': {
      const n = typeof raw === 'number' ? raw : Number(normaliseAscii(String(raw)));
      return Number.isFinite(n) ? ok(n) : bad('format', `${h}“${shown(raw)}”不是数字`);
    }
    case 'integer': {
      const n = typeof raw === 'number' ? raw : Number(normaliseAscii(String(raw)));
      return Number.isInteger(n) && n >= 0 ? ok(n) : bad('format', `${h}“${shown(raw)}”应为非负整数`);
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return ok(raw);
      const text = normaliseText(String(raw));
      if (text === '是') return ok(true);
      if (text === '否') return ok(false);
      return bad('enum', `${h}“${shown(text)}”应为“是”或“否”`);
    }
    case 'list': {
      const items = Array.isArray(raw) ? raw.map((x) => normaliseText(String(x))) : normaliseText(String(raw)).split('、').map((x) => x.trim());
      return ok([...new Set(items.filter((x) => x !== ''))]);
    }
    case 'geojson': {
      let parsed: unknown;
      try {
        parsed = typeof raw === 'string' ? JSON.parse(raw) : raw;
      } catch {
        return bad('format', `${h}不是有效的 JSON`);
      }
      const geometry = (parsed as { type?: string; geometry?: unknown })?.type === 'Feature' ? (parsed as { geometry: unknown }).geometry : parsed;
      const type = (geometry as { type?: string } | null)?.type;
      const coordinates = (geometry as { coordinates?: unknown } | null)?.coordinates;
      if ((type !== 'Polygon' && type !== 'MultiPolygon') || !Array.isArray(coordinates) || coordinates.length === 0) {
        return bad('format', `${h}应为 Polygon 或 MultiPolygon 几何`);
      }
      return ok(JSON.stringify(geometry));
    }
  }
}
