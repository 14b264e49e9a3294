import { msg } from '../../domain/messages';
/**
 * Which entries a command run from the timeline is about. Tree nodes carry a string `entryId`;
 * with several rows selected VS Code passes `(clickedNode, selectedNodes[])`. No `vscode` here, so
 * the rule is unit tested in Node (test/unit/targets.test.ts).
 */

/** The entry id of a timeline node, or undefined when `arg` is not one. */
export function entryIdOfNode(arg: unknown): string | undefined {
  if (arg === null || typeof arg !== 'object' || Array.isArray(arg)) return undefined;
  const id = (arg as { entryId?: unknown }).entryId;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** The entry ids of a list of nodes (other values and repeats left out), in order. */
export function entryIdsOfNodes(nodes: unknown): string[] {
  return Array.isArray(nodes) ? [...new Set(nodes.map(entryIdOfNode).filter((id): id is string => id !== undefined))] : [];
}

/**
 * The one rule for every tree command: the clicked row if it is not part of the selection, else the
 * whole selection. With no clicked row (a keybinding, the palette), the selection.
 */
export function commandTargets(clicked: string | undefined, selection: readonly string[]): string[] {
  const selected = [...new Set(selection)];
  if (clicked === undefined) return selected;
  return selected.includes(clicked) ? selected : [clicked];
}

/**
 * The targets of a command VS Code ran on a tree node: `clicked` is the node, `selected` the nodes
 * VS Code passed with it (it passes them when the clicked row is part of a multi-selection), else
 * the view's selection now. Undefined when `clicked` is not a timeline node.
 */
export function nodeTargets(clicked: unknown, selected: unknown, viewSelection: () => readonly string[]): string[] | undefined {
  const id = entryIdOfNode(clicked);
  if (id === undefined) return undefined;
  return commandTargets(id, Array.isArray(selected) ? entryIdsOfNodes(selected) : viewSelection());
}

/** For commands that act on one entry: the one target, or the problem in plain words. */
export function oneTarget(targets: readonly string[], what: string): { id: string } | { problem: string } {
  if (targets.length === 1) return { id: targets[0]! };
  if (targets.length === 0) return { problem: msg('ui.selectEntryFirst') };
  return { problem: msg('ui.oneEntryOnly', what, targets.length) };
}

/**
 * The label of a timeline row that is not an entry (a date group, “Load more…”, a follow-up due),
 * when a key such as Delete or F2 was pressed on it; undefined for an entry row and for anything
 * that is not a tree node. The keys act on the focused row (package.json passes it), so a key on a
 * group must do nothing rather than fall back to some other selected row.
 */
export function nonEntryRow(arg: unknown): string | undefined {
  if (arg === null || typeof arg !== 'object' || typeof (arg as { getTreeItem?: unknown }).getTreeItem !== 'function') return undefined;
  const item = (arg as { getTreeItem(): { contextValue?: string; label?: unknown } }).getTreeItem();
  if (/^entry(:|$)/.test(item.contextValue ?? '')) return undefined;
  const label = item.label;
  if (typeof label === 'string') return label;
  const nested = label !== null && typeof label === 'object' ? (label as { label?: unknown }).label : undefined;
  return typeof nested === 'string' ? nested : msg('ui.thisRow');
}

/** The message for a key pressed on a row that is not an entry: nothing was done, and what to do. */
export function notAnEntryMessage(row: string, action: 'deleted' | 'renamed'): string {
  return msg(action === 'deleted' ? 'ui.notAnEntry.deleted' : 'ui.notAnEntry.renamed', row);
}
