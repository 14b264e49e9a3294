// The guard of the tests that read the built bundles: locally a missing build skips (with a message),
// under CI it fails, so a pipeline that forgot to build cannot pass those tests by skipping them.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Context } from 'mocha';
import { onCi, requireBuilt } from './support/build';
import { tempDir } from './support/tmp';

describe('tests of the built bundles: a missing build', () => {
  const skipped = new Error('skipped');
  const ctx = { skip: () => { throw skipped; } } as unknown as Context;

  it('fails under CI=true, naming the missing file', () => {
    const tmp = tempDir();
    try {
      assert.throws(() => requireBuilt(ctx, tmp.dir, [join(tmp.dir, 'dist', 'core.js')], { CI: 'true' }), /dist\/core\.js missing.*Under CI a missing build fails/s);
    } finally {
      tmp.cleanup();
    }
  });

  it('skips locally (CI unset, empty, "false" or "0")', () => {
    const tmp = tempDir();
    try {
      for (const env of [{}, { CI: '' }, { CI: 'false' }, { CI: '0' }]) {
        assert.throws(() => requireBuilt(ctx, tmp.dir, [join(tmp.dir, 'dist', 'core.js')], env), (e) => e === skipped, JSON.stringify(env));
      }
    } finally {
      tmp.cleanup();
    }
  });

  it('does nothing when the files are there', () => {
    requireBuilt(ctx, __dirname, [__filename], { CI: 'true' });
    assert.equal(onCi({ CI: 'true' }), true);
    assert.equal(onCi({ CI: '1' }), true);
    assert.equal(onCi({}), false);
  });
});
