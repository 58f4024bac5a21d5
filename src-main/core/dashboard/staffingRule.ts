/**
 * How many people a basic grid must have in which roles. Staffing rules are local (RULES.md
 * "Grid governance — local"): a later rule-profile feature supplies the active profile; until
 * then the boards use the Hohhot preset, 1+1+1+N.
 */
export interface StaffingRequirement {
  role: string;
  min: number;
}

export interface StaffingProfile {
  /** Shown on the boards beside the figure it produces. */
  label: string;
  required: readonly StaffingRequirement[];
}

/** 呼和浩特 1+1+1+N: 网格长 (社区两委), 网格管理员, 专职网格员, and N (≥1) 兼职网格员. */
export const hohhotStaffing: StaffingProfile = {
  label: '1+1+1+N',
  required: [
    { role: '网格长', min: 1 },
    { role: '网格管理员', min: 1 },
    { role: '专职网格员', min: 1 },
    { role: '兼职网格员', min: 1 },
  ],
};

/** The profile the boards apply until rule profiles can be chosen. */
export const activeStaffingProfile = (): StaffingProfile => hohhotStaffing;

/** People missing from a grid under the profile: 0 when it is staffed as the profile asks. */
export function staffingGaps(profile: StaffingProfile, staffByRole: ReadonlyMap<string, number> | undefined): number {
  return profile.required.reduce((gaps, r) => gaps + Math.max(0, r.min - (staffByRole?.get(r.role) ?? 0)), 0);
}
