import { msg } from './messages';

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
  /** What skipping leaves out ("Skip: no reason"); without it, the noun without its English article. */
  readonly skipNoun?: string;
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
    ? { label: msg('pick.notSet'), description: msg('pick.notSet.description'), value: { type: 'skip' } }
    : o.explicitSkip
      ? { label: msg('pick.skipNo', o.skipNoun ?? o.noun.replace(/^an? /, '')), description: msg('pick.skip.description'), value: { type: 'skip' } }
      : { label: msg('pick.skip'), description: msg('pick.skipEnter.description'), value: { type: 'skip' } };
  const typed: SuggestionItem = o.explicitSkip
    ? { label: msg('pick.type', o.noun), description: msg('pick.type.description'), alwaysShow: true, value: { type: 'typed' } }
    : { label: msg('pick.useTyped'), description: msg('pick.useTyped.description'), alwaysShow: true, value: { type: 'typed' } };
  const suggestions: SuggestionItem[] = mergeSuggestions(o.earlier, o.common).map((s) => ({
    label: s.text,
    ...(o.explicitSkip ? { description: s.earlier ? msg('pick.usedBefore') : msg('pick.common') } : {}),
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
  if (o.explicitSkip) return { ask: msg('pick.ask', o.noun) };
  return { skip: true };
}

/** The tags step's hint, short enough not to be cut off in the quick input: `Tags: type or pick one; “Done” to finish`. */
export const tagsPlaceholder = (label: string): string => msg('pick.tagsPlaceholder', label);

/** "Add what you typed" is offered only while something is typed. */
export const offerTyped = (value: string): boolean => value.trim() !== '';
