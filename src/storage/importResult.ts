/** What an import did to the entries (EntryStore.importEntries). Its own module, so that the follow-up store can name it without importing store.ts. */
export interface ImportResult {
  readonly added: number;
  readonly updated: number;
  readonly skipped: number;
}
