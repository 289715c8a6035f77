export * from './quantity/quantity';
export * from './quantity/quantity-canonical';
export * from './validation/validation-messages';
export * from './selectors/label-selector';
export * from './selectors/label-selector-object';
export * from './selectors/field-selector';
export * from './selectors/node-affinity';
export * from './scheduling/tolerations';
