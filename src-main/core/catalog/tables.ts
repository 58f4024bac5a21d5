/** What a person calls the rows of each table (audit log, undo messages). */
export const tableLabels: Record<string, string> = {
  street: '街道',
  community: '社区',
  grid: '网格',
  building: '楼栋',
  unit: '单元',
  household: '房屋',
  person: '人员',
  resident: '实有人口',
  resident_tag: '特殊人群标签',
  party_org: '党组织',
  party_member: '党员',
  staff_assignment: '工作力量',
  department: '部门',
  service_center: '党群服务阵地',
  responsibility: '包联',
  event: '事件',
  event_department: '事件承办部门',
  event_step: '事件办理步骤',
};

export const tableLabel = (table: string): string => tableLabels[table] ?? table;
