-- An index on every column that refers to another table. Deleting a referenced row makes SQLite
-- look for rows that still refer to it; without an index that is a scan of the referring table
-- for every deleted row. Undoing a 5000-row import deleted 5000 people, and each one scanned
-- the events and their steps: 44 s; a 100k-row batch held the app for about a quarter of an hour.
CREATE INDEX party_org_secretary ON party_org(secretary_person_id);
CREATE INDEX party_member_reported_community ON party_member(reported_community_id);
CREATE INDEX service_center_community ON service_center(community_id);
CREATE INDEX responsibility_building ON responsibility(building_id);
CREATE INDEX responsibility_community ON responsibility(community_id);
CREATE INDEX responsibility_department ON responsibility(department_id);
CREATE INDEX responsibility_party_org ON responsibility(party_org_id);
CREATE INDEX responsibility_person ON responsibility(person_id);
CREATE INDEX event_reporter ON event(reporter_person_id);
CREATE INDEX event_step_department ON event_step(department_id);
CREATE INDEX event_step_actor ON event_step(actor_person_id);
CREATE INDEX exchange_quarantine_batch ON exchange_quarantine(batch_id);
