/**
 * A small fuzzy matcher for the palette: every character of the query must appear in order; runs of
 * consecutive characters, word starts (after / - . space) and a match at the very start score higher.
 * Returns undefined when the text does not match, else the score and the matched positions.
 */
export function fuzzyMatch(query: string, text: string): { score: number; positions: number[] } | undefined {
  if (!query) return { score: 0, positions: [] };
  const lowerText = text.toLowerCase();
  const lowerQuery = query.toLowerCase();
  // A plain substring beats any scattered match.
  const at = lowerText.indexOf(lowerQuery);
  if (at >= 0) {
    const wordStart = at === 0 || isBoundary(lowerText[at - 1]);
    return { score: 100 + lowerQuery.length * 4 + (at === 0 ? 30 : wordStart ? 15 : 0) - text.length / 10, positions: Array.from(lowerQuery, (_, i) => at + i) };
  }
  const positions: number[] = [];
  let score = 0;
  let from = 0;
  let run = 0;
  for (const char of lowerQuery) {
    const index = lowerText.indexOf(char, from);
    if (index < 0) return undefined;
    run = positions.length && index === positions[positions.length - 1] + 1 ? run + 1 : 0;
    score += 1 + run * 3 + (index === 0 || isBoundary(lowerText[index - 1]) ? 5 : 0) - Math.min(index - from, 10) * 0.2;
    positions.push(index);
    from = index + 1;
  }
  return { score: score - text.length / 10, positions };
}

function isBoundary(char: string): boolean {
  return char === '/' || char === '-' || char === '.' || char === ' ' || char === '_' || char === ':';
}
