export * from './validation';
export * from './time';
export * from './fields';
export * from './kinds';
export * from './entry';
export * from './entryShape';
