/** The patch code's name for @drydock/util's deepCopy: a deep copy of a JSON value, anything else copied by reference. */
export { deepCopy as cloneJson } from '@drydock/util';
