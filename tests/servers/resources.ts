/**
 * The demo resources: text, markdown, image, audio and odd binary blobs, templates with
 * completable variables, a counter that ticks while someone is subscribed to it (2025 era:
 * resources/subscribe; 2026-07-28 era: a subscriptions/listen stream naming it), a
 * hostile resource, and a resource whose reading adds or removes extras (list_changed). No new
 * tools, so the demo's tool list stays as it is.
 *
 * State that must survive the 2026 era's fresh server per request lives in this module.
 */
import {
	ResourceTemplate,
	type McpServer,
	type RegisteredResource
} from '@modelcontextprotocol/server';
import { gradientPng } from './png';
import { toneWav } from './wav';
import { demoEvents } from './dynamic-tools';

export const COUNTER_URI = 'demo://counter';
export const EXTRA_RESOURCE_URI = 'demo://extra/note';
export const TOGGLE_EXTRAS_URI = 'demo://extras/toggle';
/** How often the counter ticks while someone is subscribed to it. */
export const COUNTER_TICK_MS = 700;
export const ITEM_IDS = [
	'apple',
	'apricot',
	'avocado',
	'banana',
	'blueberry',
	'cherry',
	'grape',
	'lemon'
];
/** One segment each: the SDK's UriTemplate.match reads {/path*} as a single segment. */
export const FILE_PATHS = ['intro.md', 'index.ts', 'notes.txt', 'README.md'];
/** An odd binary blob: neither text nor a displayable media type. */
export const ODD_MIME = 'application/x-loupe-odd';

export const HOSTILE_RESOURCE_TEXT =
	'<img src=x onerror="document.title=\'pwned\'"><script>document.title="pwned"</script> must show as text';

const GUIDE = `# Guide

Loupe reads **resources** like this one.

- Text stays text.
- Markup such as <b>this</b> is never rendered.
`;

/** The counter resource's value, shared by every server instance of this process. */
let counter = 0;
/** Whether the extra resource and prompt are listed (toggled by reading demo://extras/toggle). */
let extras = false;
/** Which URIs each live (2025-era) server instance subscribed to. */
const subscriptions = new Map<McpServer, Set<string>>();
/** Open 2026-07-28 era subscriptions/listen streams whose filter names the counter. */
const counterListens = new Set<symbol>();

export function extrasEnabled(): boolean {
	return extras;
}

/** Called when demo://extras/toggle is read: flips the flag and reports it. */
export function toggleExtrasFlag(): boolean {
	extras = !extras;
	return extras;
}

/** Listeners per server instance that follow the extras flag (the prompts module adds one). */
export type ExtrasFollower = (on: boolean) => void;
const followers = new WeakMap<McpServer, ExtrasFollower[]>();
export function followExtras(server: McpServer, follower: ExtrasFollower): void {
	followers.set(server, [...(followers.get(server) ?? []), follower]);
}

let ticker: ReturnType<typeof setInterval> | undefined;

/** One tick: the counter goes up and every session subscribed to it hears so. Stops with no subscriber. */
async function tick(): Promise<void> {
	for (const [server, uris] of subscriptions)
		if (!server.isConnected() || uris.size === 0) subscriptions.delete(server);
	const listeners = [...subscriptions]
		.filter(([, uris]) => uris.has(COUNTER_URI))
		.map(([server]) => server);
	if (listeners.length === 0 && counterListens.size === 0) {
		clearInterval(ticker);
		ticker = undefined;
		return;
	}
	counter++;
	if (counterListens.size) demoEvents.publish({ kind: 'resource_updated', uri: COUNTER_URI });
	await Promise.all(
		listeners.map((server) =>
			server.server
				.sendResourceUpdated({ uri: COUNTER_URI })
				.catch(() => subscriptions.delete(server))
		)
	);
}

function startTicking(): void {
	if (ticker) return;
	ticker = setInterval(() => void tick(), COUNTER_TICK_MS);
	ticker.unref?.();
}

/** Whether a JSON-RPC body is a subscriptions/listen whose filter names the counter. */
function listensForCounter(body: unknown): boolean {
	if (
		!body ||
		typeof body !== 'object' ||
		(body as { method?: unknown }).method !== 'subscriptions/listen'
	)
		return false;
	const filter = (body as { params?: { notifications?: { resourceSubscriptions?: unknown } } })
		.params?.notifications;
	return (
		Array.isArray(filter?.resourceSubscriptions) &&
		filter.resourceSubscriptions.includes(COUNTER_URI)
	);
}

/**
 * 2026-07-28 era: serves a request, and when it opens a subscriptions/listen stream naming the
 * counter, keeps the counter ticking (updates go out on `demoEvents`) until that stream ends.
 */
export async function serveCounterListens(
	request: Request,
	serve: (request: Request) => Promise<Response>
): Promise<Response> {
	if (request.method !== 'POST') return serve(request);
	let body: unknown;
	try {
		body = await request.clone().json();
	} catch {
		return serve(request);
	}
	if (!listensForCounter(body)) return serve(request);
	const response = await serve(request);
	if (!response.body || !response.headers.get('content-type')?.includes('text/event-stream'))
		return response;
	const listen = Symbol('listen');
	const stop = () => counterListens.delete(listen);
	counterListens.add(listen);
	startTicking();
	request.signal.addEventListener('abort', stop, { once: true });
	const reader = response.body.getReader();
	const stream = new ReadableStream<Uint8Array>({
		async pull(controller) {
			try {
				const { done, value } = await reader.read();
				if (done) {
					stop();
					controller.close();
				} else controller.enqueue(value);
			} catch (error) {
				stop();
				controller.error(error);
			}
		},
		cancel(reason) {
			stop();
			return reader.cancel(reason);
		}
	});
	return new Response(stream, {
		status: response.status,
		statusText: response.statusText,
		headers: response.headers
	});
}

function filterPrefix(values: string[], prefix: string | undefined): string[] {
	const p = (prefix ?? '').toLowerCase();
	return values.filter((v) => v.toLowerCase().startsWith(p));
}

export function registerDemoResources(server: McpServer): void {
	server.registerResource(
		'welcome',
		'demo://notes/welcome',
		{ title: 'Welcome note', description: 'A short plain-text note', mimeType: 'text/plain' },
		async (uri) => ({
			contents: [
				{
					uri: uri.href,
					mimeType: 'text/plain',
					text: 'Welcome to the Loupe demo server.\nThis is plain text.'
				}
			]
		})
	);
	server.registerResource(
		'guide',
		'demo://docs/guide.md',
		{ title: 'Guide', description: 'Markdown, shown as text', mimeType: 'text/markdown' },
		async (uri) => ({ contents: [{ uri: uri.href, mimeType: 'text/markdown', text: GUIDE }] })
	);
	server.registerResource(
		'gradient',
		'demo://images/gradient.png',
		{ title: 'Gradient image', description: 'A 32×32 PNG blob', mimeType: 'image/png' },
		async (uri) => ({
			contents: [
				{ uri: uri.href, mimeType: 'image/png', blob: gradientPng(32, 32).toString('base64') }
			]
		})
	);
	server.registerResource(
		'tone',
		'demo://audio/tone.wav',
		{ title: 'Tone', description: 'A quarter-second WAV blob', mimeType: 'audio/wav' },
		async (uri) => ({
			contents: [
				{ uri: uri.href, mimeType: 'audio/wav', blob: toneWav(250, 440).toString('base64') }
			]
		})
	);
	server.registerResource(
		'odd-binary',
		'demo://data/odd.bin',
		{
			title: 'Odd binary',
			description: `Bytes with the mime type ${ODD_MIME}`,
			mimeType: ODD_MIME
		},
		async (uri) => ({
			contents: [
				{
					uri: uri.href,
					mimeType: ODD_MIME,
					blob: Buffer.from([0, 1, 2, 3, 250, 251, 252, 253]).toString('base64')
				}
			]
		})
	);
	server.registerResource(
		'text-blob',
		'demo://data/notes.txt',
		{
			title: 'Text sent as a blob',
			description: 'text/plain in base64, as some servers send text',
			mimeType: 'text/plain'
		},
		async (uri) => ({
			contents: [
				{
					uri: uri.href,
					mimeType: 'text/plain',
					blob: Buffer.from('Notes: café <b>not bold</b>\nsecond line').toString('base64')
				}
			]
		})
	);
	server.registerResource(
		'svg-blob',
		'demo://images/unsafe.svg',
		{
			title: 'SVG blob',
			description: 'An SVG with a script: offered as a download, never displayed',
			mimeType: 'image/svg+xml'
		},
		async (uri) => ({
			contents: [
				{
					uri: uri.href,
					mimeType: 'image/svg+xml',
					blob: Buffer.from(
						'<svg xmlns="http://www.w3.org/2000/svg" onload="document.title=\'pwned\'"/>'
					).toString('base64')
				}
			]
		})
	);
	server.registerResource(
		'hostile',
		'demo://hostile.html',
		{
			title: '<img src=x onerror="document.title=\'pwned\'"> Hostile',
			description: '<script>document.title="pwned"</script><b>bold?</b> shown as text',
			mimeType: 'text/html'
		},
		async (uri) => ({
			contents: [{ uri: uri.href, mimeType: 'text/html', text: HOSTILE_RESOURCE_TEXT }]
		})
	);
	server.registerResource(
		'counter',
		COUNTER_URI,
		{
			title: 'Counter',
			description:
				'Ticks while someone is subscribed to it (resources/subscribe, or subscriptions/listen in the 2026-07-28 era)',
			mimeType: 'text/plain'
		},
		async (uri) => ({
			contents: [{ uri: uri.href, mimeType: 'text/plain', text: `count: ${counter}` }]
		})
	);
	const extra: RegisteredResource = server.registerResource(
		'extra-note',
		EXTRA_RESOURCE_URI,
		{
			title: 'Extra note',
			description: 'Listed only after reading demo://extras/toggle',
			mimeType: 'text/plain'
		},
		async (uri) => ({
			contents: [{ uri: uri.href, mimeType: 'text/plain', text: 'An extra note.' }]
		})
	);
	if (!extras) extra.disable();
	followExtras(server, (on) => (on ? extra.enable() : extra.disable()));

	server.registerResource(
		'item',
		new ResourceTemplate('demo://items/{id}', {
			list: undefined,
			complete: { id: (value) => filterPrefix(ITEM_IDS, value) }
		}),
		{
			title: 'Item by id',
			description: 'One item; its id completes from the server',
			mimeType: 'text/plain'
		},
		async (uri, variables) => {
			const id = String(variables.id ?? '');
			return {
				contents: [
					{
						uri: uri.href,
						mimeType: 'text/plain',
						text: `Item ${id}${ITEM_IDS.includes(id) ? '' : ' (unknown)'}`
					}
				]
			};
		}
	);
	server.registerResource(
		'file',
		new ResourceTemplate('demo://files{/path*}', {
			list: undefined,
			complete: { path: (value) => filterPrefix(FILE_PATHS, value) }
		}),
		{
			title: 'File by path',
			description: 'A path with segments (RFC 6570 {/path*})',
			mimeType: 'text/plain'
		},
		async (uri, variables) => {
			const path = Array.isArray(variables.path)
				? variables.path.join('/')
				: String(variables.path ?? '');
			return { contents: [{ uri: uri.href, mimeType: 'text/plain', text: `File ${path}` }] };
		}
	);

	// resources/subscribe exists in the 2025 era only; the 2026 era uses subscriptions/listen.
	server.server.setRequestHandler('resources/subscribe', async (request) => {
		const uris = subscriptions.get(server) ?? new Set<string>();
		uris.add(request.params.uri);
		subscriptions.set(server, uris);
		if (request.params.uri === COUNTER_URI) startTicking();
		return {};
	});
	server.server.setRequestHandler('resources/unsubscribe', async (request) => {
		subscriptions.get(server)?.delete(request.params.uri);
		return {};
	});

	server.registerResource(
		'toggle-extras',
		TOGGLE_EXTRAS_URI,
		{
			title: 'Toggle extras',
			description:
				'Reading this adds or removes an extra resource and an extra prompt (list_changed)',
			mimeType: 'text/plain'
		},
		async (uri) => {
			const on = toggleExtrasFlag();
			for (const follow of followers.get(server) ?? []) follow(on);
			return {
				contents: [
					{ uri: uri.href, mimeType: 'text/plain', text: on ? 'extras listed' : 'extras removed' }
				]
			};
		}
	);
}
