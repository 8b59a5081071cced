const SIGNED_IN_HINT = 'otmetka.signedIn';

/**
 * A hint (not a credential: the session cookie is httpOnly) that this browser had a session, so
 * a first-time visitor is sent to the login page without a request that would only answer 401.
 */
export function maybeSignedIn(): boolean {
  try {
    return localStorage.getItem(SIGNED_IN_HINT) === '1';
  } catch {
    return true;
  }
}

export function setSignedInHint(signedIn: boolean): void {
  try {
    if (signedIn) localStorage.setItem(SIGNED_IN_HINT, '1');
    else localStorage.removeItem(SIGNED_IN_HINT);
  } catch {
    // Storage disabled: maybeSignedIn() then always asks the server.
  }
}
