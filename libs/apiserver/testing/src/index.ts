export * from './test-postgres';
export * from './test-store';
export * from './memory-object-store';
export * from './kubectl-binaries';
export * from './watched-memory-store';
