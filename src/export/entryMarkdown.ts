import { type Entry, KINDS } from '../domain';
import { escapeBlock, escapeInline, markdownLink } from './escape';
import { choiceWord } from '../domain/format';
import { contextParts, fieldLabel, kindFieldValues, linkLabel, localDateTime } from './format';
import { blankOmitted, omitSet } from './omit';
import { msg } from '../domain/messages';

/**
 * One entry as a Markdown fragment ("Copy as Markdown"): a heading with the title, a list of its
 * facts (kind, date, impact, kind fields, tags, evidence links, context), then its long texts as
 * paragraphs. Every piece of user text is escaped, so the fragment pastes safely into any document.
 * `omit` takes the names of `impactLog.export.omitFields`.
 */
export function entryToMarkdown(entry: Entry, omit: readonly string[] = []): string {
  const e = blankOmitted(entry, omitSet(omit));
  const facts: string[] = [`**${msg('entryMd.kind')}:** ${KINDS[e.kind].label}`, `**${msg('entryMd.date')}:** ${localDateTime(e.occurredAt)}`];
  if (e.impact) facts.push(`**${msg('entryMd.impact')}:** ${choiceWord(e.impact)}`);
  const long: string[] = [];
  for (const { def, text } of kindFieldValues(e)) {
    if (def.type === 'longtext') long.push(labelled(fieldLabel(def), text));
    else facts.push(`**${escapeInline(fieldLabel(def))}:** ${escapeInline(text)}`);
  }
  if (e.tags.length > 0) facts.push(`**${msg('entryMd.tags')}:** ${e.tags.map(escapeInline).join(', ')}`);
  if (e.links.length > 0) facts.push(`**${msg('entryMd.evidence')}:** ${e.links.map((l) => markdownLink(linkLabel(l), l.url)).join(', ')}`);
  const ctx = contextParts(e);
  if (ctx.length > 0) facts.push(`**${msg('entryMd.context')}:** ${ctx.map(escapeInline).join(' · ')}`);
  if (e.deletedAt) facts.push(`**${msg('entryMd.deleted')}:** ${localDateTime(e.deletedAt)}`);
  if (e.details) long.push(labelled(msg('entryMd.details'), e.details));

  return [`### ${escapeInline(e.title)}`, facts.map((f) => `- ${f}`).join('\n'), ...long].join('\n\n') + '\n';
}

/** A long text as paragraphs, the first one led by its bold label. */
function labelled(label: string, text: string): string {
  const block = escapeBlock(text);
  return block === '' ? `**${label}:** —` : `**${label}:** ${block}`;
}
