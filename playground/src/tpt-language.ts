// `.tpt` highlighting for CodeMirror: TerpreT's Python subset as a stream tokenizer — Python's keywords,
// TerpreT's declarations (Hyper, Param, Var, Input, Output) and statements (set_to, observe_value, …),
// decorators, numbers, strings and comments — with Python's indentation rules.
import { HighlightStyle, StreamLanguage, indentService, indentUnit, syntaxHighlighting, type StringStream } from '@codemirror/language';
import { tags } from '@lezer/highlight';
import type { Extension } from '@codemirror/state';

const KEYWORDS = new Set(['def', 'return', 'if', 'elif', 'else', 'for', 'in', 'with', 'as', 'from', 'import', 'pass']);
const OPERATOR_WORDS = new Set(['and', 'or', 'not']);
const DECLARATIONS = new Set(['Hyper', 'Param', 'Var', 'Input', 'Output', 'Real']);
const STATEMENTS = new Set(['set_to', 'set_to_constant', 'observe_value']);
const BUILTINS = new Set([
  'range', 'int', 'min', 'max', 'abs', 'Runtime', 'Inline', 'Bernoulli', 'Categorical', 'SquaredError', 'CrossEntropy',
  'L2', 'Accuracy', 'Loss', 'Training', 'sigmoid', 'tanh', 'relu', 'leaky_relu', 'elu', 'softplus', 'arctan', 'exp',
  'log', 'sin', 'cos', 'sqrt', 'softmax', 'sum', 'mean', 'matmul',
]);

interface State {
  /** After `def`: the next name is a function definition. */
  defining: boolean;
}

function token(stream: StringStream, state: State): string | null {
  if (stream.eatSpace()) return null;
  if (stream.match(/^#.*/)) return 'comment';
  if (stream.match(/^@[A-Za-z_][A-Za-z0-9_]*/)) return 'meta';
  if (stream.match(/^(\d+\.\d*|\.\d+|\d+)([eE][+-]?\d+)?/)) return 'number';
  if (stream.match(/^'([^'\\]|\\.)*'?/) || stream.match(/^"([^"\\]|\\.)*"?/)) return 'string';
  const word = stream.match(/^[A-Za-z_][A-Za-z0-9_]*/) as RegExpMatchArray | null;
  if (word) {
    const w = word[0];
    if (state.defining) {
      state.defining = false;
      return 'def';
    }
    if (w === 'def') state.defining = true;
    if (KEYWORDS.has(w)) return 'keyword';
    if (OPERATOR_WORDS.has(w)) return 'operatorKeyword';
    if (DECLARATIONS.has(w)) return 'typeName';
    if (STATEMENTS.has(w)) return 'propertyName';
    if (BUILTINS.has(w)) return 'standard';
    return 'variableName';
  }
  if (stream.match(/^(\*\*|\/\/|==|!=|<=|>=|[-+*/%<>=@])/)) return 'operator';
  if (stream.match(/^[()[\]{},.:]/)) return 'punctuation';
  stream.next();
  return null;
}

const language = StreamLanguage.define<State>({
  name: 'tpt',
  startState: () => ({ defining: false }),
  token,
  languageData: { commentTokens: { line: '#' } },
  tokenTable: { def: tags.function(tags.definition(tags.variableName)), standard: tags.standard(tags.variableName) },
});

const style = HighlightStyle.define([
  { tag: tags.comment, color: '#6a737d', fontStyle: 'italic' },
  { tag: tags.keyword, color: '#a626a4' },
  { tag: tags.operatorKeyword, color: '#a626a4' },
  { tag: tags.typeName, color: '#b76b01', fontWeight: '600' },
  { tag: tags.propertyName, color: '#0b7285' },
  { tag: tags.meta, color: '#c2185b' },
  { tag: tags.number, color: '#986801' },
  { tag: tags.string, color: '#50a14f' },
  { tag: tags.function(tags.definition(tags.variableName)), color: '#4078f2', fontWeight: '600' },
  { tag: tags.standard(tags.variableName), color: '#0184bc' },
]);

/** Python's rule: a new line keeps the indent of the last non-blank line above, one deeper after a `:`. */
const indentation = indentService.of((context, pos) => {
  const doc = context.state.doc;
  for (let n = doc.lineAt(pos).number - 1; n >= 1; n--) {
    const text = doc.line(n).text;
    if (!text.trim()) continue;
    const base = /^\s*/.exec(text)![0].length;
    return /:\s*(#.*)?$/.test(text) ? base + context.unit : base;
  }
  return 0;
});

/** The `.tpt` language with its colours and a four-space indent unit. */
export function tptLanguage(): Extension {
  return [language, syntaxHighlighting(style), indentUnit.of('    '), indentation];
}
