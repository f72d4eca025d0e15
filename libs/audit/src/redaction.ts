/**
 * What the audit log may keep of a request body or a before/after state: never a secret and
 * never a candidate's personal data, so the append-only log never needs rewriting when a
 * candidate is erased (docs/audit.md). Pure: the same rules for every entry.
 */
export const REDACTED = '[redacted]';

/** Secrets, wherever they appear: passwords, tokens, keys, signing secrets and their hashes. */
const SECRET_KEY = /password|secret|token|hash|sealed|^key$|^apikey$/i;
/** Contact data and answers, of anyone, wherever they appear; a grader's comment on an answer may quote it. */
const PERSONAL_KEY = /^(email|emails|phone|mobile|answer|answers|answertext|response|responses|comment|comments)$/i;
/** What identifies a person inside a candidate's data: with the above, the name and their ATS id. */
const CANDIDATE_KEY = /^(name|fullname|externalid|candidateexternalid|extra)$/i;
/** Objects whose members describe a candidate. */
const CANDIDATE_CONTAINER = /^(candidate|candidates)$/i;
/** Routes whose bodies describe candidates at the top level. */
const CANDIDATE_ROUTE = /\/(candidates|invitations)(\/|$)/;

const MAX_DEPTH = 20;

export interface RedactionContext {
  /** The route template: a body sent to a candidate's resource names the candidate at the top level. */
  route: string;
}

/** A deep copy of `value` with secrets and personal data replaced by "[redacted]". */
export function redact(value: unknown, context: RedactionContext): unknown {
  return redactValue(value, CANDIDATE_ROUTE.test(context.route), 0);
}

function redactValue(value: unknown, candidate: boolean, depth: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return REDACTED;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, candidate, depth + 1));
  if (value instanceof Date) return value.toISOString();
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value as Record<string, unknown>)) {
    if (member === undefined) continue;
    if (SECRET_KEY.test(key) || PERSONAL_KEY.test(key) || (candidate && CANDIDATE_KEY.test(key))) {
      out[key] = member === null ? null : REDACTED;
    } else {
      out[key] = redactValue(member, candidate || CANDIDATE_CONTAINER.test(key), depth + 1);
    }
  }
  return out;
}
