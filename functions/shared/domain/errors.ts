/**
 * Domain errors. Services and repositories throw these; `functions/graphql/errors.ts` maps them
 * to `extensions.code` in one place. Anything else is unexpected and answered generically.
 */
export class DomainError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** No identity, or one that cannot be read. */
export class UnauthenticatedError extends DomainError {}

/** The identity is known but may not do this. */
export class ForbiddenError extends DomainError {}

/** The input fails validation; `field` names the argument path when known. */
export class BadInputError extends DomainError {
  readonly field: string | undefined;
  constructor(message: string, field?: string) {
    super(message);
    this.field = field;
  }
}

/** The thing named does not exist (or the caller may not read it). */
export class NotFoundError extends DomainError {}

/** A stale revision, a rule of the current state, or a lost race. */
export class ConflictError extends DomainError {}

/** The request would read or return more than its budget: its estimated cost, or its actual reads. */
export class MaxCostExceededError extends DomainError {}

/**
 * Optimistic locking: CONFLICT unless the record is at the revision the caller read. `name`
 * says which record, as the message shows it (`JPA 7`, `operation <id>`).
 */
export function requireRevision(name: string, record: { readonly revision: number }, expected: number): void {
  if (record.revision !== expected)
    throw new ConflictError(`${name} is at revision ${record.revision}, not ${expected}`);
}
