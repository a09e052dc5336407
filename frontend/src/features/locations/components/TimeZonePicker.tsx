import { Input, type InputProps } from '@fluentui/react-components';
import { useId } from 'react';

const ZONES: readonly string[] = Intl.supportedValuesOf('timeZone');

// Field passes id and aria-* props down; they belong on the input.
type Props = Omit<InputProps, 'value' | 'onChange' | 'list'> & {
  value: string;
  onChange: (zone: string) => void;
};

/**
 * A text box suggesting the IANA zones as you type ("Lond" → Europe/London). The browser's
 * own datalist keeps it light and accessible; the form checks the value against the list.
 */
export function TimeZonePicker({ value, onChange, ...rest }: Props) {
  const listId = useId();
  return (
    <>
      <Input
        {...rest}
        value={value}
        list={listId}
        placeholder="e.g. Europe/London"
        autoComplete="off"
        onChange={(_, data) => onChange(data.value)}
      />
      <datalist id={listId}>
        {ZONES.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
    </>
  );
}

export function isKnownZone(zone: string): boolean {
  return ZONES.includes(zone) || zone === 'UTC';
}
