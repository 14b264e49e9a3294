import * as vscode from 'vscode';
import { firstProblem, KIND_LIST, type KindId } from '../../domain';
import { describeFilter, filterText, isFilterActive, type TimelineFilter } from '../../domain/filter';
import { stepTitle } from '../../domain/stepCounter';
import type { EntryStore } from '../../storage';

/**
 * Asks how to filter the timeline: by kind(s), by tag(s) or by text. Each step changes one part of
 * the current filter and keeps the others. Returns the new filter, or undefined when cancelled.
 */
/** Two steps: how to filter, then the kinds, tags or text. */
const FIRST = { step: 1, totalSteps: 2 };
const SECOND = { step: 2, totalSteps: 2 };

export async function pickFilter(store: EntryStore, current: TimelineFilter): Promise<TimelineFilter | undefined> {
  type Step = vscode.QuickPickItem & { step: 'kinds' | 'tags' | 'text' | 'clear' };
  const steps: Step[] = [
    { step: 'kinds', label: vscode.l10n.t('$(symbol-enum) By kind…'), description: current.kinds.length > 0 ? describeFilter({ ...current, tags: [], text: '' }) : undefined },
    { step: 'tags', label: vscode.l10n.t('$(tag) By tag…'), description: current.tags.length > 0 ? describeFilter({ ...current, kinds: [], text: '' }) : undefined },
    { step: 'text', label: vscode.l10n.t('$(search) By text…'), description: current.text !== '' ? `“${current.text}”` : vscode.l10n.t('full-text search in titles, details and tags') },
  ];
  if (isFilterActive(current)) steps.push({ step: 'clear', label: vscode.l10n.t('$(clear-all) Clear filter') });
  const choice = await vscode.window.showQuickPick(steps, { title: stepTitle(vscode.l10n.t('Filter Timeline'), FIRST), placeHolder: isFilterActive(current) ? vscode.l10n.t('Current filter: {0}', describeFilter(current)) : vscode.l10n.t('Show only some entries') });
  if (!choice) return undefined;
  switch (choice.step) {
    case 'kinds': {
      const kinds = await pickKinds(current.kinds);
      return kinds && { ...current, kinds };
    }
    case 'tags': {
      const tags = await pickTags(store, current.tags);
      return tags && { ...current, tags };
    }
    case 'text': {
      const text = await vscode.window.showInputBox({
        title: stepTitle(vscode.l10n.t('Filter Timeline by Text'), SECOND),
        prompt: vscode.l10n.t('Words to find in titles, details and tags (every word must match; leave empty for no text filter)'),
        value: current.text,
        validateInput: (v) => firstProblem(filterText, v),
      });
      return text === undefined ? undefined : { ...current, text: filterText.parse(text) };
    }
    case 'clear':
      return { kinds: [], tags: [], text: '' };
  }
}

async function pickKinds(selected: readonly KindId[]): Promise<KindId[] | undefined> {
  const items = KIND_LIST.map((k) => ({ label: `$(${k.codicon}) ${k.label}`, description: k.description, id: k.id, picked: selected.includes(k.id) }));
  const picked = await vscode.window.showQuickPick(items, { title: stepTitle(vscode.l10n.t('Filter Timeline by Kind'), SECOND), placeHolder: vscode.l10n.t('Show entries of these kinds (none checked: all kinds)'), canPickMany: true });
  return picked?.map((p) => p.id);
}

async function pickTags(store: EntryStore, selected: readonly string[]): Promise<string[] | undefined> {
  const counts = store.tagCounts();
  if (counts.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No entry has tags yet. Add tags when you log or edit an entry, then filter by them here.'));
    return undefined;
  }
  const known = new Set(counts.map((c) => c.tag));
  const items = [
    ...counts.map((c) => ({ label: `#${c.tag}`, description: `${c.count}`, tag: c.tag, picked: selected.includes(c.tag) })),
    // A selected tag no live entry carries any more stays visible so it can be unchecked.
    ...selected.filter((t) => !known.has(t)).map((t) => ({ label: `#${t}`, description: '0', tag: t, picked: true })),
  ];
  const picked = await vscode.window.showQuickPick(items, { title: stepTitle(vscode.l10n.t('Filter Timeline by Tag'), SECOND), placeHolder: vscode.l10n.t('Show entries carrying any of these tags (none checked: all)'), canPickMany: true, matchOnDescription: false });
  return picked?.map((p) => p.tag);
}
