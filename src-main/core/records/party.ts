import type { PartyMemberRecord, PartyOrgRecord } from '../../dto/records';
import { idByCode, insertRow, personIdOf, saveByCode, updateRow, upsertPerson } from './lookup';
import { dropPersonIfUnused } from './people';
import type { Repository } from './repository';

export const partyOrgs: Repository<'partyOrg'> = {
  read(db, key) {
    return (
      db.get<PartyOrgRecord>(
        `SELECT o.code, o.name, o.kind, parent.code AS parentCode, p.id_number AS secretaryId, o.founded_on AS foundedOn,
           o.term_ends_on AS termEndsOn, g.code AS gridCode
         FROM party_org o LEFT JOIN party_org parent ON parent.id = o.parent_id LEFT JOIN person p ON p.id = o.secretary_person_id
         LEFT JOIN grid g ON g.id = o.grid_id WHERE o.code = ?`,
        [key],
      ) ?? null
    );
  },
  write(db, r, now, existingKey) {
    const columns = {
      code: r.code,
      name: r.name,
      kind: r.kind,
      parent_id: r.parentCode ? idByCode(db, 'party_org', r.parentCode) : null,
      secretary_person_id: r.secretaryId ? personIdOf(db, r.secretaryId) : null,
      founded_on: r.foundedOn,
      term_ends_on: r.termEndsOn,
      grid_id: r.gridCode ? idByCode(db, 'grid', r.gridCode) : null,
    };
    saveByCode(db, 'party_org', existingKey ?? r.code, columns, now);
  },
  remove: (db, key) => db.run('DELETE FROM party_org WHERE code = ?', [key]) > 0,
};

interface MemberRow extends Omit<PartyMemberRecord, 'inService'> {
  inService: number;
}

export const partyMembers: Repository<'partyMember'> = {
  read(db, key) {
    const row = db.get<MemberRow>(
      `SELECT p.id_number AS idNumber, p.name, p.gender, p.ethnicity, p.birth_date AS birthDate, p.education, m.category,
         m.joined_on AS joinedOn, m.confirmed_on AS confirmedOn, o.code AS orgCode, m.workplace, p.phone, m.status,
         m.in_service AS inService, c.code AS reportedCommunityCode
       FROM party_member m JOIN person p ON p.id = m.person_id JOIN party_org o ON o.id = m.org_id
       LEFT JOIN community c ON c.id = m.reported_community_id WHERE p.id_number = ?`,
      [key],
    );
    return row ? { ...row, inService: row.inService === 1 } : null;
  },
  write(db, r, now, existingKey) {
    // 政治面貌 follows the membership, so the resident roster never contradicts the party roster.
    const political = r.category === '预备党员' ? '中共预备党员' : '中共党员';
    const personId = upsertPerson(
      db,
      { idNumber: r.idNumber, name: r.name, ethnicity: r.ethnicity, education: r.education, phone: r.phone, political },
      now,
      existingKey,
    );
    const columns = {
      person_id: personId,
      org_id: idByCode(db, 'party_org', r.orgCode),
      category: r.category,
      joined_on: r.joinedOn,
      confirmed_on: r.confirmedOn,
      status: r.status ?? '正常',
      in_service: r.inService ? 1 : 0,
      reported_community_id: r.reportedCommunityCode ? idByCode(db, 'community', r.reportedCommunityCode) : null,
      workplace: r.workplace,
    };
    const existing = db.value<number>('SELECT id FROM party_member WHERE person_id = ?', [personId]);
    if (existing === undefined) insertRow(db, 'party_member', columns, now);
    else updateRow(db, 'party_member', existing, columns, now);
  },
  remove(db, key) {
    const personId = personIdOf(db, key);
    if (personId === null) return false;
    const removed = db.run('DELETE FROM party_member WHERE person_id = ?', [personId]) > 0;
    if (removed) {
      db.run("UPDATE person SET political = '群众' WHERE id = ? AND political IN ('中共党员', '中共预备党员')", [personId]);
      dropPersonIfUnused(db, personId);
    }
    return removed;
  },
};
