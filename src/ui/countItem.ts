import * as vscode from 'vscode';
import type { Services } from './services';

/**
 * A status bar item that shows a count from the log: recounts when entries change (here or in
 * another window), when the settings change, and hourly (a new week or day can change the count).
 * Recounts are serialised, so counts never arrive out of order. Subclasses fill the item in `update`.
 */
export abstract class CountItem implements vscode.Disposable {
  protected readonly item: vscode.StatusBarItem;
  private readonly subs: vscode.Disposable[] = [];
  private readonly timer: NodeJS.Timeout;
  private pending: Promise<void> = Promise.resolve();

  constructor(
    protected readonly s: Services,
    look: { id: string; priority: number; name: string; command: vscode.Command },
  ) {
    this.item = vscode.window.createStatusBarItem(look.id, vscode.StatusBarAlignment.Right, look.priority);
    this.item.name = look.name;
    this.item.command = look.command;
    this.subs.push(
      s.store.onDidChange(() => void this.refresh()),
      s.config.onDidChange(() => void this.refresh()),
    );
    this.timer = setInterval(() => void this.refresh(), 60 * 60 * 1000);
    void this.refresh();
  }

  /** Recounts (serialised); resolves when the item shows the new count. */
  refresh(): Promise<void> {
    this.pending = this.pending.then(() => this.update());
    return this.pending;
  }

  /** Counts and shows (or hides) the item. */
  protected abstract update(): Promise<void>;

  dispose(): void {
    clearInterval(this.timer);
    for (const d of this.subs) d.dispose();
    this.item.dispose();
  }
}
