/** `log_levels`: one notifications/message at each of the eight levels, to test level filtering. */
import { fromJsonSchema, type McpServer } from '@modelcontextprotocol/server';

const LEVELS = [
	'debug',
	'info',
	'notice',
	'warning',
	'error',
	'critical',
	'alert',
	'emergency'
] as const;

export function registerLoggingTools(server: McpServer): void {
	server.registerTool(
		'log_levels',
		{
			title: 'Log levels',
			description:
				'Sends one notifications/message at each level from debug to emergency; the server drops those below the level the client asked for (logging/setLevel, or _meta on 2026-07-28).',
			inputSchema: fromJsonSchema({ type: 'object', properties: {} })
		},
		async (_args, ctx) => {
			for (const level of LEVELS)
				await ctx.mcpReq.log(level, { level, note: `a ${level} message` }, 'log_levels');
			return { content: [{ type: 'text', text: 'sent one message per level' }] };
		}
	);
}
