/** The API's one error shape, and helpers to show it in words. */

export interface ApiFieldError {
  field: string;
  message: string;
}

export interface ApiViolation {
  rule: string;
  severity: string;
  message: string;
}

export interface ApiError {
  error: string;
  detail: string;
  fields: ApiFieldError[];
  violations: ApiViolation[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function list<T>(value: unknown, guard: (item: unknown) => item is T): T[] {
  return Array.isArray(value) ? value.filter(guard) : [];
}

const isField = (v: unknown): v is ApiFieldError =>
  isRecord(v) && typeof v.field === 'string' && typeof v.message === 'string';
const isViolation = (v: unknown): v is ApiViolation =>
  isRecord(v) && typeof v.message === 'string' && typeof v.rule === 'string';

/** Whatever a failed call threw, as an ApiError a person can read. */
export function toApiError(thrown: unknown): ApiError {
  if (isRecord(thrown) && typeof thrown.error === 'string') {
    return {
      error: thrown.error,
      detail: typeof thrown.detail === 'string' ? thrown.detail : 'The request failed.',
      fields: list(thrown.fields, isField),
      violations: list(thrown.violations, isViolation).map((v) => ({
        rule: v.rule,
        severity: typeof v.severity === 'string' ? v.severity : 'hard',
        message: v.message,
      })),
    };
  }
  if (thrown instanceof TypeError) {
    return {
      error: 'network',
      detail: 'The server could not be reached. Check your connection and try again.',
      fields: [],
      violations: [],
    };
  }
  const detail =
    typeof thrown === 'string' && thrown.trim() ? thrown : 'Something went wrong. Try again.';
  return { error: 'unknown', detail, fields: [], violations: [] };
}

/** "body.time_zone" → "time_zone"; "body.skills.0.skill_id" → "skills.0.skill_id". */
export function fieldName(path: string): string {
  return path.replace(/^(body|query|path)\./, '');
}

/**
 * Field errors keyed by form field name (an API field may be aliased to the form's name for
 * it); the rest stay for a form-level message.
 */
export function splitFieldErrors(
  error: ApiError,
  known: readonly string[],
  aliases: Readonly<Record<string, string>> = {},
): { byField: Record<string, string>; other: string[] } {
  const byField: Record<string, string> = {};
  const other: string[] = [];
  for (const f of error.fields) {
    const raw = fieldName(f.field);
    const rawTop = raw.split('.')[0] ?? raw;
    const name = aliases[raw] ?? raw;
    const top = aliases[rawTop] ?? rawTop;
    if (known.includes(name)) byField[name] = f.message;
    else if (known.includes(top)) byField[top] = f.message;
    else other.push(f.message);
  }
  return { byField, other };
}
