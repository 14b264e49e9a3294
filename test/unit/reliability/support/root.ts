import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root: the nearest folder above the compiled test holding Impact Log's package.json and src/; else the working directory. */
export function repoRoot(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && existsSync(join(dir, 'src', 'extension.ts'))) {
      if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'impact-log') return dir;
    }
  }
  return process.cwd();
}
