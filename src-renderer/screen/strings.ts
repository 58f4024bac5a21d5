import type { BoardId, GridMeasure } from '../../src-main/contract';

/** Every Chinese string the big screens show. */
export const boardTitles: Record<BoardId, string> = {
  overview: '街道总览',
  party: '党建工作',
  grids: '网格管理',
  events: '事件处理',
};

export const screenText = {
  title: '党建引领网格化治理指挥中心',
  loading: '正在读取数据…',
  disconnected: '与后台的连接中断，显示的是最近一次的数据',
  updatedAt: '数据更新',
  paused: '已暂停轮播',
  pauseHint: '空格键 暂停/继续 · ←/→ 切换',
  noData: '暂无数据',
};

export const overviewText = {
  counters: {
    communities: ['社区', '个'],
    grids: ['网格', '个'],
    buildings: ['楼栋', '栋'],
    households: ['房屋', '户'],
    residents: ['实有人口', '人'],
    partyOrgs: ['党组织', '个'],
    members: ['党员', '名'],
    gridWorkers: ['网格力量', '人'],
  },
  gridSplit: (basic: number, dedicated: number) => `基础网格 ${basic} · 专属网格 ${dedicated}`,
  coverage: '组织覆盖与力量配置',
  gridsWithBranch: '网格党支部覆盖',
  gridsWithBranchHint: (n: number, of: number) => `${n} / ${of} 个基础网格`,
  branchesWithSecretary: '支部书记配备',
  branchesWithSecretaryHint: (n: number, of: number) => `${n} / ${of} 个党支部`,
  gridsStaffed: '网格力量配齐',
  gridsStaffedHint: (n: number, of: number, profile: string) => `按 ${profile}：${n} / ${of} 个`,
  communities: '各社区人口、户数与党员',
  residents: '实有人口',
  households: '户数',
  members: '党员',
} as const;

export const partyText = {
  category: '党员构成',
  ageBand: '年龄结构',
  education: '学历结构',
  partyAge: '党龄结构',
  orgs: '党组织类型',
  keyFigures: '重点工作',
  members: '党员总数',
  due: '本月应转正',
  overdue: '逾期未转正',
  reported: '在职党员报到',
  reportedOf: (n: number, of: number) => `已报到 ${n} / 在职 ${of}`,
  persons: '名',
  orgUnit: '个',
} as const;

export const measureText: Record<GridMeasure, { label: string; unit: string; legend: string }> = {
  households: { label: '户数', unit: '户', legend: '按户数着色' },
  events: { label: '近30天事件', unit: '件', legend: '按近30天事件数着色' },
  staffingGaps: { label: '力量缺口', unit: '人', legend: '按网格力量缺口着色' },
};

export const gridText = {
  map: '网格分布',
  ranking: (measure: string) => `社区排名 · ${measure}`,
  topGrids: (measure: string) => `重点网格 · ${measure}`,
  withoutBoundary: '未绘制边界的网格',
  allMapped: (n: number) => `全部 ${n} 个网格均已绘制边界`,
  mappedOf: (n: number, of: number) => `${of} 个网格中 ${n} 个已绘制边界`,
  more: (n: number) => `另有 ${n} 个`,
  staffed: '达标',
  gap: (n: number) => `缺 ${n} 人`,
  gapsOrMore: (n: number) => `缺 ${n} 人及以上`,
  dedicated: '专属',
} as const;

export const eventText = {
  yearTotal: '近一年事件',
  responseRate: '响应率',
  resolutionRate: '解决率',
  satisfactionRate: '满意率',
  overdue: '超期未办结',
  whistle: '吹哨类型',
  status: '办理状态',
  trend: '近30天事件趋势',
  reported: '受理',
  closed: '办结',
  ticker: '最新事件',
  pieces: '件',
  unclassified: '未分类',
} as const;
