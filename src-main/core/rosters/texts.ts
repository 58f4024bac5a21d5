/** Every Chinese message of the rosters' core, in one place. */
export const T = {
  notEditable: (title: string) => `${title}不能在此编辑。`,
  unknownColumn: (id: string) => `没有“${id}”这一列`,
  gone: (label: string) => `这条${label}记录已不存在（可能已被删除或改了编号）`,
  cannotAdd: (title: string) => `${title}不能在此新增`,
  keyTaken: (label: string, key: string) => `${label}“${key}”已经存在，不能把另一条记录改成它`,
  duplicateRow: (line: number) => `与第 ${line} 行是同一条记录，请只保留正确的一行`,
  ignoredColumns: (headers: string[]) => `以下列由系统计算，粘贴或填写的内容未使用：${headers.join('、')}`,
  rowProblem: (line: number, header: string, message: string) => `第 ${line} 行：${header && !message.startsWith(header) ? `${header}：` : ''}${message}`,
  refused: (rows: number, first: string[]) => `有 ${rows} 行不符合要求，未保存任何改动：${first.join('；')}${rows > 3 ? '……' : ''}`,
  nothingChanged: '没有需要保存的改动',
  summaryPaste: (label: string, added: number, changed: number) =>
    `粘贴${label}：${[added > 0 ? `新增 ${added} 行` : '', changed > 0 ? `修改 ${changed} 行` : ''].filter(Boolean).join('、') || '无改动'}`,
  summaryBulk: (label: string, rows: number, headers: string[]) => `批量修改${label} ${rows} 行（${headers.join('、')}）`,
  summaryAdd: (label: string, name: string) => `新增${label}“${name}”`,
  summaryCell: (label: string, name: string, header: string) => `修改${label}“${name}”的${header}`,
  summaryRow: (label: string, name: string) => `修改${label}“${name}”`,
  pasteEmpty: '粘贴的内容是空的。',
  pasteHeader: '第一行是表头，已按表头对应各列',
  pasteBlankLines: (n: number) => `跳过了 ${n} 个空行`,
  pasteTooWide: (n: number) => `粘贴内容比表格右侧多出 ${n} 列，这些列未使用`,
  pasteUnknownHeaders: (headers: string[]) => `以下表头在本台账中没有对应的列，未使用：${headers.join('、')}`,
  pasteTooMany: (max: number) => `一次最多粘贴 ${max} 行，请分批粘贴。`,
  exportLabel: (title: string) => `正在导出${title}…`,
  exportTooLarge: (rows: number, max: number) => `当前视图有 ${rows.toLocaleString('zh-CN')} 行，超过单个文件的上限 ${max.toLocaleString('zh-CN')} 行，请先筛选。`,
  noRecord: (label: string) => `没有找到这条${label}记录，可能已被删除。`,
  viewNotFound: (name: string) => `没有名为“${name}”的视图。`,
};

/** What the audit log's action names mean, for a record's history. */
export function actionLabel(action: string): string {
  const [verb = '', rest = ''] = action.split(':');
  switch (verb) {
    case 'roster.edit':
      return '在台账中修改';
    case 'roster.form':
      return '在详情中修改';
    case 'roster.paste':
      return '粘贴';
    case 'roster.bulk':
      return '批量修改';
    case 'records.save':
      return '保存';
    case 'records.remove':
      return '删除';
    case 'history.undo':
      return `撤销/重做（第 ${rest} 号修改）`;
    default:
      return verb.startsWith('import') ? '导入' : action;
  }
}
