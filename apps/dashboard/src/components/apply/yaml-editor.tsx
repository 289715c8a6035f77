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

/** The manifest editor (CodeMirror 6, YAML, One Dark in dark mode). Loaded in the browser only. */
export default function YamlEditor({ value, onChange, onSubmit }: { value: string; onChange: (value: string) => void; onSubmit?: () => void }) {
  const dark = useDarkMode();
  const extensions = useMemo(() => [yaml(), lintGutter(), yamlLinter], []);
  return (
    <div
      data-testid="apply-editor"
      className="overflow-hidden rounded-lg border border-slate-300 dark:border-slate-700"
      onKeyDown={(e) => {
        if ((e.ctrlKey || e.metaKey) && e.key === 'Enter' && onSubmit) {
          e.preventDefault();
          onSubmit();
        }
      }}
    >
      <CodeMirror
        value={value}
        onChange={onChange}
        extensions={extensions}
        theme={dark ? oneDark : 'light'}
        height="min(60vh, 36rem)"
        aria-label="Manifest YAML"
        basicSetup={{ foldGutter: true, highlightActiveLine: true, tabSize: 2 }}
      />
    </div>
  );
}
