/** A labelled select; `value` '' selects the first "any" option when there is one. */
export function SelectField(props: {
  label: string;
  name: string;
  value: string;
  options: readonly (readonly [string, string])[];
  error?: string | undefined;
  any?: string;
  /** When two forms on a page have a field of the same name. */
  id?: string;
}) {
  const id = props.id ?? `field-${props.name}`;
  return (
    <div class="field">
      <label for={id} class="field-label">
        {props.label}
      </label>
      <select id={id} name={props.name} class="field-input" aria-invalid={props.error ? 'true' : undefined}>
        {props.any !== undefined ? <option value="">{props.any}</option> : null}
        {props.options.map(([value, label]) => (
          <option value={value} selected={value === props.value}>
            {label}
          </option>
        ))}
      </select>
      {props.error ? <p class="field-error">{props.error}</p> : null}
    </div>
  );
}

export function optionsOf<T extends Record<string, string>>(labels: T): [string, string][] {
  return Object.entries(labels);
}
