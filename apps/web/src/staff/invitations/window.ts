/** The value of an `<input type="datetime-local">` for a moment, in the browser's time zone (the input has no zone). */
export function toDateTimeInput(at: Date): string {
  const local = new Date(at.getTime() - at.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** Reminder hours as typed ("24, 2") into the list the API takes; nothing that is not a whole positive number. */
export function reminderHoursOf(typed: string): number[] {
  return typed
    .split(/[,,\s]+/)
    .filter((part) => part !== '')
    .map(Number)
    .filter((hours) => Number.isInteger(hours) && hours > 0);
}
