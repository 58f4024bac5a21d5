-- Rosters (台账): quick search over free text, indexes for the columns people sort and filter by,
-- the fields the city templates lack, and named views of each roster page.

-- Quick search finds a resident by any part of a name or an address ("芳", "锡林路367号院").
-- sql.js has FTS4 but not FTS5, and FTS4's tokenizers cannot split Chinese, so the text goes in as
-- overlapping two-character grams ("锡林 林路 路3 …"; the last character alone). A search ANDs the
-- grams of what was typed and the roster confirms each hit with instr(). Triggers keep the index in
-- step with every write, journal replay and undo; the audit log ignores the virtual table and its
-- shadow tables (they are derived data).
CREATE TABLE search_position (n INTEGER PRIMARY KEY);
WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 250)
INSERT INTO search_position (n) SELECT n FROM c;

CREATE VIRTUAL TABLE resident_search USING fts4(grams);

CREATE TRIGGER resident_search_insert AFTER INSERT ON resident BEGIN
  DELETE FROM resident_search WHERE docid = NEW.id;
  INSERT INTO resident_search (docid, grams)
  SELECT NEW.id,
    (SELECT group_concat(substr(p.name, n, 2), ' ') FROM search_position WHERE n <= length(p.name)) || ' ' ||
    ifnull((SELECT group_concat(substr(NEW.address, n, 2), ' ') FROM search_position WHERE n <= length(NEW.address)), '')
  FROM person p WHERE p.id = NEW.person_id;
END;

CREATE TRIGGER resident_search_update AFTER UPDATE OF id, person_id, address ON resident BEGIN
  DELETE FROM resident_search WHERE docid = OLD.id;
  INSERT INTO resident_search (docid, grams)
  SELECT NEW.id,
    (SELECT group_concat(substr(p.name, n, 2), ' ') FROM search_position WHERE n <= length(p.name)) || ' ' ||
    ifnull((SELECT group_concat(substr(NEW.address, n, 2), ' ') FROM search_position WHERE n <= length(NEW.address)), '')
  FROM person p WHERE p.id = NEW.person_id;
END;

CREATE TRIGGER resident_search_delete AFTER DELETE ON resident BEGIN
  DELETE FROM resident_search WHERE docid = OLD.id;
END;

-- Undo may bring a person back after their resident row (foreign keys are deferred there), and a
-- name change must reach the index: both re-index the person's resident row.
CREATE TRIGGER resident_search_person_insert AFTER INSERT ON person BEGIN
  DELETE FROM resident_search WHERE docid IN (SELECT id FROM resident WHERE person_id = NEW.id);
  INSERT INTO resident_search (docid, grams)
  SELECT r.id,
    (SELECT group_concat(substr(NEW.name, n, 2), ' ') FROM search_position WHERE n <= length(NEW.name)) || ' ' ||
    ifnull((SELECT group_concat(substr(r.address, n, 2), ' ') FROM search_position WHERE n <= length(r.address)), '')
  FROM resident r WHERE r.person_id = NEW.id;
END;

CREATE TRIGGER resident_search_person_name AFTER UPDATE OF name ON person BEGIN
  DELETE FROM resident_search WHERE docid IN (SELECT id FROM resident WHERE person_id = NEW.id);
  INSERT INTO resident_search (docid, grams)
  SELECT r.id,
    (SELECT group_concat(substr(NEW.name, n, 2), ' ') FROM search_position WHERE n <= length(NEW.name)) || ' ' ||
    ifnull((SELECT group_concat(substr(r.address, n, 2), ' ') FROM search_position WHERE n <= length(r.address)), '')
  FROM resident r WHERE r.person_id = NEW.id;
END;

INSERT INTO resident_search (docid, grams)
SELECT r.id,
  (SELECT group_concat(substr(p.name, n, 2), ' ') FROM search_position WHERE n <= length(p.name)) || ' ' ||
  ifnull((SELECT group_concat(substr(r.address, n, 2), ' ') FROM search_position WHERE n <= length(r.address)), '')
FROM resident r JOIN person p ON p.id = r.person_id;

-- Sorts a roster offers over the whole street walk an index instead of sorting 200k rows; the
-- rowid each index carries is the tie-breaker the roster queries use.
CREATE INDEX resident_person_type ON resident(person_type);
CREATE INDEX resident_residence ON resident(residence);
CREATE INDEX resident_address ON resident(address);
CREATE INDEX person_political ON person(political);
CREATE INDEX household_building ON household(building_id, unit_id, room);
CREATE INDEX party_member_joined ON party_member(joined_on);
CREATE INDEX staff_person ON staff_assignment(person_id);
CREATE INDEX party_org_building ON party_org(building_id);
CREATE INDEX party_org_community ON party_org(community_id);

-- 党小组 of a member: a 党小组 under the member's own 支部 (the city template has no such column).
ALTER TABLE party_member ADD COLUMN group_id INTEGER REFERENCES party_org(id);
CREATE INDEX party_member_group ON party_member(group_id);

-- A named view of a roster page: its filters, columns, sort and frozen columns (JSON).
CREATE TABLE saved_view (
  id          INTEGER PRIMARY KEY,
  page        TEXT NOT NULL CHECK (page <> ''),
  name        TEXT NOT NULL CHECK (name <> '' AND length(name) <= 40),
  state       TEXT NOT NULL CHECK (json_valid(state)),
  updated_at  TEXT NOT NULL,
  UNIQUE (page, name)
);
