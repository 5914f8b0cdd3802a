/**
 * A small stdio MCP server written by hand, for the bridge's tests: it records what happens to it
 * in the file named by $RECORD_FILE, one line per event (`start <argv>` when it starts, `in <line>`
 * for every line it reads), so a test can tell whether it was started, how often, and whether a
 * refused request ever reached it.
 *
 *   node --import tsx tests/servers/stdio-recorder.ts
 *
 * It answers `initialize` in the era it is asked for, `ping`, `tools/list` and `tools/call`:
 * `env` (the value of an environment variable), `noise` (a stderr line and a stdout line that is
 * not JSON before its answer), `progress` (a progress notification for the call's token first)
 * `roots` (asks the client for `roots/list` and answers with how many roots came back) and
 * `exit` (stops the process with exit code 3, unanswered).
 */
import { appendFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const recordFile = process.env.RECORD_FILE;
const record = (line: string) => {
	if (recordFile) appendFileSync(recordFile, `${line}\n`);
};
record(`start ${process.argv.slice(1).join(' ')}`);
process.stderr.write('stdio-recorder: started\n');

type Message = {
	jsonrpc: '2.0';
	id?: string | number;
	method?: string;
	params?: Record<string, any>;
	result?: any;
	error?: any;
};
const send = (message: Record<string, unknown>) =>
	process.stdout.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);
const text = (t: string) => ({ content: [{ type: 'text', text: t }] });

const TOOLS = ['env', 'noise', 'progress', 'roots', 'exit'].map((name) => ({
	name,
	description: `stdio-recorder: ${name}`,
	inputSchema: { type: 'object', properties: name === 'env' ? { name: { type: 'string' } } : {} }
}));

/** Answers to our own requests (roots/list), by id. */
const waiting = new Map<string | number, (m: Message) => void>();
let ownIds = 0;

function call(
	id: string | number,
	name: string,
	args: Record<string, any>,
	meta: Record<string, any> | undefined
) {
	if (name === 'env')
		return send({
			id,
			result: text(`${args.name}=${process.env[String(args.name)] ?? '(unset)'}`)
		});
	if (name === 'noise') {
		process.stderr.write('stdio-recorder: noise on stderr\n');
		process.stdout.write('this line is not JSON\n');
		return send({ id, result: text('made some noise') });
	}
	if (name === 'progress') {
		if (meta?.progressToken !== undefined)
			send({
				method: 'notifications/progress',
				params: { progressToken: meta.progressToken, progress: 1, total: 2 }
			});
		return send({ id, result: text('progressed') });
	}
	if (name === 'exit') process.exit(3);
	if (name === 'roots') {
		const own = `recorder-${++ownIds}`;
		waiting.set(own, (answer) =>
			send({ id, result: text(`roots: ${answer.result?.roots?.length ?? 'none'}`) })
		);
		return send({ id: own, method: 'roots/list' });
	}
	send({ id, error: { code: -32602, message: `Unknown tool ${name}` } });
}

createInterface({ input: process.stdin }).on('line', (line) => {
	record(`in ${line}`);
	let message: Message;
	try {
		message = JSON.parse(line);
	} catch {
		return send({ id: null, error: { code: -32700, message: 'Parse error' } });
	}
	const { id, method, params } = message;
	if (method === undefined && id !== undefined) return waiting.get(id)?.(message);
	if (id === undefined) return;
	if (method === 'initialize') {
		return send({
			id,
			result: {
				protocolVersion: params?.protocolVersion ?? '2025-11-25',
				capabilities: { tools: {}, logging: {} },
				serverInfo: { name: 'stdio-recorder', version: '1.0.0' }
			}
		});
	}
	if (method === 'ping') return send({ id, result: {} });
	if (method === 'tools/list') return send({ id, result: { tools: TOOLS } });
	if (method === 'tools/call')
		return call(id, String(params?.name), params?.arguments ?? {}, params?._meta);
	send({ id, error: { code: -32601, message: `Method not found: ${method}` } });
});
