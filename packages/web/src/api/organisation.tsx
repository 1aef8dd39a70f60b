import type { Schema } from '@opencfp/client';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

/** Where the chosen organisation is remembered. */
export const ORGANISATION_KEY = 'opencfp.organisation';

export type Organisation = Schema<'Organisation'>;

interface OrganisationState {
  /** The organisation the pages show. */
  organisation: Organisation;
  /** Every organisation of the signed-in user. */
  organisations: Organisation[];
  /** Switch to another of them (remembered on this browser). */
  choose(id: string): void;
}

const OrganisationContext = createContext<OrganisationState | null>(null);

function remembered(): string | null {
  try {
    return globalThis.localStorage?.getItem(ORGANISATION_KEY) ?? null;
  } catch {
    return null;
  }
}

/**
 * Holds the current organisation among the user's `organisations` (at least one): the one chosen before on this
 * browser, else the first.
 *
 * @example <OrganisationProvider organisations={me.memberships}><Outlet /></OrganisationProvider>
 */
export function OrganisationProvider({
  organisations,
  children,
}: {
  organisations: Organisation[];
  children: ReactNode;
}) {
  const [chosen, setChosen] = useState<string | null>(remembered);
  const choose = useCallback((id: string) => {
    setChosen(id);
    try {
      globalThis.localStorage?.setItem(ORGANISATION_KEY, id);
    } catch {
      // not remembered; the switch still applies to this page
    }
  }, []);
  const organisation = organisations.find((o) => o.id === chosen) ?? organisations[0];
  const value = useMemo(
    () => ({ organisation, organisations, choose }),
    [organisation, organisations, choose],
  );
  return <OrganisationContext.Provider value={value}>{children}</OrganisationContext.Provider>;
}

/**
 * The current organisation (inside the signed-in layout).
 *
 * @example const { organisation } = useOrganisation(); const orgId = organisation.id;
 */
export function useOrganisation(): OrganisationState {
  const state = useContext(OrganisationContext);
  if (!state) throw new Error('useOrganisation needs an <OrganisationProvider> above it');
  return state;
}
