/**
 * `scc`: the command line of Street Command Center. Runs the core in this process (init, import,
 * check-db, …) or behind the HTTP transport (serve). Never needs Electron.
 */
import { AppError } from '../core/errors';
import { log } from '../core/log';
import { MigrationMismatchError } from '../core/db/migrations';
import { UsageError } from './args';
import { checkDb, checkDbHelp } from './commands/checkDb';
import { exportFiles, exportHelp } from './commands/exportFiles';
import { importFiles, importHelp } from './commands/importFiles';
import { init, initHelp } from './commands/init';
import { sync, syncHelp } from './commands/sync';
import { serve, serveHelp } from './commands/serve';
import { backup, backupHelp, encrypt, encryptHelp, restore, restoreHelp } from './commands/storage';
import { entryDirOf } from '../core/paths';
import { installPaths, type InstallPaths } from './paths';

type Command = (args: string[], paths: InstallPaths) => Promise<number>;

const commands: Record<string, { run: Command; help: string }> = {
  serve: { run: serve, help: serveHelp },
  init: { run: init, help: initHelp },
  backup: { run: backup, help: backupHelp },
  restore: { run: restore, help: restoreHelp },
  'check-db': { run: checkDb, help: checkDbHelp },
  encrypt: { run: encrypt, help: encryptHelp },
  import: { run: importFiles, help: importHelp },
  export: { run: exportFiles, help: exportHelp },
  sync: { run: sync, help: syncHelp },
};

function usage(): string {
  return ['街道指挥中心 命令行 scc', '', ...Object.values(commands).map((c) => c.help), '', 'scc --version'].join('\n');
}

export async function runCli(argv: string[], paths: InstallPaths): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    console.log(paths.version);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    console.error(`未知的命令：${name}\n\n${usage()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.help);
    return 0;
  }
  try {
    return await command.run(rest, paths);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`参数错误：${error.message}\n\n${command.help}`);
      return 2;
    }
    if (error instanceof AppError || error instanceof MigrationMismatchError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

const paths = installPaths(entryDirOf(import.meta.url));
runCli(process.argv.slice(2), paths).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    log.error('scc 运行失败', error);
    process.exitCode = 1;
  },
);
