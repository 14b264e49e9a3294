import * as vscode from 'vscode';
import type { CoreApi } from '../ui/api';

/**
 * Stand-ins for the chat tools the manifest contributes (`contributes.languageModelTools`),
 * registered by the shell at activation so a tool call never finds the tool without an
 * implementation while the core is still loading. Each call waits for the core and goes to its
 * tool (src/ui/chat/tools.ts), which does the work.
 */
export function registerToolStandIns(core: () => Promise<CoreApi>, names: readonly string[]): vscode.Disposable[] {
  // `vscode.lm` is there from VS Code 1.90; a host without it just has no chat tools.
  if (typeof vscode.lm?.registerTool !== 'function') return [];
  const tool = async (name: string): Promise<vscode.LanguageModelTool<unknown>> => {
    const t = (await core()).chatTools[name];
    if (!t) throw new Error(vscode.l10n.t('Impact Log has no implementation of the tool {0}', name));
    return t;
  };
  return names.map((name) =>
    vscode.lm.registerTool<unknown>(name, {
      prepareInvocation: async (options, token) => (await tool(name)).prepareInvocation?.(options, token),
      invoke: async (options, token) => (await tool(name)).invoke(options, token),
    }),
  );
}

/** The tool names a manifest (package.json) contributes, ignoring malformed entries. */
export function contributedToolNames(packageJSON: unknown): string[] {
  const tools = (packageJSON as { contributes?: { languageModelTools?: unknown } } | undefined)?.contributes?.languageModelTools;
  if (!Array.isArray(tools)) return [];
  return tools.flatMap((t: unknown) => {
    const name = (t as { name?: unknown } | null)?.name;
    return typeof name === 'string' && name !== '' ? [name] : [];
  });
}
