-- Events (事件/哨) and every step of their loop as its own timestamped row (吹哨全留痕). The loop's
-- rules come with the events feature; the status column is the platform's 状态 of the last step.

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
-- Covering indexes for the boards: per-grid figures, shares by kind, and the daily trend.
CREATE INDEX event_grid ON event(grid_id, reported_at, status);
CREATE INDEX event_kind ON event(whistle, status, satisfaction, reported_at);
CREATE INDEX event_status ON event(status, due_at);
CREATE INDEX event_reported ON event(reported_at);
CREATE INDEX event_closed ON event(closed_at);

-- 承办部门; `arrived_at` is the department's 报到 after the whistle.
CREATE TABLE event_department (
  event_id       INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
  department_id  INTEGER NOT NULL REFERENCES department(id),
  lead           INTEGER NOT NULL DEFAULT 1 CHECK (lead IN (0, 1)),
  arrived_at     TEXT,
  PRIMARY KEY (event_id, department_id)
) WITHOUT ROWID;
CREATE INDEX event_department_department ON event_department(department_id);

CREATE TABLE event_step (
  id               INTEGER PRIMARY KEY,
  event_id         INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
  step             TEXT NOT NULL CHECK (step IN ('受理', '吹哨', '转办', '报到', '处置', '督办', '反馈', '评价', '公示', '归档', '退回', '延期')),
  at               TEXT NOT NULL,
  actor_person_id  INTEGER REFERENCES person(id),
  department_id    INTEGER REFERENCES department(id),
  note             TEXT
);
CREATE INDEX event_step_event ON event_step(event_id, at);
