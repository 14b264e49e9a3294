import { spawn } from 'node:child_process';

/** How a child Node process ended. */
export interface ChildRun {
  readonly stderr: string;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/**
 * Runs `node script ...args` (a stand-in for a VS Code window) and hands each complete stdout line
 * to `onLine` as it arrives, with a function that SIGKILLs the child; `onStart` gets the same
 * function right after the spawn. Resolves when the child has exited.
 */
export function runLines(
  script: string,
  args: readonly string[],
  onLine: (line: string, kill: () => void) => void,
  onStart?: (kill: () => void) => void,
): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const kill = () => child.kill('SIGKILL');
    let buf = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buf += chunk.toString();
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const line of lines) onLine(line, kill);
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ stderr, code, signal }));
    onStart?.(kill);
  });
}
