'use client';
import { useLayoutEffect, useRef } from 'react';
import { podHref, podKey, podTone, POD_TONES, type PodSummary } from './cluster-model';

const TILE = 'block h-[10px] w-[10px] rounded-[2px] hover:ring-2 hover:ring-sky-500';

/**
 * A pod as a small square: plain anchors coloured by status, with the name and status as the tooltip.
 * The anchors are kept by this component's own keyed update (not one React element per pod): an
 * overview of 10,000 pods creates them once, and a batch changes only the attributes that changed, so
 * React reconciles a card, not its pods. Clicks are handled once by the grid (client-side navigation);
 * the href keeps middle-click and "open in new tab" working.
 */
export function PodTiles({ pods, scheduling = false }: { pods: PodSummary[]; scheduling?: boolean }) {
  const box = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const parent = box.current;
    if (!parent) return;
    const stale = new Map<string, HTMLAnchorElement>();
    for (const el of parent.children) stale.set((el as HTMLElement).dataset.pod!, el as HTMLAnchorElement);
    let cursor = parent.firstElementChild;
    for (const pod of pods) {
      const key = podKey(pod);
      let tile = stale.get(key);
      if (tile) stale.delete(key);
      else {
        tile = document.createElement('a');
        tile.tabIndex = -1;
        tile.dataset.testid = 'pod-tile';
        tile.dataset.pod = key;
      }
      const href = scheduling ? `${podHref(pod)}?tab=scheduling` : podHref(pod);
      const title = `${key}\n${pod.status} · ready ${pod.ready}${pod.restarts ? ` · ${pod.restarts} restarts` : ''}`;
      const className = `${TILE} ${POD_TONES[podTone(pod)].tile}`;
      if (tile.getAttribute('href') !== href) tile.setAttribute('href', href);
      if (tile.title !== title) tile.title = title;
      if (tile.className !== className) tile.className = className;
      if (tile.dataset.status !== pod.status) tile.dataset.status = pod.status;
      if (tile === cursor) cursor = cursor.nextElementSibling;
      else parent.insertBefore(tile, cursor);
    }
    for (const tile of stale.values()) tile.remove();
  }, [pods, scheduling]);
  return <div ref={box} className="grid grid-cols-[repeat(auto-fill,10px)] gap-[3px]" />;
}
