/**
 * The "loupe-demo" MCP server definition: one factory used by every
 * endpoint and both protocol eras, so they can never drift apart.
 */
import { McpServer } from '@modelcontextprotocol/server';
import { registerDemoTools } from './tools';
import { registerClientRequestTools } from './client-request-tools';
import { registerDynamicTools } from './dynamic-tools';
import { registerTaskTools } from './task-tools';
import { registerLoggingTools } from './logging-tools';
import { registerBigPayloadTools } from './big-payload-tools';
import { registerDemoResources } from './resources';
import { registerDemoPrompts } from './prompts';

export const SERVER_NAME = 'loupe-demo';
export const SERVER_VERSION = '1.0.0';

export const INSTRUCTIONS = [
	'Loupe demo server: a fixture for exercising an MCP inspector.',
	'Tools cover generated forms (types_demo, create_order), result views (get_image, unicode_and_big, resource_link_demo),',
	'structured output and its validation (add, bad_structured), tool errors (fail), progress (slow) and logging (log_burst).'
].join(' ');

const README = `# loupe-demo

A demo MCP server for the Loupe inspector. Call \`resource_link_demo\` to get a link to this document.
`;

/** Builds a fresh, fully registered demo server instance. */
export function createDemoMcpServer(): McpServer {
	const server = new McpServer(
		{ name: SERVER_NAME, version: SERVER_VERSION, title: 'Loupe demo server' },
		{
			instructions: INSTRUCTIONS,
			capabilities: {
				tools: {},
				logging: {},
				resources: { subscribe: true, listChanged: true },
				prompts: { listChanged: true },
				completions: {}
			}
		}
	);
	registerDemoTools(server);
	registerClientRequestTools(server);
	registerDynamicTools(server);
	registerTaskTools(server);
	registerLoggingTools(server);
	registerBigPayloadTools(server);
	registerDemoResources(server);
	registerDemoPrompts(server);
	server.registerResource(
		'readme',
		'demo://readme',
		{ title: 'Demo README', description: 'What this server is for', mimeType: 'text/markdown' },
		async (uri) => ({ contents: [{ uri: uri.href, mimeType: 'text/markdown', text: README }] })
	);
	return server;
}
