import { type Entry, isoMs } from '../domain';
import { choiceWord, VALUE_WORDS } from '../domain/format';
import { msg } from '../domain/messages';
import { formatDuration } from './format';

/**
 * The facts worth showing after an entry's title, per kind, in reading order, as plain (unescaped)
 * text in the table's words. The summary's bullets and every built-in template show these; a
 * Markdown writer escapes each one (`escapeInline`).
 */
export function factsOf(e: Entry): string[] {
  const w = VALUE_WORDS;
  const parts: (string | undefined)[] = (() => {
    switch (e.kind) {
      case 'problem': {
        const f = e.fields;
        const ttf = f.identifiedAt && f.resolvedAt ? msg('summary.fixedIn', formatDuration(isoMs(f.resolvedAt) - isoMs(f.identifiedAt))) : undefined;
        return [f.customerVisible === true ? w.customerVisible(true) : undefined, ttf, f.aiInvolvement !== 'none' ? w.aiInvolvement(f.aiInvolvement) : undefined];
      }
      case 'shipped':
        return [e.fields.customerVisible === true ? w.customerVisible(true) : undefined, w.release(e.fields.release)];
      case 'review-catch': {
        const f = e.fields;
        return [choice(f.severity), choice(f.category), w.author(f.author), f.wouldReachProduction === true ? w.wouldReachProduction(true) : undefined];
      }
      case 'incident': {
        const f = e.fields;
        return [w.role(f.role), choice(f.severity), w.minutesToMitigate(f.minutesToMitigate)];
      }
      case 'ai-assist': {
        const f = e.fields;
        return [f.verdict !== undefined ? choiceWord(f.verdict) : msg('summary.noVerdict'), f.reason, f.tool, f.rework === true ? w.rework(true) : undefined];
      }
      case 'note':
        return [choice(e.fields.category)];
    }
  })();
  return parts.filter((p): p is string => p !== undefined && p !== '');
}

/** The entry's impact in words (`high impact`), or '' when not set. */
export const impactText = (e: Entry): string => VALUE_WORDS.impact(e.impact) ?? '';

/** A stored choice (severity, category) in words, or undefined when not set. */
const choice = (v: string | undefined): string | undefined => (v === undefined ? undefined : choiceWord(v));
