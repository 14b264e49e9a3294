import { spawn } from 'node:child_process';

export interface BoundedRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number | null;
  /** True when the child was still running at the deadline and was killed: a hang, not an answer. */
  readonly timedOut: boolean;
}

/**
 * Runs `node script ...args` and kills it (SIGKILL) if it has not exited after `timeoutMs`, so a
 * call that spins forever fails the test instead of hanging the run.
 */
export function runBounded(script: string, args: readonly string[], timeoutMs: number, env: NodeJS.ProcessEnv = process.env): Promise<BoundedRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code, timedOut });
    });
  });
}
