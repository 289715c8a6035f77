/**
 * JSON as kubectl and the API return it. Tests read it freely and let their assertions, not the
 * compiler, check its shape; this is the one place that says so.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;
