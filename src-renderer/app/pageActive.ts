import { createContext, useContext } from 'react';

/**
 * Whether the page a component belongs to is the one on screen. Roster pages stay mounted after
 * a visit (App keeps them, hidden), so their grids, filters and scroll position are there when the
 * person comes back; while hidden they must not answer keys or ask the core again on every change.
 */
export const PageActive = createContext(true);

export const usePageActive = (): boolean => useContext(PageActive);
