/** The colour family of a status word (pod STATUS column, node status, workload status, event type). */
export type Tone = 'ok' | 'progress' | 'warning' | 'error' | 'neutral';

const tones: Record<Tone, string> = {
  ok: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300',
  progress: 'bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-300',
  warning: 'bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300',
  error: 'bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300',
  neutral: 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300',
};

export function toneOf(status: string): Tone {
  const s = status.toLowerCase();
  if (/(crashloop|backoff|error|failed|oomkilled|notready|unknown|invalid|evicted|createcontainerconfigerror|poweredoff)/.test(s)) return 'error';
  if (/(pending|containercreating|podinitializing|terminating|progressing|schedulingdisabled|paused|warning|init:)/.test(s)) return s.includes('warning') || s.includes('schedulingdisabled') ? 'warning' : 'progress';
  if (/(running|ready|available|complete|completed|succeeded|active|normal|true)/.test(s)) return s === 'completed' || s === 'succeeded' ? 'neutral' : 'ok';
  return 'neutral';
}

export function StatusBadge({ status, tone }: { status: string; tone?: Tone }) {
  return <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ${tones[tone ?? toneOf(status)]}`}>{status}</span>;
}
