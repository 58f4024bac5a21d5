import { describe, expect, it } from 'vitest';
import { redact } from '../../../src-main/core/log';

describe('log redaction', () => {
  it('masks ID numbers (18 and 15 digits) and mobile numbers wherever they appear', () => {
    const line = redact('UNIQUE constraint failed: person.id_number 11010519491231002X, old 110105491231002, tel 13912345678');
    expect(line).not.toMatch(/11010519491231002X|110105491231002|13912345678/);
    expect(line).toContain('[身份号码]');
    expect(line).toContain('[电话]');
  });

  it('leaves codes that are not personal data alone', () => {
    expect(redact('grid 150102003001002 building 1501020030010020003')).toBe('grid 150102003001002 building 1501020030010020003');
  });
});
