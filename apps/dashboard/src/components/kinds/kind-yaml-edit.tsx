'use client';
import { createTwoFilesPatch } from 'diff';
import { useEffect, useState } from 'react';
import { parseDocument } from 'yaml';
import { gql, GraphQLRequestError } from '@/lib/graphql';
import { YamlEditor } from '@/components/apply/yaml-editor';
import { DiffView } from '@/components/ui/diff-view';
import { ErrorState, Loading } from '@/components/ui/states';
import type { KindReplaceMutation } from '@/lib/graphql-types.generated';
import { editableYaml, KIND_REPLACE, type KubeObjectJson, type ServedKind } from './kind-writes';

const button = 'rounded-md px-3 py-1.5 text-sm font-medium disabled:cursor-not-allowed disabled:opacity-50';

interface Props {
  kind: ServedKind;
  name: string;
  namespace?: string;
  /** The object as last read; the editor starts from it and diffs against it. */
  current: KubeObjectJson;
  /** Reads the object again (after a Conflict); `current` then changes. */
  reload: () => Promise<void>;
  onSaved: (stored: KubeObjectJson) => void;
  onCancel: () => void;
}

/**
 * `kubectl edit` in the page: the object's YAML in the editor, a server dry run of the replace (PUT) shown as
 * a diff against the live object, then the replace itself. The API's refusal is shown as it answered:
 * 409 Conflict when the object moved since it was read (metadata.resourceVersion), 422 Invalid with each
 * field's error. Nothing is saved without a preview of exactly the text being saved.
 */
export function KindYamlEdit({ kind, name, namespace, current, reload, onSaved, onCancel }: Props) {
  const [text, setText] = useState(() => editableYaml(current));
  const [preview, setPreview] = useState<{ text: string; diff: string }>();
  const [error, setError] = useState<GraphQLRequestError | string>();
  const [pending, setPending] = useState<'preview' | 'save' | 'reload'>();
  useEffect(() => {
    // After "Start again from the live object": the editor takes the object just read.
    if (pending === 'reload') {
      setText(editableYaml(current));
      setPending(undefined);
    }
    // Only a new `current` ends a reload (not a change of `pending`).
  }, [current]);

  const send = async (dryRun: boolean) => {
    setError(undefined);
    const document = parseDocument(text);
    if (document.errors.length) return setError(`Fix the YAML first (nothing was sent): ${document.errors[0].message}`);
    const body = document.toJS() as unknown;
    if (!body || typeof body !== 'object' || Array.isArray(body)) return setError('The YAML must be one object (nothing was sent).');
    setPending(dryRun ? 'preview' : 'save');
    try {
      const data = await gql<KindReplaceMutation>(KIND_REPLACE, { group: kind.group, version: kind.version, resource: kind.resource, name, namespace: kind.namespaced ? namespace : null, body, dryRun });
      const stored = data.stored as KubeObjectJson;
      if (dryRun) setPreview({ text, diff: createTwoFilesPatch(`${name}.yaml`, `${name}.yaml`, editableYaml(current), editableYaml(stored), 'live', 'after saving') });
      else onSaved(stored);
    } catch (e) {
      setError(e instanceof GraphQLRequestError ? e : String(e));
    } finally {
      setPending((now) => (now === 'reload' ? now : undefined));
    }
  };

  const previewed = preview?.text === text;
  const conflict = typeof error === 'object' && error.code === 'Conflict';
  const causes = typeof error === 'object' ? (error.causes ?? []) : [];
  return (
    <section className="space-y-3" data-testid="kind-yaml-edit" aria-label={`Edit ${name}`}>
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="font-semibold">Edit {name}.yaml</h2>
        <p className="text-xs text-slate-500">Preview runs the change as a server dry run and shows what would be stored; Save stores exactly the previewed text.</p>
        <div className="ml-auto flex gap-2">
          <button type="button" onClick={onCancel} disabled={pending === 'save'} className={`${button} border border-slate-300 hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800`}>
            Cancel
          </button>
          <button type="button" onClick={() => void send(true)} disabled={!!pending} title="Server dry run (Ctrl+Enter in the editor)" className={`${button} border border-sky-600 text-sky-700 hover:bg-sky-50 dark:text-sky-300 dark:hover:bg-sky-950`}>
            Preview
          </button>
          <button type="button" onClick={() => void send(false)} disabled={!!pending || !previewed} title={previewed ? 'Replace the object with this YAML' : 'Preview this text first'} className={`${button} bg-sky-600 text-white hover:bg-sky-700`}>
            Save
          </button>
        </div>
      </div>
      <div className="grid gap-4 xl:grid-cols-2">
        <div className="min-w-0">
          <YamlEditor value={text} onChange={setText} onSubmit={() => void send(true)} />
        </div>
        <div className="min-w-0 space-y-3">
          {pending && <Loading label={pending === 'save' ? 'Saving…' : pending === 'reload' ? 'Reading the live object…' : 'Asking the API server (dry run)…'} />}
          {error && <ErrorState error={error} title={typeof error === 'string' ? 'The YAML is not valid' : 'The API server refused the change'} />}
          {causes.length > 0 && (
            <ul data-testid="edit-causes" className="space-y-1 text-sm text-red-800 dark:text-red-300">
              {causes.map((cause, index) => (
                <li key={index}>
                  <span className="font-mono">{cause.field ?? '(object)'}</span>: {cause.message}
                </li>
              ))}
            </ul>
          )}
          {conflict && (
            <div className="text-sm text-slate-600 dark:text-slate-400">
              Someone changed {name} after you opened the editor.{' '}
              <button
                type="button"
                className="font-medium text-sky-700 underline dark:text-sky-300"
                onClick={() => {
                  setPending('reload');
                  setError(undefined);
                  setPreview(undefined);
                  void reload();
                }}
              >
                Start again from the live object
              </button>{' '}
              (your edits are dropped).
            </div>
          )}
          {preview && !error && (
            <div className="space-y-1">
              <p className="text-xs text-slate-500">{previewed ? 'The dry run would store this change:' : 'The text changed since this preview: preview again before saving.'}</p>
              <DiffView diff={preview.diff} empty="The dry run stores the object unchanged." />
            </div>
          )}
        </div>
      </div>
    </section>
  );
}
