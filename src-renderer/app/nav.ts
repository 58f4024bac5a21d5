import type { ComponentType } from 'react';
import { DashboardPage } from '../pages/dashboard/DashboardPage';
import { ExchangePage } from '../pages/exchange/ExchangePage';
import { GeoPage } from '../pages/geo/GeoPage';
import { BuildingsPage } from '../pages/rosters/BuildingsPage';
import { MembersPage } from '../pages/rosters/MembersPage';
import { PartyPage } from '../pages/rosters/PartyPage';
import { ResidentsPage } from '../pages/rosters/ResidentsPage';
import { StaffPage } from '../pages/rosters/StaffPage';
import { ScreenSettingsPage } from '../pages/screen/ScreenSettingsPage';
import { StoragePage } from '../pages/storage/StoragePage';

export interface NavItem {
  path: string;
  label: string;
  /** A single character shown as the item's mark. */
  mark: string;
  page: ComponentType;
  /** Kept mounted (hidden) once visited: a roster is where a person left it, and comes back at once. */
  keep?: boolean;
}

export const navItems: NavItem[] = [
  { path: '/', label: '工作台', mark: '台', page: DashboardPage },
  { path: '/residents', label: '实有人口', mark: '人', page: ResidentsPage, keep: true },
  { path: '/members', label: '党员', mark: '党', page: MembersPage, keep: true },
  { path: '/party', label: '党组织', mark: '组', page: PartyPage, keep: true },
  { path: '/staff', label: '工作力量', mark: '力', page: StaffPage, keep: true },
  { path: '/buildings', label: '楼栋/房屋', mark: '楼', page: BuildingsPage, keep: true },
  { path: '/geo', label: '网格/社区', mark: '格', page: GeoPage },
  { path: '/exchange', label: '数据交换', mark: '换', page: ExchangePage },
  { path: '/screen-settings', label: '大屏设置', mark: '屏', page: ScreenSettingsPage },
  { path: '/storage', label: '数据与备份', mark: '备', page: StoragePage },
];
