import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Golden files: test/unit/golden/ holds exact outputs for the hand-made fixture. After an intended
 * change, regenerate them with `IMPACT_LOG_UPDATE_GOLDEN=1 npm run test:unit` and read the diff
 * before committing it: the golden file is what a user gets.
 */
export const GOLDEN_DIR = join(__dirname, '..', '..', '..', '..', 'test', 'unit', 'golden');

export function golden(name: string, actual: string): void {
  const path = join(GOLDEN_DIR, name);
  if (process.env.IMPACT_LOG_UPDATE_GOLDEN === '1' || !existsSync(path)) {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(path, actual);
    if (process.env.IMPACT_LOG_UPDATE_GOLDEN !== '1') assert.fail(`${name} did not exist and was written; review it and run again`);
    return;
  }
  assert.equal(actual, readFileSync(path, 'utf8'), `${name} differs; if the change is intended, regenerate with IMPACT_LOG_UPDATE_GOLDEN=1 and review the diff`);
}
