import * as vscode from 'vscode';

/**
 * Counted words in the user's language: one message for one and one for many, so that a language
 * with other plural forms gets whole sentences to translate, never a bare "s".
 */
export const entryCount = (n: number): string => (n === 1 ? vscode.l10n.t('1 entry') : vscode.l10n.t('{0} entries', n));
export const suggestionCount = (n: number): string => (n === 1 ? vscode.l10n.t('1 suggestion') : vscode.l10n.t('{0} suggestions', n));
export const followUpsDue = (n: number): string => (n === 1 ? vscode.l10n.t('1 follow-up due') : vscode.l10n.t('{0} follow-ups due', n));
export const dueFor = (days: number): string =>
  days === 0 ? vscode.l10n.t('due today') : days === 1 ? vscode.l10n.t('due for 1 day') : vscode.l10n.t('due for {0} days', days);
