/**
 * Which entries a command run from the timeline is about. Tree nodes carry a string `entryId`;
 * with several rows selected VS Code passes `(clickedNode, selectedNodes[])`.
 */

/** The entry id of a timeline node, or undefined when `arg` is not one. */
export function entryIdOfNode(arg: unknown): string | undefined {
  if (arg === null || typeof arg !== 'object' || Array.isArray(arg)) return undefined;
  const id = (arg as { entryId?: unknown }).entryId;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** The entry ids of a multi-selection: the selected nodes (which include the clicked one), else the clicked node. */
export function entryIdsOfSelection(clicked: unknown, selected: unknown): string[] | undefined {
  const many = Array.isArray(selected) ? selected.map(entryIdOfNode).filter((id): id is string => id !== undefined) : [];
  if (many.length > 0) {
    const one = entryIdOfNode(clicked);
    return [...new Set(one !== undefined && !many.includes(one) ? [one, ...many] : many)];
  }
  const one = entryIdOfNode(clicked);
  return one === undefined ? undefined : [one];
}
