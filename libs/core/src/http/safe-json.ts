import { DomainError, type FieldProblem } from '../problem/domain-error';

/**
 * The deepest nesting of arrays and objects a request body may have. Our deepest documents (a paper
 * with sections, questions, options and rubrics) nest about 8 levels; a body nested deeper is an
 * attack on the recursive code behind the parser (validation, transformation), which a `[` x 200,000
 * body drove into a stack overflow after half a second of CPU.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Refuses a body nested deeper than `maxDepth`, in one linear pass over the text before anything
 * recursive sees it: brackets inside strings do not count, and the scan stops at the first level
 * too deep, so a hostile body costs microseconds.
 */
export function assertJsonDepth(text: string, maxDepth = MAX_JSON_DEPTH): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > maxDepth) {
        throw DomainError.invalid('request.too_deep', `The request body nests arrays or objects deeper than ${maxDepth} levels.`, [
          { field: 'body', reason: `nested deeper than ${maxDepth} levels` },
        ]);
      }
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      depth--;
    }
  }
}

/**
 * A string with a lone UTF-16 surrogate (`"\ud800x"`) is valid JSON but not text: PostgreSQL,
 * UTF-8 encoders and regular expressions each fail on it differently. One rule refuses it wherever
 * input enters (bodies here, form fields and uploads through `assertWellFormedText`).
 */
export function isWellFormedText(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/** With the `u` flag a surrogate class matches only code units that are not part of a pair. */
const LONE_SURROGATE = /\p{Surrogate}/u;

/**
 * Whether JSON text, once parsed, can hold a lone surrogate at all. Text decoded from UTF-8 never
 * does (Node turns invalid bytes into U+FFFD), so one can only come from a `\uD800`-`\uDFFF` escape:
 * without one, the walk over every parsed string and key (malformedTextFields) is skipped. An
 * escaped backslash before `uD8..` matches too; that only costs the walk, which then finds nothing.
 */
export function mayHoldLoneSurrogate(jsonText: string): boolean {
  return SURROGATE_ESCAPE.test(jsonText);
}

const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;

/** Field problems for every string (value or key) of a parsed JSON value that is not well-formed text. */
export function malformedTextFields(value: unknown, path = ''): FieldProblem[] {
  if (typeof value === 'string') return isWellFormedText(value) ? [] : [{ field: path || 'body', reason: 'contains an unpaired UTF-16 surrogate' }];
  if (Array.isArray(value)) return value.flatMap((item, index) => malformedTextFields(item, `${path}[${index}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => {
      const field = path ? `${path}.${key}` : key;
      return isWellFormedText(key) ? malformedTextFields(item, field) : [{ field: path || 'body', reason: 'a field name contains an unpaired UTF-16 surrogate' }];
    });
  }
  return [];
}

export function malformedTextError(problems: FieldProblem[]): DomainError {
  return DomainError.invalid('request.malformed_text', 'Text must be valid Unicode: a field holds an unpaired UTF-16 surrogate.', problems);
}

/** Throws a 400 naming every field that holds malformed text (bodies, form fields, rows of a file). */
export function assertWellFormedText(value: unknown): void {
  const problems = malformedTextFields(value);
  if (problems.length > 0) throw malformedTextError(problems);
}
