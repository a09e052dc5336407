import {
  Button,
  Caption1,
  Checkbox,
  Field,
  Input,
  makeStyles,
  Select,
  Spinner,
  Switch,
  Text,
  tokens,
} from '@fluentui/react-components';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { Controller, type Path, useForm } from 'react-hook-form';
import type { RuleCode, RuleLayer } from '@/client/types.gen';
import { applyApiErrors } from '@/lib/forms';
import { FormStatus } from '@/lib/ui/FormStatus';
import { type Scope, useSaveRuleLayer } from '../api/compliance';
import { paramLabel, RULES } from './rules';
import {
  describeSetting,
  fieldPaths,
  paramKinds,
  type RulesValues,
  rulesSchema,
  toBody,
  toForm,
} from './rulesForm';

const useStyles = makeStyles({
  list: { display: 'grid', gap: tokens.spacingVerticalS, padding: 0, margin: 0, listStyle: 'none' },
  rule: {
    display: 'grid',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingVerticalS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  settings: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalM,
    alignItems: 'end',
  },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, marginTop: tokens.spacingVerticalM },
});

interface Props {
  scope: Scope;
  layer: RuleLayer;
  /** "the organisation", "North ward", "Ada Lovelace" */
  name: string;
}

/** One layer's rules: set a rule here (on or off, refuse or warn, its values) or inherit it. */
export function RulesForm({ scope, layer, name }: Props) {
  const styles = useStyles();
  const save = useSaveRuleLayer();
  const kinds = useMemo(() => paramKinds(layer.effective), [layer.effective]);
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const { control, handleSubmit, setError, watch, formState, reset } = useForm<RulesValues>({
    resolver: zodResolver(rulesSchema(kinds)),
    defaultValues: toForm(layer),
  });
  const values = watch();
  const inherits = scope.kind === 'organisation' ? 'the defaults' : 'the layer below';

  const submit = handleSubmit(async (v) => {
    setFormError(null);
    setSaved(false);
    try {
      const next = await save.mutateAsync({ scope, body: toBody(v, kinds) });
      reset(toForm(next));
      setSaved(true);
    } catch (thrown) {
      setFormError(applyApiErrors(thrown, setError, fieldPaths(v) as Path<RulesValues>[]));
    }
  });

  const rules = RULES.filter((r) => layer.effective[r.code]);
  return (
    <form onSubmit={submit} noValidate aria-label={`Rules for ${name}`}>
      <FormStatus saved={saved && `Saved the rules for ${name}.`} error={formError} />
      <ul className={styles.list}>
        {rules.map(({ code, label, hint }) => {
          const rule = values.rules[code];
          const errors = formState.errors.rules?.[code];
          return (
            <li key={code} className={styles.rule} data-rule={code}>
              <Controller
                name={`rules.${code}.override`}
                control={control}
                render={({ field }) => (
                  <Checkbox
                    checked={field.value}
                    onChange={(_, d) => field.onChange(Boolean(d.checked))}
                    label={<Text weight="semibold">{label}</Text>}
                    aria-label={`Set “${label}” for ${name}`}
                  />
                )}
              />
              {hint && <Caption1>{hint}</Caption1>}
              {!rule?.override ? (
                <Caption1>
                  Inherited from {inherits}: {describeSetting(layer.effective[code as RuleCode])}
                </Caption1>
              ) : (
                <div className={styles.settings}>
                  <Controller
                    name={`rules.${code}.enabled`}
                    control={control}
                    render={({ field }) => (
                      <Field validationMessage={errors?.enabled?.message}>
                        <Switch
                          checked={field.value}
                          onChange={(_, d) => field.onChange(d.checked)}
                          label={field.value ? 'On' : 'Off'}
                          aria-label={`${label}: on`}
                        />
                      </Field>
                    )}
                  />
                  <Controller
                    name={`rules.${code}.severity`}
                    control={control}
                    render={({ field }) => (
                      <Field label="When broken" validationMessage={errors?.severity?.message}>
                        <Select {...field} aria-label={`${label}: when broken`}>
                          <option value="hard">Refuse (an override needs a reason)</option>
                          <option value="soft">Warn</option>
                        </Select>
                      </Field>
                    )}
                  />
                  {Object.keys(rule.params).map((param) => (
                    <Controller
                      key={param}
                      name={`rules.${code}.params.${param}`}
                      control={control}
                      render={({ field }) => (
                        <Field
                          label={paramLabel(param)}
                          validationMessage={errors?.params?.[param]?.message}
                        >
                          <Input
                            {...field}
                            inputMode={kinds[code]?.[param] === 'number' ? 'decimal' : 'text'}
                            aria-label={`${label}: ${paramLabel(param)}`}
                          />
                        </Field>
                      )}
                    />
                  ))}
                </div>
              )}
            </li>
          );
        })}
      </ul>
      <div className={styles.actions}>
        <Button
          type="submit"
          appearance="primary"
          disabled={save.isPending}
          icon={save.isPending ? <Spinner size="tiny" /> : undefined}
        >
          Save rules
        </Button>
        <Button disabled={!formState.isDirty} onClick={() => reset(toForm(layer))}>
          Undo changes
        </Button>
      </div>
    </form>
  );
}
