/**
 * Build step for Loupe's Client ID Metadata Document: when LOUPE_PUBLIC_ORIGIN is an https
 * origin (the deployed site, e.g. https://example.github.io), the client build gets
 * `<base>/oauth/client-metadata.json` and the app learns its URL (the client_id) through
 * `import.meta.env.VITE_LOUPE_CLIENT_METADATA_URL`. Without an https origin there is no
 * document and OAuth skips CIMD (Dynamic Client Registration or a typed client id instead).
 */
import type { Plugin } from 'vite';
import {
	CLIENT_METADATA_PATH,
	clientMetadataDocument,
	clientMetadataUrl
} from '../src/lib/core/oauth/client-metadata.js';

export function clientMetadataPlugin(
	origin = process.env.LOUPE_PUBLIC_ORIGIN,
	base = process.env.BASE_PATH ?? ''
): Plugin {
	const url = clientMetadataUrl(origin, base);
	if (origin && !url)
		console.warn(
			`LOUPE_PUBLIC_ORIGIN=${origin} is not https: no Client ID Metadata Document is built.`
		);
	return {
		name: 'loupe-client-metadata',
		config: () => ({
			define: { 'import.meta.env.VITE_LOUPE_CLIENT_METADATA_URL': JSON.stringify(url ?? '') }
		}),
		generateBundle(options) {
			// Only the client build (SvelteKit also runs a server build for prerendering).
			if (!url || !options.dir?.replace(/\\/g, '/').includes('/output/client')) return;
			this.emitFile({
				type: 'asset',
				fileName: CLIENT_METADATA_PATH,
				source: `${JSON.stringify(clientMetadataDocument(origin!, base), null, 2)}\n`
			});
		}
	};
}
