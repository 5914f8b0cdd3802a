/**
 * Demo tools that ask the client for something: sampling (`ask_llm`), form elicitation with
 * defaults (`ask_user`), URL elicitation (`open_link`, and `open_link_required` with the -32042
 * error) and roots (`list_roots`).
 *
 * Handlers are written once with the SDK's multi-round-trip builders (`inputRequired`): on the
 * 2026-07-28 era the client fulfils the embedded requests and retries the call; on 2025-era
 * connections the SDK's legacy shim sends real server→client requests. URL elicitation with an
 * `elicitationId`, its completion notification and -32042 exist only in the 2025 era, so those
 * paths use the 2025 API directly there.
 */
import { randomUUID } from 'node:crypto';
import {
	fromJsonSchema,
	inputRequired,
	inputResponse,
	UrlElicitationRequiredError,
	type CallToolResult,
	type McpServer,
	type ServerContext
} from '@modelcontextprotocol/server';
import { gradientPng } from './png';

function text(value: string): CallToolResult {
	return { content: [{ type: 'text', text: value }] };
}

function isModern(ctx: ServerContext): boolean {
	return ctx.mcpReq.envelope !== undefined;
}

/** roots/list_changed notifications this process received (any session, any era). */
export const rootsChanges = { count: 0 };

/** The -32042 demo: elicitation ids handed out and not yet "completed" by a retry. */
const requiredLinks = new Set<string>();

/** A URL on this demo server (its description page), so a test's new tab loads something real. */
function demoUrl(ctx: ServerContext, what: string): string {
	const base = ctx.http?.req?.url ? new URL(ctx.http.req.url).origin : 'http://127.0.0.1';
	return `${base}/?${what}`;
}

const askLlmInput = {
	type: 'object',
	properties: {
		prompt: { type: 'string', title: 'prompt', default: 'Say hello' },
		withTools: {
			type: 'boolean',
			title: 'withTools',
			description: 'Offer a get_weather tool to the model',
			default: false
		}
	}
};

const askUserSchema = {
	type: 'object',
	properties: {
		name: { type: 'string', title: 'Name', default: 'Ada' },
		age: { type: 'integer', title: 'Age', minimum: 0, maximum: 150, default: 36 },
		subscribe: { type: 'boolean', title: 'Subscribe', default: true },
		color: { type: 'string', title: 'Color', enum: ['red', 'green', 'blue'], default: 'green' },
		// A multi-select as the 2025-11-25 elicitation schema spells it: no uniqueItems.
		toppings: {
			type: 'array',
			title: 'Toppings',
			items: { type: 'string', enum: ['cheese', 'olives', 'basil'] },
			default: ['cheese']
		},
		note: { type: 'string', title: 'Note', description: 'No default: stays empty unless typed' },
		// A secret by its name (elicitation schemas have no "password" format): the reply echoes it.
		password: { type: 'string', title: 'Password', description: 'Echoed back in the result' }
	},
	required: ['name']
} as const;

const noInput = { type: 'object', properties: {} };

/** An earlier round of tool use, so a client shows tool_use and tool_result blocks. */
const toolExchange = [
	{
		role: 'assistant' as const,
		content: [
			{ type: 'tool_use' as const, id: 'call_1', name: 'get_weather', input: { city: 'Paris' } }
		]
	},
	{
		role: 'user' as const,
		content: [
			{
				type: 'tool_result' as const,
				toolUseId: 'call_1',
				content: [{ type: 'text' as const, text: '18°C, cloudy' }]
			}
		]
	},
	{ role: 'user' as const, content: { type: 'text' as const, text: 'And in Lyon?' } }
];

export function registerClientRequestTools(server: McpServer): void {
	server.server.setNotificationHandler('notifications/roots/list_changed', async () => {
		rootsChanges.count += 1;
	});

	server.registerTool(
		'ask_llm',
		{
			title: 'Ask the LLM (sampling)',
			description:
				'Asks the client for an LLM completion (sampling/createMessage), optionally offering a tool, and returns the reply.',
			inputSchema: fromJsonSchema<{ prompt?: string; withTools?: boolean }>(askLlmInput)
		},
		async ({ prompt = 'Say hello', withTools = false }, ctx: ServerContext) => {
			const reply = inputResponse(ctx.mcpReq.inputResponses, 'llm');
			if (reply.kind === 'sampling') {
				const content = Array.isArray(reply.result.content)
					? reply.result.content
					: [reply.result.content];
				const parts = content.map((c) =>
					c.type === 'text'
						? c.text
						: c.type === 'tool_use'
							? `tool_use ${c.name} ${JSON.stringify(c.input)}`
							: `[${c.type}]`
				);
				return text(
					`LLM reply (model ${reply.result.model}, stopReason ${reply.result.stopReason ?? 'none'}): ${parts.join(' ')}`
				);
			}
			return inputRequired({
				inputRequests: {
					llm: inputRequired.createMessage({
						messages: [
							{ role: 'user', content: { type: 'text', text: prompt } },
							{
								role: 'assistant',
								content: { type: 'text', text: 'Earlier answer, for context.' }
							},
							{
								role: 'user',
								content: [
									{ type: 'text', text: 'Please answer briefly. Here is a picture:' },
									{
										type: 'image',
										mimeType: 'image/png',
										data: gradientPng(16, 16).toString('base64')
									}
								]
							},
							...(withTools ? toolExchange : [])
						],
						systemPrompt: 'You are a terse assistant.',
						modelPreferences: {
							hints: [{ name: 'claude-3-5-sonnet' }],
							intelligencePriority: 0.8,
							speedPriority: 0.3
						},
						maxTokens: 200,
						stopSequences: ['END'],
						...(withTools
							? {
									tools: [
										{
											name: 'get_weather',
											description: 'Current weather for a city',
											inputSchema: {
												type: 'object',
												properties: { city: { type: 'string' } },
												required: ['city']
											}
										}
									],
									toolChoice: { mode: 'auto' }
								}
							: {})
					})
				}
			});
		}
	);

	server.registerTool(
		'ask_user',
		{
			title: 'Ask the user (form elicitation)',
			description:
				'Asks the person for a name, age, subscription and colour (each with a default), and a password, and returns what came back, the password too.',
			inputSchema: fromJsonSchema(noInput)
		},
		async (_args, ctx: ServerContext) => {
			const reply = inputResponse(ctx.mcpReq.inputResponses, 'profile');
			if (reply.kind === 'elicit') {
				return text(
					`action: ${reply.action}${reply.content ? ` content: ${JSON.stringify(reply.content)}` : ''}`
				);
			}
			return inputRequired({
				inputRequests: {
					profile: inputRequired.elicit({
						message: 'Tell us about yourself.',
						requestedSchema: askUserSchema as never
					})
				}
			});
		}
	);

	server.registerTool(
		'open_link',
		{
			title: 'Open a link (URL elicitation)',
			description:
				'Asks the person to open a page (URL-mode elicitation); on the 2025 era the server then sends notifications/elicitation/complete.',
			inputSchema: fromJsonSchema<{ url?: string }>({
				type: 'object',
				properties: {
					url: {
						type: 'string',
						title: 'url',
						description:
							'The link to ask for (default: a page on this server); try javascript:alert(1)'
					}
				}
			})
		},
		async ({ url }, ctx: ServerContext) => {
			const message = 'Please open this page to finish signing in to the demo service.';
			if (isModern(ctx)) {
				const reply = inputResponse(ctx.mcpReq.inputResponses, 'link');
				if (reply.kind === 'elicit') return text(`action: ${reply.action}`);
				return inputRequired({
					inputRequests: {
						link: inputRequired.elicitUrl({
							message,
							url: url || demoUrl(ctx, 'consent=open_link')
						})
					}
				});
			}
			const elicitationId = randomUUID();
			const result = await ctx.mcpReq.elicitInput({
				mode: 'url',
				message,
				url: url || demoUrl(ctx, `elicitation=${elicitationId}`),
				elicitationId
			});
			if (result.action === 'accept') {
				await ctx.mcpReq.notify({
					method: 'notifications/elicitation/complete',
					params: { elicitationId }
				});
			}
			return text(`action: ${result.action}`);
		}
	);

	server.registerTool(
		'open_link_required',
		{
			title: 'Link required (-32042)',
			description:
				'Fails with -32042 (URL elicitation required) the first time; succeeds when retried after the link was opened. 2025 era.',
			inputSchema: fromJsonSchema(noInput)
		},
		async (_args, ctx: ServerContext) => {
			const done = [...requiredLinks][0];
			if (done !== undefined) {
				requiredLinks.delete(done);
				return text(`Link ${done} was completed; the call went through.`);
			}
			const elicitationId = randomUUID();
			requiredLinks.add(elicitationId);
			throw new UrlElicitationRequiredError([
				{
					mode: 'url',
					message: 'Authorize the demo service first.',
					url: demoUrl(ctx, `elicitation=${elicitationId}`),
					elicitationId
				}
			]);
		}
	);

	server.registerTool(
		'list_roots',
		{
			title: 'List roots',
			description:
				'Asks the client for its roots (roots/list) and returns them, with how many roots/list_changed notifications this server has seen.',
			inputSchema: fromJsonSchema(noInput)
		},
		async (_args, ctx: ServerContext) => {
			const reply = inputResponse(ctx.mcpReq.inputResponses, 'roots');
			if (reply.kind === 'roots') {
				return text(
					`roots: ${JSON.stringify(reply.roots)}\nlist_changed notifications: ${rootsChanges.count}`
				);
			}
			return inputRequired({ inputRequests: { roots: inputRequired.listRoots() } });
		}
	);
}
