/**
 * Loupe's OAuth 2.1 client for MCP servers (the MCP authorization spec 2025-11-25, with
 * 2026-07-28's stricter checks), built on oauth4webapi, framework-free (browser and Node).
 *
 * Public API, as agreed in OAUTH-API.md, with these additions:
 * - `OAuthClient.wrapFetch(fetch)`: wraps the transport's fetch for step-up on 403
 *   insufficient_scope (SDK v2 transports only drive step-up for an OAuthClientProvider);
 *   pass it as `wrapFetch` in ConnectOptions (src/lib/core/connect.ts).
 * - `OAuthClient.scope`: the scope of the token held.
 * - Same-tab redirect (added on oauth-ui): an `authorize` marked `leavesPage: true`
 *   (`LeavingAuthorize`) makes `signIn` keep verifier/state in the store; `finishSignIn(callbackUrl)`
 *   completes the flow after the tab comes back.
 * - `OAuthOptions.maxStepUps` (default 2 step-ups in a row).
 * - `clientMetadataUrl(origin, base)` / `callbackUrl(origin, base)`: Loupe's CIMD URL (https
 *   origins only) and callback page for a deployed origin; `clientMetadataDocument()` its content.
 * - Pure helpers, exported for tests and the Auth panel: parseWwwAuthenticate, selectScope,
 *   unionScopes, resourceMetadataUrls, serverMetadataUrls, resourceMatches, checkCallback,
 *   endpointProblem.
 */
export type { AuthStep, AuthStepKind, AuthExchange, AuthStore, Authorize, OAuthOptions } from './types.js';
export { SignInRequiredError, OAuthFlowError } from './types.js';
export { memoryStore, sessionStorageStore } from './store.js';
export { OAuthClient, type LeavingAuthorize } from './client.js';
export { assertSafeEndpoint, endpointProblem, isLoopbackHost } from './endpoint-safety.js';
export { parseWwwAuthenticate, type BearerChallenge } from './challenge.js';
export { selectScope, unionScopes } from './scope.js';
export { resourceMetadataUrls, serverMetadataUrls, resourceMatches } from './discovery-urls.js';
export { checkCallback, type CallbackCheck, type CallbackExpectation } from './authorization.js';
export { clientMetadataUrl, callbackUrl, clientMetadataDocument, deployedClientMetadataUrl, CLIENT_METADATA_PATH, CALLBACK_PATH } from './client-metadata.js';
