import * as vscode from 'vscode';
import { type Entry, KINDS, localDate } from '../../domain';
import type { EntryStore } from '../../storage';

/**
 * A searchable pick list of entries: the most recent ones first; typing also searches the whole
 * log (title, details, tags). Resolves with the chosen entries, or undefined on Escape.
 */
export async function pickEntries(store: EntryStore, o: { title: string; placeholder: string; many: boolean }): Promise<Entry[] | undefined> {
  type Item = vscode.QuickPickItem & { entry: Entry };
  const toItem = (e: Entry, found = false): Item => ({
    label: `$(${KINDS[e.kind].codicon}) ${e.title}`,
    description: `${KINDS[e.kind].label} · ${localDate(Date.parse(e.occurredAt))}`,
    detail: e.tags.length ? e.tags.map((t) => `#${t}`).join(' ') : undefined,
    alwaysShow: found,
    entry: e,
  });
  const recent = store.list({}, { limit: 200 }).map((e) => toItem(e));
  if (recent.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Impact Log: there are no entries yet. Log one with “Impact Log: Log Entry…”.'));
    return undefined;
  }
  const input = vscode.window.createQuickPick<Item>();
  input.title = o.title;
  input.placeholder = o.placeholder;
  input.canSelectMany = o.many;
  input.matchOnDescription = true;
  input.matchOnDetail = true;
  input.items = recent;
  // A multi-select list highlights nothing by default; highlight the newest so Enter acts on it.
  if (o.many && recent[0]) input.activeItems = [recent[0]];
  const disposables: vscode.Disposable[] = [input];
  let timer: NodeJS.Timeout | undefined;
  try {
    return await new Promise<Entry[] | undefined>((resolve) => {
      disposables.push(
        input.onDidChangeValue((value) => {
          clearTimeout(timer);
          timer = setTimeout(() => {
            const shown = new Set(recent.map((i) => i.entry.id));
            const found = value.trim().length >= 2 ? store.list({ text: value }, { limit: 50 }).filter((e) => !shown.has(e.id)) : [];
            const selected = input.selectedItems;
            input.items = [...recent, ...found.map((e) => toItem(e, true))];
            if (o.many) input.selectedItems = input.items.filter((i) => selected.some((s) => s.entry.id === i.entry.id));
          }, 150);
        }),
        input.onDidAccept(() => {
          // With several selectable, Enter takes the checked entries, or else the highlighted one.
          const chosen = o.many && input.selectedItems.length > 0 ? input.selectedItems : input.activeItems;
          if (chosen.length > 0) resolve(chosen.map((i) => i.entry));
        }),
        input.onDidHide(() => resolve(undefined)),
      );
      input.show();
    });
  } finally {
    clearTimeout(timer);
    for (const d of disposables) d.dispose();
  }
}
