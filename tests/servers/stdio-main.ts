/**
 * The demo server over stdio (both protocol eras, the SDK's serveStdio), for the bridge's tests:
 *
 *   node --import tsx tests/servers/stdio-main.ts
 */
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { createDemoMcpServer } from './mcp-server';

serveStdio(() => createDemoMcpServer(), {
	onerror: (error) => process.stderr.write(`stdio demo: ${error.message}\n`)
});
process.stderr.write('loupe-demo over stdio: ready\n');
