/**
 * The brief's text in CodeMirror, with the engine's diagnostics shown at
 * their lines (gutter markers and underlines) exactly where the CLI reports them.
 */
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import { markdown } from '@codemirror/lang-markdown';
import { lintGutter, setDiagnostics, type Diagnostic as CmDiagnostic } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import type { ApiDiagnostic } from '../../../engine/api/contract.js';

export interface BriefEditorHandle {
  goToLine(line: number, col?: number): void;
  setText(text: string): void;
}

interface Props {
  initialText: string;
  label: string;
  diagnostics: ApiDiagnostic[];
  onChange(text: string): void;
  onSave(): void;
}

export const BriefEditor = forwardRef<BriefEditorHandle, Props>(function BriefEditor({ initialText, label, diagnostics, onChange, onSave }, ref) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const callbacks = useRef({ onChange, onSave });
  callbacks.current = { onChange, onSave };

  useEffect(() => {
    const state = EditorState.create({
      doc: initialText,
      extensions: [
        basicSetup,
        markdown(),
        lintGutter(),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ 'aria-label': label }),
        keymap.of([{ key: 'Mod-s', preventDefault: true, run: () => (callbacks.current.onSave(), true) }]),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) callbacks.current.onChange(update.state.doc.toString());
        }),
      ],
    });
    const v = new EditorView({ state, parent: host.current! });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // The editor is created once per opened brief; the parent remounts it with a key.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    v.dispatch(setDiagnostics(v.state, diagnostics.map((d) => toCm(v.state, d))));
  }, [diagnostics]);

  useImperativeHandle(ref, () => ({
    goToLine(line: number, col = 1) {
      const v = view.current;
      if (!v) return;
      const l = v.state.doc.line(Math.min(Math.max(1, line), v.state.doc.lines));
      const pos = Math.min(l.from + col - 1, l.to);
      v.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
      v.focus();
    },
    setText(text: string) {
      const v = view.current;
      if (v) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: text } });
    },
  }));

  return <div ref={host} className="brief-editor" data-testid="brief-editor" />;
});

/** Engine line/column (1-based, as in the file) → a CodeMirror range to the end of that line. */
function toCm(state: EditorState, d: ApiDiagnostic): CmDiagnostic {
  const doc = state.doc;
  const line = doc.line(Math.min(Math.max(1, d.line ?? 1), doc.lines));
  const from = Math.min(line.from + Math.max(0, (d.col ?? 1) - 1), line.to);
  return { from, to: Math.max(from, line.to), severity: d.severity, message: d.message, source: d.code };
}
