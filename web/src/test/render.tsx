import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { StrictMode, type ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { i18n } from '../i18n';

/**
 * Renders a component inside the app's providers, at `path`, with a fresh query cache. `strict` adds React's
 * StrictMode as boot.tsx does, which runs effects twice in development.
 */
export function renderWithProviders(element: ReactElement, { path = '/', strict = false }: { path?: string; strict?: boolean } = {}) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const router = createMemoryRouter([{ path: '*', element }], { initialEntries: [path] });
  const tree = (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </I18nextProvider>
  );
  return { queryClient, router, ...render(strict ? <StrictMode>{tree}</StrictMode> : tree) };
}

/** A fetch stand-in answering JSON per "METHOD /path". Unknown requests answer 404 in the server's error shape. */
export function fakeFetch(
  routes: Record<string, (init?: RequestInit) => { status: number; body?: unknown; headers?: Record<string, string> }>,
) {
  return async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.pathname : input.url;
    const key = `${init?.method ?? 'GET'} ${url}`;
    const handler = routes[key];
    const answer = handler ? handler(init) : { status: 404, body: { error: { code: 'not_found', message: key } } };
    if (answer.status === 204) return new Response(null, { status: 204 });
    return new Response(JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'Content-Type': 'application/json', ...answer.headers },
    });
  };
}
