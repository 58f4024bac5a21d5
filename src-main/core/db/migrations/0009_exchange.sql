-- Exchange with the city platform (city-platform/SPEC.md): import batches and the rows they
-- refused, column mappings remembered per source, packages made and received (with the
-- watermark of the last acknowledged export), conflicts waiting for a person, and the outbox.
-- These tables are the exchange's own history, not street data: undo leaves them alone
-- (history/undo.ts skips exchange_* tables) and packages never carry them.

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
CREATE INDEX exchange_import_batch_seq ON exchange_import_batch(seq);

-- A refused row is kept, as the file had it, until a person fixes and re-submits or discards it.
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
CREATE INDEX exchange_quarantine_status ON exchange_quarantine(status, entity, id);
CREATE INDEX exchange_quarantine_hash ON exchange_quarantine(raw_hash);
CREATE INDEX exchange_quarantine_key ON exchange_quarantine(entity, record_key);

-- A source's own headers mapped to a template's fields, applied again to the next file with them.
CREATE TABLE exchange_column_mapping (
  signature   TEXT PRIMARY KEY,                            -- the header row's texts, joined
  entity      TEXT NOT NULL,
  columns     TEXT NOT NULL,                               -- JSON {header text: field key}
  updated_at  TEXT NOT NULL
);

-- Packages made here (up) and received (down from the city, or up from a community workstation).
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
);
CREATE INDEX exchange_package_status ON exchange_package(origin, status, created_at);

-- A received record that was also changed here since the last exchange: a person decides.
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

-- Packages waiting to be uploaded, in order; the bytes are a file under DATA/exchange/outbox.
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
CREATE INDEX exchange_outbox_status ON exchange_outbox(status, position);

-- Small facts of the exchange: the pull cursor of down packages.
CREATE TABLE exchange_state (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL
);
