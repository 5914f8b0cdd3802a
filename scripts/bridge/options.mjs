/**
 * The bridge's command line: options first, then either `--to <URL>` or the stdio server's
 * command and its arguments (everything from the first word that is not an option on belongs to
 * the command, so `npm run bridge -- npx -y some-server --port 9` passes `--port 9` to the server).
 */

export const USAGE = `Usage:
  npm run bridge -- [options] <command> [args…]   serve a stdio MCP server to Loupe (Streamable HTTP)
  npm run bridge -- [options] --to <http(s) URL>  relay to an HTTP MCP server that refuses browsers

Options (before the command):
  --port <n>             listen on 127.0.0.1:<n> (default: a free port)
  --loupe <URL>          the Loupe that opens the link (default: the one npm start serves,
                         http://127.0.0.1:$APP_PORT$BASE_PATH/, port 4173)
  --allow-origin <URL>   one more origin allowed to use the bridge (repeatable)
  --env KEY=VALUE        set in the stdio server's environment (repeatable)
  --help                 this text

The bridge listens on the loopback interface only. Every request needs the bridge's token, which
only the printed link carries; requests from any other origin or host name are refused.`;

/** Thrown for a command line that cannot be run: `message` is the sentence to print. */
export class UsageError extends Error {}

/**
 * @typedef {object} BridgeOptions
 * @property {'stdio' | 'http'} mode
 * @property {string} [command] the stdio server's executable (mode 'stdio')
 * @property {string[]} args its arguments
 * @property {URL} [upstream] the HTTP server relayed to (mode 'http')
 * @property {number} port 0 for a free port
 * @property {URL} loupe the Loupe page the link opens
 * @property {string[]} allowOrigins further allowed origins
 * @property {Record<string, string>} env added to the stdio server's environment
 * @property {boolean} help
 */

/** The Loupe that `npm start` serves (its APP_PORT and BASE_PATH). */
export function defaultLoupeUrl(env = process.env) {
	const base = (env.BASE_PATH ?? '').replace(/\/+$/, '');
	return new URL(`http://127.0.0.1:${env.APP_PORT || 4173}${base}/`);
}

/**
 * An http(s) URL, or a UsageError naming the option.
 * @param {string} value
 * @param {string} option
 */
function httpUrl(value, option) {
	let url;
	try {
		url = new URL(value);
	} catch {
		throw new UsageError(`${option} needs a URL such as https://example.com/mcp, not "${value}".`);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:')
		throw new UsageError(`${option} needs an http or https URL, not "${value}".`);
	if (url.username || url.password)
		throw new UsageError(`${option}: put no user name or password in the URL.`);
	return url;
}

/**
 * @param {string[]} argv the arguments after the script's name
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {BridgeOptions}
 */
export function parseOptions(argv, env = process.env) {
	/** @type {BridgeOptions} */
	const options = {
		mode: 'stdio',
		args: [],
		port: 0,
		loupe: defaultLoupeUrl(env),
		allowOrigins: [],
		env: {},
		help: false
	};
	let i = 0;
	/** @param {string} option */
	const value = (option) => {
		const v = argv[++i];
		if (v === undefined) throw new UsageError(`${option} needs a value.`);
		return v;
	};
	for (; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--') {
			i++;
			break;
		}
		if (!arg.startsWith('--')) break;
		const [name, inline] =
			arg.includes('=') && !arg.startsWith('--env')
				? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
				: [arg, undefined];
		const take = () => inline ?? value(name);
		if (name === '--help' || name === '-h') options.help = true;
		else if (name === '--port') {
			const port = Number(take());
			if (!Number.isInteger(port) || port < 0 || port > 65535)
				throw new UsageError('--port needs a port number (1-65535), or 0 for a free one.');
			options.port = port;
		} else if (name === '--loupe') options.loupe = httpUrl(take(), '--loupe');
		else if (name === '--allow-origin')
			options.allowOrigins.push(httpUrl(take(), '--allow-origin').origin);
		else if (name === '--to') {
			options.mode = 'http';
			options.upstream = httpUrl(take(), '--to');
		} else if (name === '--env') {
			const pair = arg.startsWith('--env=') ? arg.slice('--env='.length) : value('--env');
			const eq = pair.indexOf('=');
			if (eq <= 0) throw new UsageError(`--env needs KEY=VALUE, not "${pair}".`);
			options.env[pair.slice(0, eq)] = pair.slice(eq + 1);
		} else
			throw new UsageError(
				`Unknown option ${name}. Options go before the server's command; see --help.`
			);
	}
	const rest = argv.slice(i);
	if (options.help) return options;
	if (options.mode === 'http') {
		if (rest.length)
			throw new UsageError(
				`--to relays to an HTTP server, so there is no command to run (got "${rest.join(' ')}").`
			);
		if (Object.keys(options.env).length)
			throw new UsageError("--env sets the stdio server's environment; with --to there is none.");
	} else {
		if (!rest.length)
			throw new UsageError(
				'Name the stdio server to run (npm run bridge -- <command> [args…]) or an HTTP server to relay to (--to <URL>).'
			);
		options.command = rest[0];
		options.args = rest.slice(1);
	}
	return options;
}
