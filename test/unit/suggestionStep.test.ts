import assert from 'node:assert/strict';
import { KINDS } from '../../src/domain';
import { acceptSuggestion, mergeSuggestions, suggestionList } from '../../src/domain/suggestionStep';

const reason = { explicitSkip: true, editing: false, noun: 'a reason' };
const labels = (o: Parameters<typeof suggestionList>[0]) => suggestionList(o).items.map((i) => `${i.label}${i.description ? ` (${i.description})` : ''}`);

describe('the "Why?" step of a discarded or adapted AI assist', () => {
  it('is a step whose skipping is explicit', () => {
    const why = KINDS['ai-assist'].fields.find((f) => f.key === 'reason');
    assert.ok(why && 'explicitSkip' in why && why.explicitSkip === true);
    const tool = KINDS['ai-assist'].fields.find((f) => f.key === 'tool');
    assert.ok(tool && !('explicitSkip' in tool && tool.explicitSkip));
  });

  it('starts on typing a reason, lists earlier reasons then common ones, and puts Skip last', () => {
    const list = suggestionList({ ...reason, earlier: ['Invented an API', 'too slow'], common: ['invented an API', 'insecure'] });
    assert.deepEqual(labels({ ...reason, earlier: ['Invented an API', 'too slow'], common: ['invented an API', 'insecure'] }), [
      '$(edit) Type a reason (type it above and press Enter, or pick one below)',
      'Invented an API (used before)',
      'too slow (used before)',
      'insecure (common)',
      '$(circle-slash) Skip: no reason (leave it empty)',
    ]);
    assert.equal(list.active, list.items[0], 'the highlighted item is typing a reason, not Skip');
  });

  it('Enter on an empty input asks for a reason instead of skipping', () => {
    const list = suggestionList({ ...reason, earlier: [], common: ['insecure'] });
    assert.deepEqual(acceptSuggestion(list.active.value, '', reason), { ask: 'Type a reason above, pick one below, or choose “Skip” at the end of the list' });
    assert.deepEqual(acceptSuggestion(undefined, '  ', reason), { ask: 'Type a reason above, pick one below, or choose “Skip” at the end of the list' });
  });

  it('skipping is choosing the Skip item; typed text or a highlighted suggestion is the reason', () => {
    assert.deepEqual(acceptSuggestion({ type: 'skip' }, '', reason), { skip: true });
    assert.deepEqual(acceptSuggestion({ type: 'typed' }, ' mixed up the units ', reason), { answer: 'mixed up the units' });
    assert.deepEqual(acceptSuggestion({ type: 'suggestion', text: 'insecure' }, 'insec', reason), { answer: 'insecure' });
    // Text that happens to match the Skip label is still a reason typed.
    assert.deepEqual(acceptSuggestion({ type: 'skip' }, 'skip', reason), { answer: 'skip' });
  });

  it('when editing, clearing the reason is the "Not set" item, still last', () => {
    const items = labels({ ...reason, editing: true, earlier: [], common: ['insecure'] });
    assert.equal(items[0], '$(edit) Type a reason (type it above and press Enter, or pick one below)');
    assert.equal(items.at(-1), '$(circle-slash) Not set (clear this field)');
  });
});

describe('a suggestion step whose skipping is not explicit (the AI tool)', () => {
  const tool = { explicitSkip: false, editing: false, noun: 'a tool' };
  it('keeps Skip first and highlighted, so Enter on an empty input skips', () => {
    const list = suggestionList({ ...tool, earlier: ['Claude'], common: ['GitHub Copilot', 'claude'] });
    assert.deepEqual(list.items.map((i) => i.label), ['$(circle-slash) Skip', 'Claude', 'GitHub Copilot', '$(edit) Use what you typed']);
    assert.equal(list.active, list.items[0]);
    assert.deepEqual(acceptSuggestion(list.active.value, '', tool), { skip: true });
  });

  it('merges suggestions once each, ignoring case and spacing', () => {
    assert.deepEqual(mergeSuggestions(['  Claude ', 'GitHub  Copilot'], ['github copilot', 'Cursor', '']), [
      { text: 'Claude', earlier: true },
      { text: 'GitHub Copilot', earlier: true },
      { text: 'Cursor', earlier: false },
    ]);
  });
});
