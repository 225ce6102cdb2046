// Values of number and string literal tokens (the lexer has already checked their shape).

/** The value of an Integer token, or null for decimal literals with a leading zero (invalid in Python 3). */
export function integerValue(image: string): number | null {
  if (/^0[0-9]+$/.test(image) && !/^0+$/.test(image)) return null;
  return Number(image);
}

const simpleEscapes: Record<string, string> = {
  n: '\n', t: '\t', r: '\r', '0': '\0', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v',
};

/** The text of a quoted string token ('..', "..", '''..''', """.."""), with Python's common escapes decoded. */
export function stringValue(image: string): string {
  const quote = image.startsWith('"""') || image.startsWith("'''") ? 3 : 1;
  const body = image.slice(quote, image.length - quote);
  return body.replace(/\\(x[0-9a-fA-F]{2}|\r\n|[\s\S])/g, (whole, esc: string) => {
    if (esc.length === 3 && esc[0] === 'x') return String.fromCharCode(parseInt(esc.slice(1), 16));
    if (esc === '\n' || esc === '\r' || esc === '\r\n') return ''; // backslash-newline joins lines
    return simpleEscapes[esc] ?? whole; // unknown escapes stay as written, as in Python
  });
}
