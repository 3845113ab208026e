export * from './build';
export * from './chromium';
export * from './idb';
export * from './paths';
export * from './screenshot';
export * from './server';
