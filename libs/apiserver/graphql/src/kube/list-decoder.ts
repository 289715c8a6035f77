import type { ListBody } from './kube-api.client';

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

/** Collections whose last list's items are remembered for decoding the next one. */
const RECENT_COLLECTIONS = 32;

interface DecodedItems {
  /** The body from the items array's `[` to its end. */
  tail: string;
  /** The body after the items array. */
  after: string;
  items: unknown[];
  byText: Map<string, unknown>;
}

/**
 * Decodes the API server's list bodies. When a list's items are the same text as the collection's
 * last list's (only the list's metadata moved), they are that list's objects, after one string
 * comparison; otherwise each item's text is looked up among the last list's items and parsed only
 * when new. So a list after a few changes parses only the changed objects, and an unchanged object
 * stays the same (never mutated) object from list to list, which keeps the presenters' per-object
 * memos. This is a memo of decoding, not a list cache: every list is still a REST call, authorized
 * and answered by the API server, and the result is exactly what the server sent (the same text is
 * the same object). The API server writes an unchanged cached object with the same text every time
 * (its list bodies reuse each object's encoding).
 */
export class ListDecoder {
  private readonly recent = new Map<string, DecodedItems>();

  decode<T>(collection: string, body: string): ListBody<T> {
    const open = itemsArrayStart(body);
    if (open < 0) return JSON.parse(body) as ListBody<T>;
    const previous = this.recent.get(collection);
    const tail = body.slice(open);
    // The same items as the last list (only the list's metadata moved): one string comparison.
    if (previous?.tail === tail) return this.withItems<T>(body.slice(0, open + 1) + previous.after, previous.items);
    const { elements, close } = arrayElements(body, open);
    const byText = new Map<string, unknown>();
    const items = elements.map((text) => {
      let item = previous?.byText.get(text) ?? byText.get(text);
      if (item === undefined) item = JSON.parse(text);
      byText.set(text, item);
      return item;
    });
    this.recent.delete(collection);
    if (this.recent.size >= RECENT_COLLECTIONS) this.recent.delete(this.recent.keys().next().value as string);
    this.recent.set(collection, { tail, after: body.slice(close), items, byText });
    return this.withItems<T>(body.slice(0, open + 1) + body.slice(close), items);
  }

  clear(): void {
    this.recent.clear();
  }

  /** The list without its items, parsed (which checks its syntax), with these items (a fresh array). */
  private withItems<T>(rest: string, items: unknown[]): ListBody<T> {
    const list = JSON.parse(rest) as ListBody<T>;
    list.items = items.slice() as T[];
    return list;
  }
}

/** The index of the quote that closes the JSON string opening at `start`. */
function stringEnd(text: string, start: number): number {
  for (let end = text.indexOf('"', start + 1); end > 0; end = text.indexOf('"', end + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(end - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return end;
  }
  throw new SyntaxError('Unterminated string in JSON');
}

/**
 * The index of the `[` opening a JSON object's top-level `items` array, or -1. Only finds the
 * boundaries: the JSON.parse of each part checks the syntax.
 */
function itemsArrayStart(body: string): number {
  let depth = 0;
  let lastString = '';
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c === QUOTE) {
      const end = stringEnd(body, i);
      if (depth === 1) lastString = body.slice(i, end + 1);
      i = end;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      // In an object, the last string before a value is its key.
      if (++depth === 2 && c === OPEN_BRACKET && lastString === '"items"') return i;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
    }
  }
  return -1;
}

/** The texts of the elements of the JSON array whose `[` is at `open`, and the index of its `]`. */
function arrayElements(body: string, open: number): { elements: string[]; close: number } {
  const elements: string[] = [];
  let depth = 0;
  let start = open + 1;
  for (let i = open; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c === QUOTE) {
      i = stringEnd(body, i);
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth++;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (--depth === 0) {
        if (body.slice(start, i).trim()) elements.push(body.slice(start, i));
        return { elements, close: i };
      }
    } else if (c === COMMA && depth === 1) {
      elements.push(body.slice(start, i));
      start = i + 1;
    }
  }
  throw new SyntaxError('Unterminated array in JSON');
}

/** The elements of a JSON object's top-level `items` array as texts, and the object with that array emptied; undefined without one. */
export function splitItems(body: string): { rest: string; items: string[] } | undefined {
  const open = itemsArrayStart(body);
  if (open < 0) return undefined;
  const { elements, close } = arrayElements(body, open);
  return { rest: body.slice(0, open + 1) + body.slice(close), items: elements };
}
