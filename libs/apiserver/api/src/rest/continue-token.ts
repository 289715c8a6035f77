import { StatusError } from '@drydock/util';

/** What a continue token carries: the list's revision and where the next page starts (exclusive). */
export interface ContinueToken {
  revision: number;
  namespace: string;
  name: string;
}

export function encodeContinue(token: ContinueToken): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: token.revision, start: `${token.namespace}/${token.name}` })).toString('base64url');
}

export function decodeContinue(value: string): ContinueToken {
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as { v?: string; rv?: number; start?: string };
    const slash = parsed.start?.indexOf('/') ?? -1;
    if (parsed.v !== 'meta.k8s.io/v1' || typeof parsed.rv !== 'number' || slash < 0) throw new Error('bad token');
    return { revision: parsed.rv, namespace: parsed.start!.slice(0, slash), name: parsed.start!.slice(slash + 1) };
  } catch {
    throw StatusError.badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  }
}

export const expiredContinueMessage =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';
