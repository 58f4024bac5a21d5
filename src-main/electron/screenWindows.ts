import { app, screen, type BrowserWindow, type Display, type Rectangle } from 'electron';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Backend } from '../core/core';
import type { ScreenSettings } from '../dto/screen';
import type { Settings, SettingsPatch } from '../dto/settings';
import { createScreenWindow, pickScreenDisplay, type WindowPaths } from './windows';

/** A display as the 大屏 menu lists it. */
export interface DisplayChoice {
  id: number;
  label: string;
  chosen: boolean;
}

export interface ScreenMenuState {
  displays: DisplayChoice[];
  openOnStart: boolean;
}

const sameBounds = (a: Rectangle, b: Rectangle): boolean =>
  a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;

export function displayLabel(display: Display, index: number, primaryId: number): string {
  const { width, height } = display.size;
  return `显示器 ${index + 1}（${width}×${height}${display.id === primaryId ? '，主显示器' : ''}）`;
}

/** An XDG autostart entry: Linux desktops (统信UOS, 麒麟) start the app at login with it. */
export function autostartEntry(command: readonly string[]): string {
  const quoted = command.map((part) => (/[\s"'\\]/.test(part) ? `"${part.replace(/(["\\$`])/g, '\\$1')}"` : part));
  return ['[Desktop Entry]', 'Type=Application', 'Name=街道指挥中心', `Exec=${quoted.join(' ')}`, 'X-GNOME-Autostart-enabled=true', ''].join('\n');
}

/**
 * The big-screen windows and the settings that bring them back: the chosen display, kiosk, and
 * opening at start (with the app started at login), so a hall screen returns after a power cut.
 */
export class ScreenWindows {
  private readonly open = new Set<BrowserWindow>();

  constructor(
    private readonly paths: WindowPaths,
    private readonly backend: Backend,
    /** The command that starts this app again (autostart at login on Linux). */
    private readonly relaunchCommand: readonly string[],
    private readonly onChange: () => void = () => undefined,
  ) {
    const relocate = (): void => {
      void this.relocate().then(() => this.onChange());
    };
    screen.on('display-added', relocate);
    screen.on('display-removed', relocate);
  }

  windows(): BrowserWindow[] {
    return [...this.open].filter((w) => !w.isDestroyed());
  }

  async settings(): Promise<ScreenSettings | null> {
    const result = await this.backend.call('settings.get', {});
    return result.ok ? (result.value as Settings).screen : null;
  }

  private async update(patch: NonNullable<SettingsPatch['screen']>): Promise<void> {
    await this.backend.call('settings.update', { screen: patch } satisfies SettingsPatch);
  }

  /** Opens a screen on the chosen display; the kiosk choice is remembered for the next start. */
  async openScreen(kiosk: boolean): Promise<BrowserWindow> {
    const settings = await this.settings();
    const win = createScreenWindow(this.paths, { kiosk, ...(settings && settings.displayId !== null ? { displayId: settings.displayId } : {}) });
    this.open.add(win);
    win.on('closed', () => this.open.delete(win));
    if (settings && settings.kiosk !== kiosk) await this.update({ kiosk });
    return win;
  }

  closeAll(): void {
    for (const win of this.windows()) win.close();
  }

  /** At start: the screen comes back if the setting says so. */
  async restore(): Promise<void> {
    const settings = await this.settings();
    if (settings?.openOnStart) await this.openScreen(settings.kiosk);
  }

  async chooseDisplay(id: number): Promise<void> {
    await this.update({ displayId: id });
    await this.relocate();
    this.onChange();
  }

  async setOpenOnStart(on: boolean): Promise<void> {
    await this.update({ openOnStart: on });
    this.setAutostart(on);
    this.onChange();
  }

  async menuState(): Promise<ScreenMenuState> {
    const settings = await this.settings();
    const primary = screen.getPrimaryDisplay();
    const displays = screen.getAllDisplays();
    const target = pickScreenDisplay(displays, primary, settings?.displayId ?? undefined);
    return {
      displays: displays.map((d, i) => ({ id: d.id, label: displayLabel(d, i, primary.id), chosen: d.id === target.id })),
      openOnStart: settings?.openOnStart ?? false,
    };
  }

  /** Moves open screens to the display they belong on (it was plugged in after start, or chosen). */
  private async relocate(): Promise<void> {
    const wins = this.windows();
    if (wins.length === 0) return;
    const wantedId = (await this.settings())?.displayId ?? undefined;
    const target = pickScreenDisplay(screen.getAllDisplays(), screen.getPrimaryDisplay(), wantedId);
    for (const win of wins) {
      if (sameBounds(win.getBounds(), target.bounds)) continue;
      const kiosk = win.isKiosk();
      if (kiosk) win.setKiosk(false);
      win.setBounds(target.bounds);
      if (kiosk) win.setKiosk(true);
    }
  }

  private setAutostart(on: boolean): void {
    if (process.platform === 'win32' || process.platform === 'darwin') {
      app.setLoginItemSettings({ openAtLogin: on, args: [...this.relaunchCommand.slice(1)] });
      return;
    }
    const dir = join(app.getPath('appData'), 'autostart');
    const file = join(dir, 'street-command-center.desktop');
    if (on) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(file, autostartEntry(this.relaunchCommand));
    } else {
      rmSync(file, { force: true });
    }
  }
}
