/** Time and identifiers come from here so tests can fix them. */
export interface Clock {
  /** The current instant as an ISO 8601 UTC string with milliseconds. */
  now(): string;
}

export const systemClock: Clock = { now: () => new Date().toISOString() };

export type IdGenerator = () => string;

export const randomId: IdGenerator = () => crypto.randomUUID();
