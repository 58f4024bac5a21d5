import type { EntityName } from '../../dto/records';

/**
 * The fields of each record kind, as the city platform's templates name them (SPEC §2). Rosters,
 * imports, exports and validation all read this one table, so a header or an enumeration is
 * spelled once.
 */
export type FieldType =
  | 'text'
  | 'date'
  | 'timestamp'
  | 'enum'
  | 'code'
  | 'idNumber'
  | 'phone'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'list'
  | 'geojson';

export interface FieldDef {
  key: string;
  /** The template's column header. */
  header: string;
  type: FieldType;
  required?: boolean;
  values?: readonly string[];
  /** For codes: the lengths a valid code may have. */
  lengths?: readonly number[];
  /** The record kind whose natural key this field holds (checked to exist). */
  refers?: EntityName;
  /** Kept on export, ignored on import: derived from other records. */
  derived?: boolean;
  maxLength?: number;
}

export const ENUMS = {
  gender: ['男', '女'],
  political: ['中共党员', '中共预备党员', '共青团员', '民主党派', '无党派人士', '群众'],
  personType: ['常住人口', '流动人口', '境外人员'],
  residence: ['人户一致', '人在户不在', '户在人不在'],
  gridKind: ['城市社区网格', '农村网格', '专属网格'],
  dedicatedKind: ['企业', '医院', '商场', '学校', '商务楼宇', '园区', '其他'],
  communityKind: ['城市社区', '村'],
  orgKind: ['党工委', '党委', '党总支', '党支部', '联合党支部', '党小组'],
  memberCategory: ['正式党员', '预备党员'],
  memberStatus: ['正常', '失联', '流动', '停止党籍', '已转出'],
  role: ['网格长', '网格管理员', '专职网格员', '兼职网格员', '专业网格员', '楼栋长', '单元长', '社区工作者', '组织员'],
  whistle: ['问题哨', '服务哨', '攻坚哨', '应急哨'],
  eventStatus: ['受理', '转办', '处置中', '已反馈', '已评价', '已公示', '已归档'],
  satisfaction: ['满意', '基本满意', '不满意'],
  education: ['初中及以下', '高中/中专', '大专', '本科', '研究生'],
} as const;

const text = (key: string, header: string, extra: Partial<FieldDef> = {}): FieldDef => ({ key, header, type: 'text', maxLength: 200, ...extra });

export interface EntityDef {
  name: EntityName;
  /** The template's title, which is also its file name. */
  title: string;
  /** What a person calls one record. */
  label: string;
  fields: readonly FieldDef[];
  /** Record kinds that must be imported first. */
  dependsOn: readonly EntityName[];
}

export const entities: Record<EntityName, EntityDef> = {
  community: {
    name: 'community',
    title: '社区信息表',
    label: '社区',
    dependsOn: [],
    fields: [
      { key: 'code', header: '社区编码', type: 'code', required: true, lengths: [12] },
      text('name', '社区名称', { required: true, maxLength: 60 }),
      { key: 'streetCode', header: '所属街道编码', type: 'code', required: true, lengths: [9] },
      { key: 'kind', header: '社区类型', type: 'enum', values: ENUMS.communityKind },
      { key: 'areaKm2', header: '面积平方公里', type: 'number' },
      text('address', '办公地址'),
      { key: 'phone', header: '联系电话', type: 'phone' },
    ],
  },
  grid: {
    name: 'grid',
    title: '网格信息表',
    label: '网格',
    dependsOn: ['community'],
    fields: [
      { key: 'code', header: '网格编码', type: 'code', required: true, lengths: [15] },
      text('name', '网格名称', { required: true, maxLength: 60 }),
      { key: 'communityCode', header: '所属社区编码', type: 'code', required: true, lengths: [12], refers: 'community' },
      { key: 'kind', header: '网格类型', type: 'enum', required: true, values: ENUMS.gridKind },
      { key: 'dedicatedKind', header: '专属网格类别', type: 'enum', values: ENUMS.dedicatedKind },
      { key: 'boundary', header: '边界GeoJSON', type: 'geojson' },
    ],
  },
  building: {
    name: 'building',
    title: '楼栋信息表',
    label: '楼栋',
    dependsOn: ['grid'],
    fields: [
      { key: 'code', header: '楼栋编码', type: 'code', required: true, lengths: [19] },
      text('name', '楼栋名称', { required: true, maxLength: 60 }),
      { key: 'gridCode', header: '所属网格编码', type: 'code', required: true, lengths: [15], refers: 'grid' },
      text('address', '地址'),
      { key: 'units', header: '单元数', type: 'integer' },
      { key: 'floors', header: '层数', type: 'integer' },
    ],
  },
  resident: {
    name: 'resident',
    title: '实有人口信息表',
    label: '实有人口',
    dependsOn: ['grid', 'building'],
    fields: [
      { key: 'idNumber', header: '公民身份号码', type: 'idNumber', required: true },
      text('name', '姓名', { required: true, maxLength: 40 }),
      { key: 'gender', header: '性别', type: 'enum', values: ENUMS.gender },
      text('ethnicity', '民族', { maxLength: 20 }),
      { key: 'birthDate', header: '出生日期', type: 'date' },
      { key: 'phone', header: '联系电话', type: 'phone' },
      { key: 'political', header: '政治面貌', type: 'enum', values: ENUMS.political },
      { key: 'personType', header: '人员类型', type: 'enum', values: ENUMS.personType },
      { key: 'residence', header: '居住状况', type: 'enum', values: ENUMS.residence },
      { key: 'gridCode', header: '所属网格编码', type: 'code', required: true, lengths: [15], refers: 'grid' },
      { key: 'buildingCode', header: '楼栋编码', type: 'code', lengths: [19], refers: 'building' },
      text('unit', '单元号', { maxLength: 20 }),
      text('room', '房号', { maxLength: 20 }),
      text('hukouAddress', '户籍地址'),
      text('address', '现住址'),
      { key: 'tags', header: '特殊人群', type: 'list' },
    ],
  },
  partyOrg: {
    name: 'partyOrg',
    title: '党组织信息表',
    label: '党组织',
    dependsOn: ['grid'],
    fields: [
      text('code', '党组织编码', { required: true, maxLength: 30 }),
      text('name', '党组织名称', { required: true, maxLength: 80 }),
      { key: 'kind', header: '组织类别', type: 'enum', required: true, values: ENUMS.orgKind },
      text('parentCode', '上级党组织编码', { refers: 'partyOrg', maxLength: 30 }),
      { key: 'secretaryId', header: '书记公民身份号码', type: 'idNumber' },
      { key: 'foundedOn', header: '成立日期', type: 'date' },
      { key: 'termEndsOn', header: '届满日期', type: 'date' },
      { key: 'gridCode', header: '对应网格编码', type: 'code', lengths: [15], refers: 'grid' },
    ],
  },
  partyMember: {
    name: 'partyMember',
    title: '党员信息表',
    label: '党员',
    dependsOn: ['partyOrg', 'community'],
    fields: [
      { key: 'idNumber', header: '公民身份号码', type: 'idNumber', required: true },
      text('name', '姓名', { required: true, maxLength: 40 }),
      { key: 'gender', header: '性别', type: 'enum', values: ENUMS.gender },
      text('ethnicity', '民族', { maxLength: 20 }),
      { key: 'birthDate', header: '出生日期', type: 'date' },
      // SPEC §2 gives 学历 no enumeration (offices write 大学本科, 中专, …): text, as the platform accepts it.
      text('education', '学历', { maxLength: 20 }),
      { key: 'category', header: '人员类别', type: 'enum', required: true, values: ENUMS.memberCategory },
      { key: 'joinedOn', header: '入党日期', type: 'date', required: true },
      { key: 'confirmedOn', header: '转正日期', type: 'date' },
      text('orgCode', '所在党组织编码', { required: true, refers: 'partyOrg', maxLength: 30 }),
      text('workplace', '工作单位及职务'),
      { key: 'phone', header: '联系电话', type: 'phone' },
      { key: 'status', header: '党籍状态', type: 'enum', values: ENUMS.memberStatus },
      { key: 'inService', header: '是否在职党员', type: 'boolean' },
      { key: 'reportedCommunityCode', header: '报到社区编码', type: 'code', lengths: [12], refers: 'community' },
    ],
  },
  staff: {
    name: 'staff',
    title: '工作力量信息表',
    label: '工作力量',
    dependsOn: ['community', 'grid', 'building'],
    fields: [
      { key: 'idNumber', header: '公民身份号码', type: 'idNumber', required: true },
      text('name', '姓名', { required: true, maxLength: 40 }),
      { key: 'role', header: '岗位', type: 'enum', required: true, values: ENUMS.role },
      { key: 'scopeCode', header: '范围编码', type: 'code', required: true, lengths: [12, 15, 19] },
      { key: 'phone', header: '联系电话', type: 'phone' },
      { key: 'isMember', header: '是否党员', type: 'boolean', derived: true },
      { key: 'since', header: '上岗日期', type: 'date', required: true },
      { key: 'until', header: '离岗日期', type: 'date' },
    ],
  },
  event: {
    name: 'event',
    title: '事件信息表',
    label: '事件',
    dependsOn: ['grid'],
    fields: [
      text('code', '事件编号', { required: true, maxLength: 40 }),
      text('source', '事件来源', { maxLength: 40 }),
      { key: 'whistle', header: '哨类', type: 'enum', values: ENUMS.whistle },
      text('category', '事件类别', { maxLength: 40 }),
      text('title', '标题', { required: true, maxLength: 120 }),
      text('description', '描述', { maxLength: 4000 }),
      text('address', '发生地址'),
      { key: 'gridCode', header: '所属网格编码', type: 'code', required: true, lengths: [15], refers: 'grid' },
      { key: 'reportedAt', header: '上报时间', type: 'timestamp', required: true },
      { key: 'status', header: '状态', type: 'enum', required: true, values: ENUMS.eventStatus },
      { key: 'departments', header: '承办部门', type: 'list' },
      { key: 'dueAt', header: '办理时限', type: 'timestamp' },
      { key: 'closedAt', header: '办结时间', type: 'timestamp' },
      { key: 'satisfaction', header: '满意度', type: 'enum', values: ENUMS.satisfaction },
    ],
  },
};

/** Templates in the order an import must apply them (SPEC fixtures README). */
export const importOrder: readonly EntityName[] = ['community', 'grid', 'building', 'partyOrg', 'resident', 'partyMember', 'staff', 'event'];

export function fieldOf(entity: EntityName, key: string): FieldDef | undefined {
  return entities[entity].fields.find((f) => f.key === key);
}

/** The natural key of a record (SPEC §3): codes, the ID number for people, idNumber|role|scopeCode for staff. */
export function naturalKey(entity: EntityName, values: Record<string, unknown>): string {
  switch (entity) {
    case 'resident':
    case 'partyMember':
      return String(values.idNumber ?? '');
    case 'staff':
      return `${String(values.idNumber ?? '')}|${String(values.role ?? '')}|${String(values.scopeCode ?? '')}`;
    default:
      return String(values.code ?? '');
  }
}
