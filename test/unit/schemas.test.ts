import assert from 'node:assert/strict';
import {
  applyPatch, KIND_IDS, KIND_LIST, KINDS, parseNewEntry, parsePatch, storedEntrySchema, ValidationError, type Entry,
} from '../../src/domain';
import { type z } from 'zod';

function problems(fn: () => unknown): { field: string; problem: string }[] {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof ValidationError, `expected ValidationError, got ${String(err)}`);
    return [...err.problems];
  }
  assert.fail('expected a ValidationError');
}

describe('entry schemas', () => {
  const now = Date.parse('2026-11-23T10:00:00Z');

  it('needs only a title, and fills sensible defaults', () => {
    for (const kind of KIND_IDS) {
      const e = parseNewEntry(kind, { title: '  Fixed the flaky login test  ' }, now);
      assert.equal(e.kind, kind);
      assert.equal(e.title, 'Fixed the flaky login test');
      assert.equal(e.occurredAt, '2026-11-23T10:00:00.000Z');
      assert.deepEqual(e.tags, []);
      assert.deepEqual(e.links, []);
      assert.equal(e.impact, null);
      assert.deepEqual(e.fields, {});
    }
  });

  it('reads minutes of -0 as 0, so an entry logged or edited with it reads back the same (found by the property test)', () => {
    const logged = parseNewEntry('ai-assist', { title: 'x', minutesSaved: -0 });
    assert.ok(Object.is((logged.fields as { minutesSaved?: number }).minutesSaved, 0));
    const patch = parsePatch('ai-assist', { minutesSaved: -0 });
    assert.ok(Object.is((patch.fields as { minutesSaved?: number } | undefined)?.minutesSaved, 0));
  });

  it('rejects a missing or blank title, naming the field', () => {
    assert.deepEqual(problems(() => parseNewEntry('note', {})), [{ field: 'title', problem: 'is required' }]);
    assert.deepEqual(problems(() => parseNewEntry('note', { title: '   ' })), [{ field: 'title', problem: 'must not be empty' }]);
  });

  it('turns newlines in a title into spaces and bounds its length', () => {
    assert.equal(parseNewEntry('note', { title: 'a\nb\r\nc' }).title, 'a b c');
    const p = problems(() => parseNewEntry('note', { title: 'x'.repeat(301) }));
    assert.equal(p[0]?.field, 'title');
    assert.match(p[0].problem, /at most 300/);
  });

  it('normalises tags: trimmed, case-folded, # dropped, unique, comma-separated strings accepted', () => {
    assert.deepEqual(parseNewEntry('note', { title: 't', tags: ' #Security, auth ,SECURITY,  ' }).tags, ['security', 'auth']);
    assert.deepEqual(parseNewEntry('note', { title: 't', tags: ['Perf Work', 'perf-work'] }).tags, ['perf-work']);
    assert.equal(problems(() => parseNewEntry('note', { title: 't', tags: ['ok', ''] }))[0]?.field, 'tags[1]');
  });

  it('accepts only http and https links, naming the bad one', () => {
    const e = parseNewEntry('shipped', { title: 't', links: ['https://example.com/pr/1', { url: 'http://x.test/a', label: 'PR' }, 'https://example.com/pr/1'] });
    assert.deepEqual(e.links, [{ url: 'https://example.com/pr/1' }, { url: 'http://x.test/a', label: 'PR' }]);
    for (const bad of ['javascript:alert(1)', 'file:///etc/passwd', 'ftp://x.test', 'not a url', 'data:text/html,hi']) {
      const p = problems(() => parseNewEntry('shipped', { title: 't', links: ['https://ok.test', bad] }));
      assert.deepEqual(p, [{ field: 'links[1].url', problem: 'must be a web address starting with http:// or https://' }]);
    }
  });

  it('accepts dates and date-times for occurredAt and stores them as UTC ISO', () => {
    assert.equal(parseNewEntry('note', { title: 't', occurredAt: '2026-03-01T12:30:00+02:00' }).occurredAt, '2026-03-01T10:30:00.000Z');
    const local = parseNewEntry('note', { title: 't', occurredAt: '2026-03-01' }).occurredAt;
    assert.equal(new Date(local).getDate(), 1);
    assert.equal(new Date(local).getHours(), 0);
    assert.equal(problems(() => parseNewEntry('note', { title: 't', occurredAt: '2026-02-30' }))[0]?.field, 'occurredAt');
    assert.equal(problems(() => parseNewEntry('note', { title: 't', occurredAt: 'yesterday' }))[0]?.field, 'occurredAt');
  });

  it('validates kind fields: enums, numbers, unknown fields', () => {
    const ai = parseNewEntry('ai-assist', { title: 't', verdict: 'discarded', reason: 'insecure', tool: 'Copilot', minutesSaved: -15, rework: true });
    assert.deepEqual(ai.fields, { verdict: 'discarded', reason: 'insecure', tool: 'Copilot', minutesSaved: -15, rework: true });
    assert.deepEqual(problems(() => parseNewEntry('ai-assist', { title: 't', verdict: 'maybe' })), [
      { field: 'verdict', problem: 'must be one of: accepted, adapted, discarded' },
    ]);
    assert.deepEqual(problems(() => parseNewEntry('review-catch', { title: 't', severity: 'huge', verdcit: 1 })), [
      { field: 'severity', problem: 'must be one of: low, medium, high, critical' },
      { field: '', problem: 'unknown field “verdcit”' },
    ]);
    assert.deepEqual(problems(() => parseNewEntry('incident', { title: 't', minutesToMitigate: 1.5 })), [{ field: 'minutesToMitigate', problem: 'must be a whole number' }]);
    assert.deepEqual(problems(() => parseNewEntry('incident', { title: 't', minutesToMitigate: '5' })), [{ field: 'minutesToMitigate', problem: 'must be a number' }]);
  });

  it('rejects a problem resolved before it was identified', () => {
    assert.deepEqual(problems(() => parseNewEntry('problem', { title: 't', identifiedAt: '2026-05-02', resolvedAt: '2026-05-01' })), [
      { field: 'resolvedAt', problem: 'must not be before identifiedAt' },
    ]);
  });

  it('keeps the registry consistent: every prompt field exists in its kind schema and vice versa', () => {
    for (const def of KIND_LIST) {
      const shape = Object.keys((def.schema as unknown as z.ZodObject).shape).sort();
      assert.deepEqual(def.fields.map((f) => f.key).sort(), shape, def.id);
      for (const q of def.quick) assert.ok(shape.includes(q), `${def.id}.quick ${q}`);
      assert.equal(KINDS[def.id].command.startsWith('impactLog.log'), true);
    }
  });

  describe('stored entries and patches', () => {
    const stored = (): Entry => ({
      ...parseNewEntry('ai-assist', { title: 'Orig', verdict: 'discarded', reason: 'insecure', tags: ['a'] }, now),
      id: '4f0c2b8e-8a5b-4c1e-9a4e-2f5d6c7b8a90',
      createdAt: '2026-11-23T10:00:00.000Z',
      updatedAt: '2026-11-23T10:00:00.000Z',
      deletedAt: null,
    });

    it('parses a stored entry and rejects a wrong kind or a malformed id', () => {
      assert.equal(storedEntrySchema.parse(stored()).title, 'Orig');
      assert.equal(storedEntrySchema.safeParse({ ...stored(), kind: 'meeting' }).success, false);
      assert.equal(storedEntrySchema.safeParse({ ...stored(), id: '42' }).success, false);
      // Fields of another kind are not accepted.
      assert.equal(storedEntrySchema.safeParse({ ...stored(), fields: { severity: 'high' } }).success, false);
    });

    it('applies a patch: sets, clears with null, bumps updatedAt, validates the result', () => {
      const patch = parsePatch('ai-assist', { title: 'New', reason: null, verdict: 'adapted', tags: 'b, c' });
      const next = applyPatch(stored(), patch, now + 5000);
      assert.equal(next.title, 'New');
      assert.deepEqual(next.fields, { verdict: 'adapted' });
      assert.deepEqual(next.tags, ['b', 'c']);
      assert.equal(next.updatedAt, '2026-11-23T10:00:05.000Z');
      assert.equal(next.createdAt, stored().createdAt);
      assert.deepEqual(problems(() => parsePatch('ai-assist', { title: null })), [{ field: 'title', problem: 'must be text' }]);
      assert.deepEqual(problems(() => parsePatch('ai-assist', { severity: 'high' })), [{ field: '', problem: 'unknown field “severity”' }]);
    });

    it('always moves updatedAt forward, even when the clock is behind', () => {
      const next = applyPatch(stored(), parsePatch('ai-assist', { title: 'x' }), now - 60_000);
      assert.ok(Date.parse(next.updatedAt) > Date.parse(stored().updatedAt));
    });
  });
});
