import * as vscode from 'vscode';
import { KINDS, ValidationError } from '../../domain';
import { FIND_ENTRIES_TOOL, LOG_ENTRY_TOOL, parseChatLogEntry, parseFindEntries, type ChatToolName } from '../../domain/chatTools';
import { describeFilter } from '../../domain/filter';
import { inSentence } from '../../domain/flow';
import { resolvePeriod } from '../../domain/periods';
import { CONFIRMATION_FOOTER, CONFIRMATION_TITLE, entryPreview, foundEntriesText, invalidInputText, loggedText } from '../../export/chatText';
import { escapeBlock, escapeInline } from '../../export/escape';
import { captureContext } from '../context';
import { describeError } from '../errors';
import { lastExportAt } from '../prompts/periodPick';
import type { Services } from '../services';
import { untrustedMarkdown } from '../markdown';

/**
 * The chat tools (contributed in package.json `languageModelTools`; the shell registers stand-ins
 * that hand every call to these). `impactLog_logEntry` writes only after the user confirmed what
 * `prepareInvocation` showed: VS Code calls `invoke` once they press Continue. Input is validated
 * again in `invoke`, with the log commands' schema; bad input gets a result that names the field.
 */

export type ChatTools = Readonly<Record<ChatToolName, vscode.LanguageModelTool<unknown>>>;

const text = (value: string) => new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(value)]);

/** The confirmation: every field that will be written, user text escaped (no link, HTML or icon can come from it). */
function confirmationMessage(entry: ReturnType<typeof parseChatLogEntry>): vscode.MarkdownString {
  const md = untrustedMarkdown(false);
  for (const line of entryPreview(entry)) {
    const label = `**${escapeInline(line.label)}:**`;
    md.appendMarkdown(line.multiline ? `${label}\n\n${escapeBlock(line.value)}\n\n` : `${label} ${escapeInline(line.value)}  \n`);
  }
  md.appendMarkdown(`\n${escapeInline(CONFIRMATION_FOOTER)}`);
  return md;
}

class LogEntryTool implements vscode.LanguageModelTool<unknown> {
  constructor(private readonly s: Services) {}

  async prepareInvocation(options: vscode.LanguageModelToolInvocationPrepareOptions<unknown>): Promise<vscode.PreparedToolInvocation> {
    let entry;
    try {
      parseChatLogEntry(options.input, Date.now());
      // The folder, repository and branch are written too, so they are shown (reading Git has no side effect).
      entry = parseChatLogEntry(options.input, Date.now(), await captureContext(undefined, { gitTimeoutMs: 1500 }));
    } catch {
      // Nothing can be written: `invoke` answers with the problems, so there is nothing to confirm.
      return { invocationMessage: vscode.l10n.t('Checking the entry for Impact Log') };
    }
    return {
      invocationMessage: vscode.l10n.t('Logging {0} in Impact Log', inSentence(KINDS[entry.kind].label)),
      confirmationMessages: { title: CONFIRMATION_TITLE, message: confirmationMessage(entry) },
    };
  }

  async invoke(options: vscode.LanguageModelToolInvocationOptions<unknown>): Promise<vscode.LanguageModelToolResult> {
    try {
      // Validate before anything else, so bad input costs no Git call and writes nothing.
      parseChatLogEntry(options.input, Date.now());
      const entry = parseChatLogEntry(options.input, Date.now(), await captureContext());
      const added = await this.s.store.write('add', (store) => store.add(entry), (e) => [e.id]);
      void vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) Logged {0} from the chat: {1}', inSentence(KINDS[added.kind].label), added.title), 4000);
      return text(loggedText(added));
    } catch (err) {
      if (err instanceof ValidationError) return text(invalidInputText(LOG_ENTRY_TOOL, err));
      this.s.output.error(`${LOG_ENTRY_TOOL} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return text(describeError(err));
    }
  }
}

class FindEntriesTool implements vscode.LanguageModelTool<unknown> {
  constructor(private readonly s: Services) {}

  prepareInvocation(): vscode.PreparedToolInvocation {
    return { invocationMessage: vscode.l10n.t('Reading your Impact Log') };
  }

  async invoke(options: vscode.LanguageModelToolInvocationOptions<unknown>): Promise<vscode.LanguageModelToolResult> {
    try {
      const q = parseFindEntries(options.input);
      const config = this.s.config.value;
      let range: { from: number; to: number } | undefined;
      let when = vscode.l10n.t('all time');
      if (q.period) {
        try {
          const { period } = resolvePeriod(q.period, { now: Date.now(), fiscalYearStartMonth: config['review.fiscalYearStartMonth'], lastExportAt: await lastExportAt(this.s) });
          range = { from: period.from, to: period.to };
          when = period.label;
        } catch (err) {
          if (err instanceof ValidationError) throw new ValidationError(vscode.l10n.t('Find entries'), err.problems.map((p) => ({ field: 'period', problem: p.problem })));
          throw err;
        }
      }
      const store = await this.s.store.get();
      const filter = { kinds: q.kinds, tags: q.tags, text: q.text };
      const query = { ...range, ...(q.kinds.length ? { kinds: q.kinds } : {}), ...(q.tags.length ? { tags: q.tags } : {}), ...(q.text ? { text: q.text } : {}) };
      const entries = store.list(query, { limit: q.limit });
      const total = store.count(query);
      const scope = [when, describeFilter(filter)].filter((p) => p !== '').join('; ');
      return text(foundEntriesText(entries, { total, scope, omit: config['export.omitFields'] }));
    } catch (err) {
      if (err instanceof ValidationError) return text(invalidInputText(FIND_ENTRIES_TOOL, err));
      this.s.output.error(`${FIND_ENTRIES_TOOL} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return text(vscode.l10n.t('Could not read the user\'s Impact Log: {0}', err instanceof Error ? err.message : String(err)));
    }
  }
}

/** The chat tools' implementations, by name. */
export function createChatTools(s: Services): ChatTools {
  return { [LOG_ENTRY_TOOL]: new LogEntryTool(s), [FIND_ENTRIES_TOOL]: new FindEntriesTool(s) };
}
