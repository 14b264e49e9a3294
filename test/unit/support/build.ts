import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import type { Context } from 'mocha';

/** CI sets CI=true (GitHub Actions, GitLab, our .ci/run's environment); any value but "" / "false" / "0" counts. */
export function onCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = (env.CI ?? '').trim().toLowerCase();
  return v !== '' && v !== 'false' && v !== '0';
}

/**
 * For tests of the built bundles (dist/): when a file is missing, skip locally with a message saying how
 * to build it, but FAIL under CI, where a missing build is a broken pipeline, not a reason to pass.
 */
export function requireBuilt(ctx: Context, root: string, files: readonly string[], env: NodeJS.ProcessEnv = process.env): void {
  const missing = files.filter((f) => !existsSync(f)).map((f) => relative(root, f));
  if (missing.length === 0) return;
  const what = `${missing.join(', ')} missing: run \`node scripts/build.mjs\` (npm run test:unit does) first`;
  if (onCi(env)) throw new Error(`${what}. Under CI a missing build fails this test instead of skipping it.`);
  console.log(`      skipped: ${what}`);
  ctx.skip();
}
