import { spawn, type ChildProcess } from 'node:child_process';

export interface ServedScc {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts `scc serve --port 0` (the built app at `scc`, bin/scc.js) on a data directory and waits
 * for the address it prints. Shared by the e2e harness and the benchmarks, which are bundled and
 * so pass the script's path rather than finding it from this module.
 */
export function startScc(scc: string, dataDir: string, options: { extra?: string[]; timeoutMs: number }): Promise<ServedScc> {
  const child = spawn(process.execPath, [scc, 'serve', '--port', '0', '--data', dataDir, ...(options.extra ?? [])], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`scc serve did not start:\n${output}`)), options.timeoutMs);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const match = /已启动：(http:\/\/\S+?)\/(\?token=\S+)?\s/.exec(output);
      if (!match?.[1]) return;
      clearTimeout(timer);
      resolve({
        url: match[1],
        process: child,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`scc serve exited ${code}:\n${output}`));
    });
  });
}
