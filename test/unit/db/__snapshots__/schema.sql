-- view resident_search_text
CREATE VIEW resident_search_text (rowid, grams) AS
SELECT r.id,
  ifnull((SELECT group_concat(substr(p.name, n, 2), ' ') FROM search_position WHERE n <= length(p.name)), '') || ' ' ||
  ifnull((SELECT group_concat(substr(r.address, n, 2), ' ') FROM search_position WHERE n <= length(r.address)), '')
FROM resident r JOIN person p ON p.id = r.person_id;

-- view rooms
CREATE VIEW rooms AS SELECT * FROM household WHERE room IS NOT NULL;

-- trigger resident_search_delete
CREATE TRIGGER resident_search_delete BEFORE DELETE ON resident WHEN (SELECT live FROM search_state) = 1 BEGIN
  DELETE FROM resident_search WHERE docid = OLD.id AND NOT EXISTS (SELECT 1 FROM search_pending WHERE resident_id = OLD.id);
  DELETE FROM search_pending WHERE resident_id = OLD.id;
END;

-- trigger resident_search_forget
CREATE TRIGGER resident_search_forget BEFORE UPDATE OF id, person_id, address ON resident
WHEN (SELECT live FROM search_state) = 1 AND (OLD.id IS NOT NEW.id OR OLD.person_id IS NOT NEW.person_id OR OLD.address IS NOT NEW.address) BEGIN
  DELETE FROM resident_search WHERE docid = OLD.id AND NOT EXISTS (SELECT 1 FROM search_pending WHERE resident_id = OLD.id);
  DELETE FROM search_pending WHERE resident_id = OLD.id;
END;

-- trigger resident_search_insert
CREATE TRIGGER resident_search_insert AFTER INSERT ON resident WHEN (SELECT live FROM search_state) = 1 BEGIN
  INSERT INTO resident_search (docid, grams) SELECT rowid, grams FROM resident_search_text WHERE rowid = NEW.id AND (SELECT deferred FROM search_state) = 0;
  INSERT OR IGNORE INTO search_pending (resident_id) SELECT NEW.id WHERE (SELECT deferred FROM search_state) = 1;
END;

-- trigger resident_search_person_delete
CREATE TRIGGER resident_search_person_delete BEFORE DELETE ON person
WHEN (SELECT live FROM search_state) = 1 AND EXISTS (SELECT 1 FROM resident WHERE person_id = OLD.id) BEGIN
  DELETE FROM resident_search WHERE docid = (SELECT id FROM resident WHERE person_id = OLD.id)
    AND NOT EXISTS (SELECT 1 FROM search_pending WHERE resident_id = (SELECT id FROM resident WHERE person_id = OLD.id));
  DELETE FROM search_pending WHERE resident_id = (SELECT id FROM resident WHERE person_id = OLD.id);
END;

-- trigger resident_search_person_forget
CREATE TRIGGER resident_search_person_forget BEFORE UPDATE OF name ON person
WHEN (SELECT live FROM search_state) = 1 AND OLD.name IS NOT NEW.name AND EXISTS (SELECT 1 FROM resident WHERE person_id = OLD.id) BEGIN
  DELETE FROM resident_search WHERE docid = (SELECT id FROM resident WHERE person_id = OLD.id)
    AND NOT EXISTS (SELECT 1 FROM search_pending WHERE resident_id = (SELECT id FROM resident WHERE person_id = OLD.id));
  DELETE FROM search_pending WHERE resident_id = (SELECT id FROM resident WHERE person_id = OLD.id);
END;

-- trigger resident_search_person_insert
CREATE TRIGGER resident_search_person_insert AFTER INSERT ON person
WHEN (SELECT live FROM search_state) = 1 AND EXISTS (SELECT 1 FROM resident WHERE person_id = NEW.id) BEGIN
  INSERT INTO resident_search (docid, grams) SELECT rowid, grams FROM resident_search_text
    WHERE rowid = (SELECT id FROM resident WHERE person_id = NEW.id) AND (SELECT deferred FROM search_state) = 0;
  INSERT OR IGNORE INTO search_pending (resident_id) SELECT id FROM resident WHERE person_id = NEW.id AND (SELECT deferred FROM search_state) = 1;
END;

-- trigger resident_search_person_update
CREATE TRIGGER resident_search_person_update AFTER UPDATE OF name ON person
WHEN (SELECT live FROM search_state) = 1 AND OLD.name IS NOT NEW.name AND EXISTS (SELECT 1 FROM resident WHERE person_id = NEW.id) BEGIN
  INSERT INTO resident_search (docid, grams) SELECT rowid, grams FROM resident_search_text
    WHERE rowid = (SELECT id FROM resident WHERE person_id = NEW.id) AND (SELECT deferred FROM search_state) = 0;
  INSERT OR IGNORE INTO search_pending (resident_id) SELECT id FROM resident WHERE person_id = NEW.id AND (SELECT deferred FROM search_state) = 1;
END;

-- trigger resident_search_update
CREATE TRIGGER resident_search_update AFTER UPDATE OF id, person_id, address ON resident
WHEN (SELECT live FROM search_state) = 1 AND (OLD.id IS NOT NEW.id OR OLD.person_id IS NOT NEW.person_id OR OLD.address IS NOT NEW.address) BEGIN
  INSERT INTO resident_search (docid, grams) SELECT rowid, grams FROM resident_search_text WHERE rowid = NEW.id AND (SELECT deferred FROM search_state) = 0;
  INSERT OR IGNORE INTO search_pending (resident_id) SELECT NEW.id WHERE (SELECT deferred FROM search_state) = 1;
END;

-- table audit_log
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  seq         INTEGER NOT NULL,
  at          TEXT NOT NULL,
  actor       TEXT NOT NULL,
  action      TEXT NOT NULL,
  entity      TEXT NOT NULL,
  row_id      INTEGER,
  op          TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
  before      TEXT,                                        -- JSON of the row, NULL on insert
  after       TEXT                                         -- JSON of the row, NULL on delete
);

-- table building
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

-- table community
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

-- table department
CREATE TABLE department (
  id          INTEGER PRIMARY KEY,
  code        TEXT NOT NULL UNIQUE CHECK (code <> ''),
  name        TEXT NOT NULL UNIQUE CHECK (name <> ''),
  kind        TEXT NOT NULL DEFAULT '职能部门' CHECK (kind IN ('职能部门', '执法部门', '公共服务单位', '驻区单位')),
  phone       TEXT,
  updated_at  TEXT NOT NULL
);

-- table event
CREATE TABLE event (
  id                  INTEGER PRIMARY KEY,
  code                TEXT NOT NULL UNIQUE CHECK (code <> ''),
  source              TEXT,                                -- 网格员上报, 12345热线, 群众诉求, …
  whistle             TEXT CHECK (whistle IN ('问题哨', '服务哨', '攻坚哨', '应急哨')),
  category            TEXT,
  title               TEXT NOT NULL CHECK (title <> ''),
  description         TEXT,
  address             TEXT,
  grid_id             INTEGER NOT NULL REFERENCES grid(id),
  reported_at         TEXT NOT NULL,
  status              TEXT NOT NULL CHECK (status IN ('受理', '转办', '处置中', '已反馈', '已评价', '已公示', '已归档')),
  due_at              TEXT,
  closed_at           TEXT,
  satisfaction        TEXT CHECK (satisfaction IN ('满意', '基本满意', '不满意')),
  reporter_person_id  INTEGER REFERENCES person(id),
  updated_at          TEXT NOT NULL,
  CHECK (closed_at IS NULL OR closed_at >= reported_at)
);

-- table event_department
CREATE TABLE event_department (
  event_id       INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
  department_id  INTEGER NOT NULL REFERENCES department(id),
  lead           INTEGER NOT NULL DEFAULT 1 CHECK (lead IN (0, 1)),
  arrived_at     TEXT,
  PRIMARY KEY (event_id, department_id)
) WITHOUT ROWID;

-- table event_step
CREATE TABLE event_step (
  id               INTEGER PRIMARY KEY,
  event_id         INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
  step             TEXT NOT NULL CHECK (step IN ('受理', '吹哨', '转办', '报到', '处置', '督办', '反馈', '评价', '公示', '归档', '退回', '延期')),
  at               TEXT NOT NULL,
  actor_person_id  INTEGER REFERENCES person(id),
  department_id    INTEGER REFERENCES department(id),
  note             TEXT
);

-- table exchange_column_mapping
CREATE TABLE exchange_column_mapping (
  signature   TEXT PRIMARY KEY,                            -- the header row's texts, joined
  entity      TEXT NOT NULL,
  columns     TEXT NOT NULL,                               -- JSON {header text: field key}
  updated_at  TEXT NOT NULL
);

-- table exchange_conflict
CREATE TABLE exchange_conflict (
  id          INTEGER PRIMARY KEY,
  package_id  TEXT NOT NULL REFERENCES exchange_package(package_id),
  entity      TEXT NOT NULL,
  record_key  TEXT NOT NULL,
  local       TEXT,                                        -- JSON record here; NULL: deleted here
  remote      TEXT,                                        -- JSON record in the package; NULL: the package deletes it
  fields      TEXT NOT NULL,                               -- JSON [field keys that differ]
  choice      TEXT,                                        -- JSON {field: 'local' | 'remote'} once decided
  decided_at  TEXT,
  UNIQUE (package_id, entity, record_key)
);

-- table exchange_import_batch
CREATE TABLE exchange_import_batch (
  id          INTEGER PRIMARY KEY,
  seq         INTEGER NOT NULL,                            -- the write that applied it (history.undo undoes it)
  created_at  TEXT NOT NULL,
  actor       TEXT NOT NULL,
  files       TEXT NOT NULL,                               -- JSON: per file its template, header row and counts
  inserted    INTEGER NOT NULL,
  updated     INTEGER NOT NULL,
  unchanged   INTEGER NOT NULL,
  rejected    INTEGER NOT NULL,
  undone_seq  INTEGER,                                     -- the write that undid it
  undone_at   TEXT
);

-- table exchange_outbox
CREATE TABLE exchange_outbox (
  package_id   TEXT PRIMARY KEY REFERENCES exchange_package(package_id),
  position     INTEGER NOT NULL UNIQUE,
  file         TEXT NOT NULL,
  sha256       TEXT NOT NULL,
  bytes        INTEGER NOT NULL,
  status       TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'refused')),
  queued_at    TEXT NOT NULL,
  sent_at      TEXT,
  received_at  TEXT,                                       -- the platform's receivedAt
  error        TEXT                                        -- why the platform refused it (400/409/413)
);

-- table exchange_package
CREATE TABLE exchange_package (
  package_id       TEXT PRIMARY KEY,
  direction        TEXT NOT NULL CHECK (direction IN ('up', 'down')),
  origin           TEXT NOT NULL CHECK (origin IN ('local', 'city', 'community')),
  file_name        TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  since            TEXT,
  until            TEXT,
  to_seq           INTEGER,                                -- local packages: every write up to this one is in it
  counts           TEXT NOT NULL,                          -- JSON {entity: records}
  sha256           TEXT NOT NULL,                          -- of the zip
  bytes            INTEGER NOT NULL,
  status           TEXT NOT NULL CHECK (status IN ('created', 'acknowledged', 'conflict', 'applied')),
  acknowledged_at  TEXT,                                   -- local: delivered (uploaded or written to a folder)
  applied_seq      INTEGER,                                -- received: the write that applied it
  applied_at       TEXT,
  acked_at         TEXT                                    -- received from the city: ack sent
, part_of TEXT REFERENCES exchange_package(package_id));

-- table exchange_quarantine
CREATE TABLE exchange_quarantine (
  id            INTEGER PRIMARY KEY,
  batch_id      INTEGER NOT NULL REFERENCES exchange_import_batch(id),
  entity        TEXT NOT NULL,
  file          TEXT NOT NULL,
  row           INTEGER NOT NULL,                          -- the sheet's row number, as a person sees it
  record_key    TEXT,                                      -- natural key when it could be read
  raw           TEXT NOT NULL,                             -- JSON {field key: text as in the file}
  raw_hash      TEXT NOT NULL,                             -- entity + raw: the same refused row is kept once
  problems      TEXT NOT NULL,                             -- JSON [{field, header, reason, message}]
  status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved', 'discarded')),
  created_at    TEXT NOT NULL,
  resolved_at   TEXT,
  resolved_seq  INTEGER
);

-- table exchange_state
CREATE TABLE exchange_state (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL
);

-- table grid
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

-- table household
CREATE TABLE household (
  id            INTEGER PRIMARY KEY,
  building_id   INTEGER NOT NULL REFERENCES building(id),
  unit_id       INTEGER REFERENCES unit(id),
  room          TEXT CHECK (room <> ''),                     -- NULL: a resident's place, 房号未登记
  use           TEXT NOT NULL DEFAULT '自住' CHECK (use IN ('自住', '出租', '商用', '空置')),
  party_center  INTEGER NOT NULL DEFAULT 0 CHECK (party_center IN (0, 1)),   -- 党员中心户
  updated_at    TEXT NOT NULL
);

-- table party_member
CREATE TABLE party_member (
  id                     INTEGER PRIMARY KEY,
  person_id              INTEGER NOT NULL UNIQUE REFERENCES person(id),
  org_id                 INTEGER NOT NULL REFERENCES party_org(id),
  category               TEXT NOT NULL CHECK (category IN ('正式党员', '预备党员')),
  joined_on              TEXT NOT NULL,                    -- 入党日期: the 支部大会 vote
  confirmed_on           TEXT,                             -- 转正日期; 党龄 counts from here
  probation_extended_to  TEXT,                             -- 延长预备期 (once, 6–12 months)
  status                 TEXT NOT NULL DEFAULT '正常' CHECK (status IN ('正常', '失联', '流动', '停止党籍', '已转出')),
  in_service             INTEGER NOT NULL DEFAULT 0 CHECK (in_service IN (0, 1)),   -- 在职党员
  reported_community_id  INTEGER REFERENCES community(id), -- 双报到: the community reported to
  workplace              TEXT,                             -- 工作单位及职务
  dues_kind              TEXT NOT NULL DEFAULT '在职' CHECK (dues_kind IN ('在职', '离退休', '农民', '学生', '失业', '低保', '其他')),
  dues_base              REAL CHECK (dues_base IS NULL OR dues_base >= 0),   -- monthly base, yuan
  last_contact_on        TEXT,                             -- last 组织生活 or dues payment (失联: ≥6 months)
  updated_at             TEXT NOT NULL, group_id INTEGER REFERENCES party_org(id),
  CHECK (category <> '预备党员' OR confirmed_on IS NULL),
  CHECK (confirmed_on IS NULL OR confirmed_on > joined_on)
);

-- table party_org
CREATE TABLE party_org (
  id                   INTEGER PRIMARY KEY,
  code                 TEXT NOT NULL UNIQUE CHECK (code <> '' AND code NOT GLOB '*[^0-9A-Z]*'),
  name                 TEXT NOT NULL CHECK (name <> ''),
  kind                 TEXT NOT NULL CHECK (kind IN ('党工委', '党委', '党总支', '党支部', '联合党支部', '党小组')),
  parent_id            INTEGER REFERENCES party_org(id),
  secretary_person_id  INTEGER REFERENCES person(id),
  founded_on           TEXT,
  term_ends_on         TEXT,                               -- 届满日期: 村/社区 5 years, others 3
  community_id         INTEGER REFERENCES community(id),   -- set for community-level organisations
  grid_id              INTEGER REFERENCES grid(id),        -- 网格党支部
  building_id          INTEGER REFERENCES building(id),    -- 楼栋党小组
  updated_at           TEXT NOT NULL,
  CHECK (parent_id IS NULL OR parent_id <> id),
  CHECK (term_ends_on IS NULL OR founded_on IS NULL OR term_ends_on > founded_on)
);

-- table person
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

-- table resident
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

-- table resident_search
CREATE VIRTUAL TABLE resident_search USING fts4(content="resident_search_text", grams, matchinfo=fts3);

-- table resident_search_segdir
CREATE TABLE 'resident_search_segdir'(level INTEGER,idx INTEGER,start_block INTEGER,leaves_end_block INTEGER,end_block INTEGER,root BLOB,PRIMARY KEY(level, idx));

-- table resident_search_segments
CREATE TABLE 'resident_search_segments'(blockid INTEGER PRIMARY KEY, block BLOB);

-- table resident_search_stat
CREATE TABLE 'resident_search_stat'(id INTEGER PRIMARY KEY, value BLOB);

-- table resident_tag
CREATE TABLE resident_tag (
  resident_id  INTEGER NOT NULL REFERENCES resident(id) ON DELETE CASCADE,
  tag          TEXT NOT NULL CHECK (tag <> ''),
  PRIMARY KEY (resident_id, tag)
) WITHOUT ROWID;

-- table responsibility
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

-- table saved_view
CREATE TABLE saved_view (
  id          INTEGER PRIMARY KEY,
  page        TEXT NOT NULL CHECK (page <> ''),
  name        TEXT NOT NULL CHECK (name <> '' AND length(name) <= 40),
  state       TEXT NOT NULL CHECK (json_valid(state)),
  updated_at  TEXT NOT NULL,
  UNIQUE (page, name)
);

-- table schema_migration
CREATE TABLE schema_migration (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL);

-- table search_pending
CREATE TABLE search_pending (resident_id INTEGER PRIMARY KEY);

-- table search_position
CREATE TABLE search_position (n INTEGER PRIMARY KEY);

-- table search_state
CREATE TABLE search_state (id INTEGER PRIMARY KEY CHECK (id = 1), live INTEGER NOT NULL CHECK (live IN (0, 1)), deferred INTEGER NOT NULL DEFAULT 0 CHECK (deferred IN (0, 1)));

-- table service_center
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

-- table staff_assignment
CREATE TABLE staff_assignment (
  id            INTEGER PRIMARY KEY,
  person_id     INTEGER NOT NULL REFERENCES person(id),
  role          TEXT NOT NULL CHECK (role IN ('网格长', '网格管理员', '专职网格员', '兼职网格员', '专业网格员', '楼栋长', '单元长', '社区工作者', '组织员')),
  community_id  INTEGER REFERENCES community(id),
  grid_id       INTEGER REFERENCES grid(id),
  building_id   INTEGER REFERENCES building(id),
  since         TEXT NOT NULL,
  until         TEXT,
  updated_at    TEXT NOT NULL,
  CHECK ((community_id IS NOT NULL) + (grid_id IS NOT NULL) + (building_id IS NOT NULL) = 1),
  CHECK (until IS NULL OR until >= since)
);

-- table street
CREATE TABLE street (
  id          INTEGER PRIMARY KEY CHECK (id = 1),          -- one street per database
  code        TEXT NOT NULL CHECK (length(code) = 9 AND code NOT GLOB '*[^0-9]*'),
  name        TEXT NOT NULL CHECK (name <> ''),
  created_at  TEXT NOT NULL
);

-- table unit
CREATE TABLE unit (
  id           INTEGER PRIMARY KEY,
  code         TEXT NOT NULL UNIQUE CHECK (length(code) = 21 AND code NOT GLOB '*[^0-9]*'),
  building_id  INTEGER NOT NULL REFERENCES building(id),
  name         TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);

-- index audit_entity
CREATE INDEX audit_entity ON audit_log(entity, row_id);

-- index audit_seq
CREATE INDEX audit_seq ON audit_log(seq);

-- index building_grid
CREATE INDEX building_grid ON building(grid_id);

-- index event_closed
CREATE INDEX event_closed ON event(closed_at);

-- index event_department_department
CREATE INDEX event_department_department ON event_department(department_id);

-- index event_grid
CREATE INDEX event_grid ON event(grid_id, reported_at, status);

-- index event_kind
CREATE INDEX event_kind ON event(whistle, status, satisfaction, reported_at);

-- index event_reported
CREATE INDEX event_reported ON event(reported_at);

-- index event_reporter
CREATE INDEX event_reporter ON event(reporter_person_id);

-- index event_status
CREATE INDEX event_status ON event(status, due_at);

-- index event_step_actor
CREATE INDEX event_step_actor ON event_step(actor_person_id);

-- index event_step_department
CREATE INDEX event_step_department ON event_step(department_id);

-- index event_step_event
CREATE INDEX event_step_event ON event_step(event_id, at);

-- index exchange_import_batch_seq
CREATE INDEX exchange_import_batch_seq ON exchange_import_batch(seq);

-- index exchange_outbox_status
CREATE INDEX exchange_outbox_status ON exchange_outbox(status, position);

-- index exchange_package_part_of
CREATE INDEX exchange_package_part_of ON exchange_package(part_of) WHERE part_of IS NOT NULL;

-- index exchange_package_status
CREATE INDEX exchange_package_status ON exchange_package(origin, status, created_at);

-- index exchange_quarantine_batch
CREATE INDEX exchange_quarantine_batch ON exchange_quarantine(batch_id);

-- index exchange_quarantine_hash
CREATE INDEX exchange_quarantine_hash ON exchange_quarantine(raw_hash);

-- index exchange_quarantine_key
CREATE INDEX exchange_quarantine_key ON exchange_quarantine(entity, record_key);

-- index exchange_quarantine_status
CREATE INDEX exchange_quarantine_status ON exchange_quarantine(status, entity, id);

-- index grid_community
CREATE INDEX grid_community ON grid(community_id);

-- index household_building
CREATE INDEX household_building ON household(building_id, unit_id, room);

-- index household_room
CREATE UNIQUE INDEX household_room ON household(building_id, ifnull(unit_id, 0), room);

-- index household_unit
CREATE INDEX household_unit ON household(unit_id);

-- index party_member_category
CREATE INDEX party_member_category ON party_member(category, joined_on);

-- index party_member_group
CREATE INDEX party_member_group ON party_member(group_id);

-- index party_member_joined
CREATE INDEX party_member_joined ON party_member(joined_on);

-- index party_member_org
CREATE INDEX party_member_org ON party_member(org_id);

-- index party_member_reported_community
CREATE INDEX party_member_reported_community ON party_member(reported_community_id);

-- index party_org_building
CREATE INDEX party_org_building ON party_org(building_id);

-- index party_org_community
CREATE INDEX party_org_community ON party_org(community_id);

-- index party_org_grid
CREATE INDEX party_org_grid ON party_org(grid_id);

-- index party_org_parent
CREATE INDEX party_org_parent ON party_org(parent_id);

-- index party_org_secretary
CREATE INDEX party_org_secretary ON party_org(secretary_person_id);

-- index person_birth
CREATE INDEX person_birth ON person(birth_date);

-- index person_name
CREATE INDEX person_name ON person(name);

-- index person_phone
CREATE INDEX person_phone ON person(phone);

-- index person_political
CREATE INDEX person_political ON person(political);

-- index resident_address
CREATE INDEX resident_address ON resident(address);

-- index resident_grid
CREATE INDEX resident_grid ON resident(grid_id, person_type);

-- index resident_household
CREATE INDEX resident_household ON resident(household_id);

-- index resident_person_type
CREATE INDEX resident_person_type ON resident(person_type);

-- index resident_residence
CREATE INDEX resident_residence ON resident(residence);

-- index resident_tag_tag
CREATE INDEX resident_tag_tag ON resident_tag(tag);

-- index resident_updated
CREATE INDEX resident_updated ON resident(updated_at);

-- index responsibility_building
CREATE INDEX responsibility_building ON responsibility(building_id);

-- index responsibility_community
CREATE INDEX responsibility_community ON responsibility(community_id);

-- index responsibility_department
CREATE INDEX responsibility_department ON responsibility(department_id);

-- index responsibility_grid
CREATE INDEX responsibility_grid ON responsibility(grid_id);

-- index responsibility_party_org
CREATE INDEX responsibility_party_org ON responsibility(party_org_id);

-- index responsibility_person
CREATE INDEX responsibility_person ON responsibility(person_id);

-- index service_center_community
CREATE INDEX service_center_community ON service_center(community_id);

-- index staff_building
CREATE INDEX staff_building ON staff_assignment(building_id);

-- index staff_community
CREATE INDEX staff_community ON staff_assignment(community_id);

-- index staff_grid
CREATE INDEX staff_grid ON staff_assignment(grid_id);

-- index staff_natural_key
CREATE UNIQUE INDEX staff_natural_key ON staff_assignment(person_id, role, ifnull(community_id, 0), ifnull(grid_id, 0), ifnull(building_id, 0));

-- index staff_person
CREATE INDEX staff_person ON staff_assignment(person_id);

-- index staff_role
CREATE INDEX staff_role ON staff_assignment(role, until);

-- index unit_building
CREATE INDEX unit_building ON unit(building_id);
