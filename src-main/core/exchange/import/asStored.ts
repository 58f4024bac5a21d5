import type { AnyRecord, EntityName } from '../../../dto/records';
import { entities } from '../../catalog/fields';
import { checkIdNumber } from '../../people/idNumber';

/**
 * A validated record as the repositories will read it back after writing it: the defaults they
 * fill in, the values they derive (gender and birth date follow the ID number), the forms they
 * store. Comparing this with the stored record tells new / changed / unchanged without writing.
 */
export function asStored(entity: EntityName, record: AnyRecord, today: string): AnyRecord {
  const r = { ...(record as unknown as Record<string, unknown>) };
  const fromId = (): void => {
    const check = checkIdNumber(String(r.idNumber), today);
    if (check.ok) {
      r.gender = check.gender;
      r.birthDate = check.birthDate;
    }
  };
  switch (entity) {
    case 'community':
      r.kind ??= '城市社区';
      break;
    case 'resident': {
      fromId();
      r.personType ??= '常住人口';
      r.residence ??= '人户一致';
      if (typeof r.unit === 'string') {
        const n = /^(\d{1,2})(?:单元)?$/.exec(r.unit)?.[1];
        if (n) r.unit = String(Number(n));
      }
      r.tags = [...new Set(r.tags as string[])].sort();
      break;
    }
    case 'partyMember':
      fromId();
      r.status ??= '正常';
      r.inService = r.inService === true;
      break;
    case 'event': {
      const list = [...new Set(r.departments as string[])];
      r.departments = list.length > 1 ? [list[0], ...list.slice(1).sort()] : list;
      break;
    }
    default:
      break;
  }
  return r as unknown as AnyRecord;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Fields whose values differ (derived fields are the database's, never a difference). */
export function changedFields(entity: EntityName, before: AnyRecord, after: AnyRecord): string[] {
  const a = before as unknown as Record<string, unknown>;
  const b = after as unknown as Record<string, unknown>;
  return entities[entity].fields.filter((f) => !f.derived && !same(a[f.key], b[f.key])).map((f) => f.key);
}
