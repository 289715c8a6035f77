export * from './store.types';
