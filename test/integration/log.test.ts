// The log commands in the real extension host: argument objects (complete, partial, bad) and the
// prompts (Enter through defaults, Escape writes nothing).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api } from './helpers';
import { acceptUntilDone, escape, start } from './quickInput';
import { ui } from './ui';

const stamp = () => `${Date.now()}-${Math.random().toString(36).slice(2, 7)}`;
const common = (title: string) => ({
  title,
  occurredAt: '2026-11-20T09:30:00Z',
  details: 'Found in **staging** first.',
  tags: ['Auth', '#oncall'],
  links: ['https://example.com/pr/42', { url: 'https://example.com/issue/7', label: 'issue' }],
  impact: 'high',
});

/** A complete argument object for each log command: every field the kind has. */
const complete: Record<string, { kind: string; fields: Record<string, unknown> }> = {
  'impactLog.logProblem': {
    kind: 'problem',
    fields: {
      whatWasWrong: 'Sessions expired early',
      fix: 'Used the server clock',
      value: 'Fewer logouts',
      customerVisible: true,
      identifiedAt: '2026-11-18',
      resolvedAt: '2026-11-19T17:00:00Z',
      aiInvolvement: 'assisted',
    },
  },
  'impactLog.logAiAssist': {
    kind: 'ai-assist',
    fields: { task: 'Email regex', tool: 'Claude', verdict: 'discarded', reason: 'insecure', minutesSaved: -10, rework: false },
  },
  'impactLog.logReviewCatch': { kind: 'review-catch', fields: { severity: 'critical', category: 'security', author: 'teammate', wouldReachProduction: true } },
  'impactLog.logShipped': { kind: 'shipped', fields: { customerVisible: true, release: 'v2.4.0' } },
  'impactLog.logIncident': { kind: 'incident', fields: { role: 'handled', severity: 'high', minutesToMitigate: 42, followUp: 'Add an alert' } },
  'impactLog.logNote': { kind: 'note', fields: { category: 'mentoring' } },
};

describe('Log commands', () => {
  for (const [command, { kind, fields }] of Object.entries(complete)) {
    it(`${command} logs a complete argument object with no prompt and returns the id`, async () => {
      const store = await (await api()).store();
      const title = `${kind} ${stamp()}`;
      const id = await vscode.commands.executeCommand<string>(command, { ...common(title), ...fields });
      assert.equal(typeof id, 'string', 'no id returned');
      const e = store.get(id);
      assert.ok(e, 'not stored');
      assert.equal(e.kind, kind);
      assert.equal(e.title, title);
      assert.equal(e.occurredAt, '2026-11-20T09:30:00.000Z');
      assert.equal(e.details, 'Found in **staging** first.');
      assert.deepEqual(e.tags, ['auth', 'oncall']);
      assert.deepEqual(e.links, [{ url: 'https://example.com/pr/42' }, { url: 'https://example.com/issue/7', label: 'issue' }]);
      assert.equal(e.impact, 'high');
      // Dates are stored as UTC instants; a plain date means local midnight.
      const expected = kind === 'problem' ? { ...fields, identifiedAt: new Date(2026, 10, 18).toISOString(), resolvedAt: '2026-11-19T17:00:00.000Z' } : fields;
      assert.deepEqual(e.fields, expected);
      assert.equal(e.context.workspaceFolder, vscode.workspace.workspaceFolders?.[0]?.name, 'the workspace folder was not captured');
    });
  }

  it('impactLog.log takes the kind from the argument object', async () => {
    const store = await (await api()).store();
    const id = await vscode.commands.executeCommand<string>('impactLog.log', { kind: 'review-catch', title: `catch ${stamp()}`, severity: 'low' });
    const e = store.get(id);
    assert.equal(e?.kind, 'review-catch');
    assert.deepEqual(e.fields, { severity: 'low' });
  });

  const bad: [string, unknown, RegExp][] = [
    ['an unknown field', { title: 'typo', verdcit: 'accepted' }, /“verdcit”/],
    ['a verdict outside the list', { title: 'bad verdict', verdict: 'maybe' }, /“verdict”/],
    ['a javascript: link', { title: 'bad link', links: ['javascript:alert(1)'] }, /“links(\[0\])?/],
    ['a blank title', { title: '   ' }, /“title”/],
    ['a kind that does not match the command', { kind: 'note', title: 'wrong kind' }, /“kind”/],
    ['a text instead of an object', 'just a title', /object/],
    ['an unknown kind for impactLog.log', { kind: 'win', title: 'x' }, /“kind”/],
    // 0.1.0 opened the title prompt for this one (the command then never returned).
    ['a title that is not text, with no prompt', { title: 42 }, /“title”/],
  ];
  for (const [what, arg, says] of bad) {
    it(`refuses ${what}, says so naming the field, and writes nothing`, async () => {
      const store = await (await api()).store();
      const before = store.count({ deleted: 'include' });
      const command = what.includes('impactLog.log') ? 'impactLog.log' : 'impactLog.logAiAssist';
      const mark = ui().mark();
      const id = await vscode.commands.executeCommand<string | undefined>(command, arg);
      assert.equal(id, undefined);
      const [shown, ...more] = ui().errorsSince(mark);
      assert.match(shown ?? '(no error message)', says);
      assert.match(shown!, /Nothing was saved/);
      assert.deepEqual(more, [], 'one message per refusal');
      assert.equal(store.count({ deleted: 'include' }), before);
    });
  }

  /** Runs a command that must refuse its argument without opening any prompt; returns the error shown. */
  async function refusedWithoutPrompt(command: string, arg: unknown): Promise<string> {
    const spy = ui();
    const mark = spy.mark();
    const prompts = spy.prompts.length;
    const running = start<string>(command, arg);
    // Either the command ends, or it opens a prompt (then it is closed, and the test fails).
    const opened = await spy.until(() => (running.settled ? 'ended' : spy.prompts.length > prompts ? 'prompted' : undefined), `${command} to end`);
    if (opened === 'prompted') await escape(running);
    assert.equal(opened, 'ended', `${command} ${JSON.stringify(arg)} opened a prompt instead of refusing the argument`);
    assert.equal(await running, undefined);
    return spy.errorsSince(mark).join('\n') || '(no error message)';
  }

  it('refuses a bad partial argument before showing any prompt', async () => {
    const store = await (await api()).store();
    const before = store.count({ deleted: 'include' });
    // No title, so the command would prompt; the bad severity must fail first.
    assert.match(await refusedWithoutPrompt('impactLog.logReviewCatch', { severity: 'urgent' }), /“severity”/);
    assert.equal(store.count({ deleted: 'include' }), before);
  });

  it('impactLog.log refuses a partial argument no kind accepts, before any prompt', async () => {
    const store = await (await api()).store();
    const before = store.count({ deleted: 'include' });
    assert.match(await refusedWithoutPrompt('impactLog.log', { verdcit: 'accepted' }), /“verdcit”/);
    assert.equal(store.count({ deleted: 'include' }), before);
  });

  it('impactLog.log with a title but no kind asks only for the kind and the quick steps', async function () {
    this.timeout(30_000);
    const store = await (await api()).store();
    const title = `no kind ${stamp()}`;
    // Kind (Problem solved is first), customer-visible, AI involvement, "Log it": no title step.
    const { result: id, presses } = await acceptUntilDone(start<string>('impactLog.log', { title, tags: ['x'] }));
    assert.equal(presses, 4);
    const e = store.get(id!);
    assert.equal(e?.kind, 'problem');
    assert.equal(e?.title, title);
    assert.deepEqual(e?.tags, ['x']);
  });

  it('Escape at the first prompt writes nothing', async () => {
    const store = await (await api()).store();
    const before = store.count({ deleted: 'include' });
    const running = start<string>('impactLog.logAiAssist', { verdict: 'discarded' });
    await escape(running);
    assert.equal(await running, undefined);
    assert.equal(store.count({ deleted: 'include' }), before);
  });
});
