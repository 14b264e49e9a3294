// Makes the upgrade fixture for one released schema version: a database written by that schema
// with a representative set of entries of every kind (all fields, minimal ones, edited, deleted,
// deleted-then-restored, Unicode), plus the JSON of what it must contain.
//
//   node scripts/make-fixture.mjs [version] [--variant deletions]    (default 1; run with Node >= 22.14)
//   -> test/fixtures/schema-v<version>[-deletions].sqlite and its .expected.json
//
// From schema 2 on, every fixture also holds several deletions (one of three entries, one of
// one, two in the same millisecond, one undone) and the expected file lists them, oldest first,
// as "Undo Delete" must find them. `--variant deletions` adds the same to an older version's
// fixture (made later, for the upgrade of files that already have such deletions). From schema 3
// on, it also holds follow-ups (answers, an exclusion, a snooze, an answer on an entry that is
// then deleted) and the expected file lists them. From schema 4 on, suggestions from Git (new
// ones with and without a pull request, a revert, Unicode; one dismissed; one accepted into an
// entry that then has a follow-up), listed with their commits.
//
// Run it once, when a schema version is released, and commit both files; never regenerate an
// existing fixture (it stands for files users already have). The migrations are pinned to
// <version>, so the file is what that release wrote. test/unit/reliability/upgrade.test.ts opens
// every fixture with the current code and checks that nothing was lost.
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const version = Number(process.argv[2] ?? 1);
const variantAt = process.argv.indexOf('--variant');
const variant = variantAt > 0 ? process.argv[variantAt + 1] : undefined;
if (variant !== undefined && variant !== 'deletions') throw new Error(`unknown variant ${variant}; the one there is: deletions`);
const withDeletions = version >= 2 || variant === 'deletions';
const name = `schema-v${version}${variant ? `-${variant}` : ''}`;
const target = join(root, 'test', 'fixtures', `${name}.sqlite`);
const expectedFile = join(root, 'test', 'fixtures', `${name}.expected.json`);
if (existsSync(target) && !process.argv.includes('--force')) {
  console.error(`${target} exists; fixtures stand for released files and are not regenerated (pass --force to overwrite).`);
  process.exit(1);
}

// Bundle the current storage and domain code into a temporary CommonJS file and load it (inside
// node_modules/.cache, so that it finds better-sqlite3).
mkdirSync(join(root, 'node_modules', '.cache'), { recursive: true });
const work = mkdtempSync(join(root, 'node_modules', '.cache', 'impact-log-fixture-'));
const bundle = join(work, 'lib.cjs');
await esbuild.build({
  absWorkingDir: root,
  stdin: { contents: "export * from './src/storage'; export * from './src/domain'; export * from './src/domain/followUps'; export * from './src/domain/suggestions'; export { entryToParams } from './src/storage/rows';", resolveDir: root, loader: 'ts' },
  outfile: bundle,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external: ['better-sqlite3'],
  logLevel: 'warning',
});
const lib = createRequire(bundle)(bundle);

const migrations = lib.MIGRATIONS.filter((m) => m.version <= version);
if (migrations.at(-1)?.version !== version) throw new Error(`no migration for schema ${version}`);

let clock = Date.parse('2026-03-02T08:15:00.000Z');
const tick = () => (clock += 61_000);
/** While true, the clock stands still: two deletions in the same millisecond. */
let frozen = false;
rmSync(target, { force: true });
mkdirSync(join(root, 'test', 'fixtures'), { recursive: true });
const store = await lib.EntryStore.open({ path: target, migrations, now: () => (frozen ? clock : tick()), backupDir: join(work, 'backups') });
const add = (kind, input) => store.add(lib.parseNewEntry(kind, input, clock));

// Deleting and restoring as the release of <version> did. Schema 1 knew deletions only by their
// time: the current store writes deletion ids, so for it the fixture runs 0.1.0's statements on a
// second connection (one transaction each, as 0.1.0's EntryStore did).
const raw = version === 1 ? lib.openDb(target).db : undefined;
/** Ids per deletion, oldest first, as written (a restored deletion is removed). */
const deletions = [];
function softDelete(ids) {
  if (!raw) store.softDelete(ids);
  else {
    const now = frozen ? clock : tick();
    const stmt = raw.prepare('UPDATE entries SET deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL');
    raw.write(() => ids.forEach((id) => stmt.run(now, now, id)));
  }
  deletions.push([...ids].sort());
}
function update(id, patch) {
  if (!raw) return store.update(id, patch);
  const next = lib.applyPatch(store.get(id), patch, frozen ? clock : tick());
  const [, ...rest] = lib.entryToParams(next);
  const stmt = raw.prepare('UPDATE entries SET kind = ?, title = ?, occurred_at = ?, created_at = ?, updated_at = ?, deleted_at = ?, impact = ?, details = ?, tags = ?, links = ?, context = ?, fields = ? WHERE id = ?');
  raw.write(() => stmt.run(...rest, id));
  return next;
}
function undoDelete(ids) {
  if (!raw) store.undoDelete(ids);
  else {
    const now = frozen ? clock : tick();
    const stmt = raw.prepare('UPDATE entries SET deleted_at = NULL, updated_at = ? WHERE id = ? AND deleted_at IS NOT NULL');
    raw.write(() => ids.forEach((id) => stmt.run(now, id)));
  }
  const i = deletions.findIndex((d) => d.length === ids.length && d.every((id) => ids.includes(id)));
  if (i >= 0) deletions.splice(i, 1);
}

const ctx = { workspaceFolder: 'shop', repo: 'github.com/acme/shop', branch: 'fix/checkout-p99', commit: '3f9c2a1b7d', file: 'src/checkout/cart.ts', startLine: 120, endLine: 164 };
const problem = add('problem', {
  title: 'Checkout p99 from 2.1 s to 300 ms',
  occurredAt: '2026-02-14T16:40:00Z',
  details: '## Root cause\n\nAn N+1 query in `cart.ts`: one `SELECT` per line item.\n\n- batched the lookups\n- added an index on `sku`',
  tags: ['perf', 'checkout', '#Customer-Facing'],
  links: [{ url: 'https://github.com/acme/shop/pull/4412', label: 'PR #4412' }, 'https://grafana.example.com/d/checkout?from=now-7d'],
  impact: 'high',
  whatWasWrong: 'Checkout timed out for carts with more than 40 items.',
  fix: 'Batched SKU lookups; one query instead of N.',
  value: 'Fewer abandoned carts during the spring sale.',
  customerVisible: true,
  identifiedAt: '2026-02-10',
  resolvedAt: '2026-02-14T16:30:00Z',
  aiInvolvement: 'assisted',
  context: ctx,
});
add('problem', { title: 'Flaky login test fixed', occurredAt: '2026-02-03' });
add('ai-assist', { title: 'Generate a zod schema for the webhook payload', occurredAt: '2026-02-05T10:00:00Z', task: 'webhook schema', tool: 'Claude', verdict: 'accepted', minutesSaved: 25, rework: false });
add('ai-assist', { title: 'Refactor retry loop', occurredAt: '2026-02-06T11:00:00Z', tool: 'GitHub Copilot', verdict: 'adapted', reason: 'over-engineered', minutesSaved: 5 });
add('ai-assist', { title: 'Suggested S3 client call', occurredAt: '2026-02-07T12:00:00Z', tool: 'ChatGPT', verdict: 'discarded', reason: 'invented an API', minutesSaved: -20, rework: true, tags: ['aws'] });
add('review-catch', {
  title: 'SQL injection in the report filter',
  occurredAt: '2026-02-08T09:30:00Z',
  severity: 'critical',
  category: 'security',
  author: 'ai-generated',
  wouldReachProduction: true,
  links: [{ url: 'https://github.com/acme/shop/pull/4390#discussion_r1', label: 'review comment' }],
  impact: 'high',
});
add('review-catch', { title: 'Off-by-one in pagination', occurredAt: '2026-02-09', severity: 'low', category: 'correctness', author: 'teammate', wouldReachProduction: false });
add('shipped', { title: 'Saved carts for signed-out users', occurredAt: '2026-02-20', customerVisible: true, release: 'v5.12.0', links: 'https://acme.example.com/changelog#5.12' });
add('incident', {
  title: 'Payments webhook backlog',
  occurredAt: '2026-02-21T03:12:00Z',
  role: 'handled',
  severity: 'high',
  minutesToMitigate: 42,
  followUp: 'Alert on queue depth > 1000.\nPost-mortem on Friday.',
  impact: 'medium',
});
add('incident', { title: 'Bad config push (mine)', occurredAt: '2026-02-22T14:00:00Z', role: 'caused', severity: 'medium', minutesToMitigate: 9 });
add('note', { title: 'Mentored Priya on the payment service', occurredAt: '2026-02-23', category: 'mentoring', tags: ['mentoring'] });
add('note', { title: 'Kept the on-call runbook alive — “stuff that isn’t my job” ✨ 修正 مرحبا', occurredAt: '2026-02-24', category: 'glue', tags: ['Docs', 'ÜBER-team', 'runbook'], details: 'Emoji 🧯, CJK 漢字, RTL עברית, combining é (e\u0301).' });
add('note', { title: 'Design review for the search service', occurredAt: '2026-02-25', category: 'design', impact: 'low' });

// Edited after logging, deleted, deleted and restored.
update(problem.id, lib.parsePatch('problem', { title: 'Checkout p99 from 2.1 s to 280 ms', value: 'Fewer abandoned carts; conversion +0.4 pt.' }));
const deleted = add('note', { title: 'Logged by mistake', occurredAt: '2026-02-26' });
softDelete([deleted.id]);
const restored = add('shipped', { title: 'Dark mode for the admin UI', occurredAt: '2026-02-27', customerVisible: false });
softDelete([restored.id]);
undoDelete([restored.id]);
if (withDeletions) {
  const ids = (...es) => es.map((e) => e.id);
  softDelete(ids(add('note', { title: 'Standup notes, Monday' }), add('note', { title: 'Standup notes, Tuesday' }), add('problem', { title: 'Duplicate of the p99 fix' })));
  softDelete(ids(add('incident', { title: 'Logged twice: webhook backlog', role: 'handled' })));
  const a = add('note', { title: 'Removed from the timeline, window one' });
  const b = add('note', { title: 'Removed from the timeline, window one, too' });
  const c = add('review-catch', { title: 'Removed by a keybinding, window two', severity: 'low', category: 'maintainability', author: 'own' });
  frozen = true;
  softDelete(ids(a, b));
  softDelete(ids(c));
  frozen = false;
  const back = add('ai-assist', { title: 'Deleted, then Undo Delete', tool: 'Claude', verdict: 'accepted' });
  softDelete(ids(back));
  undoDelete(ids(back));
}
store.setMeta('lastExportAt', '2026-02-28T18:00:00.000Z');
raw?.close();

// Schema 3: follow-ups (answers with and without note, evidence and a linked incident; an
// exclusion; a snooze; an answer on an entry that is then deleted).
if (version >= 3) {
  const cfg = { enabled: true, checkpoints: lib.DEFAULT_CHECKPOINTS };
  const tz = 'UTC';
  const byTitle = (t) => store.list({ deleted: 'include' }).find((e) => e.title === t);
  const answer = (arg) => store.followUps.answer(lib.parseFollowUpArgument(arg), { cfg, timeZone: tz });
  clock = Date.parse('2026-03-25T09:00:00.000Z');
  answer({ id: byTitle('Saved carts for signed-out users').id, outcome: 'caused-incident', incidentId: byTitle('Bad config push (mine)').id, evidence: 'https://github.com/acme/shop/commit/9e1f00d', note: 'The cart cache key collided — “oops” ✨' });
  answer({ id: problem.id, outcome: 'held', checkpoint: 30 });
  answer({ id: byTitle('Generate a zod schema for the webhook payload').id, outcome: 'unknown' });
  answer({ id: byTitle('Flaky login test fixed').id, outcome: 'reverted', checkpoint: 90, note: 'Flaked again\nafter the runner upgrade' });
  store.followUps.exclude(byTitle('Refactor retry loop').id);
  store.followUps.snooze(restored.id, 7, tz);
  const gone = add('shipped', { title: 'Shipped, followed up, then deleted', occurredAt: '2026-02-01' });
  answer({ id: gone.id, outcome: 'superseded' });
  softDelete([gone.id]);
}

// Schema 4: suggestions from Git history.
if (version >= 4) {
  const sha = (c) => c.repeat(40);
  const repo = { repoRoot: '/home/me/src/shop', repoName: 'github.com/acme/shop', reverts: undefined };
  const pr = (n) => ({ url: `https://github.com/acme/shop/pull/${n}`, label: `Pull request #${n}` });
  const commit = (h) => ({ url: `https://github.com/acme/shop/commit/${h}`, label: `Commit ${h.slice(0, 7)}` });
  clock = Date.parse('2026-03-27T16:00:00.000Z');
  const offered = store.suggestions.offer([
    { ...repo, fingerprint: 'github.com/acme/shop#pr:4501', kind: 'shipped', title: 'Gift cards at checkout', occurredAt: Date.parse('2026-03-24T15:02:00Z'), shas: [sha('a'), sha('b')], headSha: sha('a'), pullRequest: 4501, branch: 'main', links: [pr(4501)], subjects: ['feat: gift cards at checkout', 'test: gift card totals'] },
    { ...repo, fingerprint: `github.com/acme/shop#commit:${sha('c')}`, kind: 'problem', title: 'fix: rounding of “€” totals ✨ 修正', occurredAt: Date.parse('2026-03-25T10:30:00Z'), shas: [sha('c')], headSha: sha('c'), pullRequest: undefined, branch: 'fix/rounding', links: [commit(sha('c'))], subjects: ['fix: rounding of “€” totals ✨ 修正'] },
    { ...repo, fingerprint: `github.com/acme/shop#commit:${sha('d')}`, kind: undefined, title: 'chore: bump dependencies', occurredAt: Date.parse('2026-03-25T11:00:00Z'), shas: [sha('d'), sha('e'), sha('f')], headSha: sha('f'), pullRequest: undefined, branch: 'deps', links: [commit(sha('f'))], subjects: ['chore: bump eslint', 'chore: bump zod', 'chore: bump mocha'] },
    { ...repo, fingerprint: 'github.com/acme/shop#pr:4507', kind: 'shipped', title: 'Revert "Gift cards at checkout"', occurredAt: Date.parse('2026-03-26T09:00:00Z'), shas: [sha('1')], headSha: sha('1'), pullRequest: 4507, branch: 'main', links: [pr(4507)], subjects: ['Revert "Gift cards at checkout"'], reverts: sha('a') },
    { ...repo, fingerprint: 'github.com/acme/shop#pr:4510', kind: 'shipped', title: 'Saved searches', occurredAt: Date.parse('2026-03-26T17:45:00Z'), shas: [sha('2'), sha('3')], headSha: sha('2'), pullRequest: 4510, branch: 'main', links: [pr(4510)], subjects: ['feat: saved searches'] },
  ]);
  const byFingerprint = (f) => offered.find((x) => x.fingerprint === f);
  store.suggestions.dismiss([byFingerprint(`github.com/acme/shop#commit:${sha('d')}`).id]);
  const taken = byFingerprint('github.com/acme/shop#pr:4510');
  const accepted = store.suggestions.accept(taken.id, lib.parseNewEntry('shipped', lib.suggestionLogFields(taken), clock, lib.suggestionContext(taken)));
  clock = Date.parse('2026-04-28T09:00:00.000Z');
  store.followUps.answer(lib.parseFollowUpArgument({ id: accepted.id, outcome: 'held', note: 'Used by 40% of searchers' }), { cfg: { enabled: true, checkpoints: lib.DEFAULT_CHECKPOINTS }, timeZone: 'UTC' });
}

const entries = store.list({ deleted: 'include' }).sort((a, b) => a.id.localeCompare(b.id));
const meta = { lastExportAt: store.getMeta('lastExportAt') };
const suggestions = version >= 4 ? { suggestions: ['new', 'accepted', 'dismissed'].flatMap((status) => store.suggestions.list({ status })) } : {};
const followUps = version >= 3 ? { followUps: store.followUps.list(undefined, true), followUpStates: store.followUps.listStates(undefined, true) } : {};
const integrity = store.integrityCheck();
store.close();
// What "Undo Delete" must restore, newest last. Schema 1 knew deletions only by time, so the
// upgrade makes one deletion of the entries that share a deletedAt.
const expectedDeletions =
  version === 1
    ? [...Map.groupBy(entries.filter((e) => e.deletedAt !== null), (e) => e.deletedAt)]
        .sort(([x], [y]) => Date.parse(x) - Date.parse(y))
        .map(([, es]) => es.map((e) => e.id).sort())
    : deletions;
if (integrity !== 'ok') throw new Error(`fixture failed integrity_check: ${integrity}`);
for (const suffix of ['-wal', '-shm']) rmSync(target + suffix, { force: true });
const madeWith = `scripts/make-fixture.mjs ${version}${variant ? ` --variant ${variant}` : ''}`;
writeFileSync(expectedFile, `${JSON.stringify({ schemaVersion: version, madeWith, meta, entries, ...followUps, ...suggestions, ...(withDeletions ? { deletions: expectedDeletions } : {}) }, null, 2)}\n`);
rmSync(work, { recursive: true, force: true });
console.log(`${target}: ${entries.length} entries (schema ${version})\n${expectedFile}`);
