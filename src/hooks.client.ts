/**
 * Runs first, before the page's own code has even loaded: a local bridge's token leaves the
 * address bar for the tab's memory, and a deep link that connects at once (`connect=1` with a
 * server) starts fetching the session code now, alongside the first screen.
 */
import type { ClientInit } from '@sveltejs/kit';
import { readDeepLink } from '$lib/features/connection/deep-link.js';
import { preloadSessionCode } from '$lib/features/connection/connect-code.js';
import { takeBridgeToken } from '$lib/features/connection/bridge-token.js';

export const init: ClientInit = () => {
	takeBridgeToken();
	const link = readDeepLink(new URL(location.href));
	if (link.connect && link.server) preloadSessionCode();
};
