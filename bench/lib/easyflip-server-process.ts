import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ServerProcess {
  baseUrl: string;
  pid: number;
  /** The last lines the server wrote, for a failure message. */
  errorOutput(): string;
  /** SIGTERM, then waits for the process to end (running jobs finish first). */
  stop(): Promise<void>;
  /** SIGKILL, then waits: for when what was measured is done and running jobs do not matter. */
  kill(): Promise<void>;
}

/**
 * Runs `easyflip start` in a child process, so what is measured (memory above all) is the
 * server's alone. Resolves once the server logs that it is serving.
 */
export async function startServerProcess(env: Record<string, string>, timeoutMs = 120_000): Promise<ServerProcess> {
  const port = await findFreePort();
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin/easyflip.js'), 'start'], {
    cwd: repoRoot,
    env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<void>((resolve) => {
    // The logger writes to stderr; either stream may carry the line.
    const watch = (chunk: string): void => {
      output = (output + chunk).slice(-8000);
      if (output.includes('EasyFlip is serving')) resolve();
    };
    child.stdout.setEncoding('utf8').on('data', watch);
    child.stderr.setEncoding('utf8').on('data', watch);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await waitForServing(ready, exited, timeoutMs, () => output);
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    throw error;
  }
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    errorOutput: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

async function waitForServing(ready: Promise<void>, exited: Promise<void>, timeoutMs: number, output: () => string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    ready.then(() => 'ready' as const),
    exited.then(() => 'exited' as const),
    new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    }),
  ]);
  clearTimeout(timer);
  if (outcome === 'exited') throw new Error(`The server exited during startup\n${output()}`);
  if (outcome === 'timeout') throw new Error(`The server did not start within ${timeoutMs} ms\n${output()}`);
}

/** A port nobody listens on now (the server cannot report the one it picked for port 0). */
function findFreePort(): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
