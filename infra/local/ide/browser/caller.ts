/** Who the IDE sends requests as: a role, and the country an official (or anyone) claims. */
export type CallerRole = 'secretariat' | 'official' | 'observer';

export interface Caller {
  readonly role: CallerRole;
  /** An ISO 3166-1 alpha-2 code, or '' for none. */
  readonly country: string;
}

export const callerRoles: readonly { readonly role: CallerRole; readonly label: string }[] = [
  { role: 'secretariat', label: 'Secretariat' },
  { role: 'official', label: 'Official of a country' },
  { role: 'observer', label: 'Observer' },
];

export const defaultCaller: Caller = { role: 'secretariat', country: '' };

/** Why the caller cannot have a token, or null: docs/api.md's roles need a country for an official. */
export function callerProblem(caller: Caller): string | null {
  return caller.role === 'official' && caller.country === '' ? 'An official needs a country.' : null;
}

/** The body of `POST /dev/token` for this caller: the claims a Cognito ID token would carry. */
export function tokenRequest(caller: Caller): { sub: string; groups?: string[]; country?: string } {
  const groups = caller.role === 'official' ? [] : [caller.role];
  return {
    sub: ['ide', caller.role, caller.country.toLowerCase()].filter(Boolean).join('-'),
    ...(groups.length > 0 ? { groups } : {}),
    ...(caller.country ? { country: caller.country } : {}),
  };
}

const storageKey = 'bali-ide-caller';

/** The caller chosen last time (the choice is kept, never the token: tokens die with the server). */
export function savedCaller(): Caller {
  try {
    const saved: unknown = JSON.parse(localStorage.getItem(storageKey) ?? 'null');
    if (saved && typeof saved === 'object' && 'role' in saved && 'country' in saved) {
      const { role, country } = saved;
      if (callerRoles.some((option) => option.role === role) && typeof country === 'string') {
        return { role: role as CallerRole, country };
      }
    }
  } catch {
    // A damaged entry is as good as none.
  }
  return defaultCaller;
}

export function saveCaller(caller: Caller): void {
  localStorage.setItem(storageKey, JSON.stringify(caller));
}
