/**
 * Loupe's OAuth 2.1 client for MCP servers (the MCP authorization spec 2025-11-25, with
 * 2026-07-28's stricter checks), built on oauth4webapi, framework-free (browser and Node).
 *
 * Use:
 *   const oauth = new OAuthClient({ serverUrl, redirectUri: callbackUrl(origin, base), store: sessionStorageStore(),
 *                                   clientMetadataUrl: deployedClientMetadataUrl(), onStep });
 *   oauth.authorize = popupAuthorize;           // optional: without it a 401 throws SignInRequiredError,
 *                                               // which explainError turns into Problem { oauth: 'sign-in-required' }
 *   McpSession.open({ ..., authProvider: oauth, wrapFetch: (f) => oauth.wrapFetch(f) });
 *   await oauth.signIn(popupAuthorize);         // explicit "Sign in" button (then reconnect)
 *   await oauth.signOut();
 *
 * Public API, as agreed in OAUTH-API.md, with these additions:
 * - `OAuthClient.wrapFetch(fetch)`: wraps the transport's fetch for step-up on 403
 *   insufficient_scope (SDK v2 transports only drive step-up for an OAuthClientProvider);
 *   pass it as `wrapFetch` in ConnectOptions (src/lib/core/connect.ts).
 * - `OAuthClient.scope`: the scope of the token held.
 * - `OAuthClient.beginRedirectSignIn()` / `completeRedirectSignIn(callbackUrl)`: the same-tab
 *   redirect fallback; state, PKCE verifier and expected issuer wait in the AuthStore
 *   (sessionStorage) between the two, and are deleted when used.
 * - `OAuthOptions.maxStepUps` (default 2 step-ups in a row).
 * - `clientMetadataUrl(origin, base)` / `callbackUrl(origin, base)` / `deployedClientMetadataUrl()`:
 *   Loupe's CIMD URL (https origins only; set at build time by LOUPE_PUBLIC_ORIGIN) and its
 *   callback page (`<base>/oauth/callback/`); `clientMetadataDocument()` the document.
 * - `OAuthFlowError` is `new OAuthFlowError(step, message)`; explainError turns it into
 *   Problem { kind: 'auth', oauth: 'flow-failed', message: 'Sign-in failed: …' }.
 * - Pure helpers, exported for tests and the Auth panel: parseWwwAuthenticate, selectScope,
 *   unionScopes, resourceMetadataUrls, serverMetadataUrls, resourceMatches, checkCallback,
 *   endpointProblem, isLoopbackHost.
 */
export type {
	AuthStep,
	AuthStepKind,
	AuthExchange,
	AuthStore,
	Authorize,
	OAuthOptions
} from './types.js';
export { SignInRequiredError, OAuthFlowError } from './types.js';
export { memoryStore, sessionStorageStore } from './store.js';
export { OAuthClient } from './client.js';
export { assertSafeEndpoint, endpointProblem } from './endpoint-safety.js';
export { isLoopbackHost } from '../url-safety.js';
export { parseWwwAuthenticate, type BearerChallenge } from './challenge.js';
export { selectScope, unionScopes } from './scope.js';
export { resourceMetadataUrls, serverMetadataUrls, resourceMatches } from './discovery-urls.js';
export { checkCallback, type CallbackCheck, type CallbackExpectation } from './authorization.js';
export {
	clientMetadataUrl,
	callbackUrl,
	clientMetadataDocument,
	deployedClientMetadataUrl,
	CLIENT_METADATA_PATH,
	CALLBACK_PATH
} from './client-metadata.js';
