// Integer arithmetic of compile-time constants with Python's semantics (floor division and modulo,
// arbitrary-precision bitwise operators), failing on division by zero and on leaving the safe range.
import type { BinaryOp } from '../syntax/ast.ts';
import type { LowerContext } from './context.ts';
import type { Span } from '../util/diagnostics.ts';

/** `a op b` for every operator but the short-circuiting `and` / `or`. */
export function integerBinary(ctx: LowerContext, op: BinaryOp, a: number, b: number, span: Span): number {
  let r: number;
  switch (op) {
    case '+': r = a + b; break;
    case '-': r = a - b; break;
    case '*': r = a * b; break;
    case '//':
    case '%':
      if (b === 0) ctx.fail('division-by-zero', `${op === '%' ? 'modulo' : 'division'} by zero`, span);
      r = op === '//' ? Math.floor(a / b) : a - b * Math.floor(a / b);
      break;
    case '**':
      if (b < 0) ctx.fail('unsupported', 'negative exponents give fractions; only integer arithmetic is supported', span);
      r = a ** b;
      break;
    case '&': r = Number(BigInt(a) & BigInt(b)); break;
    case '|': r = Number(BigInt(a) | BigInt(b)); break;
    case '^': r = Number(BigInt(a) ^ BigInt(b)); break;
    case '==': r = a === b ? 1 : 0; break;
    case '!=': r = a !== b ? 1 : 0; break;
    case '<': r = a < b ? 1 : 0; break;
    case '<=': r = a <= b ? 1 : 0; break;
    case '>': r = a > b ? 1 : 0; break;
    case '>=': r = a >= b ? 1 : 0; break;
    case 'and': r = a ? b : a; break;
    case 'or': r = a ? a : b; break;
    case '/':
    case '@':
      return ctx.fail('unsupported', `'${op}' is for real-valued expressions; use '//' for integer division`, span);
    default: {
      const never: never = op;
      throw new Error(`unknown operator ${String(never)}`);
    }
  }
  if (!Number.isSafeInteger(r)) ctx.fail('overflow', 'this constant expression overflows the safe integer range', span);
  return r;
}
