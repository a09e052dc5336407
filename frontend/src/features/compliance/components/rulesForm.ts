import { z } from 'zod';
import type {
  JsonValue,
  RuleCode,
  RuleLayer,
  RuleLayerUpdate,
  RuleOverride,
  RuleSetting,
} from '@/client/types.gen';

export interface RuleValues {
  /** This layer sets the rule; otherwise it inherits from the layer below. */
  override: boolean;
  enabled: boolean;
  severity: 'hard' | 'soft';
  params: Record<string, string>;
}

export interface RulesValues {
  rules: Record<string, RuleValues>;
}

/** A parameter is a number (blank: none) or a list, written as JSON. */
export type ParamKind = 'number' | 'list';

export function paramKinds(
  effective: RuleLayer['effective'],
): Record<string, Record<string, ParamKind>> {
  const out: Record<string, Record<string, ParamKind>> = {};
  for (const [code, setting] of Object.entries(effective)) {
    const kinds: Record<string, ParamKind> = {};
    for (const [name, value] of Object.entries(setting?.params ?? {})) {
      kinds[name] =
        Array.isArray(value) || (typeof value === 'object' && value !== null) ? 'list' : 'number';
    }
    out[code] = kinds;
  }
  return out;
}

function text(value: JsonValue | undefined): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export function toForm(layer: RuleLayer): RulesValues {
  const rules: Record<string, RuleValues> = {};
  for (const [code, eff] of Object.entries(layer.effective) as [RuleCode, RuleSetting][]) {
    const own = layer.rules[code];
    const params: Record<string, string> = {};
    for (const name of Object.keys(eff.params))
      params[name] = text(own?.params?.[name] ?? eff.params[name]);
    rules[code] = {
      override: own != null,
      enabled: own?.enabled ?? eff.enabled,
      severity: own?.severity ?? eff.severity,
      params,
    };
  }
  return { rules };
}

function parseParam(
  kind: ParamKind,
  raw: string,
): { ok: true; value: JsonValue } | { ok: false; message: string } {
  const value = raw.trim();
  if (kind === 'number') {
    if (value === '') return { ok: true, value: null };
    const n = Number(value);
    return Number.isFinite(n) && n >= 0
      ? { ok: true, value: n }
      : { ok: false, message: 'Enter a number of 0 or more, or leave it blank.' };
  }
  try {
    const parsed: unknown = JSON.parse(value);
    if (Array.isArray(parsed)) return { ok: true, value: parsed as JsonValue };
  } catch {
    // fall through to the message
  }
  return { ok: false, message: 'Write a list in square brackets, e.g. [5, 6].' };
}

/** The form's schema: only rules set on this layer are checked. */
export function rulesSchema(kinds: Record<string, Record<string, ParamKind>>) {
  const rule = z.object({
    override: z.boolean(),
    enabled: z.boolean(),
    severity: z.enum(['hard', 'soft']),
    params: z.record(z.string(), z.string()),
  });
  return z.object({ rules: z.record(z.string(), rule) }).superRefine((values, ctx) => {
    for (const [code, r] of Object.entries(values.rules)) {
      if (!r.override) continue;
      for (const [name, raw] of Object.entries(r.params)) {
        const parsed = parseParam(kinds[code]?.[name] ?? 'number', raw);
        if (!parsed.ok) {
          ctx.addIssue({
            code: 'custom',
            path: ['rules', code, 'params', name],
            message: parsed.message,
          });
        }
      }
    }
  });
}

/** The whole layer: rules set here with their values; the rest inherit. */
export function toBody(
  values: RulesValues,
  kinds: Record<string, Record<string, ParamKind>>,
): RuleLayerUpdate {
  const rules: Record<string, RuleOverride> = {};
  for (const [code, r] of Object.entries(values.rules)) {
    if (!r.override) continue;
    const params: Record<string, JsonValue> = {};
    for (const [name, raw] of Object.entries(r.params)) {
      const parsed = parseParam(kinds[code]?.[name] ?? 'number', raw);
      if (parsed.ok) params[name] = parsed.value;
    }
    rules[code] = { enabled: r.enabled, severity: r.severity, params };
  }
  return { rules: rules as RuleLayerUpdate['rules'] };
}

/** Every field the API may name, as the form names it. */
export function fieldPaths(values: RulesValues): string[] {
  return Object.entries(values.rules).flatMap(([code, r]) => [
    `rules.${code}.enabled`,
    `rules.${code}.severity`,
    ...Object.keys(r.params).map((name) => `rules.${code}.params.${name}`),
  ]);
}

export function describeSetting(s: RuleSetting | undefined): string {
  if (!s) return '';
  if (!s.enabled) return 'Off';
  const params = Object.entries(s.params)
    .map(([k, v]) => `${k.replaceAll('_', ' ')} ${v === null ? '—' : text(v)}`)
    .join(', ');
  return `${s.severity === 'hard' ? 'Refuses' : 'Warns'}${params ? `; ${params}` : ''}`;
}
