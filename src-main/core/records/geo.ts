import type { BuildingRecord, CommunityRecord, GridRecord } from '../../dto/records';
import { idByCode, saveByCode } from './lookup';
import type { Repository } from './repository';

export const communities: Repository<'community'> = {
  read(db, key) {
    return (
      db.get<CommunityRecord>(
        `SELECT c.code, c.name, s.code AS streetCode, c.kind, c.area_km2 AS areaKm2, c.address, c.phone
         FROM community c, street s WHERE c.code = ?`,
        [key],
      ) ?? null
    );
  },
  write(db, r, now, existingKey) {
    const columns = { code: r.code, name: r.name, kind: r.kind ?? '城市社区', area_km2: r.areaKm2, address: r.address, phone: r.phone };
    saveByCode(db, 'community', existingKey ?? r.code, columns, now);
  },
  remove: (db, key) => db.run('DELETE FROM community WHERE code = ?', [key]) > 0,
};

export const grids: Repository<'grid'> = {
  read(db, key) {
    return (
      db.get<GridRecord>(
        `SELECT g.code, g.name, c.code AS communityCode, g.kind, g.dedicated_kind AS dedicatedKind, g.boundary
         FROM grid g JOIN community c ON c.id = g.community_id WHERE g.code = ?`,
        [key],
      ) ?? null
    );
  },
  write(db, r, now, existingKey) {
    const columns = {
      code: r.code,
      community_id: idByCode(db, 'community', r.communityCode),
      name: r.name,
      kind: r.kind,
      dedicated_kind: r.dedicatedKind,
      boundary: r.boundary,
    };
    saveByCode(db, 'grid', existingKey ?? r.code, columns, now);
  },
  remove: (db, key) => db.run('DELETE FROM grid WHERE code = ?', [key]) > 0,
};

export const buildings: Repository<'building'> = {
  read(db, key) {
    return (
      db.get<BuildingRecord>(
        `SELECT b.code, b.name, g.code AS gridCode, b.address, b.unit_count AS units, b.floors
         FROM building b JOIN grid g ON g.id = b.grid_id WHERE b.code = ?`,
        [key],
      ) ?? null
    );
  },
  write(db, r, now, existingKey) {
    const columns = { code: r.code, grid_id: idByCode(db, 'grid', r.gridCode), name: r.name, address: r.address, unit_count: r.units, floors: r.floors };
    saveByCode(db, 'building', existingKey ?? r.code, columns, now);
  },
  remove: (db, key) => db.run('DELETE FROM building WHERE code = ?', [key]) > 0,
};
