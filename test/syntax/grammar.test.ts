// The grammar passes Chevrotain's definition checks, which the shared parser skips to start faster.
import { describe, expect, it } from 'vitest';
import { TptParser } from '../../grammar/parser.ts';

describe('grammar', () => {
  it('builds with every Chevrotain validation on (a definition error throws)', () => {
    expect(() => new TptParser({ validate: true })).not.toThrow();
  });
});
