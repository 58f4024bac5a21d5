-- Indexes for rosters: quick search by name, ID or phone prefix, and the sortable columns.
CREATE INDEX person_name ON person(name);
CREATE INDEX person_phone ON person(phone);
CREATE INDEX person_birth ON person(birth_date);
CREATE INDEX resident_updated ON resident(updated_at);
CREATE INDEX party_member_category ON party_member(category, joined_on);
CREATE INDEX staff_role ON staff_assignment(role, until);
