import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseNewEntry } from '../../src/domain';
import { DEFAULT_CHECKPOINTS, parseFollowUpArgument } from '../../src/domain/followUps';
import { EntryStore, MIGRATIONS, openDb } from '../../src/storage';
import { type SuggestionOffer, timeOrderedUuid } from '../../src/storage/suggestions';
import { z } from 'zod';
import { repoRoot } from './reliability/support/root';
import { ENGINES } from './support/tmp';
import { useTempStore } from './support/tempStore';

/**
 * The suggestions inbox in SQLite (schema version 4), on both engines: offered once, never again
 * once dismissed or named by an entry, accepted into an entry in one transaction.
 */
const sha = (c: string) => c.repeat(40);
function offer(over: Partial<SuggestionOffer> = {}): SuggestionOffer {
  return {
    fingerprint: 'github.com/acme/api#pr:1',
    repoRoot: '/repos/api',
    repoName: 'github.com/acme/api',
    kind: 'shipped',
    title: 'Add the export button',
    occurredAt: Date.parse('2026-02-03T10:00:00Z'),
    shas: [sha('a'), sha('b')],
    headSha: sha('a'),
    pullRequest: 1,
    branch: 'main',
    links: [{ url: 'https://github.com/acme/api/pull/1', label: 'Pull request #1' }],
    subjects: ['feat: add the export button'],
    reverts: undefined,
    ...over,
  };
}

for (const engine of ENGINES) {
  describe(`suggestions store (${engine})`, () => {
    const tmp = useTempStore({ engine });
    let store: EntryStore;
    beforeEach(() => {
      store = tmp.store;
    });

    it('stores an offer once: the same fingerprint or a commit already suggested is not offered again', () => {
      const [first] = store.suggestions.offer([offer()]);
      assert.ok(first);
      assert.equal(first.title, 'Add the export button');
      assert.deepEqual(first.shas, [sha('a'), sha('b')]);
      assert.equal(first.pullRequest, 1);
      assert.equal(first.occurredAt, '2026-02-03T10:00:00.000Z');
      assert.deepEqual(store.suggestions.offer([offer()]), []);
      assert.deepEqual(store.suggestions.offer([offer({ fingerprint: 'other', shas: [sha('c'), sha('b')] })]), [], 'shares commit b');
      assert.equal(store.suggestions.offer([offer({ fingerprint: 'other', shas: [sha('c')], headSha: sha('c') })]).length, 1);
      assert.equal(store.suggestions.count(), 2);
    });

    it('never offers a dismissed suggestion again', () => {
      const [s] = store.suggestions.offer([offer()]);
      assert.deepEqual(store.suggestions.dismiss([s!.id]), [s!.id]);
      assert.deepEqual(store.suggestions.dismiss([s!.id]), [], 'already dismissed');
      assert.equal(store.suggestions.count('new'), 0);
      assert.deepEqual(store.suggestions.offer([offer({ fingerprint: 'again' })]), []);
    });

    it('does not offer a commit an entry names: by its context commit (short sha too), a link holding the sha, or the pull request link', () => {
      const now = Date.now();
      store.add(parseNewEntry('shipped', { title: 'logged by hand' }, now, { commit: sha('d').slice(0, 7) }));
      store.add(parseNewEntry('shipped', { title: 'linked', links: [`https://github.com/acme/api/commit/${sha('e')}`] }, now));
      store.add(parseNewEntry('shipped', { title: 'pr linked', links: ['https://github.com/acme/api/pull/9/'] }, now));
      const out = store.suggestions.offer([
        offer({ fingerprint: 'd', shas: [sha('d')], headSha: sha('d'), links: [] }),
        offer({ fingerprint: 'e', shas: [sha('e')], headSha: sha('e'), links: [] }),
        offer({ fingerprint: 'pr9', shas: [sha('f')], headSha: sha('f'), links: [{ url: 'https://github.com/acme/api/pull/9', label: 'x' }] }),
        offer({ fingerprint: 'new', shas: [sha('1')], headSha: sha('1'), links: [] }),
      ]);
      assert.deepEqual(out.map((s) => s.fingerprint), ['new']);
    });

    it('accepts into an entry and marks it accepted in one transaction; a second accept is refused with nothing written', () => {
      const [s] = store.suggestions.offer([offer()]);
      const entry = store.suggestions.accept(s!.id, parseNewEntry('shipped', { title: s!.title, links: s!.links }, Date.now(), { commit: s!.headSha }));
      assert.equal(store.get(entry.id)?.title, 'Add the export button');
      const after = store.suggestions.get(s!.id)!;
      assert.equal(after.status, 'accepted');
      assert.equal(after.entryId, entry.id);
      assert.throws(() => store.suggestions.accept(s!.id, parseNewEntry('note', { title: 'again' }, Date.now())), /already accepted/);
      assert.equal(store.count(), 1);
    });

    it('rolls the entry back when marking the suggestion fails', () => {
      const [s] = store.suggestions.offer([offer()]);
      store.suggestions.dismiss([s!.id]);
      assert.throws(() => store.suggestions.accept(s!.id, parseNewEntry('note', { title: 'x' }, Date.now())), /already dismissed/);
      assert.equal(store.count(), 0);
    });

    it('lists new suggestions newest first, within a range', () => {
      store.suggestions.offer([
        offer({ fingerprint: 'old', shas: [sha('1')], headSha: sha('1'), occurredAt: Date.parse('2026-01-01T00:00:00Z') }),
        offer({ fingerprint: 'new', shas: [sha('2')], headSha: sha('2'), occurredAt: Date.parse('2026-03-01T00:00:00Z') }),
      ]);
      assert.deepEqual(store.suggestions.list().map((s) => s.fingerprint), ['new', 'old']);
      assert.deepEqual(store.suggestions.list({ from: Date.parse('2026-02-01T00:00:00Z'), to: Date.parse('2026-04-01T00:00:00Z') }).map((s) => s.fingerprint), ['new']);
    });

    it('a backup restored carries its suggestions and its follow-ups, so nothing dismissed comes back and no answer is lost', async () => {
      const [s, t] = store.suggestions.offer([offer(), offer({ fingerprint: 'github.com/acme/api#pr:2', shas: [sha('c')], headSha: sha('c'), pullRequest: 2, links: [] })]);
      store.suggestions.dismiss([s!.id]);
      const entry = store.suggestions.accept(t!.id, parseNewEntry('shipped', { title: 'Accepted', occurredAt: '2026-02-03T10:00:00Z' }));
      const answer = store.followUps.answer(parseFollowUpArgument({ id: entry.id, outcome: 'held', checkpoint: 30, note: 'still fine' }), { cfg: { enabled: true, checkpoints: DEFAULT_CHECKPOINTS }, timeZone: 'UTC' });
      store.followUps.exclude(entry.id);
      const backup = join(tmp.dir, 'backup.sqlite');
      await store.backupTo(backup);
      const other = await EntryStore.open({ path: join(tmp.dir, 'other.sqlite'), engine });
      try {
        // The log being replaced has its own suggestion and answer: both go.
        const [mine] = other.suggestions.offer([offer({ fingerprint: 'mine', shas: [sha('9')], headSha: sha('9'), links: [] })]);
        other.replaceContentsFrom(backup);
        assert.equal(other.suggestions.get(mine!.id), undefined);
        assert.equal(other.suggestions.get(s!.id)?.status, 'dismissed');
        assert.equal(other.suggestions.get(t!.id)?.entryId, entry.id);
        assert.deepEqual(other.suggestions.offer([offer({ fingerprint: 'x' })]), []);
        assert.deepEqual(other.followUps.forEntry(entry.id), [answer]);
        assert.equal(other.followUps.stateOf(entry.id)?.excluded, true);
        assert.equal(other.integrityCheck(), 'ok');
      } finally {
        other.close();
      }
    });

    it('a log at schema 2 upgrades to the suggestions schema with its entries intact (the pattern for the v3/v4 fixtures)', async () => {
      const path = join(tmp.dir, 'v2.sqlite');
      copyFileSync(join(repoRoot(), 'test', 'fixtures', 'schema-v2.sqlite'), path);
      const { db } = openDb(path, { prefer: engine });
      const before = Number(db.prepare('SELECT count(*) AS n FROM entries').get()?.n);
      db.close();
      const upgraded = await EntryStore.open({ path, engine, backupDir: join(tmp.dir, 'backups') });
      try {
        assert.ok(upgraded.migrated.includes(4));
        assert.equal(upgraded.count({ deleted: 'include' }), before);
        assert.equal(upgraded.suggestions.count(), 0);
        assert.equal(upgraded.suggestions.offer([offer()]).length, 1);
        assert.equal(upgraded.integrityCheck(), 'ok');
      } finally {
        upgraded.close();
      }
      assert.ok(MIGRATIONS.some((m) => m.version === 4), 'the suggestions migration is in the chain');
    });
  });
}

/** Many offers, each its own pull request and commit (hex shas from the index). */
const many = (n: number): SuggestionOffer[] =>
  Array.from({ length: n }, (_, i) => {
    const hex = i.toString(16).padStart(40, '0');
    return offer({ fingerprint: `github.com/acme/api#pr:${i}`, shas: [hex], headSha: hex, pullRequest: i, title: `Change ${i}`, occurredAt: Date.parse('2026-02-03T10:00:00Z') + i * 60_000, links: [{ url: `https://github.com/acme/api/pull/${i}` }] });
  });

for (const engine of ENGINES) {
  describe(`suggestions stored in short transactions (${engine})`, () => {
    const tmp = useTempStore({ engine });
    let store: EntryStore;
    beforeEach(() => {
      store = tmp.store;
    });

    it('stores the same as one transaction, newest first, giving the event loop turns between transactions; again, nothing new', async () => {
      let turns = 0;
      let stop = false;
      const spin = () => {
        if (stop) return;
        turns++;
        setImmediate(spin);
      };
      setImmediate(spin);
      // A slice of 0 ms: every transaction stores the least it may (64 offers), so 200 offers take 4.
      const added = await store.suggestions.offerInBatches(many(200), 0);
      stop = true;
      assert.equal(added.length, 200);
      assert.ok(turns >= 3, `the event loop had ${turns} turns while 4 transactions ran`);
      assert.deepEqual(added.map((id) => store.suggestions.get(id)?.title), many(200).map((o) => o.title).reverse(), 'newest first');
      assert.equal(store.suggestions.count(), 200);
      const newest = many(200)[199]!;
      assert.deepEqual(store.suggestions.get(added[0]!)?.shas, [newest.headSha]);
      assert.deepEqual(store.suggestions.get(added[0]!)?.links, newest.links);
      assert.deepEqual(await store.suggestions.offerInBatches(many(200), 0), [], 'running again offers nothing new');
    });

    it('skips a commit that another window logged while the batches ran', async () => {
      const other = await EntryStore.open({ path: store.path, engine });
      try {
        const offers = many(300);
        const late = offers[250]!;
        const running = store.suggestions.offerInBatches(offers, 0);
        // Between transactions (64 offers each, as the slice is 0 ms): the other window logs an entry naming commit 250.
        setImmediate(() => other.add(parseNewEntry('shipped', { title: 'logged by hand', links: [`https://github.com/acme/api/commit/${late.headSha}`] }, Date.now())));
        const added = await running;
        assert.equal(added.length, 299);
        assert.ok(!added.some((id) => store.suggestions.get(id)?.headSha === late.headSha), 'the commit the other window logged was offered');
      } finally {
        other.close();
      }
    });
  });
}

describe('suggestion ids', () => {
  it('are UUIDs (version 7) in the order of their times, and unique', () => {
    const t = Date.parse('2026-12-01T12:00:00Z');
    const ids = [timeOrderedUuid(t), timeOrderedUuid(t + 1), timeOrderedUuid(t + 1000), timeOrderedUuid(t + 86_400_000)];
    for (const id of ids) assert.ok(z.uuid().safeParse(id).success, `${id} is not a UUID`);
    for (const id of ids) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.deepEqual([...ids].sort(), ids);
    assert.equal(ids[0]!.slice(0, 13), `${t.toString(16).padStart(12, '0').slice(0, 8)}-${t.toString(16).padStart(12, '0').slice(8)}`);
    assert.equal(new Set(Array.from({ length: 1000 }, () => timeOrderedUuid(t))).size, 1000);
  });
});
