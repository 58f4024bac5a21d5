-- A write of many residents (an import, a package, a pasted block) cannot afford FTS4's segment
-- per statement: 100k new residents took ~5 s of index upkeep on top of the rows themselves. In
-- such a write the index is deferred: inserts only note the resident in search_pending and the
-- write ends with one statement that indexes them all (rosters/searchIndex.ts). Forgetting a row
-- still happens at once, because an external-content index must read the old text before it
-- changes; a row still pending was never indexed, so it is only taken off the list.
ALTER TABLE search_state ADD COLUMN deferred INTEGER NOT NULL DEFAULT 0 CHECK (deferred IN (0, 1));

CREATE TABLE search_pending (resident_id INTEGER PRIMARY KEY);

DROP TRIGGER resident_search_insert;
DROP TRIGGER resident_search_forget;
DROP TRIGGER resident_search_update;
DROP TRIGGER resident_search_delete;
DROP TRIGGER resident_search_person_insert;
DROP TRIGGER resident_search_person_forget;
DROP TRIGGER resident_search_person_update;
DROP TRIGGER resident_search_person_delete;

CREATE TRIGGER resident_search_insert AFTER INSERT ON resident WHEN (SELECT live FROM search_state) = 1 BEGIN
  INSERT INTO resident_search (docid, grams) SELECT rowid, grams FROM resident_search_text WHERE rowid = NEW.id AND (SELECT deferred FROM search_state) = 0;
  INSERT OR IGNORE INTO search_pending (resident_id) SELECT NEW.id WHERE (SELECT deferred FROM search_state) = 1;
END;

CREATE TRIGGER resident_search_forget BEFORE UPDATE OF id, person_id, address ON resident
WHEN (SELECT live FROM search_state) = 1 AND (OLD.id IS NOT NEW.id OR OLD.person_id IS NOT NEW.person_id OR OLD.address IS NOT NEW.address) BEGIN
  DELETE FROM resident_search WHERE docid = OLD.id AND NOT EXISTS (SELECT 1 FROM search_pending WHERE resident_id = OLD.id);
  DELETE FROM search_pending WHERE resident_id = OLD.id;
END;

CREATE TRIGGER resident_search_update AFTER UPDATE OF id, person_id, address ON resident
WHEN (SELECT live FROM search_state) = 1 AND (OLD.id IS NOT NEW.id OR OLD.person_id IS NOT NEW.person_id OR OLD.address IS NOT NEW.address) BEGIN
  INSERT INTO resident_search (docid, grams) SELECT rowid, grams FROM resident_search_text WHERE rowid = NEW.id AND (SELECT deferred FROM search_state) = 0;
  INSERT OR IGNORE INTO search_pending (resident_id) SELECT NEW.id WHERE (SELECT deferred FROM search_state) = 1;
END;

CREATE TRIGGER resident_search_delete BEFORE DELETE ON resident WHEN (SELECT live FROM search_state) = 1 BEGIN
  DELETE FROM resident_search WHERE docid = OLD.id AND NOT EXISTS (SELECT 1 FROM search_pending WHERE resident_id = OLD.id);
  DELETE FROM search_pending WHERE resident_id = OLD.id;
END;

CREATE TRIGGER resident_search_person_insert AFTER INSERT ON person
WHEN (SELECT live FROM search_state) = 1 AND EXISTS (SELECT 1 FROM resident WHERE person_id = NEW.id) BEGIN
  INSERT INTO resident_search (docid, grams) SELECT rowid, grams FROM resident_search_text
    WHERE rowid = (SELECT id FROM resident WHERE person_id = NEW.id) AND (SELECT deferred FROM search_state) = 0;
  INSERT OR IGNORE INTO search_pending (resident_id) SELECT id FROM resident WHERE person_id = NEW.id AND (SELECT deferred FROM search_state) = 1;
END;

CREATE TRIGGER resident_search_person_forget BEFORE UPDATE OF name ON person
WHEN (SELECT live FROM search_state) = 1 AND OLD.name IS NOT NEW.name AND EXISTS (SELECT 1 FROM resident WHERE person_id = OLD.id) BEGIN
  DELETE FROM resident_search WHERE docid = (SELECT id FROM resident WHERE person_id = OLD.id)
    AND NOT EXISTS (SELECT 1 FROM search_pending WHERE resident_id = (SELECT id FROM resident WHERE person_id = OLD.id));
  DELETE FROM search_pending WHERE resident_id = (SELECT id FROM resident WHERE person_id = OLD.id);
END;

CREATE TRIGGER resident_search_person_update AFTER UPDATE OF name ON person
WHEN (SELECT live FROM search_state) = 1 AND OLD.name IS NOT NEW.name AND EXISTS (SELECT 1 FROM resident WHERE person_id = NEW.id) BEGIN
  INSERT INTO resident_search (docid, grams) SELECT rowid, grams FROM resident_search_text
    WHERE rowid = (SELECT id FROM resident WHERE person_id = NEW.id) AND (SELECT deferred FROM search_state) = 0;
  INSERT OR IGNORE INTO search_pending (resident_id) SELECT id FROM resident WHERE person_id = NEW.id AND (SELECT deferred FROM search_state) = 1;
END;

CREATE TRIGGER resident_search_person_delete BEFORE DELETE ON person
WHEN (SELECT live FROM search_state) = 1 AND EXISTS (SELECT 1 FROM resident WHERE person_id = OLD.id) BEGIN
  DELETE FROM resident_search WHERE docid = (SELECT id FROM resident WHERE person_id = OLD.id)
    AND NOT EXISTS (SELECT 1 FROM search_pending WHERE resident_id = (SELECT id FROM resident WHERE person_id = OLD.id));
  DELETE FROM search_pending WHERE resident_id = (SELECT id FROM resident WHERE person_id = OLD.id);
END;
