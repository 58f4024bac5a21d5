-- Governance tree (六级架构): street → community → grid → building → unit → household → resident.
-- Codes follow domain/RULES.md: community 12 digits (统计用区划代码), grid = community + 3,
-- building = grid + 4, unit = building + 2. Surrogate integer keys keep joins and indexes small;
-- the codes stay unique because the city platform uses them as natural keys.

CREATE TABLE street (
  id          INTEGER PRIMARY KEY CHECK (id = 1),          -- one street per database
  code        TEXT NOT NULL CHECK (length(code) = 9 AND code NOT GLOB '*[^0-9]*'),
  name        TEXT NOT NULL CHECK (name <> ''),
  created_at  TEXT NOT NULL
);

CREATE TABLE community (
  id          INTEGER PRIMARY KEY,
  code        TEXT NOT NULL UNIQUE CHECK (length(code) = 12 AND code NOT GLOB '*[^0-9]*'),
  name        TEXT NOT NULL CHECK (name <> ''),
  kind        TEXT NOT NULL DEFAULT '城市社区' CHECK (kind IN ('城市社区', '村')),
  area_km2    REAL,
  address     TEXT,
  phone       TEXT,
  updated_at  TEXT NOT NULL
);

CREATE TABLE grid (
  id              INTEGER PRIMARY KEY,
  code            TEXT NOT NULL UNIQUE CHECK (length(code) = 15 AND code NOT GLOB '*[^0-9]*'),
  community_id    INTEGER NOT NULL REFERENCES community(id),
  name            TEXT NOT NULL CHECK (name <> ''),
  kind            TEXT NOT NULL CHECK (kind IN ('城市社区网格', '农村网格', '专属网格')),
  dedicated_kind  TEXT CHECK (dedicated_kind IN ('企业', '医院', '商场', '学校', '商务楼宇', '园区', '其他')),
  boundary        TEXT,                                    -- GeoJSON geometry (Polygon/MultiPolygon)
  updated_at      TEXT NOT NULL,
  CHECK ((kind = '专属网格') = (dedicated_kind IS NOT NULL))
);
CREATE INDEX grid_community ON grid(community_id);

CREATE TABLE building (
  id          INTEGER PRIMARY KEY,
  code        TEXT NOT NULL UNIQUE CHECK (length(code) = 19 AND code NOT GLOB '*[^0-9]*'),
  grid_id     INTEGER NOT NULL REFERENCES grid(id),        -- one grid only: 一楼严禁分两格
  name        TEXT NOT NULL CHECK (name <> ''),
  address     TEXT,
  unit_count  INTEGER CHECK (unit_count >= 0),
  floors      INTEGER CHECK (floors >= 0),
  updated_at  TEXT NOT NULL
);
CREATE INDEX building_grid ON building(grid_id);

CREATE TABLE unit (
  id           INTEGER PRIMARY KEY,
  code         TEXT NOT NULL UNIQUE CHECK (length(code) = 21 AND code NOT GLOB '*[^0-9]*'),
  building_id  INTEGER NOT NULL REFERENCES building(id),
  name         TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);
CREATE INDEX unit_building ON unit(building_id);

-- A household is a room (房屋) and whoever lives in it.
CREATE TABLE household (
  id            INTEGER PRIMARY KEY,
  building_id   INTEGER NOT NULL REFERENCES building(id),
  unit_id       INTEGER REFERENCES unit(id),
  room          TEXT NOT NULL CHECK (room <> ''),
  use           TEXT NOT NULL DEFAULT '自住' CHECK (use IN ('自住', '出租', '商用', '空置')),
  party_center  INTEGER NOT NULL DEFAULT 0 CHECK (party_center IN (0, 1)),   -- 党员中心户
  updated_at    TEXT NOT NULL
);
CREATE UNIQUE INDEX household_room ON household(building_id, ifnull(unit_id, 0), room);
CREATE INDEX household_unit ON household(unit_id);

-- A person exists once, keyed by 公民身份号码; everything else about them (resident, party member,
-- grid worker) is a role that refers here.
CREATE TABLE person (
  id             INTEGER PRIMARY KEY,
  id_number      TEXT NOT NULL UNIQUE CHECK (length(id_number) = 18),
  name           TEXT NOT NULL CHECK (name <> ''),
  gender         TEXT NOT NULL CHECK (gender IN ('男', '女')),
  birth_date     TEXT NOT NULL,                            -- YYYY-MM-DD, consistent with id_number
  ethnicity      TEXT,
  phone          TEXT,
  education      TEXT,
  political      TEXT CHECK (political IN ('中共党员', '中共预备党员', '共青团员', '民主党派', '无党派人士', '群众')),
  hukou_address  TEXT,
  updated_at     TEXT NOT NULL
);

-- 实有人口: a person living (or registered) in the street.
CREATE TABLE resident (
  id            INTEGER PRIMARY KEY,
  person_id     INTEGER NOT NULL UNIQUE REFERENCES person(id),
  grid_id       INTEGER NOT NULL REFERENCES grid(id),
  household_id  INTEGER REFERENCES household(id),
  person_type   TEXT NOT NULL DEFAULT '常住人口' CHECK (person_type IN ('常住人口', '流动人口', '境外人员')),
  residence     TEXT NOT NULL DEFAULT '人户一致' CHECK (residence IN ('人户一致', '人在户不在', '户在人不在')),
  address       TEXT,                                      -- 现住址
  updated_at    TEXT NOT NULL
);
CREATE INDEX resident_grid ON resident(grid_id, person_type);
CREATE INDEX resident_household ON resident(household_id);

-- 特殊人群 tags (独居老人, 残疾人, 低保户, ...): a row per tag so they can be counted and filtered.
CREATE TABLE resident_tag (
  resident_id  INTEGER NOT NULL REFERENCES resident(id) ON DELETE CASCADE,
  tag          TEXT NOT NULL CHECK (tag <> ''),
  PRIMARY KEY (resident_id, tag)
) WITHOUT ROWID;
CREATE INDEX resident_tag_tag ON resident_tag(tag);
