/**
 * 公民身份号码, GB 11643-1999: 6 address + 8 birth date + 3 sequence (odd = male) + check
 * (ISO 7064 MOD 11-2). Legacy 15-digit numbers are upgraded; spreadsheet damage is recognised
 * and refused, never "repaired" (city-platform SPEC §1).
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function checkCharacter(body17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK[sum % 11] ?? '';
}

export type IdProblem = 'required' | 'format' | 'checksum' | 'precision' | 'date';

export type IdCheck =
  | { ok: true; id: string; birthDate: string; gender: '男' | '女'; upgradedFrom?: string }
  | { ok: false; reason: IdProblem; message: string };

/** Full-width digits/letters to ASCII, spaces trimmed, lower-case x upper-cased. */
export function normaliseIdText(raw: string): string {
  return raw
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]/g, '')
    .toUpperCase();
}

function validDate(yyyy: number, mm: number, dd: number): boolean {
  if (mm < 1 || mm > 12 || dd < 1) return false;
  const days = new Date(Date.UTC(yyyy, mm, 0)).getUTCDate();
  return dd <= days;
}

const fail = (reason: IdProblem, message: string): IdCheck => ({ ok: false, reason, message });

/**
 * Checks and normalises an ID number. `today` (YYYY-MM-DD) bounds the birth date.
 */
export function checkIdNumber(raw: string | null | undefined, today: string): IdCheck {
  if (raw === null || raw === undefined || raw.trim() === '') return fail('required', '公民身份号码为空');
  const text = normaliseIdText(raw);
  if (/^\d(\.\d+)?E\+?\d+$/.test(text) || /^\d+\.\d+$/.test(text)) {
    return fail('precision', '公民身份号码被表格软件当作数字保存，后几位已丢失（精度丢失）：请把该列设为“文本”格式后从原始数据重新导出');
  }
  let id = text;
  let upgradedFrom: string | undefined;
  if (/^\d{15}$/.test(text)) {
    const body = `${text.slice(0, 6)}19${text.slice(6)}`;
    id = body + checkCharacter(body);
    upgradedFrom = text;
  }
  if (!/^\d{17}[\dX]$/.test(id)) return fail('format', `公民身份号码应为 18 位（末位可为 X），收到 ${text.length} 位`);
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  const expected = checkCharacter(id.slice(0, 17));
  if (expected !== id[17]) {
    // Excel keeps 15 significant digits: the last three come back as zeros.
    if (id.endsWith('000')) {
      return fail('precision', '公民身份号码末尾数字被表格软件改成了 0（精度丢失）：请把该列设为“文本”格式后从原始数据重新导出');
    }
    return fail('checksum', `公民身份号码校验位错误：应为 ${expected}，实为 ${id[17]}`);
  }
  if (year < 1900 || !validDate(year, month, day) || birthDate > today) {
    return fail('date', `公民身份号码中的出生日期 ${birthDate} 无效`);
  }
  const gender = Number(id[16]) % 2 === 1 ? '男' : '女';
  return upgradedFrom ? { ok: true, id, birthDate, gender, upgradedFrom } : { ok: true, id, birthDate, gender };
}

/** For generated people: a valid 18-digit number from its parts. */
export function composeIdNumber(area6: string, birthDate: string, sequence3: number): string {
  const body = `${area6}${birthDate.replace(/-/g, '')}${String(sequence3).padStart(3, '0')}`;
  return body + checkCharacter(body);
}

/** Shown on public screens and in logs: first 3 and last 3 kept (RULES.md, 个人信息保护). */
export function maskIdNumber(id: string): string {
  return id.length <= 6 ? '*'.repeat(id.length) : `${id.slice(0, 3)}${'*'.repeat(id.length - 6)}${id.slice(-3)}`;
}

export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone.replace(/\d(?=\d{2})/g, '*');
}
