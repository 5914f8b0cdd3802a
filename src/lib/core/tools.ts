/**
 * The tool list over a session: every page of tools/list, each definition checked (tool-info.ts).
 * Calling a tool is tool-call.ts, loaded with the first call.
 */
import type { RequestOptions } from '@modelcontextprotocol/client';
import type { McpSession } from './session.js';
import { readToolsPage, type ToolInfo } from './tool-info.js';
import { readAllPages, type AllPages } from './pages.js';

/** Every tool the server lists, following nextCursor. */
export function listTools(
	session: McpSession,
	options?: RequestOptions
): Promise<AllPages<ToolInfo>> {
	return readAllPages(
		(cursor) => session.request('tools/list', cursor ? { cursor } : undefined, options),
		(result) => {
			const { tools, problems, nextCursor } = readToolsPage(result);
			return { items: tools, problems, nextCursor };
		},
		'tool list'
	);
}
