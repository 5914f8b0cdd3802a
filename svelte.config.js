import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** Where the static site is written (the tests also build a sub-path copy elsewhere). */
const buildDir = process.env.LOUPE_BUILD_DIR ?? 'build';

/**
 * Components that load only when first shown (a view's tab, the argument form, requests from the
 * server): their styles are injected by their own JS chunk instead of being stylesheets linked from
 * the page, which the first screen's boot script would wait for (a stylesheet blocks scripts).
 */
const lazyComponent =
	/\/src\/lib\/components\/(ArgumentsEditor|JsonViewer|CompletingInput|Resource(sView|Detail|List|Contents|Row)|TemplateForm|Prompt(sView|Detail|Messages)|TasksView|Log(sView|Row)|RootsEditor|Auth(View|StepItem|ExchangeView)|form\/\w+|requests\/\w+)\.svelte$|\/node_modules\/@sjsf\//;

/**
 * Loupe is a static single-page app: every page is prerendered as an empty shell and
 * rendered in the browser (`ssr = false` in src/routes/+layout.ts).
 * BASE_PATH lets it live under a sub-path, as on GitHub Pages.
 * @type {import('@sveltejs/kit').Config}
 */
const config = {
	preprocess: vitePreprocess(),
	vitePlugin: {
		dynamicCompileOptions: ({ filename }) =>
			lazyComponent.test(filename) ? { css: 'injected' } : undefined
	},
	kit: {
		adapter: adapter({ pages: buildDir, assets: buildDir, fallback: undefined, strict: true }),
		paths: { base: process.env.BASE_PATH ?? '', relative: true },
		// The first screen's styles come inside its HTML: no stylesheet request (a round trip each, six at
		// a time over HTTP/1.1) holds up the boot script, nor a deep link's first request behind it.
		inlineStyleThreshold: 32 * 1024,
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				// Svelte and virtua set inline style attributes; scripts stay strict.
				'style-src': ['self', 'unsafe-inline'],
				// Loupe talks to whatever MCP server the person types in.
				'connect-src': ['self', 'http:', 'https:'],
				// Server icons and tool results: only https: or data: images, never http: tracking pixels.
				'img-src': ['self', 'data:', 'blob:', 'https:'],
				'media-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-src': ['none'],
				'worker-src': ['self']
			}
		}
	}
};

export default config;
