/**
 * CLI for the test authorization server (tests/servers/auth/authorization-server.ts):
 *
 *   node --import tsx tests/servers/auth/main.ts [--port 3392] [--host 127.0.0.1]
 *        [--token-ttl 600] [--short-token-ttl 5] [--verbose]
 *
 * The port defaults to TEST_AUTH_PORT, else 3392. Runs until SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import { startAuthServer } from './authorization-server';

const { values } = parseArgs({
	options: {
		port: { type: 'string', short: 'p', default: process.env.TEST_AUTH_PORT ?? '3392' },
		host: { type: 'string', default: '127.0.0.1' },
		'token-ttl': { type: 'string', default: '600' },
		'short-token-ttl': { type: 'string', default: '5' },
		verbose: { type: 'boolean', short: 'v', default: false },
		help: { type: 'boolean', short: 'h', default: false }
	}
});

if (values.help) {
	console.log(
		'usage: node --import tsx tests/servers/auth/main.ts [--port 3392] [--host 127.0.0.1] [--token-ttl 600] [--short-token-ttl 5] [--verbose]'
	);
	process.exit(0);
}

const port = Number(values.port);
const tokenTtl = Number(values['token-ttl']);
const shortTokenTtl = Number(values['short-token-ttl']);
if (
	!Number.isInteger(port) ||
	port < 0 ||
	port > 65535 ||
	!(tokenTtl > 0) ||
	!(shortTokenTtl > 0)
) {
	console.error('invalid --port or token lifetime');
	process.exit(2);
}

const server = await startAuthServer({
	port,
	host: values.host,
	tokenTtl,
	shortTokenTtl,
	onerror: values.verbose ? (error) => console.error('[loupe-auth]', error.message) : undefined
});
console.log(
	`Loupe test authorization server: ${server.issuer} (any username signs in; metadata at ${server.issuer}/.well-known/oauth-authorization-server)`
);

let stopping = false;
async function stop(signal: string): Promise<void> {
	if (stopping) return;
	stopping = true;
	console.log(`\n${signal}: stopping the test authorization server`);
	const timer = setTimeout(() => process.exit(1), 5000);
	timer.unref();
	await server.close();
	process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
