-- Party tree: 街道党工委 → 社区党委/党总支/党支部 → 网格(小区)党支部 → 楼栋党小组; members are
-- roles of a person. Member counts per organisation are derived by query (支部工作条例: ≤50).

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
CREATE INDEX party_org_parent ON party_org(parent_id);
CREATE INDEX party_org_grid ON party_org(grid_id);

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
  updated_at             TEXT NOT NULL,
  CHECK (category <> '预备党员' OR confirmed_on IS NULL),
  CHECK (confirmed_on IS NULL OR confirmed_on > joined_on)
);
CREATE INDEX party_member_org ON party_member(org_id);
