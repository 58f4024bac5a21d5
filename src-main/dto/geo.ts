import { z } from 'zod';

export const gridKinds = ['城市社区网格', '农村网格', '专属网格'] as const;
export type GridKind = (typeof gridKinds)[number];

export const dedicatedGridKinds = ['企业', '医院', '商场', '学校', '商务楼宇', '园区', '其他'] as const;
export type DedicatedGridKind = (typeof dedicatedGridKinds)[number];

export const communityKinds = ['城市社区', '村'] as const;
export type CommunityKind = (typeof communityKinds)[number];

export interface CommunityRow {
  code: string;
  name: string;
  kind: CommunityKind;
  gridCount: number;
  dedicatedGridCount: number;
  buildingCount: number;
  householdCount: number;
  residentCount: number;
}

export interface GridRow {
  code: string;
  name: string;
  communityCode: string;
  communityName: string;
  kind: GridKind;
  dedicatedKind: DedicatedGridKind | null;
  buildingCount: number;
  householdCount: number;
  residentCount: number;
  hasBoundary: boolean;
}

export const listGridsInput = z
  .object({
    communityCode: z
      .string()
      .regex(/^\d{12}$/)
      .optional(),
  })
  .strict();
