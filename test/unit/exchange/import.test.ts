import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportFileReport, Input, ResidentRecord } from '../../../src-main/contract';
import type { CoreRuntime } from '../../../src-main/core/core';
import { composeIdNumber } from '../../../src-main/core/people/idNumber';
import { call, demoCore } from '../../helpers/core';
import { dumpTables } from '../../helpers/dump';
import { csv, firstValue, templateRows, upload, xlsx } from './files';

let core: CoreRuntime;
beforeEach(async () => {
  core = await demoCore();
});
afterEach(async () => core.close());

const db = () => core.data.store().db;
const aGrid = () => firstValue<string>(core, "SELECT code FROM grid WHERE kind <> '专属网格' ORDER BY code LIMIT 1");
const otherGrid = () => firstValue<string>(core, "SELECT code FROM grid WHERE kind <> '专属网格' ORDER BY code DESC LIMIT 1");
const newId = (seq: number, birth = '1990-05-17') => composeIdNumber('150102', birth, seq);
const existingKeys = (n: number): string[] =>
  db().all<{ id: string }>('SELECT p.id_number AS id FROM resident r JOIN person p ON p.id = r.person_id ORDER BY r.id LIMIT ?', [n]).map((k) => k.id);
const stored = async (key: string) => (await call(core, 'records.get', { entity: 'resident', key })) as ResidentRecord;
const residentFile = (records: readonly object[]) => upload('实有人口信息表.csv', csv(templateRows('resident', records)));
const preview = (...files: Input<'exchange.importPreview'>['files']) => call(core, 'exchange.importPreview', { files });
const only = (p: { files: ImportFileReport[] }): ImportFileReport => p.files[0] as ImportFileReport;

async function twoStoredResidents(): Promise<ResidentRecord[]> {
  return Promise.all(existingKeys(2).map((k) => stored(k)));
}

describe('import: dry run, apply, batches', () => {
  it('previews without writing, applies as one batch (one seq), and re-importing the same file changes nothing', async () => {
    const [same, edited] = await twoStoredResidents();
    if (!same || !edited) throw new Error('demo street has residents');
    const rows = [
      { idNumber: newId(11), name: '新甲', gridCode: aGrid() },
      { idNumber: newId(13), name: '新乙', gridCode: aGrid(), tags: ['独居老人'] },
      { idNumber: newId(15), name: '新丙', gridCode: aGrid(), phone: '13900001111' },
      same,
      { ...edited, phone: '13722223333' },
      { idNumber: newId(17), name: '', gridCode: aGrid() },
    ];
    const before = core.data.store().info().journalEntries;
    const first = await preview(residentFile(rows));
    expect(only(first)).toMatchObject({ rows: 6, accepted: 5, rejected: 1, inserted: 3, updated: 1, unchanged: 1 });
    expect(only(first).samples.changed[0]?.changes).toEqual([{ field: 'phone', header: '联系电话', before: edited.phone, after: '13722223333' }]);
    expect(only(first).rejections).toEqual([{ row: 7, column: '姓名', reason: 'required', message: '姓名为空' }]);
    expect(core.data.store().info().journalEntries).toBe(before);

    const applied = await call(core, 'exchange.importApply', { planId: first.planId });
    expect(applied.batchId).not.toBeNull();
    expect(applied.quarantined).toBe(1);
    const tables = db().all<{ entity: string }>("SELECT DISTINCT entity FROM audit_log WHERE seq = ? AND entity NOT LIKE 'exchange%' ORDER BY entity", [applied.seq]);
    expect(tables.map((t) => t.entity)).toEqual(['person', 'resident', 'resident_tag']);
    expect((await stored(newId(13))).tags).toEqual(['独居老人']);
    expect((await stored(edited.idNumber)).phone).toBe('13722223333');
    expect(await call(core, 'exchange.batches', {})).toMatchObject([{ id: applied.batchId, seq: applied.seq, inserted: 3, updated: 1, unchanged: 1, rejected: 1 }]);

    const seq = core.data.store().seq;
    const again = await preview(residentFile(rows));
    expect(only(again)).toMatchObject({ inserted: 0, updated: 0, unchanged: 5, rejected: 1 });
    const reapplied = await call(core, 'exchange.importApply', { planId: again.planId });
    expect(reapplied).toMatchObject({ batchId: null, seq, quarantined: 0 });
    expect(core.data.store().seq).toBe(seq);
    expect(firstValue(core, "SELECT count(*) FROM exchange_quarantine WHERE status = 'open'")).toBe(1);
  });

  it('keeps the building and unit of a row without a room, says so, and changes nothing when the file comes again', async () => {
    const building = db().get<{ code: string; grid: string }>("SELECT b.code, g.code AS grid FROM building b JOIN grid g ON g.id = b.grid_id WHERE g.kind <> '专属网格' LIMIT 1");
    if (!building) throw new Error('no building');
    const rows = [{ idNumber: newId(31), name: '无房号', gridCode: building.grid, buildingCode: building.code, unit: '3单元' }];
    const first = await preview(residentFile(rows));
    expect(only(first)).toMatchObject({ inserted: 1, rejected: 0 });
    expect(only(first).notes).toContain('1 行填写了楼栋编码但没有房号：这些人员登记在所填楼栋（和单元），房号记为“未登记”，可在实有人口台账中补填。');
    const applied = await call(core, 'exchange.importApply', { planId: first.planId });
    expect(await stored(newId(31))).toMatchObject({ buildingCode: building.code, unit: '3', room: null });

    const again = await preview(residentFile(rows));
    expect(only(again)).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
    await call(core, 'exchange.undoBatch', { batchId: applied.batchId ?? 0 });
    expect(firstValue(core, 'SELECT count(*) FROM household WHERE room IS NULL')).toBe(0);
  });

  it('undoes a batch of many new residents (rooms, tags) to exactly the state before it, and redoes it to exactly the state after', async () => {
    const building = db().get<{ code: string; grid: string }>("SELECT b.code, g.code AS grid FROM building b JOIN grid g ON g.id = b.grid_id WHERE g.kind <> '专属网格' LIMIT 1");
    if (!building) throw new Error('no building');
    const rows = Array.from({ length: 40 }, (_, i) => ({
      idNumber: newId(100 + i * 2),
      name: `批量${i}`,
      gridCode: building.grid,
      buildingCode: building.code,
      unit: '1单元',
      room: `${900 + (i % 7)}`,
      tags: i % 3 === 0 ? ['独居老人'] : [],
    }));
    // The exchange's own tables keep the batch (and then its undo): the street's data is compared.
    const street = () => dumpTables(db(), /^exchange_/);
    const before = street();
    const applied = await call(core, 'exchange.importApply', { planId: (await preview(residentFile(rows))).planId });
    expect(applied.totals.inserted).toBe(40);
    const after = street();
    const undone = await call(core, 'exchange.undoBatch', { batchId: applied.batchId ?? 0 });
    expect(undone.summary).toMatch(/新增 实有人口 40 条/);
    expect(street()).toBe(before);
    await call(core, 'history.undo', { seq: undone.seq });
    expect(street()).toBe(after);
  });

  it('undoes a batch as a whole while a later edit to another record stays; refuses when a later edit touched a record of the batch', async () => {
    const [a, b] = await twoStoredResidents();
    if (!a || !b) throw new Error('demo street has residents');
    const file = residentFile([{ idNumber: newId(21), name: '批次甲', gridCode: aGrid() }, { ...a, name: '改名了' }, { idNumber: newId(25), name: '', gridCode: aGrid() }]);
    const applied = await call(core, 'exchange.importApply', { planId: (await preview(file)).planId });
    await call(core, 'records.save', { entity: 'resident', mode: 'update', key: b.idNumber, values: { phone: '13600001234' } });

    const undone = await call(core, 'exchange.undoBatch', { batchId: applied.batchId ?? 0 });
    expect(undone.summary).toMatch(/新增 实有人口 1 条/);
    expect((await core.call('records.get', { entity: 'resident', key: newId(21) })).ok).toBe(false);
    expect((await stored(a.idNumber)).name).toBe(a.name);
    expect((await stored(b.idNumber)).phone).toBe('13600001234');
    // Undo restores the street's data and leaves the exchange's own record standing.
    expect((await call(core, 'exchange.batches', {}))[0]?.undoneAt).not.toBeNull();
    expect((await call(core, 'exchange.quarantine', { status: 'open' })).map((q) => q.row)).toEqual([4]);
    const twice = await core.call('exchange.undoBatch', { batchId: applied.batchId ?? 0 });
    expect(twice.ok ? null : twice.error.message).toBe('这次导入已经撤销过了。');

    const second = await call(core, 'exchange.importApply', { planId: (await preview(residentFile([{ idNumber: newId(23), name: '批次乙', gridCode: aGrid() }]))).planId });
    await call(core, 'records.save', { entity: 'resident', mode: 'update', key: newId(23), values: { phone: '13500005678' } });
    const refused = await core.call('exchange.undoBatch', { batchId: second.batchId ?? 0 });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/^无法撤销这次导入：.*之后又被改动过/) });
  });

  it('finds the header under a title row, takes columns in any order, reports unknown columns, skips blank rows, and numbers rows as the sheet does', async () => {
    const headers = ['姓名', '所属网格编码', '备注', '公民身份号码'];
    const bytes = await xlsx([
      ['实有人口信息表（2026年11月）'],
      headers,
      ['甲', aGrid(), '随便写', newId(31)],
      [],
      ['乙', aGrid(), '', newId(33).slice(0, 17) + (newId(33).endsWith('1') ? '2' : '1')],
    ]);
    const report = only(await preview(upload('某社区人口.xlsx', bytes)));
    expect(report).toMatchObject({ template: '实有人口信息表', headerRow: 2, rows: 2, accepted: 1, rejected: 1, unknownColumns: ['备注'] });
    expect(report.rejections).toMatchObject([{ row: 5, column: '公民身份号码', reason: 'checksum' }]);
    expect(report.notes).toContain('以下列不属于模板，已忽略：备注');
  });

  it('refuses a file missing a required column as a whole; a person’s column mapping is applied and remembered for that source', async () => {
    const rows = [
      ['身份证号', '姓名', '网格'],
      [newId(41), '映射甲', aGrid()],
    ];
    const file = upload('社区自制表.csv', csv(rows));
    const first = await preview(file);
    expect(first.files).toEqual([]);
    expect(first.unrecognised[0]).toMatchObject({ file: '社区自制表.csv', message: expect.stringMatching(/缺少必填列/) });
    expect(first.unrecognised[0]?.candidates[0]).toEqual({ row: 1, headers: ['身份证号', '姓名', '网格'] });
    const refused = await core.call('exchange.importApply', { planId: first.planId });
    expect(refused.ok ? null : refused.error.message).toMatch(/还有文件未能识别模板/);

    const mapping = { entity: 'resident' as const, headerRow: 1, columns: { 身份证号: 'idNumber', 姓名: 'name', 网格: 'gridCode' } };
    const mapped = await preview({ ...file, mapping });
    expect(only(mapped)).toMatchObject({ template: '实有人口信息表', accepted: 1 });
    await call(core, 'exchange.importApply', { planId: mapped.planId });
    expect((await stored(newId(41))).name).toBe('映射甲');

    const next = await preview(upload('社区自制表-第二批.csv', csv([rows[0] as string[], [newId(43), '映射乙', aGrid()]])));
    expect(next.unrecognised).toEqual([]);
    expect(only(next)).toMatchObject({ template: '实有人口信息表', accepted: 1, inserted: 1 });
  });

  it('lets rows of the same import satisfy references, and a refused row takes the rows that refer to it', async () => {
    const community = firstValue<string>(core, 'SELECT code FROM community ORDER BY code LIMIT 1');
    const grids = upload(
      '网格信息表.csv',
      csv(templateRows('grid', [
        { code: `${community}901`, name: '新网格', communityCode: community, kind: '城市社区网格' },
        { code: `${community}902`, name: '错网格', communityCode: community, kind: '城中村网格' },
      ])),
    );
    const people = residentFile([
      { idNumber: newId(51), name: '新格居民', gridCode: `${community}901` },
      { idNumber: newId(53), name: '错格居民', gridCode: `${community}902` },
      { idNumber: newId(55), name: '无格居民', gridCode: `${community}999` },
    ]);
    const p = await preview(people, grids);
    expect(p.files.map((f) => f.template)).toEqual(['网格信息表', '实有人口信息表']);
    const residents = p.files[1] as ImportFileReport;
    expect(residents.accepted).toBe(1);
    expect(residents.rejections).toEqual([
      { row: 3, column: '所属网格编码', reason: 'reference', message: `所属网格编码“${community}902”所在的行（网格信息表.csv 第 3 行）被拒绝，本行也无法导入` },
      { row: 4, column: '所属网格编码', reason: 'reference', message: `所属网格编码“${community}999”在本次导入的文件和数据库中都不存在` },
    ]);
    await call(core, 'exchange.importApply', { planId: p.planId });
    expect((await stored(newId(51))).gridCode).toBe(`${community}901`);
  });

  it('counts identical rows once and refuses both rows of one key with different content', async () => {
    const twin = { idNumber: newId(61), name: '双胞', gridCode: aGrid() };
    const report = only(await preview(residentFile([twin, twin, { idNumber: newId(63), name: '甲', gridCode: aGrid() }, { idNumber: newId(63), name: '乙', gridCode: aGrid() }])));
    expect(report).toMatchObject({ rows: 4, accepted: 2, rejected: 2, inserted: 1, unchanged: 1 });
    expect(report.rejections.map((r) => [r.row, r.reason])).toEqual([
      [4, 'duplicate'],
      [5, 'duplicate'],
    ]);
  });

  it('writes a child organisation listed before its parent, and a secretary who arrives in the members file', async () => {
    const grid = aGrid();
    const secretary = newId(71, '1970-03-04');
    const orgs = upload(
      '党组织信息表.csv',
      csv(templateRows('partyOrg', [
        { code: 'PNEW0002', name: '新支部', kind: '党支部', parentCode: 'PNEW0001', gridCode: grid },
        { code: 'PNEW0001', name: '新总支', kind: '党总支', secretaryId: secretary, foundedOn: '2020-01-01' },
      ])),
    );
    const members = upload(
      '党员信息表.csv',
      csv(templateRows('partyMember', [{ idNumber: secretary, name: '书记', category: '正式党员', joinedOn: '1995-07-01', confirmedOn: '1996-07-01', orgCode: 'PNEW0001' }])),
    );
    const p = await preview(members, orgs);
    expect(p.files.map((f) => [f.template, f.accepted])).toEqual([
      ['党组织信息表', 2],
      ['党员信息表', 1],
    ]);
    await call(core, 'exchange.importApply', { planId: p.planId });
    expect(await call(core, 'records.get', { entity: 'partyOrg', key: 'PNEW0001' })).toMatchObject({ secretaryId: secretary });
    expect(await call(core, 'records.get', { entity: 'partyOrg', key: 'PNEW0002' })).toMatchObject({ parentCode: 'PNEW0001' });
  });

  it('reads xlsx cells as a person sees them: date cells, rich text, formulas, IDs that became numbers', async () => {
    const id = newId(81, '1988-08-08');
    const bytes = await xlsx([
      ['公民身份号码', '姓名', '出生日期', '所属网格编码', '现住址', '联系电话'],
      [id, { richText: [{ text: '富' }, { text: '文本' }] }, new Date(Date.UTC(1988, 7, 8)), aGrid(), { formula: '"青城"&"路1号"', result: '青城路1号' }, 13912345678],
      [Number(newId(83, '1988-08-08')), '数字号', null, aGrid(), null, null],
    ]);
    const report = only(await preview(upload('实有人口信息表.xlsx', bytes)));
    expect(report.rejections.map((r) => [r.row, r.reason])).toEqual([[3, 'precision']]);
    const p = await preview(upload('实有人口信息表.xlsx', bytes));
    await call(core, 'exchange.importApply', { planId: p.planId });
    expect(await stored(id)).toMatchObject({ name: '富文本', birthDate: '1988-08-08', address: '青城路1号', phone: '13912345678' });
  });
});

describe('import: progress and cancel', () => {
  it('reports progress with counts, and a cancel stops the dry run leaving the database untouched', async () => {
    const records = Array.from({ length: 30_000 }, (_, i) => ({ idNumber: composeIdNumber('150102', `19${50 + (i % 40)}-0${1 + (i % 9)}-1${i % 9}`, 100 + (i % 800)), name: `人${i}`, gridCode: otherGrid() }));
    const file = residentFile(records);
    const progress: { done: number; total: number | null; finished: boolean }[] = [];
    const off = core.subscribe((event) => {
      if (event.name === 'progress' && event.payload.taskId === 'big') progress.push(event.payload);
    });
    const seq = core.data.store().seq;
    const running = core.call('exchange.importPreview', { files: [file], taskId: 'big' });
    while (progress.length === 0) await new Promise((r) => setTimeout(r, 5));
    expect(await call(core, 'exchange.cancel', { taskId: 'big' })).toEqual({ cancelled: true });
    const result = await running;
    off();
    expect(result.ok ? null : result.error.message).toBe('导入已取消，数据库未作任何改动。');
    expect(progress[0]).toMatchObject({ done: 2000, total: 30_000, finished: false });
    expect(progress.at(-1)?.finished).toBe(true);
    expect(core.data.store().seq).toBe(seq);
  });
});

describe('quarantine', () => {
  it('keeps refused rows until fixed and re-submitted or discarded, and downloads them as xlsx with a reason column', async () => {
    const file = residentFile([
      { idNumber: newId(91), name: '', gridCode: aGrid() },
      { idNumber: newId(93), name: '错格', gridCode: '150102003999999' },
      { idNumber: newId(95), name: '不要了', gridCode: aGrid(), personType: '常驻' },
    ]);
    await call(core, 'exchange.importApply', { planId: (await preview(file)).planId });
    const open = await call(core, 'exchange.quarantine', { status: 'open' });
    expect(open.map((q) => [q.row, q.problems[0]?.reason])).toEqual([
      [2, 'required'],
      [3, 'reference'],
      [4, 'enum'],
    ]);
    expect(await call(core, 'exchange.quarantineSummary', {})).toEqual([{ entity: 'resident', template: '实有人口信息表', open: 3 }]);

    const download = await call(core, 'exchange.quarantineDownload', { entity: 'resident' });
    expect(download.fileName).toMatch(/^实有人口信息表-待处理-\d{8}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(download.contentBase64, 'base64') as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const header = (sheet?.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(-3)).toEqual(['拒绝原因', '原文件', '原文件行号']);
    expect(String(sheet?.getRow(2).getCell(header.length - 2).value)).toBe('[姓名] 姓名为空');
    expect(sheet?.getRow(3).getCell(1).value).toBe(newId(93));

    const [missingName, badGrid, unwanted] = open;
    const still = await call(core, 'exchange.quarantineResubmit', { id: badGrid?.id ?? 0, values: { gridCode: '150102003999998' } });
    expect(still).toMatchObject({ saved: false, seq: null, problems: [{ field: 'gridCode', reason: 'reference' }] });
    const fixed = await call(core, 'exchange.quarantineResubmit', { id: missingName?.id ?? 0, values: { name: '补上姓名' } });
    expect(fixed.saved).toBe(true);
    expect((await stored(newId(91))).name).toBe('补上姓名');
    await call(core, 'exchange.quarantineDiscard', { ids: [unwanted?.id ?? 0] });
    expect((await call(core, 'exchange.quarantine', { status: 'open' })).map((q) => q.id)).toEqual([badGrid?.id]);
    expect((await call(core, 'exchange.quarantine', { status: 'discarded' })).map((q) => q.id)).toEqual([unwanted?.id]);

    // The same row imported correctly later settles it.
    await call(core, 'exchange.importApply', { planId: (await preview(residentFile([{ idNumber: newId(93), name: '错格', gridCode: aGrid() }]))).planId });
    expect(await call(core, 'exchange.quarantine', { status: 'open' })).toEqual([]);
  });
});
