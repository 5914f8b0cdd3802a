/**
 * Build step for deep links that connect at once (`?server=…&connect=1`): the client build gets
 * `connect-preload.js`, a tiny classic script that app.html loads (async) before anything else.
 * On such a link it adds `<link rel="modulepreload">` for the code a connection needs (the
 * session core with the SDK, the OAuth core, and every chunk they import), so the browser fetches
 * and compiles it alongside the app's own boot instead of after it. Without that query string it
 * does nothing, so the first screen only pays for the script itself.
 *
 * Chunk names are hashed, hence a build step: the list is written at build time. The script sits
 * at the root of the site and resolves the chunks against its own URL, so a sub-path copy
 * (BASE_PATH) works unchanged. A strict CSP (script-src 'self') allows it: it is a same-origin file.
 */
import type { Plugin } from 'vite';

export const CONNECT_PRELOAD_FILE = 'connect-preload.js';

/** The modules a deep link's connection awaits before its first request (connection.svelte.ts). */
export const CONNECT_ENTRIES = [
	'/src/lib/features/connection/session-code.ts',
	'/src/lib/core/oauth/index.ts'
];

/** What the build knows of a chunk (a subset of Rollup's OutputChunk). */
export interface ChunkInfo {
	fileName: string;
	facadeModuleId?: string | null;
	imports: readonly string[];
}

/**
 * The files of the chunks whose facade is one of `entries`, and of every chunk they import
 * statically (at any depth), each once, entries first.
 */
export function connectChunks(
	chunks: readonly ChunkInfo[],
	entries: readonly string[] = CONNECT_ENTRIES
): string[] {
	const byFile = new Map(chunks.map((c) => [c.fileName, c]));
	const ids = (id: string | null | undefined) => id?.replace(/\\/g, '/').split('?')[0] ?? '';
	const out = new Set<string>();
	const visit = (file: string) => {
		if (out.has(file)) return;
		out.add(file);
		for (const dep of byFile.get(file)?.imports ?? []) visit(dep);
	};
	for (const entry of entries) {
		const chunk = chunks.find((c) => ids(c.facadeModuleId).endsWith(entry));
		if (!chunk) throw new Error(`connect-preload: no chunk for ${entry}`);
		visit(chunk.fileName);
	}
	return [...out];
}

/**
 * The script's text. `files` are relative to the site's root (where the script is served from).
 * The query test mirrors deep-link.ts: a `server` and `connect=1` (or `true`).
 */
export function connectPreloadScript(files: readonly string[]): string {
	// Served to every visitor, so kept small: no comments, and the chunks' common folder once.
	const dir = files.length ? files[0].slice(0, files[0].lastIndexOf('/') + 1) : '';
	const up = '../'.repeat(dir.split('/').length - 1);
	const names = files.map((f) => (f.startsWith(dir) ? f.slice(dir.length) : up + f));
	return `(function () {
	var q = new URLSearchParams(location.search);
	if (!q.get('server') || !/^(1|true)$/.test(q.get('connect') || '')) return;
	var base = new URL(${JSON.stringify(dir)}, document.currentScript.src);
	${JSON.stringify(names)}.forEach(function (name) {
		var link = document.createElement('link');
		link.rel = 'modulepreload';
		link.href = new URL(name, base).href;
		document.head.appendChild(link);
	});
})();
`;
}

export function connectPreloadPlugin(): Plugin {
	return {
		name: 'loupe-connect-preload',
		// The dev server has no build to list: it answers with a script that does nothing.
		configureServer(server) {
			server.middlewares.use((req, res, next) => {
				if (!req.url?.split('?')[0].endsWith(`/${CONNECT_PRELOAD_FILE}`)) return next();
				res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
				res.end('// Dev server: the session code loads on demand.\n');
			});
		},
		generateBundle(options, bundle) {
			// Only the client build (SvelteKit also runs a server build for prerendering).
			if (!options.dir?.replace(/\\/g, '/').includes('/output/client')) return;
			const chunks = Object.values(bundle).flatMap((b) => (b.type === 'chunk' ? [b] : []));
			this.emitFile({
				type: 'asset',
				fileName: CONNECT_PRELOAD_FILE,
				source: connectPreloadScript(connectChunks(chunks))
			});
		}
	};
}
