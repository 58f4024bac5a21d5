-- Every mutation leaves a row: who, when, through which action, and the record before and after.
-- Rows are written by triggers the store installs on open, so no write can forget them; `seq`
-- ties them to the journal entry of the write (one user action).
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
CREATE INDEX audit_seq ON audit_log(seq);
CREATE INDEX audit_entity ON audit_log(entity, row_id);
