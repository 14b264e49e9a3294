import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EN, type MessageKey, type Messages } from '../../../src/domain/messages';
import { repoRoot } from '../reliability/support/root';

/**
 * The pure layers' message table in a shipped language, as the extension builds it (src/ui/messages.ts:
 * one `vscode.l10n.t` per key, the English default as the bundle's key): each key's words are the
 * language bundle's translation of the default English. For unit tests that run without a VS Code.
 */
export function shippedTable(lang: string): Messages {
  const root = repoRoot();
  const english = JSON.parse(readFileSync(join(root, 'l10n/bundle.l10n.json'), 'utf8')) as Record<string, string | { message: string }>;
  const local = JSON.parse(readFileSync(join(root, `l10n/bundle.l10n.${lang}.json`), 'utf8')) as Record<string, string>;
  const byMessage = new Map<string, string>();
  for (const [key, value] of Object.entries(english)) {
    const message = typeof value === 'string' ? value : value.message;
    const words = local[key];
    // A message with a comment (a key of its own) wins over the same words without one.
    if (words !== undefined && (typeof value !== 'string' || !byMessage.has(message))) byMessage.set(message, words);
  }
  return Object.fromEntries((Object.keys(EN) as MessageKey[]).map((k) => [k, byMessage.get(EN[k]) ?? EN[k]])) as Messages;
}
