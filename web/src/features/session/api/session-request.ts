import { apiClient, isApiError } from '../../../lib/api-client';
import type { Session } from './session-types';

// Apart from get-session.ts (react-query), so the page's first script can ask for the session before the app has
// arrived (app/early-requests.ts).

/** The logged-in user, or null when nobody is logged in (the server answers 401). */
export async function getSession(): Promise<Session | null> {
  try {
    return await apiClient.get<Session>('/api/session', { expectUnauthorized: true });
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}
