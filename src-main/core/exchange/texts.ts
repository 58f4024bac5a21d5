/** Every Chinese sentence the exchange feature says to people, in one place. */
export const texts = {
  notATemplate: '无法识别该文件对应的模板：前 5 行中没有找到任一模板的全部必填列标题。请确认文件是市级平台模板，或手动指定各列对应的字段。',
  headerRowMissing: (row: number) => `文件中没有第 ${row} 行，无法作为标题行。`,
  missingColumns: (template: string, headers: readonly string[]) => `文件像是“${template}”，但缺少必填列：${headers.join('、')}。整个文件未导入。`,
  unknownColumns: (headers: readonly string[]) => `以下列不属于模板，已忽略：${headers.join('、')}`,
  duplicate: (label: string, key: string, where: string) => `同一${label}（${key}）在${where}出现且内容不同，两行均未导入：请确认哪一行正确后修改再导入`,
  referenceMissing: (header: string, key: string) => `${header}“${key}”在本次导入的文件和数据库中都不存在`,
  referenceRefused: (header: string, key: string, file: string, row: number) => `${header}“${key}”所在的行（${file} 第 ${row} 行）被拒绝，本行也无法导入`,
  precisionColumn: (header: string, count: number) =>
    `“${header}”列有 ${count} 行被表格软件当作数字保存，末几位数字已经丢失（精度丢失），无法从本文件恢复：请在原始系统或原始文件中把该列设为“文本”格式后重新导出，再导入。`,
  buildingWithoutRoom: (count: number) => `${count} 行填写了楼栋编码但没有房号：本程序按房屋登记住址，这些行的楼栋编码和单元号不会保存（其余信息正常导入）。`,
  progressReading: (file: string) => `正在读取并校验 ${file}`,
  progressComparing: '正在与数据库比对',
  progressWriting: '正在写入数据库',
  importDone: '导入完成',
  importCancelled: '导入已取消，数据库未作任何改动。',
  planExpired: '预览已过期（程序重启或预览过多），请重新选择文件预览。',
  planHasUnrecognised: '还有文件未能识别模板：请先指定各列对应的字段并重新预览。',
  importFailed: (detail: string) => `导入未完成，数据库未作任何改动：${detail}`,
  batchNotFound: '没有找到这次导入记录。',
  batchAlreadyUndone: '这次导入已经撤销过了。',
  batchNothingToUndo: '这次导入没有改动任何数据（只有被拒绝的行），无需撤销。',
  batchUndoConflict: (detail: string) => `无法撤销这次导入：${detail}`,
  partyOrgCycle: (codes: readonly string[]) => `党组织的上级关系出现循环（${codes.join('、')}），无法导入。`,
  quarantineNotFound: '没有找到这条待处理记录，可能已被处理。',
  quarantineNotOpen: '这条记录已经处理过了。',
  reasonColumn: '拒绝原因',
  rowColumn: '原文件行号',
  fileColumn: '原文件',
  fileUnreadable: (file: string, detail: string) => `文件“${file}”无法读取：${detail}`,
} as const;

/** Chinese names of the SPEC §2 rejection reasons. */
export const reasonNames = {
  required: '必填项为空',
  format: '格式错误',
  enum: '不是允许的值',
  checksum: '校验位错误',
  precision: '精度丢失',
  reference: '引用不存在',
  duplicate: '重复且不一致',
  rule: '违反业务规则',
} as const;
