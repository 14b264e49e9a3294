import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/**
 * Finds the English words in the extension-host code that reach the user without going through
 * `vscode.l10n.t` (src/ui, src/shell, src/core.ts, src/extension.ts). It reads the syntax tree
 * (TypeScript's compiler API), so it sees every string literal and template, wherever it is: a
 * message, a quick pick item, a tree item's label or tooltip, a button, an error thrown for the user.
 * A string counts as words when it holds two words, or one capitalised word ("Timeline"), or is a
 * template with a word and a space ("${n} more"), or is one word shown instead of a value; ids,
 * paths, codicons and CSS do not. Left alone: the first argument of `l10n.t(…)` (that is the
 * bundle's key), module names, comparisons, `case` labels, literal types, property names, and
 * the output channel's log lines (a log stays English, as VS Code's own do), and the product's
 * name on its own ("Impact Log", the output channel's and the status bar item's name).
 */

export interface Bypass {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

const WORDS = /[A-Za-z]{2,}[^A-Za-z\n]+[A-Za-z]{2,}|^[A-Z][a-z]{2,}/;
/** Not words a person reads: a command or setting id, a file name, a codicon, a URI, a CSS or HTML fragment, a MIME type. */
const NOT_WORDS = [
  /^\$\([a-z-]+\)$/,
  /^[a-z][\w-]*(\.[\w-]+)+$/i,
  /^(impactLog|workbench|editor|vscode|setContext|command:)/,
  /^[a-z][a-z0-9-]*$/,
  /^[a-z]+[A-Z][A-Za-z0-9]*$/,
  /^https?:\/\//,
  /^[\w-]+\/[\w.+-]+$/,
  /^\s*</,
  /^[^\sA-Z][^\s]*$/,
  /^[A-Z][a-z]+([A-Z][a-z]*)+$/,
  /-src\b|'none'|'nonce-/,
  /^[\w-]+="/,
  /^Impact Log$/,
];
const LOGGERS = new Set(['info', 'warn', 'error', 'debug', 'trace', 'appendLine', 'append', 'log']);

function calleeName(call: ts.CallExpression | ts.NewExpression): string {
  const e = call.expression;
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return `${calleeName0(e.expression)}.${e.name.text}`;
  return '';
}
function calleeName0(e: ts.Expression): string {
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return `${calleeName0(e.expression)}.${e.name.text}`;
  if (ts.isCallExpression(e)) return `${calleeName0(e.expression)}()`;
  return '';
}

/** True when `node` is the message of an `l10n.t(…)` call, or sits where no person reads it. */
function exempt(node: ts.Node): boolean {
  const parent = node.parent;
  if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isExternalModuleReference(parent) || ts.isImportTypeNode(parent.parent)) return true;
  if (ts.isLiteralTypeNode(parent)) return true;
  if (ts.isPropertyAssignment(parent) && parent.name === node) return true;
  if (ts.isElementAccessExpression(parent) && parent.argumentExpression === node) return true;
  if (ts.isCaseClause(parent)) return true;
  if (ts.isBinaryExpression(parent) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.InKeyword].includes(parent.operatorToken.kind)) return true;
  for (let n: ts.Node = node; n.parent; n = n.parent) {
    const p = n.parent;
    if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && p.arguments?.includes(n as ts.Expression)) {
      const name = calleeName(p);
      if (/(^|\.)l10n\.t$/.test(name) && p.arguments[0] === n) return true;
      const last = name.split('.').pop() ?? '';
      if (LOGGERS.has(last) && /(output|log\(\)|log|console|channel)\.[a-zA-Z]+$/i.test(name)) return true;
    }
    if (ts.isStatement(p) || ts.isFunctionLike(p)) break;
  }
  return false;
}

const SHOWN = new Set(['label', 'description', 'detail', 'tooltip', 'title', 'placeholder', 'placeHolder', 'prompt', 'message', 'text', 'validationMessage']);
/**
 * One lowercase word shown instead of a value ('unreadable', 'default'): a branch of `a ? 'x' : …`
 * or the right of `??` / `||`, in what a quick pick item, a tree item or an input shows.
 */
function fallbackWord(node: ts.Node, t: string): boolean {
  if (!/^[a-z]{3,}$/.test(t)) return false;
  const p = node.parent;
  const branch = ts.isConditionalExpression(p)
    ? p.whenTrue === node || p.whenFalse === node
    : ts.isBinaryExpression(p) && p.right === node && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(p.operatorToken.kind);
  if (!branch) return false;
  for (let n: ts.Node = p; n.parent; n = n.parent) {
    const up = n.parent;
    if (ts.isPropertyAssignment(up)) return up.initializer === n && (ts.isIdentifier(up.name) || ts.isStringLiteral(up.name)) && SHOWN.has(up.name.text);
    if (!(ts.isConditionalExpression(up) || ts.isBinaryExpression(up) || ts.isTemplateSpan(up) || ts.isTemplateExpression(up) || ts.isParenthesizedExpression(up))) return false;
  }
  return false;
}

function textOf(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('{}');
  return undefined;
}

/** The string literals and templates of a parsed file that look like words and are not localised. */
export function bypassNodes(sf: ts.SourceFile): (ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression)[] {
  const out: (ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression)[] = [];
  const visit = (node: ts.Node): void => {
    const text = textOf(node);
    if (text !== undefined) {
      const t = text.trim();
      const bare = t.replace(/\$\([a-z-]+\)/g, "");
      const words = WORDS.test(t) || (ts.isTemplateExpression(node) && /[A-Za-z]{3,}/.test(bare) && /\s/.test(bare.trim()));
      if ((words ? !NOT_WORDS.some((re) => re.test(t)) : fallbackWord(node, t)) && !exempt(node)) out.push(node as ts.StringLiteral);
      if (ts.isTemplateExpression(node)) node.templateSpans.forEach((s) => visit(s.expression));
      return;
    }
    if (ts.isJSDoc(node)) return;
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** The literal strings of one source file that look like words and are not localised. */
export function bypassesIn(fileName: string, source: string): Bypass[] {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  return bypassNodes(sf).map((node) => ({ file: fileName, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, text: (textOf(node) ?? '').trim() }));
}

/** Every .ts file under `dirs` (relative to `root`), as `root`-relative paths. */
export function sourceFiles(root: string, dirs: readonly string[]): string[] {
  const files: string[] = [];
  const walk = (abs: string): void => {
    if (statSync(abs).isDirectory()) for (const name of readdirSync(abs)) walk(join(abs, name));
    else if (/\.m?ts$/.test(abs) && !abs.endsWith('.d.ts')) files.push(relative(root, abs));
  };
  for (const d of dirs) walk(join(root, d));
  return files.sort();
}

export function bypasses(root: string, dirs: readonly string[]): Bypass[] {
  return sourceFiles(root, dirs).flatMap((f) => bypassesIn(f, readFileSync(join(root, f), 'utf8')));
}
