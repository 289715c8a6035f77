import type { Answer } from './robust-drydock';

/**
 * What every answer to a hostile request must be (the design's rule: a 500 is a bug): no 5xx, and every
 * error a v1 Status whose code is the HTTP status. Upstream's 429 from priority and fairness is plain
 * text ("Too many requests, please try again later."), and a YAML or protobuf Accept gets the Status in
 * that encoding, so only JSON answers are read. Returns what is wrong, or undefined.
 */
export function statusViolation(answer: Answer, accept = 'application/json'): string | undefined {
  // Upstream's one 5xx for a client's input: a resourceVersion the server has not reached (NewTooLargeResourceVersionError).
  const tooLarge = answer.status === 504 && answer.json?.reason === 'Timeout' && /^Too large resource version/.test(answer.json?.message);
  if ((answer.status >= 500 && !tooLarge) || answer.status === 0) return `HTTP ${answer.status}`;
  if (answer.status < 400 || answer.status === 429) return undefined;
  const json = /yaml|protobuf/.test(accept) || !String(answer.headers['content-type'] ?? '').startsWith('application/json') ? undefined : answer.json;
  if (!String(answer.headers['content-type'] ?? '').match(/^application\/(json|yaml|vnd\.kubernetes\.protobuf)/)) return `HTTP ${answer.status} with content type ${answer.headers['content-type']}`;
  if (json === undefined) return /yaml|protobuf/.test(accept) ? undefined : `HTTP ${answer.status} whose body is not JSON`;
  if (json.kind !== 'Status' || json.apiVersion !== 'v1' || json.status !== 'Failure' || json.code !== answer.status || typeof json.reason !== 'string') return `HTTP ${answer.status} that is not a v1 Status with that code`;
  return undefined;
}

/** A failure worth reporting: what was sent, what came back, what is wrong. */
export interface Finding {
  what: string;
  request: string;
  answer: string;
}

export function describeAnswer(answer: Answer): string {
  return `${answer.status} ${answer.text.slice(0, 400)}`;
}
