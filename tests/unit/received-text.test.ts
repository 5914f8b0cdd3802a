import { describe, expect, it } from 'vitest';
import { readReceivedText } from '../../src/lib/core/received-text';
import { messageSubject } from '../../src/lib/core/traffic-subject';
import { TrafficRecorder } from '../../src/lib/core/traffic';

describe('readReceivedText', () => {
	it('gives the facts of one message: kind, id, subject and UTF-8 size, without keeping the value', () => {
		const raw = '{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"météo"}}';
		expect(readReceivedText(raw, messageSubject)).toEqual({
			json: true,
			jsonRpc: true,
			messages: [
				{
					facts: {
						kind: 'request',
						method: 'tools/call',
						id: 'n:3',
						subject: 'météo',
						size: raw.length + 2
					}
				}
			]
		});
		const response = readReceivedText('{"jsonrpc":"2.0","id":"a","result":{}}');
		expect(response.messages[0].facts).toMatchObject({ kind: 'response', id: 's:a' });
		expect(response.messages[0].raw).toBeUndefined();
	});

	it('gives the same facts as recording the parsed message', () => {
		const recorder = new TrafficRecorder();
		recorder.describe = messageSubject;
		const texts = [
			'{"jsonrpc":"2.0","method":"notifications/message","params":{"level":"info","logger":"x","data":1}}',
			'{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error"}}',
			'{"jsonrpc":"2.0","id":1,"result":{"content":[{"type":"text","text":"é"}]}}',
			'{"no":"jsonrpc"}'
		];
		for (const raw of texts) {
			const entry = recorder.message('received', JSON.parse(raw), raw);
			const [{ facts }] = readReceivedText(raw, messageSubject).messages;
			expect(facts).toEqual({
				kind: entry.kind,
				method: entry.method,
				id: entry.id,
				subject: entry.subject,
				size: entry.size,
				problem: entry.problem
			});
		}
	});

	it('reads a batch as one message per element, each with its own text', () => {
		const read = readReceivedText(
			' [{"jsonrpc":"2.0","id":1,"result":{}}, {"jsonrpc":"2.0","method":"notifications/x"}] '
		);
		expect(read.json).toBe(true);
		expect(read.jsonRpc).toBe(true);
		expect(read.batch).toBe(true);
		expect(read.messages.map((m) => [m.facts.kind, m.raw])).toEqual([
			['response', '{"jsonrpc":"2.0","id":1,"result":{}}'],
			['notification', '{"jsonrpc":"2.0","method":"notifications/x"}']
		]);
		// An empty batch is one invalid message, its text as sent, saying what it is.
		expect(readReceivedText('[]')).toEqual({
			json: true,
			jsonRpc: true,
			messages: [
				{
					facts: {
						kind: 'invalid',
						method: undefined,
						id: undefined,
						subject: undefined,
						size: 2,
						problem:
							'An empty batch ([]): JSON-RPC 2.0 calls an empty array an invalid request, since a batch holds at least one message.'
					}
				}
			]
		});
	});

	it('says when the text is not JSON, or JSON but not JSON-RPC', () => {
		expect(readReceivedText('<html>oops</html>')).toEqual({
			json: false,
			jsonRpc: false,
			messages: [
				{
					facts: {
						kind: 'invalid',
						method: undefined,
						id: undefined,
						subject: undefined,
						size: 17,
						problem: 'Not JSON.'
					}
				}
			]
		});
		const plain = readReceivedText('{"error":"invalid_token"}');
		expect([plain.json, plain.jsonRpc]).toEqual([true, false]);
		expect(readReceivedText('[1, 2]').jsonRpc).toBe(false);
	});
});
