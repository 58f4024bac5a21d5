import { describe, expect, it } from 'vitest';
import { checkCharacter, checkIdNumber, composeIdNumber, maskIdNumber, maskPhone } from '../../../src-main/core/people/idNumber';

const TODAY = '2026-11-21';

describe('公民身份号码 (GB 11643-1999)', () => {
  it('computes the MOD 11-2 check character of the standard’s example', () => {
    expect(checkCharacter('34052419800101001')).toBe('X');
  });

  it('accepts a valid number and derives birth date and gender from it', () => {
    expect(checkIdNumber('34052419800101001X', TODAY)).toEqual({ ok: true, id: '34052419800101001X', birthDate: '1980-01-01', gender: '男' });
    const female = composeIdNumber('150102', '1991-07-30', 2);
    expect(checkIdNumber(female, TODAY)).toMatchObject({ ok: true, gender: '女', birthDate: '1991-07-30' });
  });

  it('normalises full-width digits, spaces and a lower-case x', () => {
    expect(checkIdNumber(' ３４０５２４１９８００１０１００１x ', TODAY)).toMatchObject({ ok: true, id: '34052419800101001X' });
  });

  it('upgrades a legacy 15-digit number by inserting 19 and computing the check', () => {
    expect(checkIdNumber('150102450731199', TODAY)).toMatchObject({ ok: true, id: '150102194507311991', upgradedFrom: '150102450731199' });
  });

  it('rejects an ID whose last digits a spreadsheet zeroed, as precision loss, never repaired', () => {
    const result = checkIdNumber('150102197610086000', TODAY);
    expect(result).toMatchObject({ ok: false, reason: 'precision' });
    expect(result.ok ? '' : result.message).toMatch(/精度丢失/);
  });

  it('rejects an ID shown in scientific notation as precision loss', () => {
    expect(checkIdNumber('1.50102E+17', TODAY)).toMatchObject({ ok: false, reason: 'precision' });
    expect(checkIdNumber('3.40524198001010E+17', TODAY)).toMatchObject({ ok: false, reason: 'precision' });
  });

  it('rejects a wrong check character, naming the right one', () => {
    expect(checkIdNumber('340524198001010011', TODAY)).toEqual({ ok: false, reason: 'checksum', message: '公民身份号码校验位错误：应为 X，实为 1' });
  });

  it('rejects impossible or future birth dates and wrong lengths', () => {
    const feb30 = composeIdNumber('150102', '1990-02-28', 11).replace('19900228', '19900230');
    const fixed = feb30.slice(0, 17) + checkCharacter(feb30.slice(0, 17));
    expect(checkIdNumber(fixed, TODAY)).toMatchObject({ ok: false, reason: 'date' });
    expect(checkIdNumber(composeIdNumber('150102', '2027-01-01', 11), TODAY)).toMatchObject({ ok: false, reason: 'date' });
    expect(checkIdNumber('1501021990', TODAY)).toMatchObject({ ok: false, reason: 'format' });
    expect(checkIdNumber('', TODAY)).toMatchObject({ ok: false, reason: 'required' });
  });

  it('masks for public display: first 3 and last 3 of an ID, 3 + 4 of a phone', () => {
    expect(maskIdNumber('34052419800101001X')).toBe('340************01X');
    expect(maskPhone('13912345678')).toBe('139****5678');
  });
});
