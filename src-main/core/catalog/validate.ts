import type { EntityName, ReasonCode, RecordOf } from '../../dto/records';
import { checkIdNumber } from '../people/idNumber';
import { entities, type FieldDef } from './fields';
import { isBlank, parseValue } from './values';

export interface Problem {
  field: string;
  header: string;
  reason: ReasonCode;
  message: string;
}

/** What validation may look up: the street, today, and whether a referenced record exists. */
export interface ValidationContext {
  today: string;
  streetCode: string;
  /** True when a record of that kind with that natural key exists (in the database or the same file). */
  exists(entity: EntityName | 'person', key: string): boolean;
}

export type Validated<E extends EntityName> =
  | { ok: true; record: RecordOf[E]; upgraded: { field: string; from: string; to: string }[] }
  | { ok: false; problems: Problem[]; upgraded: { field: string; from: string; to: string }[] };

const addYear = (date: string): string => `${Number(date.slice(0, 4)) + 1}${date.slice(4)}`;
const add18Years = (date: string): string => `${Number(date.slice(0, 4)) + 18}${date.slice(4)}`;

/**
 * Checks one record against SPEC §2 (values, references, cross-field rules) and returns it
 * normalised, or every problem found, each with its field, reason code and Chinese message.
 */
export function validateRecord<E extends EntityName>(entity: E, raw: Record<string, unknown>, ctx: ValidationContext): Validated<E> {
  const def = entities[entity];
  const problems: Problem[] = [];
  const upgraded: { field: string; from: string; to: string }[] = [];
  const values: Record<string, unknown> = {};
  const problem = (field: FieldDef, reason: ReasonCode, message: string): void => {
    problems.push({ field: field.key, header: field.header, reason, message });
  };

  for (const field of def.fields) {
    const input = raw[field.key];
    if (isBlank(input)) {
      if (field.required && !field.derived) problem(field, 'required', `${field.header}为空`);
      values[field.key] = field.type === 'list' ? [] : null;
      continue;
    }
    if (field.derived) {
      values[field.key] = null;
      continue;
    }
    const parsed = parseValue(field, input, ctx.today);
    if (!parsed.ok) {
      problem(field, parsed.reason, parsed.message);
      values[field.key] = null;
      continue;
    }
    values[field.key] = parsed.value;
    if (parsed.upgradedFrom) upgraded.push({ field: field.key, from: parsed.upgradedFrom, to: String(parsed.value) });
    if (field.refers && !ctx.exists(field.refers, String(parsed.value))) {
      problem(field, 'reference', `${field.header}“${String(parsed.value)}”在本表和数据库中都不存在`);
    }
  }

  const field = (key: string): FieldDef => def.fields.find((f) => f.key === key) ?? { key, header: key, type: 'text' };
  const has = (key: string): boolean => values[key] !== null && values[key] !== undefined && !problems.some((p) => p.field === key);
  const str = (key: string): string => String(values[key]);
  const rule = (key: string, message: string): void => problem(field(key), 'rule', message);

  // The codes nest (RULES.md): community = street + 3, grid = community + 3, building = grid + 4.
  const nests = (child: string, parent: string, message: string): void => {
    if (has(child) && has(parent) && !str(child).startsWith(str(parent))) rule(child, message);
  };

  switch (entity) {
    case 'community':
      if (has('streetCode') && str('streetCode') !== ctx.streetCode) rule('streetCode', `所属街道编码 ${str('streetCode')} 不是本街道（${ctx.streetCode}）`);
      nests('code', 'streetCode', '社区编码的前 9 位应为所属街道编码');
      break;
    case 'grid':
      nests('code', 'communityCode', '网格编码的前 12 位应为所属社区编码');
      if (has('kind') && (str('kind') === '专属网格') !== (values.dedicatedKind !== null)) {
        rule('dedicatedKind', str('kind') === '专属网格' ? '专属网格须填写专属网格类别' : '只有专属网格才填写专属网格类别');
      }
      break;
    case 'building':
      nests('code', 'gridCode', '楼栋编码的前 15 位应为所属网格编码（一栋楼只属于一个网格）');
      break;
    case 'resident':
      // A building belongs to one grid only (一楼严禁分两格).
      nests('buildingCode', 'gridCode', '楼栋不属于所填的网格：楼栋编码的前 15 位应为所属网格编码');
      if ((values.unit !== null || values.room !== null) && values.buildingCode === null && !problems.some((p) => p.field === 'buildingCode')) {
        rule('buildingCode', '填写了单元号或房号时须填写楼栋编码');
      }
      crossCheckPerson(values, has, rule, ctx.today);
      break;
    case 'partyOrg':
      if (has('parentCode') && str('parentCode') === str('code')) rule('parentCode', '上级党组织不能是其本身');
      if (has('foundedOn') && has('termEndsOn') && str('termEndsOn') <= str('foundedOn')) rule('termEndsOn', '届满日期应晚于成立日期');
      if (has('secretaryId') && !ctx.exists('person', str('secretaryId'))) {
        problem(field('secretaryId'), 'reference', `书记公民身份号码 ${str('secretaryId')} 在本表和数据库中都不是已登记的人员`);
      }
      break;
    case 'partyMember':
      crossCheckPerson(values, has, rule, ctx.today);
      if (has('category') && str('category') === '预备党员' && values.confirmedOn !== null) rule('confirmedOn', '预备党员不应有转正日期');
      if (has('joinedOn') && has('confirmedOn') && str('confirmedOn') < addYear(str('joinedOn'))) rule('confirmedOn', '转正日期应在入党日期满一年之后');
      if (has('joinedOn') && has('idNumber')) {
        const birth = birthOf(str('idNumber'), ctx.today);
        if (birth && str('joinedOn') < add18Years(birth)) rule('joinedOn', `入党时未满 18 周岁（出生于 ${birth}）`);
      }
      if (has('joinedOn') && str('joinedOn') > ctx.today) rule('joinedOn', '入党日期晚于今天');
      break;
    case 'staff':
      if (has('since') && has('until') && str('until') < str('since')) rule('until', '离岗日期应不早于上岗日期');
      if (has('scopeCode')) {
        const code = str('scopeCode');
        const kind: EntityName = code.length === 12 ? 'community' : code.length === 15 ? 'grid' : 'building';
        if (!ctx.exists(kind, code)) problem(field('scopeCode'), 'reference', `范围编码“${code}”不是已有的社区、网格或楼栋`);
      }
      break;
    case 'event':
      if (has('reportedAt') && has('closedAt') && str('closedAt') < str('reportedAt')) rule('closedAt', '办结时间早于上报时间');
      if (has('reportedAt') && has('dueAt') && str('dueAt') < str('reportedAt')) rule('dueAt', '办理时限早于上报时间');
      break;
  }

  return problems.length > 0 ? { ok: false, problems, upgraded } : { ok: true, record: values as unknown as RecordOf[E], upgraded };
}

function birthOf(idNumber: string, today: string): string | null {
  const check = checkIdNumber(idNumber, today);
  return check.ok ? check.birthDate : null;
}

/** Birth date and gender, when given, must agree with the ID number (GB 11643). */
function crossCheckPerson(values: Record<string, unknown>, has: (k: string) => boolean, rule: (k: string, m: string) => void, today: string): void {
  if (!has('idNumber')) return;
  const check = checkIdNumber(String(values.idNumber), today);
  if (!check.ok) return;
  if (has('birthDate') && values.birthDate !== check.birthDate) rule('birthDate', `出生日期 ${String(values.birthDate)} 与身份号码中的 ${check.birthDate} 不一致`);
  if (has('gender') && values.gender !== check.gender) rule('gender', `性别“${String(values.gender)}”与身份号码（${check.gender}）不一致`);
}
