import { podHref, podKey, podTone, POD_TONES, type PodSummary } from './cluster-model';

/**
 * A pod as a small square: plain anchors (no component per pod), coloured by status, with the name and
 * status as the tooltip. Clicks are handled once by the grid (client-side navigation); the href keeps
 * middle-click and "open in new tab" working.
 */
export function PodTiles({ pods, scheduling = false }: { pods: PodSummary[]; scheduling?: boolean }) {
  return (
    <div className="grid grid-cols-[repeat(auto-fill,10px)] gap-[3px]">
      {pods.map((pod) => {
        const key = podKey(pod);
        return (
          <a
            key={key}
            href={scheduling ? `${podHref(pod)}?tab=scheduling` : podHref(pod)}
            tabIndex={-1}
            data-testid="pod-tile"
            data-pod={key}
            data-status={pod.status}
            title={`${key}\n${pod.status} · ready ${pod.ready}${pod.restarts ? ` · ${pod.restarts} restarts` : ''}`}
            className={`block h-[10px] w-[10px] rounded-[2px] hover:ring-2 hover:ring-sky-500 ${POD_TONES[podTone(pod)].tile}`}
          />
        );
      })}
    </div>
  );
}
