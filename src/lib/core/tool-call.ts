/**
 * tools/call over a session, sent raw (so off-spec results still arrive), then read and checked
 * against the tool's outputSchema (tool-result.ts). Loaded with the first call, not the first screen.
 */
import type { RequestOptions } from '@modelcontextprotocol/client';
import type { McpSession } from './session.js';
import type { ToolInfo } from './tool-info.js';
import { readToolResult, type ToolResultView } from './tool-result.js';
import { encodeParamValue, paramHeaders } from './param-headers.js';
import { secretTexts } from './secret-arguments.js';

export interface ToolCallOutcome {
	view: ToolResultView;
	/** The result object as received. */
	result: unknown;
	durationMs: number;
}

/** Calls a tool as a raw tools/call, then reads the result. */
export async function callTool(
	session: McpSession,
	tool: Pick<ToolInfo, 'name' | 'outputSchema' | 'paramHeaders'> & { inputSchema?: unknown },
	args: Record<string, unknown>,
	options?: RequestOptions
): Promise<ToolCallOutcome> {
	const started = performance.now();
	// What the schema or a name marks as secret is sent, but never logged (nor exported).
	const secrets = secretTexts(args, tool.inputSchema);
	if (secrets.length) session.keepSecret([...secrets, ...secrets.map(encodeParamValue)]);
	// The 2026 era over Streamable HTTP mirrors marked arguments into Mcp-Param-* headers.
	const { era, transport } = session.details;
	const headers =
		era === 'modern' && transport === 'streamable-http' && tool.paramHeaders.length
			? paramHeaders(tool.paramHeaders, args)
			: undefined;
	const result = await session.request(
		'tools/call',
		{ name: tool.name, arguments: args },
		headers ? { ...options, headers } : options
	);
	return {
		result,
		view: readToolResult(result, tool.outputSchema),
		durationMs: performance.now() - started
	};
}
