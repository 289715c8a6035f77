export * from './resource.types';
export * from './resource-registry';
export * from './meta/name-validation';
export * from './meta/object-meta-validation';
export * from './meta/label-selector';
export * from './meta/label-selector-object';
export * from './meta/field-selector';
