import { getCompany, type Company } from '../features/company/api/company-request';
import { getSession } from '../features/session/api/session-request';
import type { Session } from '../features/session/api/session-types';

/**
 * The session and the company, asked for by main.tsx as soon as the page is painted — while the app's JavaScript is
 * still on its way — and handed to the query cache by the app (app.tsx). Each is a function: its first call gets the
 * answer already asked for, later calls (retries, refetches) ask anew.
 */
export interface EarlyRequests {
  session: () => Promise<Session | null>;
  company: () => Promise<Company>;
}

let started: Partial<EarlyRequests> = {};

/** Asks for one of them (or both), unless already asked. */
export function startEarlyRequests(which?: keyof EarlyRequests): void {
  if (which !== 'company') started.session ??= once(getSession);
  if (which !== 'session') started.company ??= once(getCompany);
}

/** The requests main.tsx started (or new ones), for one app: the next app asks anew. */
export function takeEarlyRequests(): EarlyRequests {
  startEarlyRequests();
  const requests = started as EarlyRequests;
  started = {};
  return requests;
}

function once<T>(request: () => Promise<T>): () => Promise<T> {
  let first: Promise<T> | null = request();
  // handled by whoever takes it; without this a failure before then would be reported as unhandled
  first.catch(() => {});
  return () => {
    const answer = first ?? request();
    first = null;
    return answer;
  };
}
