import type { ComponentType } from 'react';
import { DashboardPage } from '../pages/dashboard/DashboardPage';
import { ExchangePage } from '../pages/exchange/ExchangePage';
import { GeoPage } from '../pages/geo/GeoPage';
import { StoragePage } from '../pages/storage/StoragePage';

export interface NavItem {
  path: string;
  label: string;
  /** A single character shown as the item's mark. */
  mark: string;
  page: ComponentType;
}

export const navItems: NavItem[] = [
  { path: '/', label: '工作台', mark: '台', page: DashboardPage },
  { path: '/geo', label: '网格/社区', mark: '格', page: GeoPage },
  { path: '/exchange', label: '数据交换', mark: '换', page: ExchangePage },
  { path: '/storage', label: '数据与备份', mark: '备', page: StoragePage },
];
