import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { splitFieldErrors, toApiError } from './errors';

/**
 * Put the API's field errors next to their fields; return what no field claims
 * (the detail sentence and any unmatched messages) for a message above the form.
 */
export function applyApiErrors<T extends FieldValues>(
  thrown: unknown,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
  aliases: Readonly<Record<string, Path<T>>> = {},
): string {
  const error = toApiError(thrown);
  const { byField, other } = splitFieldErrors(error, fields, aliases);
  for (const [name, message] of Object.entries(byField)) {
    setError(name as Path<T>, { type: 'server', message });
  }
  if (Object.keys(byField).length > 0 && other.length === 0) {
    return 'Some fields need attention.';
  }
  return [error.detail, ...other].join(' ');
}

/** Empty text inputs become null, which the API reads as "no value". */
export function blankToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}
