import type { z } from 'zod';
import { parseOrThrow } from '../../services/create-user.ts';

export type FormBody = Record<string, string | File | (string | File)[] | undefined>;

/**
 * Parses a submitted form with a use case's own schema (the one the API and the service use),
 * after the coercion only forms need: a blank field is null where the schema allows null, a
 * number field's text becomes a number, a checkbox is true when ticked ('on'). Every other field
 * keeps its text as typed; fields the form did not send are left out, so the schema's defaults
 * apply and a patch keeps their value. Throws AppError('validation') with a message per field.
 */
export function parseForm<S extends z.ZodObject>(schema: S, body: FormBody): z.output<S> {
  const input: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    const value = body[key];
    const { type, isNullable } = describeField(field as z.core.$ZodType);
    if (type === 'boolean') {
      if (value !== undefined) input[key] = value === 'on';
    } else if (typeof value === 'string') {
      const isBlank = value.trim() === '';
      if (isBlank && isNullable) input[key] = null;
      else if (type === 'number' && !isBlank) input[key] = Number(value);
      else input[key] = value;
    }
  }
  return parseOrThrow(schema, input);
}

type FieldDef = { type: string; innerType?: z.core.$ZodType; in?: z.core.$ZodType };

/** The value type under a field's optional/nullable/default wrappers, and whether null is allowed. */
function describeField(field: z.core.$ZodType): { type: string; isNullable: boolean } {
  let isNullable = false;
  let current = field;
  for (;;) {
    const def = current._zod.def as FieldDef;
    if (def.type === 'nullable') isNullable = true;
    const inner = def.type === 'pipe' ? def.in : def.innerType;
    if (!inner) return { type: def.type, isNullable };
    current = inner;
  }
}
