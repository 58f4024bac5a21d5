import { isMethod, methods, type Method, type Output, type ParsedInput } from '../contract';
import type { CoreContext } from './context';

export type Handler<M extends Method> = (input: ParsedInput<M>, ctx: CoreContext) => Output<M> | Promise<Output<M>>;

export type HandlerTable = { [M in Method]?: Handler<M> };

export type Registry = { readonly [M in Method]: Handler<M> };

/** Each feature folder exports one table; the type check ties every handler to its contract line. */
export function defineHandlers<T extends HandlerTable>(table: T): T {
  return table;
}

/**
 * Merges the feature tables into one. Fails at start-up, not at the first call, when a name is
 * handled twice, is not in the contract, or a contract call has no handler.
 */
export function createRegistry(tables: readonly HandlerTable[]): Registry {
  const merged: Record<string, unknown> = {};
  for (const table of tables) {
    for (const [name, handler] of Object.entries(table)) {
      if (!isMethod(name)) throw new Error(`Handler "${name}" is not declared in the contract`);
      if (name in merged) throw new Error(`Handler "${name}" is registered twice`);
      if (typeof handler !== 'function') throw new Error(`Handler "${name}" is not a function`);
      merged[name] = handler;
    }
  }
  const missing = methods.filter((m) => !(m in merged));
  if (missing.length > 0) throw new Error(`Contract calls without a handler: ${missing.join(', ')}`);
  return merged as Registry;
}
