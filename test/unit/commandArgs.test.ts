import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { type ArgDecision, commandArgumentSpecs, decideEdit, decideLog } from '../../src/domain/commandArgs';
import { KIND_IDS, type KindId, type ValidationError } from '../../src/domain';
import { repoRoot } from './reliability/support/root';

/**
 * Command arguments, decided before anything is shown (src/domain/commandArgs.ts). For every
 * command that takes an argument object and every key its schema covers, a value that key does not
 * accept is refused with a message naming the key, whatever else the argument holds, and the
 * command never goes on to ask for it. Measured on 0.1.0: `impactLog.logProblem { "title": 42 }`
 * opened the title prompt.
 */

const RUNS = Number(process.env.IMPACT_LOG_PROPERTY_RUNS ?? 100);
const ID = '0b7c2a43-5d7e-4a51-9d8e-2f3c4b5a6d7e';

/** Valid arguments a bad key is added to: each command's "ask" and "run" forms. */
const BASES: Record<string, readonly Record<string, unknown>[]> = {
  'impactLog.log': [{}, { title: 'Fixed the flaky login test' }, { kind: 'note', title: 'Mentored a new hire' }],
  'impactLog.logFromSelection': [{}, { title: 'Fixed the flaky login test' }],
  'impactLog.editEntry': [{ id: ID }, { id: ID, title: 'A better title' }],
  'impactLog.deleteEntry': [{ id: ID }, { ids: [ID] }, { timelineSelection: true }],
  'impactLog.openEntry': [{ id: ID }],
  'impactLog.openEntryLocation': [{ id: ID }],
  'impactLog.renameEntry': [{ id: ID }, { id: ID, title: 'A better title' }],
  'impactLog.openEntryLinks': [{ id: ID }],
  'impactLog.copyEntryAsMarkdown': [{ id: ID }],
  'impactLog.logFollowUp': [{ id: ID }],
  'impactLog.filterTimeline': [{}, { tags: ['auth'] }],
  'impactLog.exportSummary': [{}, { period: 'lastHalf' }, { path: '/tmp/summary.md' }],
  'impactLog.exportData': [{}, { path: '/tmp/log.json' }],
  'impactLog.importData': [{ path: '/tmp/log.json' }],
  'impactLog.backupNow': [{}],
  'impactLog.restoreBackup': [{ path: '/tmp/backup.sqlite' }, { path: '/tmp/backup.sqlite', confirm: false }],
  'impactLog.followUp': [{}, { id: ID }, { id: ID, outcome: 'reverted' }],
  ...Object.fromEntries(['Held', 'Reverted', 'CausedIncident', 'Superseded', 'Unknown'].map((o) => [`impactLog.followUp${o}`, [{}, { id: ID }, { id: ID, note: 'rolled back' }]])),
  'impactLog.snoozeFollowUp': [{}, { id: ID }, { id: ID, days: 7 }],
  'impactLog.excludeFollowUp': [{}, { id: ID }, { id: ID, excluded: false }],
  'impactLog.suggestFromGit': [{}, { period: 'thisQuarter' }, { repo: '/repos/api' }],
  'impactLog.acceptSuggestion': [{ id: ID }, { id: ID, kind: 'note', title: 'A title' }, { id: ID, revert: 'answer' }],
  'impactLog.dismissSuggestion': [{ id: ID }, { ids: [ID] }],
};
// The kind's own log commands (impactLog.logProblem, …) use the default bases: {} and { title }.

/** Commands that take no argument object at all (run from a menu they get a tree node, or nothing). */
const NO_ARGUMENT = new Set(['impactLog.revealDatabase', 'impactLog.undoDelete', 'impactLog.clearFilter', 'impactLog.refreshTimeline', 'impactLog.loadMore', 'impactLog.logFromSelectionInEditor', 'impactLog.dismissAllSuggestions', 'impactLog.reviewNow']);

/** Values of every JSON type (and a few edge ones); the property keeps those a key does not accept. */
const anyJson = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ minLength: 301, maxLength: 400 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
);

/** True when a problem of the refusal is about `key` (the key itself, an item or a part of it, or an unknown key). */
function names(error: ValidationError, key: string): boolean {
  const about = error.problems.some((p) => p.field === key || p.field.startsWith(`${key}[`) || p.field.startsWith(`${key}.`) || (p.field === '' && p.problem.includes(`“${key}”`)));
  return about && error.message.includes(key);
}

function refusal(d: ArgDecision<unknown>, what: string): ValidationError {
  assert.equal(d.action, 'refuse', `${what}: expected a refusal, got "${d.action}"`);
  return (d as { error: ValidationError }).error;
}

describe('command arguments: refused before any prompt', () => {
  const pkg = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as { contributes: { commands: { command: string }[] } };
  const specsFor = (kind: KindId) => commandArgumentSpecs((id) => (id === ID ? kind : undefined));

  it('covers every contributed command that takes an argument object', () => {
    const covered = new Set(specsFor('problem').map((s) => s.command));
    for (const { command } of pkg.contributes.commands) {
      assert.ok(covered.has(command) || NO_ARGUMENT.has(command), `${command} has no argument spec in commandArgumentSpecs`);
    }
    for (const c of covered) assert.ok(pkg.contributes.commands.some((x) => x.command === c), `${c} is not a contributed command`);
  });

  it('accepts each base argument (so the property below starts from a valid one)', () => {
    for (const spec of specsFor('ai-assist')) {
      for (const base of BASES[spec.command] ?? []) assert.notEqual(spec.decide(base).action, 'refuse', `${spec.command} ${JSON.stringify(base)}`);
    }
  });

  for (const kind of KIND_IDS) {
    it(`for every key of every command, a value the key does not accept is refused naming the key (an edit of a “${kind}” entry)`, () => {
      for (const spec of specsFor(kind)) {
        const bases = BASES[spec.command]?.length ? BASES[spec.command]! : [{}, { title: 'A title' }];
        for (const [key, schema] of Object.entries(spec.keys)) {
          const bad = anyJson.filter((v) => !schema.safeParse(v).success);
          fc.assert(
            fc.property(fc.constantFrom(...bases), bad, (base, value) => {
              const arg = { ...base, [key]: value };
              const error = refusal(spec.decide(arg), `${spec.command} ${JSON.stringify(arg)}`);
              assert.ok(names(error, key), `${spec.command} ${JSON.stringify(arg)}: the refusal does not name "${key}": ${error.message}`);
            }),
            { numRuns: Math.max(20, Math.round(RUNS / 5)) },
          );
        }
      }
    });
  }

  it('refuses a key no schema covers, naming it', () => {
    for (const spec of specsFor('note')) {
      for (const base of BASES[spec.command]?.length ? BASES[spec.command]! : [{}]) {
        const error = refusal(spec.decide({ ...base, tittle: 'typo' }), spec.command);
        assert.ok(names(error, 'tittle'), `${spec.command}: ${error.message}`);
      }
    }
  });

  it('impactLog.logProblem { "title": 42 } is refused, not asked', () => {
    const error = refusal(decideLog('problem', { title: 42 }), 'logProblem');
    assert.equal(error.message, 'Problem solved: title must be text');
    assert.equal(refusal(decideLog(undefined, { title: 42 }), 'log').problems[0]?.field, 'title');
    assert.equal(refusal(decideLog('problem', { title: '' }), 'logProblem').problems[0]?.field, 'title');
  });

  it('asks only when the argument leaves something to ask, and names the kind-specific key for its kind', () => {
    assert.deepEqual(decideLog('problem', {}), { action: 'ask', value: { kind: 'problem', fields: {} } });
    assert.deepEqual(decideLog(undefined, { title: 'x' }), { action: 'ask', value: { kind: undefined, fields: { title: 'x' } } });
    assert.deepEqual(decideLog(undefined, { kind: 'note', title: 'x' }), { action: 'run', value: { kind: 'note', fields: { title: 'x' } } });
    assert.deepEqual(decideLog('review-catch', { severity: 'high' }).action, 'ask');
    // "verdict" belongs to an AI assist: judged as its verdict, not as an unknown field of a problem.
    const error = refusal(decideLog(undefined, { verdict: 42 }), 'log');
    assert.equal(error.problems[0]?.field, 'verdict');
    assert.match(error.message, /verdict must be one of: accepted, adapted, discarded/);
    const typo = refusal(decideLog(undefined, { verdcit: 'accepted' }), 'log');
    assert.match(typo.message, /unknown field “verdcit”/);
    assert.equal(refusal(decideLog('problem', { kind: 'note' }), 'kind').problems[0]?.field, 'kind');
  });

  it('an edit with only an id asks; with changes it saves them; an unknown id is refused', () => {
    assert.deepEqual(decideEdit({ id: ID }, () => 'note'), { action: 'ask', value: { id: ID } });
    assert.deepEqual(decideEdit({ id: ID, category: null }, () => 'note'), { action: 'run', value: { id: ID, patch: { fields: { category: null } } } });
    assert.equal(refusal(decideEdit({ id: ID, title: 42 }, () => 'note'), 'edit').problems[0]?.field, 'title');
    assert.equal(refusal(decideEdit({ id: ID, title: 'x' }, () => undefined), 'edit').problems[0]?.field, 'id');
  });
});
