/**
 * 1,000 tools on "loupe-many" (/mcp-many), for the Tools view's long, virtualised list: the
 * filter, the keyboard and the pointer must reach every one, the last included.
 */
import { fromJsonSchema, type McpServer } from '@modelcontextprotocol/server';

export const MANY_TOOLS = 1000;

export const manyToolName = (n: number) => `tool_${String(n).padStart(4, '0')}`;

export function registerManyTools(server: McpServer): void {
	const inputSchema = fromJsonSchema<{ note?: string }>({
		type: 'object',
		properties: { note: { type: 'string', description: 'Echoed back' } }
	});
	for (let n = 0; n < MANY_TOOLS; n++) {
		server.registerTool(
			manyToolName(n),
			{
				title: `Tool ${n}`,
				// Every tenth description runs over two lines, so rows differ in height.
				description:
					n % 10
						? `Numbered tool ${n} of ${MANY_TOOLS}.`
						: `Numbered tool ${n} of ${MANY_TOOLS}, with a longer description that wraps onto a second line in a narrow list.`,
				inputSchema,
				annotations: n % 3 ? { readOnlyHint: true } : undefined
			},
			async ({ note }) => ({
				content: [{ type: 'text', text: `${manyToolName(n)} ran${note ? `: ${note}` : ''}` }]
			})
		);
	}
}
