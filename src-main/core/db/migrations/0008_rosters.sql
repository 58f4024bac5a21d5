-- Rosters (台账): quick search over free text, indexes for the columns people sort and filter by,
-- the fields the city templates lack, and named views of each roster page.

-- Quick search finds a resident by any part of a name or an address ("芳", "锡林路367号院").
-- sql.js has FTS4 but not FTS5, and FTS4's tokenizers cannot split Chinese, so the text is
-- indexed as overlapping two-character grams ("锡林 林路 路3 …", the last character alone); a
-- search ANDs the grams of what was typed and the roster confirms each hit with instr(). The index
-- keeps no copy of the text: it reads it from the view below when it must forget a row (external
-- content), which is why the triggers remove a row BEFORE it changes and add it back AFTER. They
-- keep the index in step with every write, journal replay and undo; the audit log skips the
-- virtual table and its shadow tables (derived data).
CREATE TABLE search_position (n INTEGER PRIMARY KEY);
WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 250)
INSERT INTO search_position (n) SELECT n FROM c;

CREATE VIEW resident_search_text (rowid, grams) AS
SELECT r.id,
  ifnull((SELECT group_concat(substr(p.name, n, 2), ' ') FROM search_position WHERE n <= length(p.name)), '') || ' ' ||
  ifnull((SELECT group_concat(substr(r.address, n, 2), ' ') FROM search_position WHERE n <= length(r.address)), '')
FROM resident r JOIN person p ON p.id = r.person_id;

CREATE VIRTUAL TABLE resident_search USING fts4(content="resident_search_text", grams, matchinfo=fts3);

-- Indexing row by row costs FTS4 a segment per statement: a bulk load (a generated street)
-- pauses the triggers and rebuilds the index once at the end (rosters/searchIndex.ts).
CREATE TABLE search_state (id INTEGER PRIMARY KEY CHECK (id = 1), live INTEGER NOT NULL CHECK (live IN (0, 1)));
INSERT INTO search_state (id, live) VALUES (1, 1);

CREATE TRIGGER resident_search_insert AFTER INSERT ON resident WHEN (SELECT live FROM search_state) = 1 BEGIN
  INSERT INTO resident_search (docid, grams) SELECT rowid, grams FROM resident_search_text WHERE rowid = NEW.id;
END;

CREATE TRIGGER resident_search_forget BEFORE UPDATE OF id, person_id, address ON resident
WHEN (SELECT live FROM search_state) = 1 AND (OLD.id IS NOT NEW.id OR OLD.person_id IS NOT NEW.person_id OR OLD.address IS NOT NEW.address) BEGIN
  DELETE FROM resident_search WHERE docid = OLD.id;
END;

CREATE TRIGGER resident_search_update AFTER UPDATE OF id, person_id, address ON resident
WHEN (SELECT live FROM search_state) = 1 AND (OLD.id IS NOT NEW.id OR OLD.person_id IS NOT NEW.person_id OR OLD.address IS NOT NEW.address) BEGIN
  INSERT INTO resident_search (docid, grams) SELECT rowid, grams FROM resident_search_text WHERE rowid = NEW.id;
END;

CREATE TRIGGER resident_search_delete BEFORE DELETE ON resident WHEN (SELECT live FROM search_state) = 1 BEGIN
  DELETE FROM resident_search WHERE docid = OLD.id;
END;

-- A name is indexed with the person's resident row (one at most: resident.person_id is unique).
-- Undo may bring a person back after their resident row (foreign keys are deferred there): the
-- person's insert indexes the row then.
CREATE TRIGGER resident_search_person_insert AFTER INSERT ON person
WHEN (SELECT live FROM search_state) = 1 AND EXISTS (SELECT 1 FROM resident WHERE person_id = NEW.id) BEGIN
  INSERT INTO resident_search (docid, grams) SELECT rowid, grams FROM resident_search_text WHERE rowid = (SELECT id FROM resident WHERE person_id = NEW.id);
END;

CREATE TRIGGER resident_search_person_forget BEFORE UPDATE OF name ON person
WHEN (SELECT live FROM search_state) = 1 AND OLD.name IS NOT NEW.name AND EXISTS (SELECT 1 FROM resident WHERE person_id = OLD.id) BEGIN
  DELETE FROM resident_search WHERE docid = (SELECT id FROM resident WHERE person_id = OLD.id);
END;

CREATE TRIGGER resident_search_person_update AFTER UPDATE OF name ON person
WHEN (SELECT live FROM search_state) = 1 AND OLD.name IS NOT NEW.name AND EXISTS (SELECT 1 FROM resident WHERE person_id = NEW.id) BEGIN
  INSERT INTO resident_search (docid, grams) SELECT rowid, grams FROM resident_search_text WHERE rowid = (SELECT id FROM resident WHERE person_id = NEW.id);
END;

CREATE TRIGGER resident_search_person_delete BEFORE DELETE ON person
WHEN (SELECT live FROM search_state) = 1 AND EXISTS (SELECT 1 FROM resident WHERE person_id = OLD.id) BEGIN
  DELETE FROM resident_search WHERE docid = (SELECT id FROM resident WHERE person_id = OLD.id);
END;

INSERT INTO resident_search (resident_search) VALUES ('rebuild');

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
