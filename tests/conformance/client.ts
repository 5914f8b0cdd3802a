/**
 * Loupe as a client of the official MCP conformance suite (@modelcontextprotocol/conformance).
 * The suite runs `npm run -s conformance:client -- <server url>` with the scenario's name in
 * MCP_CONFORMANCE_SCENARIO and its context (pre-registered credentials, ...) as JSON in
 * MCP_CONFORMANCE_CONTEXT. This connects with Loupe's own core (McpSession, transport auto) and
 * OAuthClient; `authorize` stands in for the popup by reading the authorization redirect.
 * Exit code 0 when the scenario's client part worked, 1 otherwise.
 */
import { McpSession } from '../../src/lib/core/session.js';
import { TrafficRecorder } from '../../src/lib/core/traffic.js';
import { OAuthClient, memoryStore, type AuthStep } from '../../src/lib/core/oauth/index.js';
import { elicitationDefaults } from '../../src/lib/core/elicitation.js';
import type { Client } from '@modelcontextprotocol/client';
import { listTools } from '../../src/lib/core/tools.js';
import { callTool } from '../../src/lib/core/tool-call.js';

type Scenario = (session: McpSession) => Promise<void>;

/** Client Loupe's Client ID Metadata Document URL stands in for in the CIMD scenarios. */
const CIMD_URL = 'https://conformance-test.local/client-metadata.json';
const REDIRECT_URI = 'http://localhost:3403/callback';

async function listAndCallFirst(session: McpSession): Promise<void> {
	const { items: tools } = await listTools(session);
	if (tools[0]) await callOrFail(session, tools[0].name, {});
}

async function callOrFail(
	session: McpSession,
	name: string,
	args: Record<string, unknown>
): Promise<void> {
	const { items: tools } = await listTools(session);
	const tool = tools.find((t) => t.name === name);
	if (!tool) throw new Error(`The server has no tool ${name}.`);
	const outcome = await callTool(session, tool, args);
	if ((outcome.result as { isError?: unknown }).isError === true)
		throw new Error(`The tool ${name} returned isError.`);
}

/** What each scenario needs once connected; anything not listed lists tools and calls the first. */
const SCENARIOS: Record<string, Scenario> = {
	initialize: async (session) => void (await listTools(session)),
	tools_call: (session) => callOrFail(session, 'add_numbers', { a: 5, b: 3 }),
	'sse-retry': (session) => callOrFail(session, 'test_reconnection', {}),
	// Loupe's person is stood in for by accepting with the schema's defaults (SEP-1034).
	'elicitation-sep1034-client-defaults': (session) =>
		callOrFail(session, 'test_client_elicitation_defaults', {})
};

function context(): Record<string, unknown> {
	try {
		return JSON.parse(process.env.MCP_CONFORMANCE_CONTEXT ?? '{}') as Record<string, unknown>;
	} catch {
		return {};
	}
}

/** Follows the authorization request to its redirect, as the suite's server approves at once. */
async function followRedirect(authorizationUrl: URL): Promise<URL> {
	let url = authorizationUrl;
	for (let hop = 0; hop < 5; hop++) {
		const response = await fetch(url, { redirect: 'manual' });
		const location = response.headers.get('location');
		await response.body?.cancel().catch(() => {});
		if (response.status < 300 || response.status >= 400 || !location) {
			throw new Error(
				`The authorization endpoint answered HTTP ${response.status} without a redirect.`
			);
		}
		const next = new URL(location, url);
		if (next.href.startsWith(REDIRECT_URI)) return next;
		url = next;
	}
	throw new Error('Too many redirects at the authorization endpoint.');
}

/** Answers form elicitation as a person who changes nothing would: accept, with the defaults prefilled. */
function acceptWithDefaults(client: Client): void {
	client.setRequestHandler('elicitation/create', async (request) => {
		const params = request.params as { requestedSchema?: unknown };
		return { action: 'accept', content: elicitationDefaults(params.requestedSchema) } as never;
	});
}

function describe(step: AuthStep): string {
	return `[auth] ${step.status.padEnd(7)} ${step.title}: ${step.verdict}`;
}

async function main(): Promise<number> {
	const serverUrl = process.argv.at(-1);
	const scenario = process.env.MCP_CONFORMANCE_SCENARIO ?? '';
	if (!serverUrl || !/^https?:/.test(serverUrl)) {
		console.error('Usage: conformance client ... <server url>');
		return 2;
	}
	const ctx = context();
	const oauth = new OAuthClient({
		serverUrl: new URL(serverUrl),
		redirectUri: REDIRECT_URI,
		store: memoryStore(),
		clientId: typeof ctx.client_id === 'string' ? ctx.client_id : undefined,
		clientSecret: typeof ctx.client_secret === 'string' ? ctx.client_secret : undefined,
		clientMetadataUrl: CIMD_URL,
		clientName: 'Loupe conformance client',
		onStep: (step) => console.log(describe(step))
	});
	oauth.authorize = followRedirect;
	const recorder = new TrafficRecorder();
	let session: McpSession | undefined;
	try {
		session = await McpSession.open(
			{
				url: new URL(serverUrl),
				transport: 'auto',
				recorder,
				authProvider: oauth,
				wrapFetch: (f) => oauth.wrapFetch(f),
				timeoutMs: 20_000
			},
			{ setupClient: acceptWithDefaults }
		);
		console.log(
			`connected: ${JSON.stringify(session.details.protocolVersion)} over ${session.details.transport}`
		);
		await (SCENARIOS[scenario] ?? listAndCallFirst)(session);
		console.log('scenario done');
		return 0;
	} catch (error) {
		console.error(
			`failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`
		);
		return 1;
	} finally {
		await session?.close().catch(() => {});
	}
}

process.exitCode = await main();
// Streams the SDK keeps open must not hold the process.
setTimeout(() => process.exit(process.exitCode ?? 0), 100).unref();
