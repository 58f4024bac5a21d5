-- An export larger than the city platform takes (SPEC §4: 50 MiB a package) is made as several
-- packages, its parts, each complete on its own. The export is delivered only when every part is:
-- until then the watermark stays where it was, so the next incremental export repeats what an
-- undelivered part carried. Every part of an export names its first part here; NULL for packages
-- received, and for local ones made before exports were split (each was a whole export).
ALTER TABLE exchange_package ADD COLUMN part_of TEXT REFERENCES exchange_package(package_id);
CREATE INDEX exchange_package_part_of ON exchange_package(part_of) WHERE part_of IS NOT NULL;
