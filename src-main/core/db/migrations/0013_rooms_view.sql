-- A room is a household with a room number. Since 0012 a household may also be a resident's
-- place without one (房号未登记): it holds a building and unit and is not a room. Every count of
-- rooms, households (户数) and room uses reads this view, so no new count has to remember that.
CREATE VIEW rooms AS SELECT * FROM household WHERE room IS NOT NULL;
