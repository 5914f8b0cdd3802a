/**
 * Opening the deep link in the address bar (deep-link.ts) in the page's workspace: each `server=`
 * opens (or selects) an entry, the first is selected and takes `transport`, and `connect=1`
 * connects them all.
 *
 * A link that connects is opened before the page renders (hooks.client.ts): once the connection's
 * code is ready (fetched alongside the app's boot: connect-preload.js), the first request goes out
 * and the first screen is drawn while it travels, instead of connecting only after that drawing.
 * The page then takes that workspace instead of making its own.
 */
import { Workspace, type ServerEntry } from './workspace.svelte.js';
import type { DeepLink } from '../connection/deep-link.js';
import { loadSessionCode } from '../connection/connect-code.js';

/** How long the first screen may wait for the connection's code (on a slow network it is drawn anyway). */
export const CODE_WAIT_MS = 1000;
/** How long it may then wait for each connection's first request to be sent (a few tasks of setting up). */
export const SEND_WAIT_MS = 200;

let early: { workspace: Workspace; tool?: string } | undefined;

/** Opens (or selects) an entry for each server of the link; the first is selected and takes `transport`. */
function openServers(workspace: Workspace, link: DeepLink): ServerEntry[] {
	const opened = link.servers.map((url, i) =>
		workspace.open({ url, transport: i === 0 ? link.transport : undefined })
	);
	if (opened[0]) workspace.select(opened[0].id);
	return opened;
}

const connectAll = (entries: ServerEntry[]) => {
	for (const entry of entries) void entry.stores.connection.connect();
};

/** Opens `link` in `workspace` and connects when it says so; returns the tool it names, to select once listed. */
export function openDeepLink(workspace: Workspace, link: DeepLink): string | undefined {
	const opened = openServers(workspace, link);
	if (link.connect) connectAll(opened);
	return link.tool;
}

/**
 * For a link that connects, before the page renders: a new workspace with the link opened, its
 * connections started once the session and OAuth code are ready (or after `waitMs` at most), and
 * each connection's first request on the wire (or `sendMs` more at most) before the page draws.
 */
export async function openDeepLinkEarly(
	link: DeepLink,
	waitMs = CODE_WAIT_MS,
	sendMs = SEND_WAIT_MS
): Promise<void> {
	const workspace = new Workspace();
	const opened = openServers(workspace, link);
	early = { workspace, tool: link.tool };
	const ready = Promise.all([
		loadSessionCode().catch(() => {}),
		workspace.selected.stores.auth.preload()
	]);
	await atMost(waitMs, ready);
	// Each connection's first request, seen in its traffic log (or the end of a connect that sent none).
	const unsubscribes: (() => void)[] = [];
	const sent = opened.map(
		(entry) =>
			new Promise<void>((resolve) => {
				const unsubscribe = entry.stores.log.recorder.subscribe((item) => {
					if (item.type === 'http') resolve();
				});
				unsubscribes.push(unsubscribe);
			})
	);
	const connecting = opened.map((entry) => entry.stores.connection.connect());
	await atMost(sendMs, Promise.all(sent.map((s, i) => Promise.race([s, connecting[i]]))));
	for (const unsubscribe of unsubscribes) unsubscribe();
}

/** Waits for `promise`, or `ms` at most. */
async function atMost(ms: number, promise: Promise<unknown>): Promise<void> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	await Promise.race([promise, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
	clearTimeout(timer);
}

/** The workspace a link that connects was opened in, once; undefined when there is none (the page makes its own). */
export function takeEarlyWorkspace(): { workspace: Workspace; tool?: string } | undefined {
	const taken = early;
	early = undefined;
	return taken;
}
