/**
 * Codes (RULES.md): street 9 digits (统计用区划代码 6 county + 3 township, 001–099 街道),
 * community 12, grid 15 = community + 3, building 19 = grid + 4, unit 21 = building + 2.
 */
export const CODE_LENGTH = { street: 9, community: 12, grid: 15, building: 19, unit: 21 } as const;
export type CodeKind = keyof typeof CODE_LENGTH;

const DIGITS = /^\d+$/;

export function isCode(kind: CodeKind, code: string): boolean {
  return code.length === CODE_LENGTH[kind] && DIGITS.test(code);
}

/** The message for a street code that is not one, or null when it is fine. */
export function streetCodeProblem(code: string): string | null {
  if (!isCode('street', code)) return '街道编码应为 9 位数字（6 位区县代码 + 3 位街道代码）';
  const township = Number(code.slice(6));
  if (township < 1 || township > 99) return '街道编码后 3 位应在 001–099 之间（100 以上为镇、乡）';
  return null;
}

/** The code a child code belongs to: the grid of a building, the community of a grid. */
export function parentCode(code: string): string | null {
  switch (code.length) {
    case CODE_LENGTH.unit:
      return code.slice(0, CODE_LENGTH.building);
    case CODE_LENGTH.building:
      return code.slice(0, CODE_LENGTH.grid);
    case CODE_LENGTH.grid:
      return code.slice(0, CODE_LENGTH.community);
    case CODE_LENGTH.community:
      return code.slice(0, CODE_LENGTH.street);
    default:
      return null;
  }
}
