export * from './engine';
export * from './store';
export { LATEST_VERSION, MIGRATIONS, type Migration } from './migrations';
export { type DueEntry, FollowUpStore, type FollowUpImportResult } from './followUps';
export { headerSchemaVersion, willMigrate } from './schemaVersion';
