import assert from 'node:assert/strict';
import { commandTargets, entryIdsOfNodes, nodeTargets, nonEntryRow, notAnEntryMessage, oneTarget } from '../../src/ui/commands/targets';

/**
 * The one rule every timeline command uses to pick its entries: the clicked row if it is not part
 * of the selection, else the whole selection. On 0.1.0 Delete acted on the clicked row plus the
 * selection it was not part of, while Copy acted on the clicked row only.
 */
describe('timeline command targets', () => {
  const node = (entryId: string) => ({ entryId });

  it('a clicked row outside the selection is the only target', () => {
    assert.deepEqual(commandTargets('a', ['b', 'c']), ['a']);
  });

  it('a clicked row inside the selection makes the whole selection the target, once each', () => {
    assert.deepEqual(commandTargets('b', ['b', 'c']), ['b', 'c']);
    assert.deepEqual(commandTargets('c', ['b', 'c', 'b']), ['b', 'c']);
  });

  it('with no clicked row (palette, keybinding), the selection', () => {
    assert.deepEqual(commandTargets(undefined, ['b', 'c']), ['b', 'c']);
    assert.deepEqual(commandTargets(undefined, []), []);
  });

  it('from tree nodes: the nodes VS Code passed, else the view selection; groups and "Load more" are not entries', () => {
    const view = () => ['x', 'y'];
    assert.deepEqual(nodeTargets(node('b'), [node('b'), { id: 'group:today' }, node('c')], view), ['b', 'c']);
    assert.deepEqual(nodeTargets(node('a'), [node('b'), node('c')], view), ['a'], 'clicked outside what VS Code passed');
    assert.deepEqual(nodeTargets(node('y'), undefined, view), ['x', 'y'], 'clicked inside the view selection');
    assert.deepEqual(nodeTargets(node('z'), undefined, view), ['z']);
    assert.equal(nodeTargets({ id: 'not-a-node' }, undefined, view), undefined, 'an argument object is not a node');
    assert.deepEqual(entryIdsOfNodes([node('a'), node('a'), 'text', null, node('')]), ['a']);
  });

  it('a key on a row that is not an entry (group, Load more, follow-up due) is named, so nothing else is acted on', () => {
    const treeNode = (contextValue: string, label: unknown, entryId?: string) => ({ ...(entryId ? { entryId } : {}), getTreeItem: () => ({ contextValue, label }) });
    assert.equal(nonEntryRow(treeNode('group', 'Today')), 'Today');
    assert.equal(nonEntryRow(treeNode('loadMore', { label: 'Load more…' })), 'Load more…');
    assert.equal(nonEntryRow(treeNode('followUpDue', 'Shipped dark mode', 'e1')), 'Shipped dark mode', 'a follow-up row carries entryId but is not an entry row');
    assert.equal(nonEntryRow(treeNode('entry', 'A note', 'e1')), undefined);
    assert.equal(nonEntryRow(treeNode('entry:linked:located', 'A note', 'e1')), undefined);
    assert.equal(nonEntryRow({ entryId: 'e1' }), undefined, 'a plain { entryId } is not a tree row');
    assert.equal(nonEntryRow({ id: 'e1' }), undefined);
    assert.equal(nonEntryRow(undefined), undefined);
    assert.equal(notAnEntryMessage('Today', 'deleted'), 'Impact Log: “Today” is not an entry, so nothing was deleted. Move the focus to an entry row first.');
  });

  it('a one-entry command refuses several targets instead of picking one', () => {
    assert.deepEqual(oneTarget(['a'], 'Edit'), { id: 'a' });
    assert.match((oneTarget(['a', 'b'], '“Edit Entry”') as { problem: string }).problem, /“Edit Entry” acts on one entry and 2 are selected/);
    assert.match((oneTarget([], 'Edit') as { problem: string }).problem, /select an entry/);
  });
});
