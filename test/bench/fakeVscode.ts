import { readFileSync } from 'node:fs';
import Module from 'node:module';
import { join } from 'node:path';

/**
 * A tiny stand-in for the `vscode` module, for the activation benchmark only (tests run in a real
 * extension host): enough of the API for `activate()` to wire everything up in plain Node. Members
 * it does not know become recorded no-ops, so the benchmark keeps working as features are added
 * and says which parts it faked blindly.
 */

export const stubbed = new Set<string>();
export const registeredCommands: string[] = [];

/** A function-shaped proxy that answers any property, call or `new` with more of itself. */
function anything(name: string): unknown {
  const cache = new Map<PropertyKey, unknown>();
  const target = function () {
    /* stub */
  };
  return new Proxy(target, {
    get(t, prop) {
      if (prop === 'then') return undefined; // not a promise
      if (prop === Symbol.toPrimitive) return () => `[${name}]`;
      if (prop === 'prototype') return t.prototype as object;
      if (typeof prop === 'symbol') return undefined;
      if (!cache.has(prop)) cache.set(prop, anything(`${name}.${prop}`));
      return cache.get(prop);
    },
    apply: () => anything(`${name}()`),
    construct: (_t, _args, newTarget: new () => object) => Reflect.construct(function () {}, [], newTarget) as object,
  });
}

/** Known members come from `known`; anything else is recorded and stubbed. */
function namespace<T extends object>(name: string, known: T): T {
  return new Proxy(known, {
    get(t, prop, receiver) {
      // `__esModule` and friends are the bundler's interop probes, not API.
      if (typeof prop === 'symbol' || prop in t || prop.startsWith('__')) return Reflect.get(t, prop, receiver) as unknown;
      stubbed.add(`${name}.${prop}`);
      const stub = anything(`${name}.${prop}`);
      Reflect.set(t, prop, stub);
      return stub;
    },
  });
}

class Disposable {
  static from(...items: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => items.forEach((i) => i.dispose()));
  }
  constructor(private readonly fn: () => unknown) {}
  dispose(): void {
    this.fn();
  }
}

class EventEmitter<T> {
  private listeners: ((e: T) => unknown)[] = [];
  readonly event = (listener: (e: T) => unknown): Disposable => {
    this.listeners.push(listener);
    return new Disposable(() => (this.listeners = this.listeners.filter((l) => l !== listener)));
  };
  fire(e: T): void {
    for (const l of this.listeners) l(e);
  }
  dispose(): void {
    this.listeners = [];
  }
}

const noEvent = () => new Disposable(() => undefined);

class Uri {
  private constructor(
    readonly scheme: string,
    readonly path: string,
  ) {}
  static file(p: string): Uri {
    return new Uri('file', p);
  }
  static parse(s: string): Uri {
    const m = /^([a-z][\w+.-]*):(.*)$/i.exec(s);
    return m ? new Uri(m[1]!, m[2]!) : new Uri('file', s);
  }
  static joinPath(base: Uri, ...parts: string[]): Uri {
    return new Uri(base.scheme, join(base.path, ...parts));
  }
  get fsPath(): string {
    return this.path;
  }
  with(change: { path?: string }): Uri {
    return new Uri(this.scheme, change.path ?? this.path);
  }
  toString(): string {
    return `${this.scheme}://${this.path}`;
  }
}

class TreeItem {
  constructor(
    readonly label: unknown,
    readonly collapsibleState?: number,
  ) {}
}

class ThemeIcon {
  static readonly File = new ThemeIcon('file');
  static readonly Folder = new ThemeIcon('folder');
  constructor(
    readonly id: string,
    readonly color?: unknown,
  ) {}
}

class MarkdownString {
  isTrusted = false;
  supportThemeIcons = false;
  constructor(public value = '') {}
  appendMarkdown(s: string): this {
    this.value += s;
    return this;
  }
  appendText(s: string): this {
    this.value += s;
    return this;
  }
  appendCodeblock(s: string): this {
    this.value += `\n\`\`\`\n${s}\n\`\`\`\n`;
    return this;
  }
}

/** A log output channel that writes nothing. */
export const fakeOutputChannel = () => ({
  name: 'Impact Log',
  logLevel: 2,
  onDidChangeLogLevel: noEvent,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  append: () => undefined,
  appendLine: () => undefined,
  replace: () => undefined,
  clear: () => undefined,
  show: () => undefined,
  hide: () => undefined,
  dispose: () => undefined,
});

const api = {
  Disposable,
  EventEmitter,
  Uri,
  TreeItem,
  ThemeIcon,
  ThemeColor: class {
    constructor(readonly id: string) {}
  },
  MarkdownString,
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  StatusBarAlignment: { Left: 1, Right: 2 },
  ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
  ExtensionMode: { Production: 1, Development: 2, Test: 3 },
  QuickInputButtons: { Back: { iconPath: new ThemeIcon('arrow-left') } },
  // VS Code's own formatting: the message (a string, or { message, args, comment }) with {0}, {1} … filled, in English.
  l10n: namespace('l10n', {
    t: (m: string | { message: string; args?: unknown[] }, ...args: unknown[]) => {
      const [message, values] = typeof m === 'string' ? [m, args] : [m.message, m.args ?? []];
      return message.replace(/\{(\d+)\}/g, (x, i: string) => (Number(i) < values.length ? String(values[Number(i)]) : x));
    },
    bundle: undefined,
    uri: undefined,
  }),
  window: namespace('window', {
    createOutputChannel: fakeOutputChannel,
    createTreeView: () => ({
      visible: false,
      message: undefined,
      description: undefined,
      selection: [],
      onDidChangeVisibility: noEvent,
      onDidChangeSelection: noEvent,
      onDidExpandElement: noEvent,
      onDidCollapseElement: noEvent,
      reveal: () => Promise.resolve(),
      dispose: () => undefined,
    }),
    registerTreeDataProvider: noEvent,
    createStatusBarItem: () => ({ text: '', tooltip: undefined, command: undefined, show: () => undefined, hide: () => undefined, dispose: () => undefined }),
    showInformationMessage: () => Promise.resolve(undefined),
    showWarningMessage: () => Promise.resolve(undefined),
    showErrorMessage: () => Promise.resolve(undefined),
    setStatusBarMessage: noEvent,
    onDidChangeActiveTextEditor: noEvent,
    onDidChangeWindowState: noEvent,
    activeTextEditor: undefined,
    state: { focused: true },
  }),
  commands: namespace('commands', {
    registerCommand: (id: string) => {
      registeredCommands.push(id);
      return new Disposable(() => undefined);
    },
    executeCommand: () => Promise.resolve(undefined),
  }),
  workspace: namespace('workspace', {
    getConfiguration: () => ({ get: () => undefined, has: () => false, inspect: () => undefined, update: () => Promise.resolve() }),
    onDidChangeConfiguration: noEvent,
    onDidChangeWorkspaceFolders: noEvent,
    workspaceFolders: undefined,
    getWorkspaceFolder: () => undefined,
    isTrusted: true,
  }),
  env: namespace('env', { openExternal: () => Promise.resolve(true), clipboard: { writeText: () => Promise.resolve(), readText: () => Promise.resolve('') }, machineId: 'bench', language: 'en' }),
  version: '1.101.0',
};

const fake = namespace('vscode', api);

/** Makes `require('vscode')` return the fake in this process. */
export function installFakeVscode(): void {
  const M = Module as unknown as { _load(request: string, parent: unknown, isMain: boolean): unknown };
  const load = M._load.bind(M);
  M._load = (request, parent, isMain) => (request === 'vscode' ? fake : load(request, parent, isMain));
}

const memento = () => {
  const data = new Map<string, unknown>();
  return { get: (k: string, d?: unknown) => (data.has(k) ? data.get(k) : d), update: (k: string, v: unknown) => (data.set(k, v), Promise.resolve()), keys: () => [...data.keys()], setKeysForSync: () => undefined };
};

/**
 * The smallest ExtensionContext activate() needs: storage folders under `dir`, nothing persisted;
 * `extensionPath` is the extension's folder (its package.json is the manifest the shell reads).
 */
export function fakeContext(dir: string, extensionPath: string): Record<string, unknown> {
  const packageJSON = JSON.parse(readFileSync(join(extensionPath, 'package.json'), 'utf8')) as { publisher: string; name: string };
  return namespace('context', {
    extension: { id: `${packageJSON.publisher}.${packageJSON.name}`, extensionPath, extensionUri: Uri.file(extensionPath), packageJSON },
    subscriptions: [] as { dispose(): unknown }[],
    globalStorageUri: Uri.file(join(dir, 'global')),
    storageUri: Uri.file(join(dir, 'workspace')),
    logUri: Uri.file(join(dir, 'logs')),
    extensionUri: Uri.file(extensionPath),
    extensionPath,
    globalStoragePath: join(dir, 'global'),
    extensionMode: 1,
    globalState: memento(),
    workspaceState: memento(),
    asAbsolutePath: (p: string) => join(extensionPath, p),
  });
}
