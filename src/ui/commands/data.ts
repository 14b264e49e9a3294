import type * as vscode from 'vscode';
import type { Services } from '../services';
import { registerDatabaseCommand } from './database';
import { registerExportCommands } from './export';
import { registerImportCommand } from './import';

/** The data commands: export summary, export data, import data, reveal database. */
export function registerDataCommands(s: Services): vscode.Disposable[] {
  return [...registerExportCommands(s), ...registerImportCommand(s), ...registerDatabaseCommand(s)];
}
