export * from './engine';
export * from './store';
export { LATEST_VERSION, MIGRATIONS } from './migrations';
