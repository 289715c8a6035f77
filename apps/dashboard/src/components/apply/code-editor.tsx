'use client';
import { yaml } from '@codemirror/lang-yaml';
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import { oneDark } from '@codemirror/theme-one-dark';
import CodeMirror from '@uiw/react-codemirror';
import { useMemo } from 'react';
import { useDarkMode } from '@/components/ui/use-dark-mode';
import { checkManifests } from './yaml-check';

/** YAML problems underlined in the editor as one types (the same check the Preview button runs). */
const yamlLinter = linter((view) => {
  const text = view.state.doc.toString();
  return checkManifests(text).problems.map(
    (p): Diagnostic => ({ from: Math.min(p.from, text.length), to: Math.min(p.to, text.length), severity: p.severity, message: p.message }),
  );
}, { delay: 400 });

/** Where the plain editor's caret was when it left the page, so switching to CodeMirror mid-edit loses neither focus nor selection. */
export interface Handover {
  focused: boolean;
  anchor: number;
  head: number;
}

/** CodeMirror 6 with YAML, the YAML check as lint, One Dark in dark mode. Loaded in the browser only (see yaml-editor). */
export default function CodeEditor({ value, onChange, handover }: { value: string; onChange: (value: string) => void; handover?: () => Handover | undefined }) {
  const dark = useDarkMode();
  const extensions = useMemo(() => [yaml(), lintGutter(), yamlLinter], []);
  return (
    <CodeMirror
      value={value}
      onChange={onChange}
      extensions={extensions}
      theme={dark ? oneDark : 'light'}
      height="min(60vh, 36rem)"
      aria-label="Manifest YAML"
      basicSetup={{ foldGutter: true, highlightActiveLine: true, tabSize: 2 }}
      onCreateEditor={(view) => {
        const from = handover?.();
        if (!from?.focused) return;
        const length = view.state.doc.length;
        view.dispatch({ selection: { anchor: Math.min(from.anchor, length), head: Math.min(from.head, length) } });
        view.focus();
      }}
    />
  );
}
