#!/usr/bin/env node
// `npm start`: build, then run the desktop app. On machines where the Electron binary was not
// downloaded at install time (ELECTRON_SKIP_BINARY_DOWNLOAD=1, offline), try to fetch it now and
// say plainly what to do when that is not possible.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const electronDir = dirname(require.resolve('electron/package.json'));

function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

let binary = electronBinary();
if (!binary) {
  console.log('未找到 Electron 程序文件，正在下载… (Electron binary missing; downloading it now)');
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'inherit', env });
  binary = electronBinary();
}
if (!binary) {
  console.error(`
无法下载 Electron，桌面版无法启动。可以：
  1. 在能访问互联网的电脑上运行 npm start；或设置国内镜像后重试：
       ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/ npm start
  2. 把对应平台的 Electron 压缩包放入 Electron 缓存目录后重试（见 https://www.electronjs.org/docs/latest/tutorial/installation）；
  3. 不使用桌面版：运行 npm run serve，在浏览器中打开同一应用。

Could not download Electron, so the desktop app cannot start. Run \`npm start\` where the internet is
reachable (or set ELECTRON_MIRROR), place the Electron zip in its cache, or use \`npm run serve\`.`);
  process.exit(1);
}

const build = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);

const app = spawn(binary, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
app.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
