/**
 * The access token: read once from a login URL (`/#token=…`, as `pnpm start` prints), kept in
 * localStorage, and stripped from the address bar so it is not bookmarked or shared.
 */

const KEY = "voronka.token";

/** Reads `token=` from a location hash such as `#token=abc` or `#/editor&token=abc`. */
export function tokenFromHash(hash: string): string | null {
  const match = /(?:^#|[#&?/])token=([^&]+)/.exec(hash);
  return match ? decodeURIComponent(match[1]!) : null;
}

/**
 * Takes a token from the URL hash if there is one (storing it and cleaning the URL), else the
 * stored one. Answers null when signed out.
 */
export function takeToken(): string | null {
  const fromHash = tokenFromHash(window.location.hash);
  if (fromHash) {
    storeToken(fromHash);
    const rest = window.location.hash.replace(/[#&?]?token=[^&]*/, "").replace(/^#/, "");
    const route = rest.startsWith("/") ? rest : "/editor";
    window.history.replaceState(null, "", `${window.location.pathname}${window.location.search}#${route}`);
    return fromHash;
  }
  try {
    return window.localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

/** Stores a token (or forgets it with null). */
export function storeToken(token: string | null): void {
  try {
    if (token) window.localStorage.setItem(KEY, token);
    else window.localStorage.removeItem(KEY);
  } catch {
    /* private mode: the token lives for this page only */
  }
}
