import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Entry, KIND_IDS } from '../../../src/domain';
import type { FollowUp, FollowUpState } from '../../../src/domain/followUps';
import type { Suggestion } from '../../../src/domain/suggestions';
import { EntryStore, LATEST_VERSION, MIGRATIONS, openDb } from '../../../src/storage';
import { ENGINES, tempDir } from '../support/tmp';
import { repoRoot } from './support/root';
import { sha256, snapshot } from './support/seed';

/**
 * Upgrades: every released schema version has a fixture made by scripts/make-fixture.mjs
 * (test/fixtures/schema-v<N>.sqlite + .expected.json), and maybe variants made later
 * (schema-v<N>-<variant>.sqlite). Each must open with the current code with nothing lost: same
 * entries field for field, same metadata, search and tags working, and every deletion still
 * undone on its own, newest first.
 */
const FIXTURES = join(repoRoot(), 'test', 'fixtures');
const fixtures = readdirSync(FIXTURES)
  .map((n) => /^(schema-v(\d+)(?:-[a-z]+)?)\.sqlite$/.exec(n))
  .filter((m): m is RegExpExecArray => m !== null)
  .map((m) => ({ name: m[1]!, version: Number(m[2]), file: join(FIXTURES, m[0]), expected: join(FIXTURES, `${m[1]}.expected.json`) }))
  .sort((a, b) => a.version - b.version || a.name.localeCompare(b.name));

interface Expected {
  schemaVersion: number;
  meta: Record<string, string>;
  entries: Entry[];
  /** From schema 3 on: follow-up answers and states, deleted entries' included. */
  followUps?: FollowUp[];
  followUpStates?: FollowUpState[];
  /** From schema 4 on: suggestions from Git, new then accepted then dismissed, each with its commits. */
  suggestions?: Suggestion[];
  /** Ids per deletion, oldest first; absent in fixtures made before deletions had ids (then: the entries sharing a deletedAt). */
  deletions?: string[][];
}

/** Every suggestion of the log, in the order the fixture lists them. */
const allSuggestions = (store: EntryStore): Suggestion[] => (['new', 'accepted', 'dismissed'] as const).flatMap((status) => store.suggestions.list({ status }));

/** The deletions "Undo Delete" must find, oldest first. */
function deletionsOf(expected: Expected): string[][] {
  if (expected.deletions) return expected.deletions;
  const byTime = new Map<string, string[]>();
  for (const e of expected.entries) if (e.deletedAt !== null) byTime.set(e.deletedAt, [...(byTime.get(e.deletedAt) ?? []), e.id]);
  return [...byTime].sort(([a], [b]) => Date.parse(a) - Date.parse(b)).map(([, ids]) => ids.sort());
}

describe('upgrade fixtures', () => {
  it('there is a fixture for every released schema version up to the current one', () => {
    assert.deepEqual(
      [...new Set(fixtures.map((f) => f.version))],
      MIGRATIONS.map((m) => m.version),
    );
    for (const f of fixtures) assert.ok(existsSync(f.expected), `${f.expected} is missing`);
  });
});

for (const fixture of fixtures) {
  const expected = JSON.parse(readFileSync(fixture.expected, 'utf8')) as Expected;

  for (const engine of ENGINES) {
    describe(`a log written by schema ${fixture.version} (${fixture.name}), opened by this version (${engine})`, function () {
      this.timeout(30_000);
      let tmp: ReturnType<typeof tempDir>;
      let path: string;
      beforeEach(() => {
        tmp = tempDir();
        path = join(tmp.dir, 'impact-log.sqlite');
        copyFileSync(fixture.file, path);
      });
      afterEach(() => tmp.cleanup());

      it('is really at that schema and holds entries of every kind, including edited and deleted ones', () => {
        const { db } = openDb(path, { prefer: engine });
        try {
          assert.equal(Number(db.prepare('PRAGMA user_version').get()?.user_version), fixture.version);
        } finally {
          db.close();
        }
        // The header's user_version field (offset 60), read without opening the committed file.
        assert.equal(readFileSync(fixture.file).readUInt32BE(60), fixture.version);
        assert.equal(expected.schemaVersion, fixture.version);
        assert.deepEqual([...new Set(expected.entries.map((e) => e.kind))].sort(), [...KIND_IDS].sort());
        assert.ok(expected.entries.some((e) => e.deletedAt !== null), 'a deleted entry');
        assert.ok(expected.entries.some((e) => e.updatedAt !== e.createdAt && e.deletedAt === null), 'an edited entry');
      });

      it('opens with every entry, field for field, and its metadata, with search and tags working', async () => {
        const fixtureHash = sha256(fixture.file);
        const store = await EntryStore.open({ path, engine, backupDir: join(tmp.dir, 'backups') });
        try {
          assert.deepEqual(store.migrated, MIGRATIONS.filter((m) => m.version > fixture.version).map((m) => m.version));
          assert.equal(store.integrityCheck(), 'ok');
          assert.deepEqual(snapshot(store), expected.entries);
          for (const [key, value] of Object.entries(expected.meta)) assert.equal(store.getMeta(key), value);
          // Follow-ups: every answer and state of a file that has them; none (but working tables) before schema 3.
          assert.deepEqual(store.followUps.list(undefined, true), expected.followUps ?? []);
          assert.deepEqual(store.followUps.listStates(undefined, true), expected.followUpStates ?? []);
          if (fixture.version >= 3) assert.ok((expected.followUps ?? []).length > 0, 'a schema-3 fixture holds follow-ups');
          // Suggestions: every one, with its status, commits and accepted entry; none (but working tables) before schema 4.
          assert.deepEqual(allSuggestions(store), expected.suggestions ?? []);
          if (fixture.version >= 4) {
            assert.deepEqual([...new Set(expected.suggestions?.map((x) => x.status))].sort(), ['accepted', 'dismissed', 'new'], 'a schema-4 fixture holds new, accepted and dismissed suggestions');
            const accepted = expected.suggestions!.find((x) => x.status === 'accepted')!;
            assert.equal(store.get(accepted.entryId!)?.title, accepted.title, 'the accepted suggestion names its entry');
          }
          // A commit already suggested (new, accepted or dismissed) is not offered again after the upgrade.
          for (const x of expected.suggestions ?? []) {
            const again = { fingerprint: `${x.fingerprint}:again`, repoRoot: x.repoRoot, repoName: x.repoName, kind: undefined, title: x.title, occurredAt: Date.parse(x.occurredAt), shas: x.shas, headSha: x.headSha, pullRequest: undefined, branch: undefined, links: [], subjects: [], reverts: undefined };
            assert.deepEqual(store.suggestions.offer([again]), [], `${x.title} is not offered again`);
          }
          const live = expected.entries.filter((e) => e.deletedAt === null);
          assert.equal(store.count(), live.length);
          for (const e of live) {
            const word = e.title.split(/\s+/).find((w) => /^[A-Za-z]{4,}$/.test(w));
            if (word) {
              assert.ok(store.list({ text: word }).some((x) => x.id === e.id), `search for “${word}” finds ${e.title}`);
              // A page of hits is found on the search keys the upgrade to schema 5 copied from every entry.
              assert.ok(store.list({ text: word }, { limit: 100 }).some((x) => x.id === e.id), `a page of “${word}” holds ${e.title}`);
              assert.ok(store.occurredTimes({ text: word }).includes(Date.parse(e.occurredAt)), `the “${word}” timeline counts ${e.title}`);
            }
          }
          const tagCounts = new Map<string, number>();
          for (const e of live) for (const t of e.tags) tagCounts.set(t, (tagCounts.get(t) ?? 0) + 1);
          assert.deepEqual(new Map(store.tagCounts().map((t) => [t.tag, t.count])), tagCounts);
          // A tag's timeline counts from the tag rows, which carry their entry's time and deletion state from schema 5 on.
          const times = (es: readonly Entry[]) => es.map((e) => Date.parse(e.occurredAt)).sort((a, b) => a - b);
          for (const tag of tagCounts.keys()) assert.deepEqual(store.occurredTimes({ tags: [tag] }).sort((a, b) => a - b), times(live.filter((e) => e.tags.includes(tag))), `the #${tag} timeline`);
        } finally {
          store.close();
        }
        assert.equal(sha256(fixture.file), fixtureHash, 'the committed fixture itself is never opened for writing');
      });

      // (The current version's own fixture has nothing to migrate.)
      if (fixture.version < LATEST_VERSION) it('is backed up before it is migrated, and the backup is the file as it was', async () => {
        const backupDir = join(tmp.dir, 'backups');
        const store = await EntryStore.open({ path, engine, backupDir });
        store.close();
        assert.ok(store.migrationBackup && existsSync(store.migrationBackup), 'a backup was taken before migrating');
        const { db } = openDb(store.migrationBackup, { prefer: engine });
        try {
          assert.equal(Number(db.prepare('PRAGMA user_version').get()?.user_version), fixture.version);
        } finally {
          db.close();
        }
      });

      it('keeps every deletion apart: Undo Delete restores them one at a time, newest first', async () => {
        const deletions = deletionsOf(expected);
        assert.ok(deletions.length > 0, 'the fixture has deletions');
        const store = await EntryStore.open({ path, engine, backupDir: join(tmp.dir, 'backups') });
        try {
          // Deletions made after the upgrade come after the carried-over ones.
          const [a, b] = store.list({}, { limit: 2 });
          store.softDelete([a!.id]);
          store.softDelete([b!.id]);
          for (const ids of [[b!.id], [a!.id], ...[...deletions].reverse()]) assert.deepEqual(store.undoLastDelete().sort(), ids);
          assert.deepEqual(store.undoLastDelete(), [], 'nothing left to undo');
          assert.equal(store.count({ deleted: 'only' }), 0);
          // Each undo brought its entries' follow-ups back with them: now every answer is live.
          assert.deepEqual(store.followUps.list(), expected.followUps ?? []);
        } finally {
          store.close();
        }
      });

      it('survives a further migration: backed up first, then every entry still there', async () => {
        const next: (typeof MIGRATIONS)[number] = {
          version: LATEST_VERSION + 1,
          description: 'test-only: a column added by a future release',
          up: (db) => db.exec('ALTER TABLE entries ADD COLUMN future_column TEXT'),
        };
        const backupDir = join(tmp.dir, 'backups');
        const store = await EntryStore.open({ path, engine, backupDir, migrations: [...MIGRATIONS, next] });
        try {
          assert.deepEqual(store.migrated.at(-1), next.version);
          assert.ok(store.migrationBackup && existsSync(store.migrationBackup), 'a backup was taken before migrating');
          assert.deepEqual(snapshot(store), expected.entries);
          assert.deepEqual(store.followUps.list(undefined, true), expected.followUps ?? []);
          assert.deepEqual(allSuggestions(store), expected.suggestions ?? []);
          assert.equal(store.integrityCheck(), 'ok');
        } finally {
          store.close();
        }
        const backup = await EntryStore.open({ path: store.migrationBackup ?? '', engine, backupDir: join(tmp.dir, 'b2') });
        try {
          assert.deepEqual(snapshot(backup), expected.entries, 'the pre-migration backup holds the whole log');
        } finally {
          backup.close();
        }
      });
    });
  }
}
