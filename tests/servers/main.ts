/**
 * CLI for the demo server:
 *
 *   node --import tsx tests/servers/main.ts [--port 3001] [--host 127.0.0.1] [--verbose]
 *
 * Prints the endpoint URLs and runs until SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import { describeEndpoints, startDemoServer } from './demo';

const { values } = parseArgs({
	options: {
		port: { type: 'string', short: 'p', default: process.env.PORT ?? '3001' },
		host: { type: 'string', default: '127.0.0.1' },
		verbose: { type: 'boolean', short: 'v', default: false },
		// The authorization server protecting /mcp-oauth (tests/servers/auth/main.ts).
		'auth-issuer': {
			type: 'string',
			default: process.env.AUTH_ISSUER ?? `http://127.0.0.1:${process.env.TEST_AUTH_PORT ?? 3392}`
		},
		help: { type: 'boolean', short: 'h', default: false }
	}
});

if (values.help) {
	console.log(
		'usage: node --import tsx tests/servers/main.ts [--port 3001] [--host 127.0.0.1] [--auth-issuer http://127.0.0.1:3392] [--verbose]'
	);
	process.exit(0);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
	console.error(`invalid --port: ${values.port}`);
	process.exit(2);
}

const server = await startDemoServer({
	port,
	host: values.host,
	onerror: values.verbose ? (error) => console.error('[loupe-demo]', error.message) : undefined,
	authIssuer: values['auth-issuer']
});
console.log(describeEndpoints(server.url, values['auth-issuer']));

let stopping = false;
async function stop(signal: string): Promise<void> {
	if (stopping) return;
	stopping = true;
	console.log(`\n${signal}: stopping loupe-demo`);
	const timer = setTimeout(() => process.exit(1), 5000);
	timer.unref();
	await server.close();
	process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
