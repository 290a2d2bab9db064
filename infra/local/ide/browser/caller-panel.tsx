import { useId, useState } from 'react';
import type { IdeConfig } from '../config.ts';
import { callerProblem, callerRoles, type Caller, type CallerRole } from './caller.ts';

export interface Session {
  readonly caller: Caller;
  readonly token: string;
}

interface CallerPanelProps {
  readonly countries: IdeConfig['countries'];
  readonly documents: IdeConfig['documents'];
  readonly firstCaller: Caller;
  readonly session: Session | null;
  readonly error: string | null;
  onUse(caller: Caller): void;
}

/** What each DOCUMENTS mode means for what the IDE sends (docs/api.md, "Transport"). */
const documentsModeHelp: Record<IdeConfig['documents'], string> = {
  open: 'DOCUMENTS=open: any document runs.',
  trusted:
    "DOCUMENTS=trusted: only the front end's documents (schema/generated/persisted-documents.json) run, by documentId or as their exact text; anything else, the IDE's schema query included, answers UNKNOWN_DOCUMENT.",
};

/** The bar above GraphiQL: choose a role and a country, get a dev token, send every request with it. */
export function CallerPanel({ countries, documents, firstCaller, session, error, onUse }: CallerPanelProps) {
  const [caller, setCaller] = useState<Caller>(firstCaller);
  const ids = { role: useId(), country: useId() };
  const problem = callerProblem(caller);
  const countryName = (code: string) => countries.find((country) => country.code === code)?.name ?? code;
  const describe = (chosen: Caller) =>
    [callerRoles.find((option) => option.role === chosen.role)?.label, chosen.country && countryName(chosen.country)]
      .filter(Boolean)
      .join(', ');

  return (
    <form
      className="caller-panel"
      onSubmit={(event) => {
        event.preventDefault();
        if (!problem) onUse(caller);
      }}
    >
      <strong className="caller-panel-title">Bali Process Disruption API · local</strong>
      <span className={`documents-mode documents-mode-${documents}`} title={documentsModeHelp[documents]}>
        documents: {documents}
      </span>
      <label htmlFor={ids.role}>Role</label>
      <select
        id={ids.role}
        value={caller.role}
        onChange={(event) => setCaller({ ...caller, role: event.target.value as CallerRole })}
      >
        {callerRoles.map((option) => (
          <option key={option.role} value={option.role}>
            {option.label}
          </option>
        ))}
      </select>
      <label htmlFor={ids.country}>Country</label>
      <select
        id={ids.country}
        value={caller.country}
        onChange={(event) => setCaller({ ...caller, country: event.target.value })}
      >
        <option value="">none</option>
        {countries.map((country) => (
          <option key={country.code} value={country.code}>
            {country.code} · {country.name}
          </option>
        ))}
      </select>
      <button type="submit" disabled={problem !== null}>
        Use this caller
      </button>
      <output className={error || problem ? 'caller-panel-problem' : undefined}>
        {error ?? problem ?? (session ? `Requests go as: ${describe(session.caller)}` : 'Getting a token…')}
      </output>
      {session && (
        <button type="button" onClick={() => void navigator.clipboard.writeText(session.token)}>
          Copy token
        </button>
      )}
    </form>
  );
}
