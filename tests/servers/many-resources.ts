/**
 * "loupe-many": a server with thousands of resources served in pages (nextCursor), for the
 * Resources view's long, virtualised list and its page-following. Hand-wired handlers, because
 * McpServer's own resources/list does not paginate. It also has 1,000 tools (many-tools.ts).
 */
import { McpServer, ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/server';
import { registerManyTools } from './many-tools';

export const MANY_RESOURCES = 2500;
export const MANY_PAGE_SIZE = 250;

export const manyUri = (n: number) => `demo://many/${String(n).padStart(4, '0')}`;

export function createManyResourcesServer(): McpServer {
	const server = new McpServer(
		{ name: 'loupe-many', version: '1.0.0' },
		{ capabilities: { resources: {} } }
	);
	server.server.setRequestHandler('resources/list', async (request) => {
		const start = request.params?.cursor ? Number(request.params.cursor) : 0;
		if (!Number.isInteger(start) || start < 0 || start >= MANY_RESOURCES)
			throw new ProtocolError(ProtocolErrorCode.InvalidParams, 'Bad cursor');
		const end = Math.min(start + MANY_PAGE_SIZE, MANY_RESOURCES);
		const resources = [];
		for (let n = start; n < end; n++)
			resources.push({
				uri: manyUri(n),
				name: `item-${n}`,
				title: `Item ${n}`,
				mimeType: 'text/plain'
			});
		return end < MANY_RESOURCES ? { resources, nextCursor: String(end) } : { resources };
	});
	server.server.setRequestHandler('resources/read', async (request) => {
		const match = /^demo:\/\/many\/(\d{4})$/.exec(request.params.uri);
		if (!match || Number(match[1]) >= MANY_RESOURCES)
			throw new ProtocolError(
				ProtocolErrorCode.InvalidParams,
				`Unknown resource ${request.params.uri}`
			);
		return {
			contents: [
				{
					uri: request.params.uri,
					mimeType: 'text/plain',
					text: `This is item ${Number(match[1])}.`
				}
			]
		};
	});
	registerManyTools(server);
	return server;
}
