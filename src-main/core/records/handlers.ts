import type { AnyRecord, EntityName, SaveResult } from '../../dto/records';
import type { FieldProblem } from '../../dto/result';
import { entities, naturalKey } from '../catalog/fields';
import { validateRecord } from '../catalog/validate';
import type { CoreContext } from '../context';
import { AppError } from '../errors';
import { defineHandlers } from '../registry';
import { repositories, validationContext } from './index';

/**
 * Validates and saves one record through the write path. `update` merges the given values into
 * the stored record first, so a roster can send one edited cell; a changed natural key (an ID
 * number corrected) moves the record, and refuses to overwrite another.
 */
export function saveRecord(
  ctx: CoreContext,
  entity: EntityName,
  mode: 'create' | 'update' | 'upsert',
  values: Record<string, unknown>,
  key?: string,
): SaveResult {
  const db = ctx.db();
  const repo = repositories[entity] as (typeof repositories)['community'];
  const label = entities[entity].label;
  let raw = values;
  if (mode === 'update') {
    if (!key) throw new AppError('INVALID_INPUT', '修改记录时须指明是哪一条。');
    const stored = repo.read(db, key);
    if (!stored) throw new AppError('NOT_FOUND', `没有找到这条${label}记录（${key}），可能已被删除。`);
    // Gender and birth date are read off the ID number: stored ones must not contradict a corrected number.
    const { gender: _gender, birthDate: _birthDate, ...kept } = stored as unknown as Record<string, unknown>;
    raw = { ...('idNumber' in values ? kept : stored), ...values };
  }
  const checked = validateRecord(entity, raw, validationContext(db, ctx.now().slice(0, 10)));
  if (!checked.ok) {
    const problems: FieldProblem[] = checked.problems.map((p) => ({ field: p.field, reason: p.reason, message: p.message }));
    throw new AppError('VALIDATION', problems.map((p) => p.message).join('；'), problems);
  }
  const record = checked.record as AnyRecord;
  const newKey = naturalKey(entity, record as unknown as Record<string, unknown>);
  const existing = repo.read(db, newKey);
  if (mode === 'create' && existing) throw new AppError('CONFLICT', `${label}“${newKey}”已经存在。`);
  if (mode === 'update' && key !== newKey && existing) throw new AppError('CONFLICT', `${label}“${newKey}”已经存在，不能把另一条记录改成它。`);
  const written = ctx.write(`records.save:${entity}`, (w) => repo.write(w, record as never, ctx.now(), mode === 'update' ? key : undefined));
  const saved = repo.read(db, newKey);
  if (!saved) throw new AppError('INTERNAL', '保存后未能读回记录。');
  const upgraded = checked.upgraded[0];
  return {
    entity,
    key: newKey,
    seq: written.seq,
    changed: written.entities.length > 0,
    record: saved,
    ...(upgraded ? { upgradedFrom: upgraded.from } : {}),
  };
}

export const recordHandlers = defineHandlers({
  'records.save': (input, ctx) => saveRecord(ctx, input.entity, input.mode, input.values, input.key),
  'records.get': (input, ctx) => {
    const record = repositories[input.entity].read(ctx.db(), input.key);
    if (!record) throw new AppError('NOT_FOUND', `没有找到这条${entities[input.entity].label}记录。`);
    return record;
  },
  'records.remove': (input, ctx) => {
    const repo = repositories[input.entity];
    let removed = false;
    const written = ctx.write(`records.remove:${input.entity}`, (db) => {
      try {
        removed = repo.remove(db, input.key);
      } catch (error) {
        if (error instanceof Error && /FOREIGN KEY/.test(error.message)) {
          throw new AppError('CONFLICT', `这条${entities[input.entity].label}记录仍被其他记录引用（如下属网格、楼栋、人员或事件），不能删除。`);
        }
        throw error;
      }
    });
    if (!removed) throw new AppError('NOT_FOUND', `没有找到这条${entities[input.entity].label}记录。`);
    return { seq: written.seq };
  },
});
