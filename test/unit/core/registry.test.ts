import { describe, expect, it } from 'vitest';
import { methods } from '../../../src-main/contract';
import { handlerTables } from '../../../src-main/core/handlers';
import { createRegistry, type HandlerTable } from '../../../src-main/core/registry';

const allHandlers = (): HandlerTable => Object.assign({}, ...handlerTables) as HandlerTable;

describe('handler registry', () => {
  it('covers every contract call with exactly one handler', () => {
    const registry = createRegistry(handlerTables);
    expect(Object.keys(registry).sort()).toEqual([...methods].sort());
  });

  it('fails fast when a call is handled twice', () => {
    const tables = [...handlerTables, { 'app.status': allHandlers()['app.status'] } as HandlerTable];
    expect(() => createRegistry(tables)).toThrow(/"app.status" is registered twice/);
  });

  it('fails fast when a contract call has no handler', () => {
    const { ['geo.grids']: _dropped, ...rest } = allHandlers();
    expect(() => createRegistry([rest])).toThrow(/without a handler: geo.grids/);
  });

  it('fails fast on a handler the contract does not declare', () => {
    const stray = { 'geo.nothing': () => 1 } as unknown as HandlerTable;
    expect(() => createRegistry([...handlerTables, stray])).toThrow(/"geo.nothing" is not declared/);
  });
});
