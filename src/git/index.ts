export * from './grouping';
export * from './history';
export * from './log';
export * from './remote';
export * from './runner';
export * from './reverts';
