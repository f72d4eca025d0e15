import type { ValueTransformer } from 'typeorm';

/** node-postgres returns numeric as text to keep precision; points have 2 decimals, safe as numbers. */
export const numericTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
