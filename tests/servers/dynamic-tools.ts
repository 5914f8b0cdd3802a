/**
 * `change_tools`: adds and removes tools at runtime, so an inspector's handling of
 * notifications/tools/list_changed can be exercised.
 *
 * - 2025 era (a server instance per session): the tool is added to or removed from this
 *   session's server; the SDK sends notifications/tools/list_changed on the session.
 * - 2026-07-28 era (a fresh server per request): added tools are kept for the whole process
 *   and every later request's server gets them; the change is published on `demoEvents`, the
 *   bus the stateless handler's subscriptions/listen streams listen to.
 */
import {
	fromJsonSchema,
	InMemoryServerEventBus,
	type CallToolResult,
	type McpServer,
	type RegisteredTool
} from '@modelcontextprotocol/server';

/** Change events for subscriptions/listen (2026-07-28 era), shared by the demo's stateless handlers. */
export const demoEvents = new InMemoryServerEventBus();

/** Tools added on the 2026-07-28 era: process-wide, since that era keeps no session. */
const modernExtras = new Set<string>();
const NAME = /^[a-z][a-z0-9_]{0,39}$/;

function text(value: string): CallToolResult {
	return { content: [{ type: 'text', text: value }] };
}

function addExtra(server: McpServer, name: string): RegisteredTool {
	return server.registerTool(
		name,
		{
			description: 'Added at runtime by change_tools.',
			inputSchema: fromJsonSchema({ type: 'object', properties: {} })
		},
		async () => text(`${name} was added at runtime`)
	);
}

export function registerDynamicTools(server: McpServer): void {
	const extras = new Map<string, RegisteredTool>();
	for (const name of modernExtras) extras.set(name, addExtra(server, name));

	server.registerTool(
		'change_tools',
		{
			title: 'Change tools',
			description:
				'Adds the tool named `add` and/or removes the tool named `remove` (only tools added here), then the server announces notifications/tools/list_changed.',
			inputSchema: fromJsonSchema<{ add?: string; remove?: string }>({
				type: 'object',
				properties: {
					add: {
						type: 'string',
						description: 'Name of a tool to add (lowercase letters, digits, _)'
					},
					remove: { type: 'string', description: 'Name of a tool added earlier, to remove' }
				}
			})
		},
		async ({ add, remove }, ctx) => {
			const modern = ctx.mcpReq.envelope !== undefined;
			const done: string[] = [];
			if (add) {
				if (!NAME.test(add))
					return { ...text(`"${add}" is not a valid tool name here`), isError: true };
				if (modern) {
					if (!modernExtras.has(add)) {
						modernExtras.add(add);
						done.push(`added ${add}`);
					}
				} else if (!extras.has(add)) {
					try {
						extras.set(add, addExtra(server, add));
						done.push(`added ${add}`);
					} catch (error) {
						return {
							...text(error instanceof Error ? error.message : String(error)),
							isError: true
						};
					}
				}
			}
			if (remove) {
				if (modern ? modernExtras.delete(remove) : extras.has(remove)) {
					extras.get(remove)?.remove();
					extras.delete(remove);
					done.push(`removed ${remove}`);
				}
			}
			if (modern && done.length) demoEvents.publish({ kind: 'tools_list_changed' });
			return text(done.length ? done.join(', ') : 'nothing changed');
		}
	);
}
