import { msg } from './messages';

/**
 * Whether leaving the log flow (Escape, or the prompt losing focus) should ask first: a new entry
 * when more than its title was answered, an edit when anything changed. Answers equal to where the
 * flow started (pre-filled, or skipped) do not count. Returns the question, or undefined to leave
 * without asking.
 */
export function discardQuestion(start: Readonly<Record<string, unknown>>, now: Readonly<Record<string, unknown>>, editing: boolean): string | undefined {
  const keys = new Set([...Object.keys(start), ...Object.keys(now)]);
  const changed = [...keys].filter((k) => JSON.stringify(start[k]) !== JSON.stringify(now[k]));
  if (editing) return changed.length > 0 ? msg('flow.discard.edit') : undefined;
  return changed.some((k) => k !== 'title') ? msg('flow.discard.new') : undefined;
}
