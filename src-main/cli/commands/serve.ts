import { randomBytes } from 'node:crypto';
import type { Backend } from '../../core/core';
import { startWorkerBackend } from '../../core/host/workerBackend';
import type { Settings, SettingsPatch } from '../../dto/settings';
import { startHttpTransport } from '../../server/http';
import { isLoopback } from '../../server/security';
import { dataDirFrom, dataOption, intOption, parse, passphraseFrom } from '../args';
import type { InstallPaths } from '../paths';

export const serveHelp = `scc serve [--host H] [--port N] [--data DIR] [--token T] [--screen-token T]
  在浏览器中使用本程序（与桌面版同一界面与数据）。默认只监听 127.0.0.1。
  --host H    监听地址；绑定到 127.0.0.1 以外时，所有接口都需要访问令牌
  --port N    端口，默认 8620；0 表示任选空闲端口
  --data DIR  数据目录，默认为用户的应用数据目录
  --token T   访问令牌；不指定且需要时自动生成并打印
  --screen-token T  大屏只读令牌（只能查看 /screen 数据大屏）；不指定时使用设置中保存的令牌，没有则生成并保存
  --passphrase-file F  已加密的数据库的口令文件（或环境变量 SCC_PASSPHRASE）；不提供时在页面上输入`;

/**
 * The read-only token LAN screens use. It is kept in the settings: a screen in a hall keeps its
 * cookie for months, and must still get in after the server restarts (a power cut).
 */
async function screenTokenOf(backend: Backend): Promise<string> {
  const current = await backend.call('settings.get', {});
  const saved = current.ok ? (current.value as Settings).screen.readToken : null;
  if (saved) return saved;
  const fresh = randomBytes(18).toString('base64url');
  const patch: SettingsPatch = { screen: { readToken: fresh } };
  await backend.call('settings.update', patch);
  return fresh;
}

export async function serve(args: string[], paths: InstallPaths): Promise<number> {
  const { values } = parse(args, {
    ...dataOption,
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string' },
    token: { type: 'string' },
    'screen-token': { type: 'string' },
  });
  const host = values.host ?? '127.0.0.1';
  const port = intOption('port', values.port, 8620, 0, 65535);
  const dataDir = dataDirFrom(values.data);
  const token = values.token ?? (isLoopback(host) ? null : randomBytes(18).toString('base64url'));

  const backend = await startWorkerBackend(paths.workerFile, {
    dataDir,
    resourcesDir: paths.resourcesDir,
    version: paths.version,
    passphrase: passphraseFrom(values['passphrase-file']),
  });
  const screenToken = token ? (values['screen-token'] ?? (await screenTokenOf(backend))) : null;
  const http = await startHttpTransport(backend, { host, port, rendererDir: paths.rendererDir, token, screenToken });

  console.log(`街道指挥中心 已启动：${http.url}/${token ? `?token=${token}` : ''}`);
  console.log(`数据大屏：${http.url}/screen${screenToken ? `?token=${screenToken}` : ''}`);
  console.log(`数据目录：${dataDir}`);
  if (token) console.log('已绑定到本机以外的地址：访问需要上面链接中的令牌，请只告知需要的人。大屏链接中的令牌只能查看数据大屏。');

  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await http.close();
  await backend.close();
  return 0;
}
