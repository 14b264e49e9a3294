import { closeSync, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { ValidationError } from '../../domain';
import { type ExportSummaryArgument, filePath, formatFromPath } from '../../domain/exportArgs';
import { TEMPLATE_IDS, TEMPLATE_LABELS, type TemplateId, wordBudgetOf } from '../../domain/reviewTemplates';
import { compileTemplate, type ReviewOptions } from '../../export';
import type { Services } from '../services';

/**
 * Which template an export uses, and reading a custom one. Precedence: the argument's
 * `templatePath`, then its `template`; run from the palette with no argument, a pick (the
 * settings' choice first); else the setting `impactLog.review.templatePath`, then
 * `impactLog.review.template`.
 */

/** Larger than any review form needs; a bigger file is refused before it is parsed. */
export const TEMPLATE_MAX_BYTES = 2 * 1024 * 1024;

type Choice = { builtIn: TemplateId } | { path: string; from: 'argument' | 'setting' };

interface TemplateItem extends vscode.QuickPickItem {
  readonly choice: Choice;
  readonly text: boolean;
}

/** Reads a template file (a regular file, at most TEMPLATE_MAX_BYTES) without following it into /proc or /sys, where a read can block. */
export function readTemplateFile(path: string, what: string, field: string): string {
  const refuse = (problem: string): never => {
    throw new ValidationError(what, [{ field, problem }]);
  };
  let real: string;
  try {
    real = realpathSync(path);
  } catch (err) {
    return refuse(vscode.l10n.t('could not be read ({0}): {1}', (err as NodeJS.ErrnoException).code ?? String(err), path));
  }
  if (/^\/(proc|sys|dev)(\/|$)/.test(real)) refuse(vscode.l10n.t('must be a template file, not a system file: {0}', path));
  let fd: number | undefined;
  try {
    fd = openSync(real, 'r');
    const st = fstatSync(fd);
    if (!st.isFile()) refuse(vscode.l10n.t('must be a file: {0}', path));
    if (st.size > TEMPLATE_MAX_BYTES) refuse(vscode.l10n.t('is {0} MB; a template may be at most {1} MB', (st.size / 1048576).toFixed(1), TEMPLATE_MAX_BYTES / 1048576));
    const buf = Buffer.alloc(Math.min(st.size, TEMPLATE_MAX_BYTES) + 1);
    let n = 0;
    for (let got = -1; got !== 0 && n < buf.length; n += got) got = readSync(fd, buf, n, buf.length - n, n);
    if (n > TEMPLATE_MAX_BYTES) refuse(vscode.l10n.t('is larger than {0} MB', TEMPLATE_MAX_BYTES / 1048576));
    return new TextDecoder('utf-8', { fatal: false }).decode(buf.subarray(0, n)).replace(/^\uFEFF/, '');
  } catch (err) {
    if (err instanceof ValidationError) throw err;
    return refuse(vscode.l10n.t('could not be read ({0}): {1}', (err as NodeJS.ErrnoException).code ?? String(err), path));
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function settingPath(s: Services): string | undefined {
  const raw = s.config.value['review.templatePath'];
  if (raw === '') return undefined;
  const parsed = filePath.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

async function pickTemplate(s: Services, periodLabel: string): Promise<{ choice: Choice; text: boolean } | undefined> {
  const custom = settingPath(s);
  const preferred: Choice = custom ? { path: custom, from: 'setting' } : { builtIn: s.config.value['review.template'] };
  const choices: { choice: Choice; label: string; detail: string; icon: string }[] = TEMPLATE_IDS.map((id) => ({
    choice: { builtIn: id },
    label: TEMPLATE_LABELS[id].label,
    detail: TEMPLATE_LABELS[id].detail,
    icon: id === 'star' ? 'star-empty' : id === 'competencies' ? 'checklist' : id === 'brag-document' ? 'book' : 'graph',
  }));
  if (custom) choices.unshift({ choice: { path: custom, from: 'setting' }, label: vscode.l10n.t('Custom: {0}', basename(custom)), detail: custom, icon: 'file-code' });
  const same = (a: Choice, b: Choice) => ('builtIn' in a && 'builtIn' in b ? a.builtIn === b.builtIn : 'path' in a && 'path' in b && a.path === b.path);
  const items: (TemplateItem | vscode.QuickPickItem)[] = [
    { label: vscode.l10n.t('Markdown'), kind: vscode.QuickPickItemKind.Separator },
    ...choices.map((c) => ({ label: `$(${c.icon}) ${c.label}`, description: same(c.choice, preferred) ? vscode.l10n.t('default') : '', detail: c.detail, choice: c.choice, text: false })),
    { label: vscode.l10n.t('Plain text, to paste into a review form'), kind: vscode.QuickPickItemKind.Separator },
    ...choices.map((c) => ({ label: vscode.l10n.t('$(symbol-text) {0} as plain text', c.label), choice: c.choice, text: true })),
  ];
  const qp = vscode.window.createQuickPick<TemplateItem | vscode.QuickPickItem>();
  qp.title = vscode.l10n.t('Export review summary: {0}', periodLabel);
  qp.placeholder = vscode.l10n.t('Which template? (impactLog.review.template sets the default)');
  qp.matchOnDetail = false;
  qp.items = items;
  const active = items.find((i): i is TemplateItem => 'choice' in i && !i.text && same(i.choice, preferred));
  if (active) qp.activeItems = [active];
  const picked = await new Promise<TemplateItem | undefined>((resolve) => {
    qp.onDidAccept(() => {
      const p = qp.selectedItems[0] ?? qp.activeItems[0];
      resolve(p && 'choice' in p ? (p as TemplateItem) : undefined);
    });
    qp.onDidHide(() => resolve(undefined));
    qp.show();
  });
  qp.dispose();
  return picked ? { choice: picked.choice, text: picked.text } : undefined;
}

export interface ReviewChoice {
  /** Undefined for JSON and CSV, which no template shapes. */
  readonly review?: Omit<ReviewOptions, 'format' | 'omit'>;
  /** Set when the pick asked for plain text. */
  readonly format?: 'text';
}

/**
 * The template (compiled when custom) and the settings that shape the summary; undefined when the
 * user cancelled the pick. A custom template is read and checked here, before the log is read, so
 * a broken one fails with its line and nothing is written.
 */
/** `interactive`: run with no argument, so the template is asked for (the pick's title shows `periodLabel`). */
export async function reviewChoice(s: Services, a: ExportSummaryArgument, interactive: { periodLabel: string } | undefined): Promise<ReviewChoice | undefined> {
  const format = a.format ?? (a.path ? formatFromPath(a.path) : undefined);
  if (format === 'json' || format === 'csv') return {};
  let choice: Choice;
  let text = false;
  if (a.templatePath) choice = { path: a.templatePath, from: 'argument' };
  else if (a.template) choice = { builtIn: a.template };
  else if (interactive) {
    const picked = await pickTemplate(s, interactive.periodLabel);
    if (!picked) return undefined;
    ({ choice, text } = picked);
  } else {
    const custom = settingPath(s);
    choice = custom ? { path: custom, from: 'setting' } : { builtIn: s.config.value['review.template'] };
  }
  const template =
    'builtIn' in choice
      ? { builtIn: choice.builtIn }
      : {
          custom: compileTemplate(
            readTemplateFile(choice.path, choice.from === 'argument' ? vscode.l10n.t('Command argument') : vscode.l10n.t('Setting impactLog.review.templatePath'), choice.from === 'argument' ? 'templatePath' : ''),
            choice.path,
          ),
        };
  const review = { template, competencies: s.config.value['review.competencies'], wordBudget: wordBudgetOf(s.config.value['review.wordBudget']) };
  return text ? { review, format: 'text' } : { review };
}
