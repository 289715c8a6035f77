export * from './resource.types';
