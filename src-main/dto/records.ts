import { z } from 'zod';

/**
 * The eight record kinds the city platform exchanges (city-platform/SPEC.md §2), with its JSON
 * keys. Rosters edit them, imports and exports move them; one shape for all three.
 */
export const entityNames = ['community', 'grid', 'building', 'resident', 'partyOrg', 'partyMember', 'staff', 'event'] as const;
export type EntityName = (typeof entityNames)[number];

export interface CommunityRecord {
  code: string;
  name: string;
  streetCode: string;
  kind: string | null;
  areaKm2: number | null;
  address: string | null;
  phone: string | null;
}

export interface GridRecord {
  code: string;
  name: string;
  communityCode: string;
  kind: string;
  dedicatedKind: string | null;
  boundary: string | null;
}

export interface BuildingRecord {
  code: string;
  name: string;
  gridCode: string;
  address: string | null;
  units: number | null;
  floors: number | null;
}

export interface ResidentRecord {
  idNumber: string;
  name: string;
  gender: string | null;
  ethnicity: string | null;
  birthDate: string | null;
  phone: string | null;
  political: string | null;
  personType: string | null;
  residence: string | null;
  gridCode: string;
  buildingCode: string | null;
  unit: string | null;
  room: string | null;
  hukouAddress: string | null;
  address: string | null;
  tags: string[];
}

export interface PartyOrgRecord {
  code: string;
  name: string;
  kind: string;
  parentCode: string | null;
  secretaryId: string | null;
  foundedOn: string | null;
  termEndsOn: string | null;
  gridCode: string | null;
}

export interface PartyMemberRecord {
  idNumber: string;
  name: string;
  gender: string | null;
  ethnicity: string | null;
  birthDate: string | null;
  education: string | null;
  category: string;
  joinedOn: string;
  confirmedOn: string | null;
  orgCode: string;
  workplace: string | null;
  phone: string | null;
  status: string | null;
  inService: boolean | null;
  reportedCommunityCode: string | null;
}

export interface StaffRecord {
  idNumber: string;
  name: string;
  role: string;
  scopeCode: string;
  phone: string | null;
  /** Derived from the party roster on export; ignored on import (never stored twice). */
  isMember: boolean | null;
  since: string;
  until: string | null;
}

export interface EventRecord {
  code: string;
  source: string | null;
  whistle: string | null;
  category: string | null;
  title: string;
  description: string | null;
  address: string | null;
  gridCode: string;
  reportedAt: string;
  status: string;
  departments: string[];
  dueAt: string | null;
  closedAt: string | null;
  satisfaction: string | null;
}

export interface RecordOf {
  community: CommunityRecord;
  grid: GridRecord;
  building: BuildingRecord;
  resident: ResidentRecord;
  partyOrg: PartyOrgRecord;
  partyMember: PartyMemberRecord;
  staff: StaffRecord;
  event: EventRecord;
}

export type AnyRecord = RecordOf[EntityName];

/** Rejection reasons of SPEC §2, used in every report. */
export const reasonCodes = ['required', 'format', 'enum', 'checksum', 'precision', 'reference', 'duplicate', 'rule'] as const;
export type ReasonCode = (typeof reasonCodes)[number];

const entity = z.enum(entityNames);
const values = z.record(z.string(), z.unknown());

export const saveRecordInput = z
  .object({
    entity,
    /** create: must be new; update: `key` names the record and `values` may be partial; upsert: by natural key. */
    mode: z.enum(['create', 'update', 'upsert']).default('upsert'),
    key: z.string().min(1).max(100).optional(),
    values,
  })
  .strict();

export const recordKeyInput = z.object({ entity, key: z.string().min(1).max(100) }).strict();

export interface SaveResult {
  entity: EntityName;
  /** Natural key after the save (an ID number correction changes it). */
  key: string;
  /** Journal sequence number of the write, for undo; unchanged when nothing changed. */
  seq: number;
  changed: boolean;
  record: AnyRecord;
  /** A legacy 15-digit ID number upgraded to 18 digits on the way in. */
  upgradedFrom?: string;
}

export const undoInput = z.object({ seq: z.number().int().positive() }).strict();

export interface UndoResult {
  /** The write that undid it: undoing this one redoes the original. */
  seq: number;
  /** What was undone, in Chinese, for the toast. */
  summary: string;
  entities: string[];
}
