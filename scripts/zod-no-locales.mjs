// An esbuild plugin: zod bundles its error messages in ~40 languages (`z.locales`, about 45 % of
// our bundle before this). Our messages are our own (src/domain/validation.ts) and zod's English
// default is imported on its own (`locales/en.js`), so the index of all languages becomes an empty
// module. Used by scripts/build.mjs and by the benchmark's zod-only bundle (test/bench/run.ts).
import { sep } from 'node:path';

/** The plugin, and whether it found zod's locales index (a zod update may move it). */
export function zodWithoutLocales() {
  const state = { dropped: false };
  const plugin = {
    name: 'zod-without-locales',
    setup(build) {
      build.onResolve({ filter: /^\.\.\/locales\/index\.c?js$/ }, (a) => {
        if (!a.importer.includes(`${sep}node_modules${sep}zod${sep}`)) return undefined;
        state.dropped = true;
        return { path: 'zod-locales', namespace: 'zod-without-locales' };
      });
      build.onLoad({ filter: /.*/, namespace: 'zod-without-locales' }, () => ({ contents: 'export {};', loader: 'js' }));
    },
  };
  return { plugin, state };
}
