import { describe, expect, it } from 'vitest';
import { type entities, fieldOf } from '../../../src-main/core/catalog/fields';
import { parseDate, parseTimestamp, parseValue } from '../../../src-main/core/catalog/values';

const TODAY = '2026-11-21';
const field = (entity: keyof typeof entities, key: string) => {
  const f = fieldOf(entity, key);
  if (!f) throw new Error(`no field ${key}`);
  return f;
};

describe('reading values as SPEC §1 says', () => {
  it('reads dates from text in four spellings, real date cells and Excel serial numbers', () => {
    for (const text of ['1985-03-05', '1985/3/5', '1985.3.5', '1985年3月5日', ' 1985-03-05 ', '１９８５-０３-０５']) expect(parseDate(text), text).toBe('1985-03-05');
    expect(parseDate(new Date(Date.UTC(1985, 2, 5)))).toBe('1985-03-05');
    expect(parseDate(31111)).toBe('1985-03-05');
    expect(parseDate('1985-02-30')).toBeNull();
    expect(parseDate('85-3-5')).toBeNull();
  });

  it('stores every moment in China time with its offset', () => {
    expect(parseTimestamp('2026-11-21T09:30:00+08:00')).toBe('2026-11-21T09:30:00+08:00');
    expect(parseTimestamp('2026-11-21T01:30:00Z')).toBe('2026-11-21T09:30:00+08:00');
    expect(parseTimestamp('2026-11-21 09:30')).toBe('2026-11-21T09:30:00+08:00');
    expect(parseTimestamp('2026/11/21')).toBe('2026-11-21T00:00:00+08:00');
    expect(parseTimestamp('2026-11-21 25:00')).toBeNull();
  });

  it('refuses codes and ID numbers a spreadsheet turned into numbers, as precision loss', () => {
    expect(parseValue(field('building', 'code'), 1501020050010010000, TODAY)).toMatchObject({ ok: false, reason: 'precision' });
    expect(parseValue(field('grid', 'code'), 150102005001001, TODAY)).toEqual({ ok: true, value: '150102005001001' });
    expect(parseValue(field('resident', 'idNumber'), 150102194209174000, TODAY)).toMatchObject({ ok: false, reason: 'precision' });
    expect(parseValue(field('resident', 'idNumber'), '1.50102E+17', TODAY)).toMatchObject({ ok: false, reason: 'precision' });
    expect(parseValue(field('grid', 'code'), '1.50102E+14', TODAY)).toMatchObject({ ok: false, reason: 'precision' });
  });

  it('upgrades a legacy 15-digit ID number, reporting where it came from', () => {
    expect(parseValue(field('resident', 'idNumber'), '150102450731199', TODAY)).toEqual({ ok: true, value: '150102194507311991', upgradedFrom: '150102450731199' });
  });

  it('checks enumerations exactly and names the allowed values', () => {
    expect(parseValue(field('resident', 'personType'), '常住人口', TODAY)).toEqual({ ok: true, value: '常住人口' });
    const wrong = parseValue(field('resident', 'personType'), '常驻人口', TODAY);
    expect(wrong).toMatchObject({ ok: false, reason: 'enum' });
    expect(wrong.ok ? '' : wrong.message).toContain('常住人口、流动人口、境外人员');
  });

  it('accepts mobile and landline phones, refuses the rest', () => {
    expect(parseValue(field('community', 'phone'), '0471-5312019', TODAY)).toEqual({ ok: true, value: '0471-5312019' });
    expect(parseValue(field('resident', 'phone'), 13912345678, TODAY)).toEqual({ ok: true, value: '13912345678' });
    expect(parseValue(field('resident', 'phone'), '+86 139 1234 5678', TODAY)).toEqual({ ok: true, value: '13912345678' });
    expect(parseValue(field('resident', 'phone'), '1391234', TODAY)).toMatchObject({ ok: false, reason: 'format' });
  });

  it('normalises full-width digits and letters but keeps the full-width punctuation of Chinese text', () => {
    expect(parseValue(field('event', 'description'), '居民反映：路灯不亮，请处理（３号楼）', TODAY)).toEqual({ ok: true, value: '居民反映：路灯不亮，请处理（3号楼）' });
    expect(parseDate('１９８５／３／５')).toBe('1985-03-05');
    expect(parseValue(field('resident', 'phone'), '０４７１－５３１２０１９', TODAY)).toEqual({ ok: true, value: '0471-5312019' });
  });

  it('splits 、-separated lists and reads 是/否', () => {
    expect(parseValue(field('resident', 'tags'), '独居老人、残疾人、', TODAY)).toEqual({ ok: true, value: ['独居老人', '残疾人'] });
    expect(parseValue(field('partyMember', 'inService'), '是', TODAY)).toEqual({ ok: true, value: true });
    expect(parseValue(field('partyMember', 'inService'), 'Y', TODAY)).toMatchObject({ ok: false, reason: 'enum' });
  });
});
