export * from './engine';
export * from './store';
export { LATEST_VERSION, MIGRATIONS, type Migration } from './migrations';
