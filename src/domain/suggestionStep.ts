/**
 * A free-text step with suggestions (the reason for a discarded or adapted AI assist, the AI tool),
 * as pure data: which items the list shows, in which order, and what Enter does. The quick pick in
 * src/ui/prompts only renders it.
 *
 * For a step whose skipping must be a choice (the reason: a discard without one is what the summary
 * cannot explain), the first item is "your own reason", the reasons used before and the common ones
 * follow, and "Skip" is last: Enter on an empty input never skips, it asks for a reason.
 */

export type SuggestionValue = { readonly type: 'typed' } | { readonly type: 'suggestion'; readonly text: string } | { readonly type: 'skip' };

export interface SuggestionItem {
  readonly label: string;
  readonly description?: string;
  readonly alwaysShow?: boolean;
  readonly value: SuggestionValue;
}

export interface SuggestionList {
  readonly items: readonly SuggestionItem[];
  /** The item highlighted when the step opens (with an empty input). */
  readonly active: SuggestionItem;
}

export interface SuggestionOptions {
  /** Values used before, most recent first. */
  readonly earlier: readonly string[];
  /** Common values (the setting's AI tools, the usual reasons). */
  readonly common: readonly string[];
  /** Skipping needs its own item, last; Enter on an empty input asks instead of skipping. */
  readonly explicitSkip: boolean;
  /** Editing an entry: "Not set" clears the field instead of "Skip". */
  readonly editing: boolean;
  /** What is asked, in a sentence: "a reason". */
  readonly noun: string;
}

/** Earlier values first, then common ones, each once (case and spacing ignored), trimmed. */
export function mergeSuggestions(earlier: readonly string[], common: readonly string[]): { text: string; earlier: boolean }[] {
  const seen = new Set<string>();
  const out: { text: string; earlier: boolean }[] = [];
  const add = (v: string, isEarlier: boolean) => {
    const text = v.trim().replace(/\s+/g, ' ');
    const key = text.toLowerCase();
    if (text === '' || seen.has(key)) return;
    seen.add(key);
    out.push({ text, earlier: isEarlier });
  };
  for (const v of earlier) add(v, true);
  for (const v of common) add(v, false);
  return out;
}

export function suggestionList(o: SuggestionOptions): SuggestionList {
  const skip: SuggestionItem = o.editing
    ? { label: '$(circle-slash) Not set', description: 'clear this field', value: { type: 'skip' } }
    : o.explicitSkip
      ? { label: `$(circle-slash) Skip: no ${o.noun.replace(/^an? /, '')}`, description: 'leave it empty', value: { type: 'skip' } }
      : { label: '$(circle-slash) Skip', description: 'leave it empty (Enter)', value: { type: 'skip' } };
  const typed: SuggestionItem = o.explicitSkip
    ? { label: `$(edit) Type ${o.noun}`, description: 'type it above and press Enter, or pick one below', alwaysShow: true, value: { type: 'typed' } }
    : { label: '$(edit) Use what you typed', description: 'when no suggestion fits', alwaysShow: true, value: { type: 'typed' } };
  const suggestions: SuggestionItem[] = mergeSuggestions(o.earlier, o.common).map((s) => ({
    label: s.text,
    ...(o.explicitSkip ? { description: s.earlier ? 'used before' : 'common' } : {}),
    value: { type: 'suggestion', text: s.text },
  }));
  if (o.explicitSkip) return { items: [typed, ...suggestions, skip], active: typed };
  return { items: [skip, ...suggestions, typed], active: skip };
}

export type SuggestionOutcome = { readonly answer: string } | { readonly skip: true } | { readonly ask: string };

/**
 * What Enter does with the highlighted item (undefined when the typed text hides every item) and the
 * typed text: take a suggestion, take the text, skip, or ask again with a message.
 */
export function acceptSuggestion(active: SuggestionValue | undefined, typedText: string, o: Pick<SuggestionOptions, 'explicitSkip' | 'noun'>): SuggestionOutcome {
  const text = typedText.trim();
  if (active?.type === 'suggestion') return { answer: active.text };
  if (text !== '') return { answer: text };
  if (active?.type === 'skip') return { skip: true };
  if (o.explicitSkip) return { ask: `Type ${o.noun} above, pick one below, or choose “Skip” at the end of the list` };
  return { skip: true };
}

/** The tags step's hint, short enough not to be cut off in the quick input: `Tags: type or pick one; “Done” to finish`. */
export const tagsPlaceholder = (label: string): string => `${label}: type or pick one; “Done” to finish`;

/** "Add what you typed" is offered only while something is typed. */
export const offerTyped = (value: string): boolean => value.trim() !== '';
