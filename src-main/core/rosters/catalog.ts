import type { ColumnInfo, RosterName, RosterSchema } from '../../dto/rosters';
import { filterKind, widthOf, type RosterDef } from './definition';
import { buildings } from './rosters/buildings';
import { communities, grids } from './rosters/geo';
import { members } from './rosters/members';
import { partyOrgs } from './rosters/partyOrgs';
import { residents } from './rosters/residents';
import { rooms } from './rosters/rooms';
import { staff } from './rosters/staff';

export const rosters: Record<RosterName, RosterDef> = {
  residents,
  members,
  partyOrgs,
  staff,
  buildings,
  rooms,
  communities,
  grids,
};

/** What the renderer needs to build a grid: headers, types, enumerations, what may be edited. */
export function schemaOf(def: RosterDef): RosterSchema {
  const columns: ColumnInfo[] = def.columns.map((c) => ({
    id: c.id,
    header: c.header,
    type: c.type,
    ...(c.values ? { values: c.values } : {}),
    editable: def.editor !== null && c.editable === true,
    required: c.required === true,
    sortable: c.sort !== false,
    filter: c.filter === undefined ? (filterKind(c.type) ?? null) : c.filter,
    width: widthOf(c),
    hidden: c.hidden === true,
    pinned: c.pinned === true,
  }));
  return { roster: def.name, title: def.title, label: def.label, labelColumn: def.labelColumn, columns, canAdd: def.canAdd, searchHint: def.searchHint };
}
