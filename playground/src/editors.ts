// The three editors (program, data, hypers) built from CodeMirror 6, and how tpt's diagnostics are
// shown in them: inline underlines and gutter markers at the same spans the CLI underlines.
import { autocompletion, closeBrackets, closeBracketsKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { json } from '@codemirror/lang-json';
import { bracketMatching, foldGutter, indentOnInput } from '@codemirror/language';
import { lintGutter, lintKeymap, setDiagnostics, type Diagnostic as EditorDiagnostic } from '@codemirror/lint';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import { EditorState, type Extension } from '@codemirror/state';
import {
  drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers, type KeyBinding,
} from '@codemirror/view';
import type { Diagnostic } from '../../src/core.ts';
import { tptLanguage } from './tpt-language.ts';

export type Pane = 'program' | 'data' | 'hypers';

/** A new editor in `parent`; `onChange` runs after every edit of its text. In the program Tab indents (Esc, Tab leaves); in JSON it moves focus on. */
export function createEditor(parent: HTMLElement, language: 'tpt' | 'json', label: string, onChange: () => void, keys: readonly KeyBinding[]): EditorView {
  const extensions: Extension[] = [
    lineNumbers(),
    highlightActiveLineGutter(),
    foldGutter(),
    history(),
    drawSelection(),
    indentOnInput(),
    bracketMatching(),
    closeBrackets(),
    autocompletion({ activateOnTyping: false }),
    highlightActiveLine(),
    highlightSelectionMatches(),
    lintGutter(),
    keymap.of([...keys, ...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap, ...lintKeymap, ...(language === 'tpt' ? [indentWithTab] : [])]),
    language === 'tpt' ? tptLanguage() : json(),
    EditorView.contentAttributes.of({ 'aria-label': label }),
    EditorView.updateListener.of((u) => {
      if (u.docChanged) onChange();
    }),
  ];
  return new EditorView({ state: EditorState.create({ doc: '', extensions }), parent });
}

/** Replaces an editor's whole text (one undoable change). */
export function setText(view: EditorView, text: string): void {
  if (view.state.doc.toString() === text) return;
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
}

/** Which pane a diagnostic's file is: the program by its name, the data and hypers as the loader names texts. */
export function paneOf(file: string, programName: string): Pane | null {
  if (file === programName) return 'program';
  if (file === '<data>') return 'data';
  if (file === '<hypers>') return 'hypers';
  return null;
}

/** Shows `diagnostics` (those with a span in this pane) in `view`, as `error[code]: message`. */
export function showDiagnostics(view: EditorView, diagnostics: readonly Diagnostic[]): void {
  const length = view.state.doc.length;
  const marks: EditorDiagnostic[] = diagnostics.map((d) => {
    const from = Math.min(d.span!.offset, length);
    // An empty span (end of input) still gets a visible mark.
    const to = Math.min(Math.max(d.span!.endOffset, from + 1), length);
    return { from: Math.min(from, to), to, severity: d.severity, message: `${d.severity}[${d.code}]: ${d.message}`, source: 'tpt' };
  });
  view.dispatch(setDiagnostics(view.state, marks));
}
