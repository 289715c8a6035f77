'use client';
import { useCallback, useState } from 'react';
import { useLiveSubscription } from '@/components/ui/use-live-subscription';
import { appendLines, emptyBuffer, LOG_BUFFER, type LogBuffer, type LogLine } from './log-model';

/**
 * Streams one log subscription into a capped buffer. `field` is the subscription's field name (podLogs /
 * workloadLogs). Mount it under a `key` of its variables: a new stream starts from an empty buffer.
 */
export function useLogStream(query: string, field: 'podLogs' | 'workloadLogs', variables: Record<string, unknown>) {
  const [buffer, setBuffer] = useState<LogBuffer>(emptyBuffer);
  const onBatch = useCallback((data: Record<string, LogLine[] | undefined>) => {
    const batch = data[field];
    if (batch?.length) setBuffer((current) => appendLines(current, batch, LOG_BUFFER, field === 'workloadLogs'));
  }, [field]);
  const live = useLiveSubscription(query, variables, onBatch);
  const clear = useCallback(() => setBuffer((current) => ({ lines: [], dropped: 0, next: current.next })), []);
  return { ...buffer, live, clear };
}
