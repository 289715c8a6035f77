/** Why some actions next to it are disabled: the verbs and resources RBAC refuses the user. */
export function DeniedNote({ reasons }: { reasons: string[] }) {
  if (!reasons.length) return null;
  return (
    <ul data-testid="denied-reasons" className="space-y-0.5 text-xs text-amber-800 dark:text-amber-300">
      {reasons.map((reason) => (
        <li key={reason} className="flex items-center gap-1.5">
          <LockIcon />
          <span>{reason.charAt(0).toUpperCase() + reason.slice(1)}</span>
        </li>
      ))}
    </ul>
  );
}

export function LockIcon() {
  return (
    <svg aria-hidden viewBox="0 0 16 16" className="h-3.5 w-3.5 shrink-0 fill-current">
      <path d="M8 1a3.5 3.5 0 0 0-3.5 3.5V6H4a1 1 0 0 0-1 1v7a1 1 0 0 0 1 1h8a1 1 0 0 0 1-1V7a1 1 0 0 0-1-1h-.5V4.5A3.5 3.5 0 0 0 8 1Zm2 5H6V4.5a2 2 0 1 1 4 0V6Z" />
    </svg>
  );
}
