import { useEffect, useState } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';

const TOKEN_PARAM = 'token';

/**
 * The one-time token from a link in an e-mail (`?token=…`). It is read once and kept in state, then taken out of
 * the address (a replace, so through history.replaceState), so it is not left in the history, in bookmarks, in a
 * shared screenshot or in the Referer of anything the page loads.
 */
export function useLinkToken(): string | null {
  const [params] = useSearchParams();
  const { pathname, hash } = useLocation();
  const navigate = useNavigate();
  const [token] = useState(() => params.get(TOKEN_PARAM));
  const inAddress = params.has(TOKEN_PARAM);

  useEffect(() => {
    if (!inAddress) return;
    const rest = new URLSearchParams(params);
    rest.delete(TOKEN_PARAM);
    const search = rest.toString();
    void navigate({ pathname, search: search ? `?${search}` : '', hash }, { replace: true });
  }, [inAddress, params, pathname, hash, navigate]);

  return token;
}
