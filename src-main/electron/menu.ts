import type { MenuItemConstructorOptions } from 'electron';
import type { ScreenMenuState } from './screenWindows';

export interface MenuActions {
  openScreen(kiosk: boolean): void;
  closeScreens(): void;
  chooseScreenDisplay(id: number): void;
  setScreenOnStart(on: boolean): void;
  showDataDir(): void;
  about(): void;
}

/** The application menu, in Chinese. Roles give the platform's own behaviour (copy, zoom, quit). */
export function menuTemplate(
  actions: MenuActions,
  isMac: boolean,
  screen: ScreenMenuState = { displays: [], openOnStart: false },
): MenuItemConstructorOptions[] {
  return [
    {
      label: '文件',
      submenu: [
        { label: '打开数据目录', click: () => actions.showDataDir() },
        { type: 'separator' },
        { label: '退出', role: 'quit', accelerator: isMac ? 'Cmd+Q' : 'Ctrl+Q' },
      ],
    },
    {
      label: '编辑',
      submenu: [
        { label: '剪切', role: 'cut' },
        { label: '复制', role: 'copy' },
        { label: '粘贴', role: 'paste' },
        { label: '全选', role: 'selectAll' },
      ],
    },
    {
      label: '视图',
      submenu: [
        { label: '重新加载', role: 'reload' },
        { label: '实际大小', role: 'resetZoom' },
        { label: '放大', role: 'zoomIn' },
        { label: '缩小', role: 'zoomOut' },
        { type: 'separator' },
        { label: '全屏', role: 'togglefullscreen' },
        { label: '开发者工具', role: 'toggleDevTools' },
      ],
    },
    {
      label: '大屏',
      submenu: [
        { label: '在窗口中打开大屏', click: () => actions.openScreen(false) },
        { label: '在副屏全屏展示（展厅模式）', click: () => actions.openScreen(true) },
        { label: '关闭大屏', click: () => actions.closeScreens() },
        { type: 'separator' },
        {
          label: '大屏显示器',
          submenu: screen.displays.map((d) => ({ label: d.label, type: 'radio', checked: d.chosen, click: () => actions.chooseScreenDisplay(d.id) })),
          enabled: screen.displays.length > 0,
        },
        {
          label: '开机后自动打开大屏',
          type: 'checkbox',
          checked: screen.openOnStart,
          click: (item) => actions.setScreenOnStart(item.checked),
        },
      ],
    },
    {
      label: '帮助',
      submenu: [{ label: '关于街道指挥中心', click: () => actions.about() }],
    },
  ];
}
