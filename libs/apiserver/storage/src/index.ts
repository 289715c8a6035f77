export * from './store.types';
export * from './object-keys';
export * from './sql';
export * from './migrator';
export * from './write-batcher';
export * from './postgres-object-store';
export * from './postgres-server';
