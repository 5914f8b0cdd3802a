/**
 * connect-preload.js (scripts/vite-connect-preload.ts): which chunks it lists, and what the script
 * does in a page, run as a browser would run it (its own globals: location, document).
 */
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
	connectChunks,
	connectPreloadScript,
	type ChunkInfo
} from '../../scripts/vite-connect-preload.js';

const chunks: ChunkInfo[] = [
	{ fileName: '_app/immutable/entry/app.js', facadeModuleId: '/r/.svelte-kit/app.js', imports: [] },
	{
		fileName: '_app/immutable/chunks/session.js',
		facadeModuleId: '/r/src/lib/features/connection/session-code.ts',
		imports: ['_app/immutable/chunks/sdk.js', '_app/immutable/chunks/shared.js']
	},
	{
		fileName: '_app/immutable/chunks/sdk.js',
		imports: ['_app/immutable/chunks/zod.js']
	},
	{ fileName: '_app/immutable/chunks/zod.js', imports: [] },
	{ fileName: '_app/immutable/chunks/shared.js', imports: [] },
	{
		fileName: '_app/immutable/chunks/oauth.js',
		facadeModuleId: 'C:\\r\\src\\lib\\core\\oauth\\index.ts',
		imports: ['_app/immutable/chunks/shared.js']
	},
	{ fileName: '_app/immutable/chunks/unrelated.js', imports: [] }
];

/** Runs the script at `scriptUrl` on a page at `pageUrl`; returns the hrefs it preloads. */
function run(script: string, pageUrl: string, scriptUrl: string): string[] {
	const links: { rel: string; href: string }[] = [];
	const document = {
		currentScript: { src: scriptUrl },
		createElement: () => ({ rel: '', href: '' }),
		head: { appendChild: (l: { rel: string; href: string }) => links.push(l) }
	};
	runInNewContext(script, { location: new URL(pageUrl), document, URL, URLSearchParams });
	expect(links.every((l) => l.rel === 'modulepreload')).toBe(true);
	return links.map((l) => l.href);
}

describe('connectChunks', () => {
	it('lists the entries and everything they import, each once', () => {
		expect(connectChunks(chunks)).toEqual([
			'_app/immutable/chunks/session.js',
			'_app/immutable/chunks/sdk.js',
			'_app/immutable/chunks/zod.js',
			'_app/immutable/chunks/shared.js',
			'_app/immutable/chunks/oauth.js'
		]);
	});

	it('fails the build when an entry has no chunk of its own', () => {
		expect(() => connectChunks(chunks, ['/src/lib/nowhere.ts'])).toThrow(/nowhere\.ts/);
	});
});

describe('connect-preload.js', () => {
	const script = connectPreloadScript(connectChunks(chunks));
	const server = encodeURIComponent('http://127.0.0.1:3001/mcp');

	it('preloads the chunks for a link that connects, resolved under a sub-path', () => {
		expect(
			run(
				script,
				`https://h.test/loupe/?server=${server}&connect=1`,
				'https://h.test/loupe/connect-preload.js'
			)
		).toEqual([
			'https://h.test/loupe/_app/immutable/chunks/session.js',
			'https://h.test/loupe/_app/immutable/chunks/sdk.js',
			'https://h.test/loupe/_app/immutable/chunks/zod.js',
			'https://h.test/loupe/_app/immutable/chunks/shared.js',
			'https://h.test/loupe/_app/immutable/chunks/oauth.js'
		]);
		expect(
			run(
				script,
				`https://h.test/?connect=true&server=${server}`,
				'https://h.test/connect-preload.js'
			)
		).toHaveLength(5);
	});

	it('does nothing without connect=1 and a server', () => {
		expect(run(script, 'https://h.test/', 'https://h.test/connect-preload.js')).toEqual([]);
		expect(
			run(script, `https://h.test/?server=${server}`, 'https://h.test/connect-preload.js')
		).toEqual([]);
		expect(
			run(script, `https://h.test/?server=${server}&connect=0`, 'https://h.test/connect-preload.js')
		).toEqual([]);
		expect(run(script, 'https://h.test/?connect=1', 'https://h.test/connect-preload.js')).toEqual(
			[]
		);
	});

	it('reaches a chunk outside the common folder too', () => {
		const mixed = connectPreloadScript(['_app/immutable/chunks/a.js', '_app/immutable/nodes/b.js']);
		expect(
			run(
				mixed,
				`https://h.test/x/?server=${server}&connect=1`,
				'https://h.test/x/connect-preload.js'
			)
		).toEqual([
			'https://h.test/x/_app/immutable/chunks/a.js',
			'https://h.test/x/_app/immutable/nodes/b.js'
		]);
	});
});
