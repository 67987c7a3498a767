// Who is using the console: the console session (from its cookie) and the caller as /v1/me sees it.
// Screens read the organization slug and the caller's role from here.
import { createContext, useContext } from 'react';
import { api, call, failure, setCsrfToken } from '../api/client.ts';
import type { Response200 } from '../api/types.ts';

export type ConsoleSession = Response200<'getConsoleSession'>;
export type Me = Response200<'getMe'>;

export interface Viewer {
  session: ConsoleSession;
  me: Me;
  org: string;
  /** Owners and admins: the whole console. Everyone else: My account. */
  admin: boolean;
  owner: boolean;
}

export const ViewerContext = createContext<Viewer | null>(null);

export function useViewer(): Viewer {
  const v = useContext(ViewerContext);
  if (!v) throw new Error('useViewer outside the signed-in console');
  return v;
}

/** The console session of this browser, or null when signed out. */
export async function loadConsoleSession(): Promise<ConsoleSession | null> {
  try {
    const s = await call(api.GET('/v1/console/session'));
    setCsrfToken(s.csrfToken);
    return s;
  } catch (e) {
    if (failure(e)?.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw e;
  }
}
