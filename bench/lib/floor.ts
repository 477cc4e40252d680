import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './machine.ts';

export type FloorServer = { origin: string; pid: number; stop(): Promise<void> };

/** Starts bench/lib/floor-server.ts in its own process (so it has a core to itself, as Deepsheet does). */
export function startFloorServer(args: string[]): Promise<FloorServer> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'bench/lib/floor-server.ts'), ...args],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`floor server ${args[0]} did not start`));
    }, 60_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d;
      const port = /listening (\d+)/.exec(out)?.[1];
      if (!port) return;
      clearTimeout(timer);
      resolve({
        origin: `http://127.0.0.1:${port}`,
        pid: child.pid!,
        async stop() {
          child.kill('SIGTERM');
          const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          await exited;
          clearTimeout(killer);
        },
      });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`floor server ${args[0]} exited with ${code}`));
    });
  });
}
