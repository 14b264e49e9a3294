import assert from 'node:assert/strict';
import { KIND_IDS, type KindId } from '../../src/domain';
import { flowHeading, titleStepPrompt } from '../../src/domain/flow';
import { answerWords, confirmLine } from '../../src/domain/format';
import { type PlanInput, planSteps } from '../../src/domain/flow';
import { sequenceCounter, stepCount, stepTitle } from '../../src/domain/stepCounter';

const input = (over: Partial<PlanInput>): PlanInput => ({ kind: undefined, kindFixed: false, answers: {}, given: new Set(), more: undefined, ...over });
/** The counter of every step as the title bar shows it: "2/4", or "-" for none. */
const counters = (p: PlanInput) =>
  planSteps(p).map((_, i) => {
    const c = stepCount(p, i);
    return c.step === undefined ? '-' : `${c.part === 'details' ? 'details ' : ''}${c.step}/${c.totalSteps}`;
  });

describe('step counter of the log flow', () => {
  it('a problem shows a total that is right from the first step: 1/4 … 4/4', () => {
    assert.deepEqual(counters(input({ kind: 'problem', kindFixed: true })), ['1/4', '2/4', '3/4', '4/4']);
  });

  it('"Add more details…" starts the details at 1 of their own total instead of jumping from 4/4 to 5/14', () => {
    const c = counters(input({ kind: 'problem', kindFixed: true, more: true }));
    assert.deepEqual(c.slice(0, 4), ['1/4', '2/4', '3/4', '4/4'], 'the quick part keeps its counter');
    assert.deepEqual(c.slice(4), Array.from({ length: 10 }, (_, i) => `details ${i + 1}/10`));
  });

  it('with the kind still to pick, shows no counter rather than 1/3 then 2/5', () => {
    assert.deepEqual(counters(input({})), ['-', '-', '-']);
    assert.deepEqual(counters(input({ kind: 'problem' })), ['-', '-', '-', '-', '-']);
    // …and the details after "Add more details…" are counted once the kind is known.
    assert.deepEqual(counters(input({ kind: 'note', more: true })).slice(4), ['details 1/5', 'details 2/5', 'details 3/5', 'details 4/5', 'details 5/5']);
  });

  it('an AI assist, whose verdict may add the "Why?" step, shows no counter in the quick part unless the caller gave the verdict', () => {
    assert.deepEqual(counters(input({ kind: 'ai-assist', kindFixed: true })), ['-', '-', '-', '-']);
    assert.deepEqual(counters(input({ kind: 'ai-assist', kindFixed: true, answers: { verdict: 'discarded' } })), ['-', '-', '-', '-', '-']);
    const given = input({ kind: 'ai-assist', kindFixed: true, answers: { verdict: 'discarded' }, given: new Set(['verdict']) });
    assert.deepEqual(counters(given), ['1/4', '2/4', '3/4', '4/4']);
  });

  it('for every kind and answers, a total shown is never contradicted by another answer later', () => {
    const variants: Record<string, unknown>[] = [{}, { verdict: 'accepted' }, { verdict: 'adapted' }, { verdict: 'discarded' }];
    for (const kind of KIND_IDS as readonly KindId[]) {
      for (const more of [undefined, true] as const) {
        const lengths = new Map<string, Set<number>>();
        const shown = new Map<string, Set<number>>();
        for (const answers of variants) {
          const p = input({ kind, kindFixed: true, answers, more });
          const plan = planSteps(p);
          const finish = plan.findIndex((s) => s.id === 'finish');
          plan.forEach((_, i) => {
            const c = stepCount(p, i);
            const length = c.part === 'quick' ? finish + 1 : plan.length - finish - 1;
            (lengths.get(c.part) ?? lengths.set(c.part, new Set()).get(c.part)!).add(length);
            if (c.totalSteps !== undefined) (shown.get(c.part) ?? shown.set(c.part, new Set()).get(c.part)!).add(c.totalSteps);
          });
        }
        for (const [part, totals] of shown) assert.deepEqual([...totals], [...lengths.get(part)!], `${kind} ${part}: a total was shown that an answer changes`);
      }
    }
  });
});

describe('the confirm row of the log flow', () => {
  it('says the answers in words, not field keys', () => {
    assert.deepEqual(answerWords('problem', { title: 't', customerVisible: true, aiInvolvement: 'none' }), ['customer-visible', 'no AI']);
    assert.deepEqual(answerWords('problem', { customerVisible: false, aiInvolvement: 'ai-led' }), ['internal', 'AI-led, verified by you']);
    assert.deepEqual(answerWords('ai-assist', { verdict: 'discarded', reason: 'invented an API', tool: 'Claude', minutesSaved: -10, rework: false }), [
      'discarded',
      '“invented an API”',
      'Claude',
      'lost 10 min',
      'no rework',
    ]);
    assert.deepEqual(answerWords('review-catch', { severity: 'critical', category: 'security', author: 'teammate', wouldReachProduction: true, tags: ['sql'], links: ['https://x.example'], impact: 'high' }), [
      'critical severity',
      'security',
      "teammate's code",
      'would have reached production',
      '#sql',
      '1 link',
      'high impact',
    ]);
    assert.deepEqual(answerWords('incident', { role: 'caused', minutesToMitigate: 120 }), ['caused and fixed by you', 'mitigated in 2 hours']);
  });

  it('starts with the title', () => {
    assert.equal(confirmLine('problem', { title: 'Fixed the flaky login test', customerVisible: true, aiInvolvement: 'none' }), '“Fixed the flaky login test” · customer-visible · no AI');
    assert.equal(confirmLine('note', { title: 'x'.repeat(80) }), `“${'x'.repeat(59)}…”`);
  });
});

describe('the headings and wording of the log and edit flows', () => {
  it('an edit heading follows a rename, and says "more fields" after "Edit more fields…"', () => {
    assert.equal(flowHeading({ editing: true, kindLabel: 'AI assist', title: 'Regex for emails, rewritten', originalTitle: 'Regex for emails', part: 'quick' }), 'Edit: Regex for emails, rewritten');
    assert.equal(flowHeading({ editing: true, kindLabel: 'AI assist', title: '', originalTitle: 'Regex for emails', part: 'details' }), 'Edit: Regex for emails — more fields');
  });

  it('a log heading names the kind in a sentence, and "more details" after "Add more details…"', () => {
    assert.equal(flowHeading({ editing: false, kindLabel: undefined, title: undefined, part: 'quick' }), 'Log to Impact Log');
    assert.equal(flowHeading({ editing: false, kindLabel: 'Problem solved', title: 'x', part: 'quick' }), 'Log problem solved');
    assert.equal(flowHeading({ editing: false, kindLabel: 'AI assist', title: 'x', part: 'details' }), 'Log AI assist — more details');
  });

  it('the edit flow says save, the log flow says log', () => {
    assert.match(titleStepPrompt(true), /saves your changes/);
    assert.doesNotMatch(titleStepPrompt(true), /log it/);
    assert.match(titleStepPrompt(false), /log it/);
  });
});

describe('the step counter of the short prompt sequences (follow up, filter, export data)', () => {
  it('counts only the steps still asked, and writes them the way VS Code does', () => {
    const all = sequenceCounter(['entry', 'outcome', 'note'] as const);
    assert.equal(stepTitle('Follow up: did it hold?', all('entry')), 'Follow up: did it hold? (1/3)');
    assert.equal(stepTitle('Reverted: T', all('note')), 'Reverted: T (3/3)');
    // An argument gave the entry: two steps left.
    const given = sequenceCounter(['outcome', 'note'] as const);
    assert.equal(stepTitle('Did it hold? T', given('outcome')), 'Did it hold? T (1/2)');
    assert.equal(given('entry' as 'outcome'), undefined);
    // One step alone is not counted ("(1/1)" says nothing).
    assert.equal(stepTitle('Export data', sequenceCounter(['format'])('format')), 'Export data');
    assert.equal(stepTitle('Export data', undefined), 'Export data');
  });
});
