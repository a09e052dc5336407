/** What an audit entry changed, as short "field: before → after" lines. */
export function describeChanges(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
): string[] {
  const show = (v: unknown) => {
    if (v === null || v === undefined) return '—';
    const text = typeof v === 'string' ? v : JSON.stringify(v);
    return text.length > 60 ? `${text.slice(0, 57)}…` : text;
  };
  if (!before && after) return ['created'];
  if (before && !after) return ['deleted'];
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const lines: string[] = [];
  for (const key of [...keys].sort()) {
    if (key === 'updated_at') continue;
    const a = before?.[key];
    const b = after?.[key];
    if (JSON.stringify(a) !== JSON.stringify(b)) lines.push(`${key}: ${show(a)} → ${show(b)}`);
  }
  return lines;
}
