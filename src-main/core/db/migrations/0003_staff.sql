-- Grid work force (四长三员, 1+1+1+N): a dated role of a person over a community, grid or building.
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
-- The platform's natural key: 公民身份号码 | 岗位 | 范围编码.
CREATE UNIQUE INDEX staff_natural_key ON staff_assignment(person_id, role, ifnull(community_id, 0), ifnull(grid_id, 0), ifnull(building_id, 0));
CREATE INDEX staff_grid ON staff_assignment(grid_id);
CREATE INDEX staff_building ON staff_assignment(building_id);
CREATE INDEX staff_community ON staff_assignment(community_id);
