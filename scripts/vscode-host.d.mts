// Types for scripts/vscode-host.mjs, so the TypeScript journeys (test/e2e) can use it type-checked.
import type { Browser } from 'playwright-core';

export declare const ROOT: string;
export declare const CODE_SERVER_VERSION: string;
export declare const EXTENSION_ID: string;
export declare const CACHE_DIR: string;
export declare const DEFAULT_SETTINGS: Readonly<Record<string, unknown>>;

export interface ToolPaths {
  node: string;
  nodeBinDir: string;
  codeServerComplete: string;
  codeServer: string;
  chromium: string;
}
export declare function toolPaths(): ToolPaths;
export declare function ensureProvisioned(): ToolPaths;
export declare function nodeCanLoadAddon(versions?: NodeJS.ProcessVersions): boolean;
export declare function reexecWithNode24IfNeeded(scriptUrl: string): Promise<never> | undefined;

export declare function buildTests(): void;
export declare function packageVsix(target?: string): string;
export declare function findVsix(target?: string): string | undefined;

export interface Profile {
  base: string;
  userDataDir: string;
  extensionsDir: string;
  workspace: string;
  /** <user data>/User/globalStorage/impact-log.impact-log: where the extension keeps its log. */
  globalStorage: string;
}
export declare function makeTempDir(prefix?: string): string;
export declare function makeProfile(base: string, settings?: Record<string, unknown>): Profile;
export declare function installVsix(vsix: string, extensionsDir: string, userDataDir?: string): string;

export interface Server {
  /** http://127.0.0.1:PORT/ */
  url: string;
  /** 127.0.0.1:PORT */
  host: string;
  port: number;
  pid: number;
  logFile: string | undefined;
  stop(): Promise<void>;
}
export interface StartOptions {
  userDataDir: string;
  extensionsDir: string;
  folder?: string;
  logFile?: string;
  vscodeOptions?: string[];
  env?: Record<string, string>;
  /** Default true: --vscode-option enable-smoke-test-driver (needed for the test payload). */
  testDriver?: boolean;
  attempts?: number;
  timeoutMs?: number;
  /** VS Code's display language, with a stand-in language pack (see standInLanguagePack). */
  locale?: string;
}
export declare function standInLanguagePack(userDataDir: string, locale: string): void;
export declare function startServer(opts: StartOptions): Promise<Server>;
export declare function stopAll(): Promise<void>;
export declare function launchBrowser(opts?: { headless?: boolean }): Promise<Browser>;
export declare function workbenchUrl(server: Server, opts?: { folder?: string; payload?: [string, string][] }): string;
export declare function remoteUri(server: Server, absPath: string): string;
export declare function sleep(ms: number): Promise<void>;
export declare function removeDir(dir: string): void;
export declare function startWithExtension(opts: {
  vsix: string;
  folder?: string;
  keep?: boolean;
  settings?: Record<string, unknown>;
  logFile?: string;
  testDriver?: boolean;
}): Promise<{ server: Server; profile: Profile; dispose(): Promise<void> }>;
