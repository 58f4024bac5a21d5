-- Who serves the street: departments that answer a whistle (部门报到), party-mass service centres,
-- and 包联 (a cadre, an organisation or a department taking charge of a community, grid or building).

CREATE TABLE department (
  id          INTEGER PRIMARY KEY,
  code        TEXT NOT NULL UNIQUE CHECK (code <> ''),
  name        TEXT NOT NULL UNIQUE CHECK (name <> ''),
  kind        TEXT NOT NULL DEFAULT '职能部门' CHECK (kind IN ('职能部门', '执法部门', '公共服务单位', '驻区单位')),
  phone       TEXT,
  updated_at  TEXT NOT NULL
);

CREATE TABLE service_center (
  id            INTEGER PRIMARY KEY,
  code          TEXT NOT NULL UNIQUE CHECK (code <> ''),
  name          TEXT NOT NULL CHECK (name <> ''),
  level         TEXT NOT NULL CHECK (level IN ('党群服务中心', '党群服务站')),
  community_id  INTEGER REFERENCES community(id),          -- NULL: the street's own centre
  address       TEXT,
  phone         TEXT,
  area_m2       REAL CHECK (area_m2 IS NULL OR area_m2 > 0),
  updated_at    TEXT NOT NULL,
  CHECK ((level = '党群服务站') = (community_id IS NOT NULL))
);

CREATE TABLE responsibility (
  id             INTEGER PRIMARY KEY,
  person_id      INTEGER REFERENCES person(id),
  party_org_id   INTEGER REFERENCES party_org(id),
  department_id  INTEGER REFERENCES department(id),
  community_id   INTEGER REFERENCES community(id),
  grid_id        INTEGER REFERENCES grid(id),
  building_id    INTEGER REFERENCES building(id),
  duty           TEXT NOT NULL CHECK (duty <> ''),         -- 包联干部, 共建单位, …
  since          TEXT NOT NULL,
  until          TEXT,
  updated_at     TEXT NOT NULL,
  CHECK ((person_id IS NOT NULL) + (party_org_id IS NOT NULL) + (department_id IS NOT NULL) = 1),
  CHECK ((community_id IS NOT NULL) + (grid_id IS NOT NULL) + (building_id IS NOT NULL) = 1),
  CHECK (until IS NULL OR until >= since)
);
CREATE INDEX responsibility_grid ON responsibility(grid_id);
