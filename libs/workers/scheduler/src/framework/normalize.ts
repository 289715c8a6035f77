import { MAX_NODE_SCORE } from './types';

/**
 * Upstream's helper.DefaultNormalizeScore: scales scores so the highest becomes MAX_NODE_SCORE;
 * `reverse` flips them (highest raw score → 0). Mutates `scores`.
 */
export function defaultNormalizeScore(scores: number[], reverse: boolean): void {
  let max = 0;
  for (const score of scores) if (score > max) max = score;
  if (max === 0) {
    if (reverse) scores.fill(MAX_NODE_SCORE);
    return;
  }
  for (let i = 0; i < scores.length; i++) {
    let score = Math.trunc((MAX_NODE_SCORE * scores[i]) / max);
    if (reverse) score = MAX_NODE_SCORE - score;
    scores[i] = score;
  }
}
