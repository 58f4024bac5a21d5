import type { ReasonCode } from '../../dto/records';

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
  buildingWithoutRoom: (count: number) => `${count} 行填写了楼栋编码但没有房号：这些人员登记在所填楼栋（和单元），房号记为“未登记”，可在实有人口台账中补填。`,
  progressReading: (file: string) => `正在读取并校验 ${file}`,
  progressComparing: '正在与数据库比对',
  progressWriting: '正在写入数据库',
  importDone: '导入完成',
  progressReadingRecords: (title: string) => `正在读取 ${title} 的记录`,
  progressWritingSheet: (title: string) => `正在写入 ${title}`,
  templateDone: '模板已导出',
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
} as const satisfies Record<ReasonCode, string>;

/** What the exchange says about packages (SPEC §3). */
export const packageTexts = {
  notAZip: '文件不是有效的数据交换包（zip 无法读取）。',
  noManifest: '数据交换包中没有 manifest.json。',
  badManifest: '数据交换包的 manifest.json 不符合接口规范。',
  unlisted: (name: string) => `数据交换包中的文件 ${name} 未在 manifest.json 中列出。`,
  badFileName: (name: string, entity: string) => `manifest.json 中的文件名 ${name} 与记录类型 ${entity} 不符（应为 ${entity}.ndjson，每类一个文件）。`,
  missingFile: (name: string) => `manifest.json 列出的文件 ${name} 不在数据交换包中。`,
  checksum: (name: string) => `文件 ${name} 的 sha256 与 manifest.json 不符（文件在传输中损坏或被改动）。`,
  notUtf8: (name: string) => `文件 ${name} 不是 UTF-8 文本。`,
  count: (name: string, declared: number, found: number) => `文件 ${name} 有 ${found} 条记录，manifest.json 声明 ${declared} 条。`,
  badLine: (name: string, line: number) => `文件 ${name} 第 ${line} 行格式错误`,
  rejected: (n: number) => `数据交换包未通过校验（${n} 处问题），整个包未导入，数据库未作任何改动。`,
  otherStreet: (code: string, ours: string) => `数据交换包属于街道 ${code}，不是本街道（${ours}），未导入。`,
  ownPackage: '这是本机导出的数据交换包，无需导入。',
  foreignUp: (app: string) => `上报方向的数据交换包来自“${app}”，不是本程序的社区工作站，未导入。`,
  invalidRecords: (n: number) => `数据交换包中有 ${n} 条记录未通过校验，整个包未导入，数据库未作任何改动。`,
  alreadyApplied: '该数据交换包已经导入过（按 packageId），本次未作任何改动。',
  conflicts: (n: number) => `有 ${n} 条记录在本地也被修改过，需要逐项确认后才能导入。整个包暂未导入。`,
  notInInbox: '没有找到待确认的数据交换包，可能已经导入。',
  undecided: (n: number) => `还有 ${n} 条冲突尚未确认。`,
  conflictNotFound: '没有找到这条冲突记录。',
  deleteBlocked: (detail: string) => `数据交换包要删除的记录仍被其他记录引用，整个包未导入：${detail}`,
  applyFailed: (detail: string) => `数据交换包导入失败，数据库未作任何改动：${detail}`,
  packageNotFound: '没有找到这个数据交换包。',
  mergedInvalid: '所选的本地值与数据包中的值组合后不符合规则，请调整选择。',
  progressOpening: '正在核对数据包的文件、记录数和 sha256',
  progressChecking: '正在校验数据包中的记录',
  progressWriting: '正在写入数据库',
  receiveDone: '数据交换包处理完毕',
  receiveCancelled: '已取消导入数据交换包，数据库未作任何改动。',
  progressPacking: (label: string) => `正在打包：${label}`,
  packageDone: '数据交换包已生成',
  folderMissing: (folder: string) => `导出目录 ${folder} 不存在：请插入 U 盘或连接共享文件夹后重试。`,
  tooManyToday: (parts: number) => `今天的数据交换包序号（文件名末 3 位，每天最多 999）不够本次导出的 ${parts} 个分包使用，请明天再导出。`,
  cannotSplit: (limit: number, size: number) =>
    `数据交换包无法再拆分：有一条记录（或一个党组织连同担任其书记的党员）单独成包已达 ${sizeText(size)}，超过市级平台 ${sizeText(limit)} 的上限，未导出。`,
} as const;

/** 50 MiB, 64 KiB: how a size limit reads in a message. */
function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Number((bytes / 1024 / 1024).toFixed(1))} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

/** What the exchange says about the HTTP sync (SPEC §4). */
export const syncTexts = {
  uploading: '上传数据包',
  listing: '查询下发的数据包',
  downloading: '下载数据包',
  acknowledging: '确认已接收',
  gaveUp: (what: string, reason: string) => `${what}未成功：${reason}。已多次重试，稍后会自动再试，未上传的数据包保留在待发送队列中。`,
  outboxDamaged: '待发送队列中的数据包文件缺失或已损坏，未上传（同一 packageId 不能换内容上传）：请重新导出。',
  earlierPartRefused: (id: string) => `同一次导出的前一部分（${id}）已被市级平台拒收，本部分不再单独上传，以免平台收到缺少前一部分的数据：请处理被拒收的部分后重新导出。`,
  listRefused: '市级平台拒绝了下发数据包的查询。',
  fetchRefused: (id: string) => `市级平台拒绝提供数据包 ${id}。`,
  ackRefused: (id: string) => `市级平台拒绝了数据包 ${id} 的接收确认。`,
  packageRefused: (id: string, reason: string) => `市级平台下发的数据包 ${id} 未能导入：${reason}`,
  heldForConflicts: (n: number) => `市级平台下发的数据包中有 ${n} 条记录与本地修改冲突，需在“数据交换”页逐项确认后才能导入；其后的下发数据包暂缓接收。`,
  notConfigured: '尚未设置市级平台接口地址和访问令牌。',
  running: '正在与市级平台同步，请稍候。',
  internal: '同步时发生内部错误，已停止本轮同步。',
  configured: '已保存市级平台接口设置。',
  progressUploading: '正在上传数据包',
  progressUploadingOne: (n: number, of: number) => `正在上传第 ${n}/${of} 个数据包`,
  progressAwaitingAnswer: (n: number, of: number) => `第 ${n}/${of} 个数据包已发出，正在等待市级平台确认收到`,
  progressDownloading: '正在下载市级平台下发的数据包',
  progressAcknowledging: '正在向市级平台确认已导入的数据包',
  finished: '本轮同步结束',
  cancelled: (uploaded: number, applied: number) =>
    `本轮同步已取消${uploaded + applied > 0 ? `（取消前已上传 ${uploaded} 个、导入 ${applied} 个数据包，均已保存）` : ''}；未上传的数据包仍在待发送队列中，下一轮同步时继续。`,
} as const;

/** What the exchange says about the scheduled export. */
export const scheduleTexts = {
  off: '未开启定时导出',
  daily: (at: string) => `每天 ${at} `,
  hourly: (hours: number) => `每 ${hours} 小时`,
  incremental: '增量数据交换包',
  full: '全量数据交换包',
  toFolder: (folder: string) => `写入 ${folder}`,
  toOutbox: '放入待发送队列',
  nowhere: '（尚未选择导出位置）',
  nowhereError: '定时导出尚未选择导出位置（文件夹或待发送队列）。',
  done: (files: readonly string[], records: number, where: readonly string[]) =>
    `已导出 ${files.length > 1 ? `${files[0] ?? ''} 等 ${files.length} 个分包（超过市级平台单包上限）` : (files[0] ?? '')}（${records} 条记录）到 ${where.map((w) => (w === 'outbox' ? '待发送队列' : w)).join('、')}`,
  failed: '定时导出失败（内部错误），请查看日志。',
} as const;
