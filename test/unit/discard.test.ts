import assert from 'node:assert/strict';
import { discardQuestion } from '../../src/domain/discard';

describe('leaving the log flow with Escape', () => {
  it('asks "Discard this entry?" once more than the title was answered', () => {
    assert.equal(discardQuestion({}, { title: 'Fixed the login test', customerVisible: true }, false), 'Discard this entry?');
    assert.equal(discardQuestion({}, { title: 't', whatWasWrong: 'a', fix: 'b' }, false), 'Discard this entry?');
  });

  it('leaves without asking with only a title, nothing, or only what was pre-filled', () => {
    assert.equal(discardQuestion({}, {}, false), undefined);
    assert.equal(discardQuestion({}, { title: 'Only a title' }, false), undefined);
    assert.equal(discardQuestion({ title: 'From the selection', verdict: 'discarded' }, { title: 'From the selection', verdict: 'discarded' }, false), undefined);
  });

  it('when editing, asks as soon as anything changed, the title included', () => {
    const start = { title: 'Regex', verdict: 'discarded', tags: ['auth'] };
    assert.equal(discardQuestion(start, { ...start }, true), undefined);
    assert.equal(discardQuestion(start, { ...start, title: 'Regex for emails' }, true), 'Discard your changes to this entry?');
    assert.equal(discardQuestion(start, { title: 'Regex', verdict: 'discarded' }, true), 'Discard your changes to this entry?', 'tags cleared');
  });
});
