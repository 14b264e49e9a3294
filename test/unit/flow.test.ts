import assert from 'node:assert/strict';
import { KINDS, parseNewEntry, parsePatch, applyPatch, type Entry, type KindId } from '../../src/domain';
import {
  answerProblem, editPatchInput, entryAnswers, entryIdsArgument, inSentence, planSteps, readTypedAnswer, relevantAnswers, type PlanInput, type Step,
} from '../../src/domain/flow';

const names = (steps: Step[]) => steps.map((s) => (s.id === 'field' ? s.field.key : s.id));
const plan = (over: Partial<PlanInput>) => names(planSteps({ kind: undefined, kindFixed: false, answers: {}, given: new Set(), more: undefined, ...over }));

describe('quick log step plan', () => {
  it('asks kind, title and finish when no kind is known yet', () => {
    assert.deepEqual(plan({}), ['kind', 'title', 'finish']);
  });

  it('asks a problem title, its quick fields, then offers to finish', () => {
    assert.deepEqual(plan({ kind: 'problem', kindFixed: true }), ['title', 'customerVisible', 'aiInvolvement', 'finish']);
  });

  it('asks the AI reason only for adapted or discarded verdicts', () => {
    const base = { kind: 'ai-assist' as KindId, kindFixed: true };
    assert.deepEqual(plan(base), ['title', 'verdict', 'tool', 'finish']);
    assert.deepEqual(plan({ ...base, answers: { verdict: 'accepted' } }), ['title', 'verdict', 'tool', 'finish']);
    assert.deepEqual(plan({ ...base, answers: { verdict: 'discarded' } }), ['title', 'verdict', 'reason', 'tool', 'finish']);
    assert.deepEqual(plan({ ...base, answers: { verdict: 'adapted' } }), ['title', 'verdict', 'reason', 'tool', 'finish']);
  });

  it('skips every step an argument object already answered', () => {
    assert.deepEqual(plan({ kind: 'review-catch', kindFixed: true, given: new Set(['severity', 'author']) }), ['title', 'category', 'finish']);
    assert.deepEqual(plan({ kind: 'note', kindFixed: true, given: new Set(['title']) }), ['category', 'finish']);
  });

  it('adds the remaining kind fields and the common fields after "Add more details"', () => {
    const steps = plan({ kind: 'ai-assist', kindFixed: true, answers: { verdict: 'discarded' }, more: true });
    assert.deepEqual(steps, ['title', 'verdict', 'reason', 'tool', 'finish', 'task', 'minutesSaved', 'rework', 'tags', 'links', 'impact', 'occurredAt', 'details']);
  });

  it('asks every field of every kind somewhere in the full plan, each once', () => {
    for (const kind of Object.keys(KINDS) as KindId[]) {
      const steps = plan({ kind, kindFixed: true, more: true, answers: { verdict: 'discarded', role: 'caused' } });
      for (const f of KINDS[kind].fields) assert.equal(steps.filter((s) => s === f.key).length, 1, `${kind}.${f.key}`);
    }
  });
});

describe('typed answers', () => {
  const field = (kind: KindId, key: string) => KINDS[kind].fields.find((f) => f.key === key)!;

  it('treats an empty answer as skipped', () => {
    assert.deepEqual(readTypedAnswer(field('ai-assist', 'tool'), '   '), { skip: true });
  });

  it('reads whole numbers, including negative minutes, and refuses other text', () => {
    assert.deepEqual(readTypedAnswer(field('ai-assist', 'minutesSaved'), '-15'), { skip: false, value: -15 });
    assert.deepEqual(readTypedAnswer(field('incident', 'minutesToMitigate'), '1.5'), { problem: 'must be a whole number, e.g. 15' });
    assert.ok('problem' in readTypedAnswer(field('incident', 'minutesToMitigate'), 'ten'));
  });

  it('splits links on spaces and commas and tags on commas', () => {
    assert.deepEqual(readTypedAnswer({ key: 'links', label: '', type: 'links' }, 'https://a.example/1, https://b.example/2'), {
      skip: false,
      value: ['https://a.example/1', 'https://b.example/2'],
    });
    assert.deepEqual(readTypedAnswer({ key: 'tags', label: '', type: 'tags' }, 'auth, , On Call'), { skip: false, value: ['auth', 'On Call'] });
  });
});

describe('inline validation uses the store schema', () => {
  it('names the problem with a title', () => {
    assert.equal(answerProblem('note', {}, 'title', '   '), 'must not be empty');
    assert.equal(answerProblem('note', {}, 'title', 'x'.repeat(301)), 'must be at most 300 characters');
    assert.equal(answerProblem('note', {}, 'title', 'Mentored Sam on SQL'), undefined);
  });

  it('rejects links that are not http(s), quoting the item', () => {
    assert.equal(answerProblem('problem', { title: 't' }, 'links', ['https://ok.example', 'javascript:alert(1)']), '“javascript:alert(1)” must be a web address starting with http:// or https://');
  });

  it('reports a fix dated before the problem was found, on the resolved step', () => {
    const answers = { title: 't', identifiedAt: '2026-11-20' };
    assert.equal(answerProblem('problem', answers, 'resolvedAt', '2026-11-19'), 'must not be before identifiedAt');
    assert.equal(answerProblem('problem', answers, 'resolvedAt', '2026-11-21'), undefined);
  });

  it('rejects an unparseable date', () => {
    assert.match(answerProblem('note', { title: 't' }, 'occurredAt', 'last tuesday') ?? '', /must be a date/);
  });
});

describe('answers that make the entry', () => {
  it('drops a discard reason once the verdict became "accepted"', () => {
    assert.deepEqual(relevantAnswers('ai-assist', { title: 't', verdict: 'accepted', reason: 'insecure' }, new Set()), { title: 't', verdict: 'accepted' });
  });

  it('keeps a reason an argument object gave explicitly', () => {
    assert.deepEqual(relevantAnswers('ai-assist', { title: 't', reason: 'insecure' }, new Set(['reason'])), { title: 't', reason: 'insecure' });
  });

  it('drops fields of a kind the user switched away from', () => {
    assert.deepEqual(relevantAnswers('note', { title: 't', severity: 'high', tags: ['a'] }, new Set()), { title: 't', tags: ['a'] });
  });

  it('produces input the log command accepts', () => {
    const e = parseNewEntry('ai-assist', relevantAnswers('ai-assist', { title: 'Regex for emails', verdict: 'discarded', reason: 'insecure', tags: ['Auth'] }, new Set()));
    assert.deepEqual(e.fields, { verdict: 'discarded', reason: 'insecure' });
    assert.deepEqual(e.tags, ['auth']);
  });
});

describe('edit patches', () => {
  const now = Date.parse('2026-11-23T10:00:00Z');
  const stored = (): Entry => {
    const n = parseNewEntry('ai-assist', { title: 'Regex', verdict: 'discarded', reason: 'insecure', tags: ['auth'], links: [{ url: 'https://x.example/pr/1', label: 'PR' }], details: 'two\nlines' }, now);
    return { ...n, id: '4f1c2a8e-1b2c-4d5e-8f90-123456789abc', createdAt: n.occurredAt, updatedAt: n.occurredAt, deletedAt: null };
  };

  it('is empty when nothing changed', () => {
    const e = stored();
    assert.deepEqual(editPatchInput('ai-assist', entryAnswers(e), entryAnswers(e)), {});
  });

  it('sets changed values and clears removed ones, and the store accepts it', () => {
    const e = stored();
    const after: Record<string, unknown> = { ...entryAnswers(e), title: 'Email regex', verdict: 'accepted', tags: undefined, links: undefined, details: undefined };
    delete after.reason;
    const input = editPatchInput('ai-assist', entryAnswers(e), after);
    assert.deepEqual(input, { title: 'Email regex', verdict: 'accepted', reason: null, tags: [], links: [], details: '' });
    const next = applyPatch(e, parsePatch('ai-assist', input), now + 1000);
    assert.equal(next.title, 'Email regex');
    assert.deepEqual(next.fields, { verdict: 'accepted' });
    assert.deepEqual(next.tags, []);
    assert.deepEqual(next.links, []);
    assert.equal(next.details, '');
  });

  it('never clears the title or the date', () => {
    const e = stored();
    assert.deepEqual(editPatchInput('ai-assist', entryAnswers(e), { ...entryAnswers(e), title: undefined, occurredAt: undefined }), {});
  });
});

describe('entry id arguments', () => {
  const id = '4f1c2a8e-1b2c-4d5e-8f90-123456789abc';
  it('accepts { id } or { ids }', () => {
    assert.ok(entryIdsArgument.safeParse({ id }).success);
    assert.ok(entryIdsArgument.safeParse({ ids: [id] }).success);
  });
  it('rejects both, neither, unknown fields and non-UUIDs', () => {
    assert.equal(entryIdsArgument.safeParse({ id, ids: [id] }).success, false);
    assert.equal(entryIdsArgument.safeParse({}).success, false);
    assert.equal(entryIdsArgument.safeParse({ id, force: true }).success, false);
    assert.equal(entryIdsArgument.safeParse({ id: '42' }).success, false);
  });
});

describe('labels in a sentence', () => {
  it('lower-cases a capitalised word but keeps acronyms', () => {
    assert.equal(inSentence('Problem solved'), 'problem solved');
    assert.equal(inSentence('Bug caught in review'), 'bug caught in review');
    assert.equal(inSentence('AI assist'), 'AI assist');
    assert.equal(inSentence('AI assists'), 'AI assists');
  });
});
