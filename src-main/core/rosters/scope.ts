import type { Scope } from '../../dto/rosters';
import type { Binder, Condition } from './sql';

/**
 * The governance tree as WHERE fragments on a grid id or a building id column: each roster says
 * which of its columns places a row in the tree. The narrowest level given wins.
 */
export function gridScope(gridColumn: string, scope: Scope, b: Binder, needs: readonly string[] = []): Condition | null {
  if (scope.gridCode) return { sql: `${gridColumn} = (SELECT id FROM grid WHERE code = ${b.bind(scope.gridCode)})`, needs };
  if (scope.communityCode) {
    return {
      sql: `${gridColumn} IN (SELECT g.id FROM grid g JOIN community c ON c.id = g.community_id WHERE c.code = ${b.bind(scope.communityCode)})`,
      needs,
    };
  }
  return null;
}

export const buildingIdOf = (code: string, b: Binder): string => `(SELECT id FROM building WHERE code = ${b.bind(code)})`;
