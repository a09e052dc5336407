import { Dropdown, Option } from '@fluentui/react-components';

interface Props {
  skills: Map<string, string>;
  value: string | null;
  onChange: (skillId: string | null) => void;
}

/** Narrow the grid to the shifts needing one skill and the people holding it. */
export function SkillFilter({ skills, value, onChange }: Props) {
  const options = [...skills].sort((a, b) => a[1].localeCompare(b[1]));
  return (
    <Dropdown
      aria-label="Skill"
      style={{ minWidth: 160 }}
      value={value ? (skills.get(value) ?? '') : 'All skills'}
      selectedOptions={[value ?? '']}
      onOptionSelect={(_, d) => onChange(d.optionValue ? d.optionValue : null)}
    >
      <Option value="">All skills</Option>
      {options.map(([id, name]) => (
        <Option key={id} value={id}>
          {name}
        </Option>
      ))}
    </Dropdown>
  );
}
