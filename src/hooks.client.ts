/**
 * Runs first, before the page's own code has even loaded: a local bridge's token leaves the
 * address bar for the tab's memory, and a deep link that connects at once (`connect=1` with a
 * server) starts connecting before the first screen is drawn (deep-link-start.ts). From then on, a
 * part of Loupe's code that fails to load (a page left open across a redeploy) is said once, with
 * a Reload button (ui/code-load.svelte.ts).
 */
import type { ClientInit } from '@sveltejs/kit';
import { readDeepLink } from '$lib/features/connection/deep-link.js';
import { preloadSessionCode } from '$lib/features/connection/connect-code.js';
import { takeBridgeToken } from '$lib/features/connection/bridge-token.js';
import { openDeepLinkEarly } from '$lib/features/workspace/deep-link-start.js';
import { watchCodeLoads } from '$lib/ui/code-load.svelte.js';

export const init: ClientInit = async () => {
	watchCodeLoads();
	takeBridgeToken();
	const link = readDeepLink(new URL(location.href));
	if (!link.connect || !link.server) return;
	preloadSessionCode();
	try {
		await openDeepLinkEarly(link);
	} catch {
		// Nothing opened early: the page opens the link itself once it has rendered.
	}
};
