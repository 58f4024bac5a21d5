-- A resident whose building (and unit) is known but not the room: the city's 实有人口 template
-- makes 房号 optional, and a row that names a building without a room used to lose its building.
-- Such a resident now gets a household of their own with room NULL (房号未登记): it holds the
-- building and unit and is not a room, so room counts and the 房屋 roster leave it out.
-- SQLite cannot drop a NOT NULL in place. The rows are copied out and back into the new table
-- of the same name; with foreign keys deferred, dropping the old table counts each resident
-- that refers to it and putting its rows back counts them off again before the commit.
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE household_copy AS SELECT id, building_id, unit_id, room, use, party_center, updated_at FROM main.household;
DROP TABLE main.household;
CREATE TABLE household (
  id            INTEGER PRIMARY KEY,
  building_id   INTEGER NOT NULL REFERENCES building(id),
  unit_id       INTEGER REFERENCES unit(id),
  room          TEXT CHECK (room <> ''),                     -- NULL: a resident's place, 房号未登记
  use           TEXT NOT NULL DEFAULT '自住' CHECK (use IN ('自住', '出租', '商用', '空置')),
  party_center  INTEGER NOT NULL DEFAULT 0 CHECK (party_center IN (0, 1)),   -- 党员中心户
  updated_at    TEXT NOT NULL
);
INSERT INTO main.household (id, building_id, unit_id, room, use, party_center, updated_at) SELECT * FROM temp.household_copy;
DROP TABLE temp.household_copy;
-- NULLs are distinct in a unique index: every resident without a room keeps a place of their own.
CREATE UNIQUE INDEX household_room ON household(building_id, ifnull(unit_id, 0), room);
CREATE INDEX household_unit ON household(unit_id);
CREATE INDEX household_building ON household(building_id, unit_id, room);
