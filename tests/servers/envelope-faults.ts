/**
 * Tools of the faults endpoint (faults.ts) whose answers come in envelopes the client refuses,
 * or in batches, so Traffic must say why each row is what it is:
 * - `bad_envelopes`: on the call's event stream, one event per fault (no "jsonrpc", "jsonrpc"
 *   "1.0", a member JSON-RPC does not define, result and error together with the call's id, an id
 *   that is not an integer, an empty batch, a batch in one event), then the proper answer;
 * - `empty_batch`: a JSON body `[]`, which holds no answer;
 * - `faulty_batch`: a JSON body batch whose answer has a member JSON-RPC does not define;
 * - `batch_answer`: a JSON body batch (a log message and the answer) that the client reads,
 *   though the version the endpoint negotiates (2025-11-25) has no batches.
 */
import type { ServerResponse } from 'node:http';

export const ENVELOPE_FAULTS = [
	'bad_envelopes',
	'empty_batch',
	'faulty_batch',
	'batch_answer'
] as const;

const log = (data: string) => ({
	jsonrpc: '2.0',
	method: 'notifications/message',
	params: { level: 'info', data }
});

/** Writes the envelope fault `name` as the answer to request `id`; true when it was one. */
export function writeEnvelopeFault(
	res: ServerResponse,
	name: string,
	id: number | string
): boolean {
	const answer = { jsonrpc: '2.0', id, result: { content: [{ type: 'text', text: name }] } };
	const json = (body: unknown) => {
		res.writeHead(200, { 'Content-Type': 'application/json' });
		res.end(JSON.stringify(body));
		return true;
	};
	switch (name) {
		case 'bad_envelopes': {
			const { jsonrpc: _, ...noVersion } = log('no jsonrpc');
			const events = [
				noVersion,
				{ ...log('version 1.0'), jsonrpc: '1.0' },
				{ ...log('with a trace'), trace: 'abc' },
				{ ...answer, error: { code: -32000, message: 'also failed' } },
				{ jsonrpc: '2.0', id: 1.5, result: {} },
				[],
				[log('in a batch'), { ...log('params as a list'), params: ['x'] }],
				answer
			];
			res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
			res.end(events.map((m) => `data: ${JSON.stringify(m)}\n\n`).join(''));
			return true;
		}
		case 'empty_batch':
			return json([]);
		case 'faulty_batch':
			return json([log('before the answer'), { ...answer, trace: 'abc' }]);
		case 'batch_answer':
			return json([log('before the answer'), answer]);
	}
	return false;
}
