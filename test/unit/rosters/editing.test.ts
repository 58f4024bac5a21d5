import { describe, expect, it } from 'vitest';
import type { CoreRuntime } from '../../../src-main/core/core';
import { composeIdNumber } from '../../../src-main/core/people/idNumber';
import { parseTsv } from '../../../src-main/core/rosters/paste';
import type { ResidentRecord, RosterQueryInput } from '../../../src-main/contract';
import { call, coresClosedAfterEach } from '../../helpers/core';

const cores = coresClosedAfterEach();
const fresh = cores.demo;

const rows = async (core: CoreRuntime, q: Partial<RosterQueryInput> = {}, limit = 100) => (await call(core, 'roster.page', { roster: 'residents', limit, ...q })).rows;
const resident = async (core: CoreRuntime, key: string): Promise<ResidentRecord> => (await call(core, 'records.get', { entity: 'resident', key })) as ResidentRecord;
const seqOf = (core: CoreRuntime): number => core.data.store().db.value<number>('SELECT max(seq) FROM audit_log') ?? 0;

describe('roster edits: validated, one write per user action, undoable', () => {
  it('saves one cell and says what it changed; undo puts it back', async () => {
    const core = await fresh();
    const [first] = await rows(core);
    if (!first) throw new Error('no resident');
    const result = await call(core, 'roster.edit', { roster: 'residents', rows: [{ key: first.key, values: { phone: '+86 139 1234 5678' } }] });
    expect(result).toMatchObject({ changed: 1, added: 0, summary: `修改实有人口“${first.name}”的联系电话` });
    expect((await resident(core, first.key)).phone).toBe('13912345678');
    await call(core, 'history.undo', { seq: result.seq });
    expect((await resident(core, first.key)).phone).toBe(first.phone);
  });

  it('refuses an invalid value with the field and the reason in Chinese, and writes nothing', async () => {
    const core = await fresh();
    const [first] = await rows(core);
    if (!first) throw new Error('no resident');
    const before = seqOf(core);
    const wrongCheck = `${first.key.slice(0, 17)}${first.key.endsWith('1') ? '2' : '1'}`;
    for (const [values, field, text] of [
      [{ idNumber: wrongCheck }, 'idNumber', '校验位错误'],
      [{ idNumber: '1.50102E+17' }, 'idNumber', '精度丢失'],
      [{ phone: '12345' }, 'phone', '不是有效的手机或固定电话号码'],
      [{ birthDate: '1985-02-30' }, 'birthDate', '无法识别为日期'],
      [{ gender: Number(first.key[16]) % 2 === 1 ? '女' : '男' }, 'gender', '与身份号码'],
      [{ personType: '常驻' }, 'personType', '不是允许的值'],
      [{ gridCode: '150102003999999' }, 'gridCode', '都不存在'],
      [{ name: '' }, 'name', '姓名为空'],
    ] as const) {
      const refused = await core.call('roster.edit', { roster: 'residents', rows: [{ key: first.key, values }] });
      expect(refused.ok, field).toBe(false);
      if (refused.ok) continue;
      expect(refused.error.code).toBe('VALIDATION');
      expect(refused.error.problems?.[0]).toMatchObject({ field, row: 1 });
      expect(refused.error.problems?.[0]?.message).toContain(text);
    }
    expect(seqOf(core)).toBe(before);
  });

  it('upgrades a 15-digit ID and says so; a grid move drops a building of the old grid and says so', async () => {
    const core = await fresh();
    const grid = core.data.store().db.value<string>("SELECT code FROM grid WHERE kind <> '专属网格' ORDER BY code DESC LIMIT 1") ?? '';
    const created = await call(core, 'roster.edit', { roster: 'residents', rows: [{ values: { idNumber: '150102850305123', name: '老号码', gridCode: grid } }] });
    const upgraded = composeIdNumber('150102', '1985-03-05', 123);
    expect(created.keys).toEqual([upgraded]);
    expect(created.notes.join()).toContain('已升级为 18 位');

    const housed = (await rows(core, { filters: { buildingCode: { kind: 'text', op: 'notBlank', value: '' } } }))[0];
    if (!housed) throw new Error('no housed resident');
    const elsewhere = core.data.store().db.value<string>("SELECT code FROM grid WHERE kind <> '专属网格' AND code <> ? ORDER BY code LIMIT 1", [String(housed.gridCode)]) ?? '';
    const moved = await call(core, 'roster.edit', { roster: 'residents', rows: [{ key: housed.key, values: { gridCode: elsewhere } }] });
    expect(moved.notes.join()).toContain('已清除楼栋、单元和房号');
    expect(await call(core, 'records.get', { entity: 'resident', key: housed.key })).toMatchObject({ gridCode: elsewhere, buildingCode: null, room: null });
  });

  it('applies a bulk edit of 40 rows as one write, undone as one step', async () => {
    const core = await fresh();
    const grids = core.data.store().db.all<{ code: string }>("SELECT code FROM grid WHERE kind <> '专属网格' ORDER BY code").map((g) => g.code);
    const forty = (await rows(core, { scope: { gridCode: grids[0] } }, 40)).map((r) => r.key);
    const before = seqOf(core);
    const result = await call(core, 'roster.edit', { roster: 'residents', action: 'bulk', rows: forty.map((key) => ({ key, values: { gridCode: grids[1] ?? '' } })) });
    expect(result.changed).toBe(40);
    expect(result.summary).toBe('批量修改实有人口 40 行（所属网格编码）');
    expect(core.data.store().db.value('SELECT count(DISTINCT seq) FROM audit_log WHERE seq > ?', [before])).toBe(1);
    expect((await resident(core, forty[39] ?? '')).gridCode).toBe(grids[1]);
    await call(core, 'history.undo', { seq: result.seq });
    expect((await resident(core, forty[39] ?? '')).gridCode).toBe(grids[0]);
  });

  it('refuses the whole edit when one row is invalid, naming the row', async () => {
    const core = await fresh();
    const [a, b] = await rows(core);
    const before = seqOf(core);
    const refused = await core.call('roster.edit', {
      roster: 'residents',
      action: 'paste',
      rows: [
        { key: a?.key ?? '', values: { phone: '13900000001' } },
        { key: b?.key ?? '', values: { phone: 'abc' } },
      ],
    });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toMatch(/有 1 行不符合要求，未保存任何改动：第 2 行：联系电话/);
    expect(seqOf(core)).toBe(before);
  });

  it('keeps the 党小组 of a member to a group under the member’s own organisation', async () => {
    const core = await fresh();
    const tree = await call(core, 'roster.partyTree', {});
    const group = tree.find((n) => n.kind === '党小组');
    if (!group?.parentCode) throw new Error('tiny demo has a 党小组');
    const [member] = (await call(core, 'roster.page', { roster: 'members', orgCode: group.parentCode, limit: 1 })).rows;
    if (!member) throw new Error('no member');
    await call(core, 'roster.edit', { roster: 'members', rows: [{ key: member.key, values: { partyGroup: group.code } }] });
    expect((await call(core, 'roster.detail', { roster: 'members', key: member.key })).fields.find((f) => f.column === 'partyGroupName')?.value).toBe(group.name);
    const wrong = await core.call('roster.edit', { roster: 'members', rows: [{ key: member.key, values: { partyGroup: group.parentCode } }] });
    expect(wrong.ok ? '' : wrong.error.message).toContain('不是党小组');
  });

  it('keeps rooms: a new room creates its unit, a 党员中心户 needs a member living there, a room is registered once', async () => {
    const core = await fresh();
    const building = core.data.store().db.value<string>('SELECT code FROM building ORDER BY code LIMIT 1') ?? '';
    const added = await call(core, 'roster.edit', { roster: 'rooms', rows: [{ values: { buildingCode: building, unit: '9', room: '9901', use: '空置' } }] });
    expect(added.added).toBe(1);
    expect(core.data.store().db.value('SELECT count(*) FROM unit WHERE code = ?', [`${building}09`])).toBe(1);
    const again = await core.call('roster.edit', { roster: 'rooms', action: 'paste', rows: [{ values: { buildingCode: building, unit: '9', room: '9901', use: '出租' } }] });
    expect(again.ok).toBe(true); // a pasted row naming an existing room changes it (upsert)
    const key = added.keys[0] ?? '';
    const center = await core.call('roster.edit', { roster: 'rooms', rows: [{ key, values: { partyCenter: '是' } }] });
    expect(center.ok ? '' : center.error.message).toContain('没有党员居住');
    const other = (await call(core, 'roster.page', { roster: 'rooms', scope: { buildingCode: building }, limit: 2 })).rows.find((r) => r.key !== key);
    const clash = await core.call('roster.edit', { roster: 'rooms', rows: [{ key: other?.key ?? '', values: { unit: '9', room: '9901' } }] });
    expect(clash.ok ? '' : clash.error.message).toContain('已经登记过');
  });
});

describe('paste from Excel/WPS', () => {
  it('reads tab-separated cells as text, with quoted cells holding tabs, line breaks and quotes', () => {
    expect(parseTsv('a\tb\r\nc\td\r\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(parseTsv('"x\ty"\t"line1\nline2"\t"say ""hi"""\n0012\t15010219800101001X\t3.40524E+17')).toEqual([
      ['x\ty', 'line1\nline2', 'say "hi"'],
      ['0012', '15010219800101001X', '3.40524E+17'],
    ]);
    expect(parseTsv('a\t\tb\n\n')).toEqual([['a', '', 'b'], ['']]);
  });

  it('lays the block over the rows from the pasted-at one down, adds the lines past the end, and reports every invalid line', async () => {
    const core = await fresh();
    const grid = core.data.store().db.value<string>("SELECT code FROM grid WHERE kind <> '专属网格' ORDER BY code LIMIT 1") ?? '';
    const query: RosterQueryInput = { roster: 'residents', scope: { gridCode: grid }, sort: [{ column: 'idNumber', desc: false }] };
    const inGrid = (await call(core, 'roster.page', { ...query, limit: 1000 })).rows;
    const total = inGrid.length;
    const last = inGrid[total - 1];
    const newcomer = composeIdNumber('150102', '1991-04-05', 11);
    const text = [`${last?.key}\t13900000009`, `${newcomer}\t13900000010`, `1.50102E+17\t13900000011`, '', `${newcomer}\t13900000012`].join('\r\n');
    const plan = await call(core, 'roster.pastePreview', { query, startIndex: total - 1, columns: ['idNumber', 'phone'], text });
    expect(plan.counts).toEqual({ add: 0, change: 1, same: 0, invalid: 3 });
    expect(plan.notes).toContain('跳过了 1 个空行');
    const byLine = new Map(plan.rows.map((r) => [r.line, r]));
    expect(byLine.get(1)?.changes).toEqual([{ column: 'phone', header: '联系电话', before: last?.phone ?? null, after: '13900000009' }]);
    // A new row names its required fields or is refused with what is missing.
    expect(byLine.get(2)?.problems.map((p) => p.message).join()).toMatch(/姓名为空|与第 5 行是同一条记录/);
    expect(byLine.get(3)?.problems[0]?.message).toContain('精度丢失');
    expect(byLine.get(5)?.problems.map((p) => p.message).join()).toContain('与第 2 行是同一条记录');
  });

  it('maps a block by its header row, ignores computed columns with a note, and applies it as one write', async () => {
    const core = await fresh();
    const grid = core.data.store().db.value<string>("SELECT code FROM grid WHERE kind <> '专属网格' ORDER BY code LIMIT 1") ?? '';
    const a = composeIdNumber('150102', '1990-01-02', 21);
    const b = composeIdNumber('150102', '1992-06-07', 22);
    const text = `姓名\t公民身份号码\t所属网格编码\t所属网格\n甲\t${a}\t${grid}\t随便写\n乙\t${b.toLowerCase()}\t${grid}\t\n`;
    const plan = await call(core, 'roster.pastePreview', { query: { roster: 'residents' }, startIndex: null, columns: ['idNumber'], text });
    expect(plan.counts).toMatchObject({ add: 2, invalid: 0 });
    expect(plan.notes).toEqual(expect.arrayContaining(['第一行是表头，已按表头对应各列', '以下列由系统计算，粘贴或填写的内容未使用：所属网格']));
    const before = seqOf(core);
    const applied = await call(core, 'roster.edit', {
      roster: 'residents',
      action: 'paste',
      rows: plan.rows.map((r) => ({ values: r.values })),
    });
    expect(applied).toMatchObject({ added: 2, summary: '粘贴实有人口：新增 2 行' });
    expect(core.data.store().db.value('SELECT count(DISTINCT seq) FROM audit_log WHERE seq > ?', [before])).toBe(1);
    expect((await resident(core, b)).name).toBe('乙');
    await call(core, 'history.undo', { seq: applied.seq });
    expect((await core.call('records.get', { entity: 'resident', key: a })).ok).toBe(false);
    expect((await core.call('records.get', { entity: 'resident', key: b })).ok).toBe(false);
  });

  it('adds a community pasted without its street code: the street is this one', async () => {
    const core = await fresh();
    const street = core.data.store().db.value<string>('SELECT code FROM street') ?? '';
    const result = await call(core, 'roster.edit', { roster: 'communities', action: 'paste', rows: [{ values: { code: `${street}099`, name: '新建社区' } }] });
    expect(result.added).toBe(1);
    expect(await call(core, 'records.get', { entity: 'community', key: `${street}099` })).toMatchObject({ streetCode: street, name: '新建社区' });
  });
});
