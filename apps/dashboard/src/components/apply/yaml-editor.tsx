'use client';
import { Component, useCallback, useEffect, useRef, useState, type ComponentType, type ReactNode } from 'react';
import type { Handover } from './code-editor';

type EditorProps = { value: string; onChange: (value: string) => void };
type CodeEditorProps = EditorProps & { handover?: () => Handover | undefined };

/**
 * The manifest editor: a plain textarea until CodeMirror has loaded (and if it cannot load), then
 * CodeMirror, with the same value, focus and selection. Ctrl+Enter (Cmd+Enter) calls `onSubmit`.
 * The textarea carries CodeMirror's `cm-content` class so that whatever drives the page (a browser
 * test, an extension) finds the editing surface under one selector before and after the switch.
 */
export function YamlEditor({ value, onChange, onSubmit }: EditorProps & { onSubmit?: () => void }) {
  const [Editor, setEditor] = useState<ComponentType<CodeEditorProps>>();
  const [failed, setFailed] = useState(false);
  // The textarea's focus and selection as it leaves the page (React detaches its ref in the commit that
  // swaps CodeMirror in, while it is still in the document): keys typed after CodeMirror's module arrived
  // and before that commit moved the caret, so it is read then, not when the module arrived.
  const handover = useRef<Handover>(undefined);
  const plain = useCallback((area: HTMLTextAreaElement | null) => {
    if (!area) return;
    return () => {
      handover.current = { focused: document.activeElement === area, anchor: area.selectionStart, head: area.selectionEnd };
    };
  }, []);
  const takeHandover = useCallback(() => handover.current, []);
  useEffect(() => {
    let live = true;
    import('./code-editor')
      .then((module) => live && setEditor(() => module.default))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, []);
  return (
    <div
      data-testid="apply-editor"
      data-editor={Editor ? 'codemirror' : 'textarea'}
      className="overflow-hidden rounded-lg border border-slate-300 dark:border-slate-700"
      onKeyDown={(e) => {
        if ((e.ctrlKey || e.metaKey) && e.key === 'Enter' && onSubmit) {
          e.preventDefault();
          onSubmit();
        }
      }}
    >
      {Editor && !failed ? (
        <EditorBoundary onError={() => setFailed(true)}>
          <Editor value={value} onChange={onChange} handover={takeHandover} />
        </EditorBoundary>
      ) : (
        <textarea
          ref={plain}
          aria-label="Manifest YAML"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          spellCheck={false}
          className="cm-content block h-[min(60vh,36rem)] w-full resize-none bg-white p-3 font-mono text-[13px] leading-5 text-slate-800 outline-none dark:bg-slate-900 dark:text-slate-200"
        />
      )}
      {failed && <p className="border-t border-slate-200 px-3 py-1 text-xs text-amber-700 dark:border-slate-800 dark:text-amber-400">The code editor could not load; this plain editor works the same.</p>}
    </div>
  );
}

/** If CodeMirror throws while rendering, the page falls back to the plain editor instead of going blank. */
class EditorBoundary extends Component<{ children: ReactNode; onError: () => void }, { broken: boolean }> {
  state = { broken: false };
  static getDerivedStateFromError() {
    return { broken: true };
  }
  componentDidCatch() {
    this.props.onError();
  }
  render() {
    return this.state.broken ? null : this.props.children;
  }
}
