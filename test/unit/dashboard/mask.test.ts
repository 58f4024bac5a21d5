import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreRuntime } from '../../../src-main/core/core';
import { maskName, maskText } from '../../../src-main/core/dashboard/mask';
import { maskIdNumber, maskPhone } from '../../../src-main/core/people/idNumber';
import { call, demoCore } from '../../helpers/core';

describe('masking free text for a public screen', () => {
  it('keeps the first 3 and last 3 of an ID number, 3 + 4 of a phone, the surname of a name', () => {
    expect(maskText('34052419800101001X', [])).toBe('340************01X');
    expect(maskText('13912345678', [])).toBe('139****5678');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
  });

  it('masks every ID number, phone and given name in a text, longer names first', () => {
    const text = '张三丰与张三反映：身份证34052419800101001X，电话13912345678，楼下漏水';
    expect(maskText(text, ['张三', '张三丰'])).toBe('张**与张*反映：身份证340************01X，电话139****5678，楼下漏水');
    // Digits that are not an ID or a mobile number stay: a grid code, a date, a count.
    expect(maskText('150102003001005网格 2026年 3户', [])).toBe('150102003001005网格 2026年 3户');
  });
});

describe('the events ticker', () => {
  let core: CoreRuntime;
  let person: { id: number; name: string; idNumber: string; phone: string };
  beforeAll(async () => {
    core = await demoCore();
    const db = core.data.store().db;
    const found = db.get<{ id: number; name: string; idNumber: string; phone: string }>(
      'SELECT id, name, id_number AS idNumber, phone FROM person WHERE phone IS NOT NULL ORDER BY id LIMIT 1',
    );
    if (!found) throw new Error('the demo street has no person with a phone');
    person = found;
    core.context().write('test.event', (w) =>
      w.run(
        `INSERT INTO event (code, title, grid_id, reported_at, status, updated_at, whistle)
         VALUES ('SJ-TEST-1', ?, (SELECT min(id) FROM grid), '2026-11-21T09:29:00+08:00', '受理', '2026-11-21T09:29:00+08:00', '问题哨')`,
        [`${person.name}（${person.idNumber}，${person.phone}）反映楼道堆物`],
      ),
    );
  });
  afterAll(async () => core.close());

  it('shows a title that quotes a resident with the name, ID number and phone masked', async () => {
    const figures = await call(core, 'dashboard.boards', {});
    const newest = figures.events.ticker[0];
    expect(newest?.code).toBe('SJ-TEST-1');
    expect(newest?.title).toBe(`${maskName(person.name)}（${maskIdNumber(person.idNumber)}，${maskPhone(person.phone)}）反映楼道堆物`);
    const payload = JSON.stringify(figures);
    expect(payload).not.toContain(person.idNumber);
    expect(payload).not.toContain(person.phone);
  });
});
