import { GraphiQL } from 'graphiql';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { IdeConfig } from '../config.ts';
import { graphqlFetcher, requestToken } from './api.ts';
import { saveCaller, savedCaller, type Caller } from './caller.ts';
import { CallerPanel, type Session } from './caller-panel.tsx';
import { exampleTabs } from './examples.ts';

/** GraphiQL on the local server, with the caller panel above it. */
export function Ide({ config }: { readonly config: IdeConfig }) {
  const [firstCaller] = useState(savedCaller);
  const [examples] = useState(() => exampleTabs(new Date()));
  const [session, setSession] = useState<Session | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The fetcher reads the token here, so renewing it after a server restart re-renders nothing.
  const token = useRef<string | null>(null);

  // Touches only the ref and state setters, so one function serves every render.
  const use = useCallback(async (caller: Caller) => {
    try {
      const fresh = await requestToken(caller);
      token.current = fresh;
      saveCaller(caller);
      setError(null);
      setSession({ caller, token: fresh });
    } catch (failure) {
      setError(`No token: ${failure instanceof Error ? failure.message : String(failure)}`);
    }
  }, []);

  useEffect(() => {
    void use(firstCaller);
  }, [use, firstCaller]);

  // A new fetcher for each caller makes GraphiQL load the schema again, as that caller.
  const fetcher = useMemo(
    () =>
      graphqlFetcher({
        current: () => token.current,
        renew: async () => {
          if (!session) throw new Error('no caller chosen');
          token.current = await requestToken(session.caller);
          return token.current;
        },
      }),
    [session],
  );

  return (
    <div className="ide">
      <CallerPanel
        countries={config.countries}
        documents={config.documents}
        firstCaller={firstCaller}
        session={session}
        error={error}
        onUse={(caller) => void use(caller)}
      />
      <div className="ide-graphiql">{session && <GraphiQL fetcher={fetcher} defaultTabs={examples} />}</div>
    </div>
  );
}
