/** An ILIKE pattern matching `text` anywhere; the user's own % and _ match literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** PostgreSQL's foreign_key_violation, raised when a row still in use is deleted. */
export function isForeignKeyViolation(error: unknown): boolean {
  return (error as { driverError?: { code?: string } }).driverError?.code === '23503';
}
