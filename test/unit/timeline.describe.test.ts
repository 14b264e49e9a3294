import assert from 'node:assert/strict';
import { type Entry, parseNewEntry } from '../../src/domain';
import { describeFilter, EMPTY_FILTER, filterQuery, isFilterActive, parseFilter } from '../../src/domain/filter';
import { ValidationError } from '../../src/domain/validation';
import { entryDescription, entryFacts, followUpArgument, isWebLink } from '../../src/ui/timeline/describe';

const stored = (kind: Parameters<typeof parseNewEntry>[0], input: Record<string, unknown>): Entry =>
  ({ ...parseNewEntry(kind, input, Date.parse('2026-11-18T12:00:00Z')), id: '00000000-0000-4000-8000-000000000000', createdAt: '2026-11-18T12:00:00.000Z', updatedAt: '2026-11-18T12:00:00.000Z', deletedAt: null });

describe('timeline entry text', () => {
  it('describes an AI assist by its verdict, impact and first tags', () => {
    const e = stored('ai-assist', { title: 'Asked for a retry wrapper', verdict: 'discarded', reason: 'invented an API', impact: 'high', tags: ['auth', 'Retry', 'go', 'infra', 'ai'] });
    assert.equal(entryDescription(e), 'discarded · high impact · #auth #retry #go +2');
  });

  it('describes a review catch by severity, a shipped change as customer-visible, and puts a date first when asked', () => {
    assert.equal(entryDescription(stored('review-catch', { title: 'SQLi', severity: 'critical', category: 'security' })), 'critical');
    assert.equal(entryDescription(stored('shipped', { title: 'Dark mode', customerVisible: true }), { date: 'Mon 3 Nov' }), 'Mon 3 Nov · customer-visible');
    assert.equal(entryDescription(stored('note', { title: 'Plain' })), '');
  });

  it('lists the set kind fields in prompt order, with readable labels and values, for the tooltip', () => {
    const e = stored('ai-assist', { title: 'T', verdict: 'adapted', reason: 'over-engineered', tool: 'Claude', rework: false, details: 'x'.repeat(2000) });
    const f = entryFacts(e, 100);
    assert.deepEqual(f.fields, [
      { label: 'Verdict', value: 'adapted' },
      { label: 'Why', value: 'over-engineered' },
      { label: 'Tool', value: 'Claude' },
      { label: 'Needed rework later', value: 'no' },
    ]);
    assert.equal(f.details.length, 101, 'long details are cut, with an ellipsis');
    assert.equal(f.kindLabel, 'AI assist');
  });

  it('names an incident’s cause by the change’s title and date, not its id; a cause gone from the log says so', () => {
    const change = { ...stored('shipped', { title: 'Retry \u202Ebudget', occurredAt: '2026-11-10T09:30:00Z' }), id: '00000000-0000-4000-8000-0000000000aa' };
    const inc = stored('incident', { title: 'Checkout down', role: 'caused', causedBy: change.id });
    const cause = (lookup?: (id: string) => Entry | undefined) => entryFacts(inc, 1500, undefined, lookup).fields.find((x) => x.label === 'Which change caused it')?.value;
    assert.equal(cause(), change.id, 'without a lookup, the id (as before)');
    assert.equal(cause((id) => (id === change.id ? change : undefined)), `Retry <U+202E>budget (${entryFacts(change).when})`);
    assert.equal(cause((id) => (id === change.id ? { ...change, deletedAt: '2026-11-20T00:00:00.000Z' } : undefined)), `Retry <U+202E>budget (${entryFacts(change).when}, deleted)`);
    assert.equal(cause(() => undefined), 'an entry no longer in your log');
  });

  it('shows where an entry from a selection was logged', () => {
    const e = stored('note', { title: 'T', context: { workspaceFolder: 'api', branch: 'main', file: 'src/a.ts', startLine: 3, endLine: 9 } });
    assert.equal(entryFacts(e).where, 'api · main · src/a.ts:3–9');
  });

  it('opens only web links', () => {
    assert.equal(isWebLink('https://example.com/pr/1'), true);
    assert.equal(isWebLink('http://example.com'), true);
    assert.equal(isWebLink('javascript:alert(1)'), false);
    assert.equal(isWebLink('file:///etc/passwd'), false);
    assert.equal(isWebLink('command:workbench.action.quit'), false);
  });
});

describe('follow-up argument', () => {
  it('carries the tags and a reference to the original, escaped, and leaves the title to the user', () => {
    const original = stored('review-catch', { title: 'Caught **SQL injection** in [login](command:x)', tags: ['auth', 'security'], links: ['https://git.example/pr/7'] });
    const arg = followUpArgument(original);
    assert.equal('title' in arg, false, 'a title would skip the prompt');
    assert.deepEqual(arg.tags, ['auth', 'security']);
    assert.match(arg.details, /Impact Log entry 00000000-0000-4000-8000-000000000000/);
    assert.ok(arg.details.includes('\\*\\*SQL injection\\*\\*'), `title not escaped: ${arg.details}`);
    assert.doesNotMatch(arg.details, /(?<!\\)\]\(command:/, 'a link in the title must not become a link');
    assert.ok(arg.details.includes('(https://git.example/pr/7)'), 'the evidence link is carried');
    // What the log command will do with it once the user typed a title: a valid entry of any kind.
    const next = parseNewEntry('note', { ...arg, title: 'Added a regression test' });
    assert.deepEqual(next.tags, ['auth', 'security']);
  });
});

describe('timeline filter', () => {
  it('validates a filter argument, normalising tags and text, and names the bad field', () => {
    const f = parseFilter({ kinds: ['ai-assist', 'note', 'ai-assist'], tags: '#Auth, security', text: '  sql   injection ' });
    assert.deepEqual(f, { kinds: ['ai-assist', 'note'], tags: ['auth', 'security'], text: 'sql injection' });
    assert.equal(describeFilter(f), 'AI assist, Note · #auth, #security · “sql injection”');
    assert.deepEqual(filterQuery(f), { kinds: ['ai-assist', 'note'], tags: ['auth', 'security'], text: 'sql injection' });
    assert.throws(() => parseFilter({ kinds: ['bug'] }), (e: unknown) => e instanceof ValidationError && e.problems[0]!.field === 'kinds[0]');
    assert.throws(() => parseFilter({ text: '***' }), (e: unknown) => e instanceof ValidationError && /letter or a digit/.test(e.message));
    assert.throws(() => parseFilter({ kind: 'note' }), (e: unknown) => e instanceof ValidationError && /unknown field/.test(e.message));
  });

  it('is inactive when empty, and then adds nothing to the store query', () => {
    assert.equal(isFilterActive(EMPTY_FILTER), false);
    assert.equal(isFilterActive(parseFilter({})), false);
    assert.equal(isFilterActive(parseFilter({ tags: ['x'] })), true);
    assert.deepEqual(filterQuery(parseFilter({ text: '' })), {});
  });
});
