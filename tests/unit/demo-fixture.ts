/**
 * The demo MCP server (tests/servers/demo.ts) for a unit-test file or describe block: started on a
 * free port before its tests, closed after them. `demo.url` is its origin, as in `${demo.url}/mcp`.
 */
import { afterAll, beforeAll } from 'vitest';
import { startDemoServer, type DemoServer } from '../servers/demo';

export function useDemoServer(): { readonly url: string } {
	let server: DemoServer | undefined;
	beforeAll(async () => {
		server = await startDemoServer({ port: 0 });
	});
	afterAll(async () => {
		await server?.close();
	});
	return {
		get url() {
			if (!server)
				throw new Error('The demo server is not started yet: use demo.url inside a test.');
			return server.url;
		}
	};
}
