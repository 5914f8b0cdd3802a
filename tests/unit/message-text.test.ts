import { describe, expect, it } from 'vitest';
import { notLaidOut, prettyMessageText } from '../../src/lib/features/traffic/message-text';

describe('message-text: a traffic message laid out for Pretty', () => {
	it('lays a short message out at once', () => {
		expect(prettyMessageText('{"jsonrpc":"2.0","id":1,"result":{}}')).toEqual({
			ok: true,
			text: '{\n  "jsonrpc": "2.0",\n  "id": 1,\n  "result": {}\n}'
		});
	});

	it('lays a long message out in slices, once however often it is shown', async () => {
		const raw = JSON.stringify({
			jsonrpc: '2.0',
			id: 1,
			result: { items: Array.from({ length: 20_000 }, (_, i) => ({ i })) }
		});
		const first = prettyMessageText(raw);
		expect(first).toBeInstanceOf(Promise);
		expect(prettyMessageText(raw)).toBe(first);
		expect(await first).toEqual({ ok: true, text: JSON.stringify(JSON.parse(raw), null, 2) });
	});

	it('says in one sentence where text stops being JSON', () => {
		const raw = '{"a":1}\n{"b":';
		const outcome = prettyMessageText(raw);
		if (outcome instanceof Promise || outcome.ok) throw new Error('expected a problem');
		expect(notLaidOut(raw, outcome)).toBe(
			'Not valid JSON at line 2, column 1: expected the end of the text but found “{”. Shown exactly as received.'
		);
	});
});
