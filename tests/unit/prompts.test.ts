/**
 * Prompts: parsing prompts/list and prompts/get (odd entries included), the arguments sent, and
 * the real demo server over HTTP in both protocol eras (completions with context included).
 */
import { describe, expect, it } from 'vitest';
import { useDemoServer } from './demo-fixture';
import { HOSTILE_PROMPT_TEXT } from '../servers/prompts';
import { McpSession } from '../../src/lib/core/session';
import { TrafficRecorder } from '../../src/lib/core/traffic';
import { listPrompts, promptArguments, readPromptsPage } from '../../src/lib/core/prompts';
import { getPrompt, readPromptResult } from '../../src/lib/core/prompt-messages';
import { complete } from '../../src/lib/core/completions';

describe('reading prompts/list', () => {
	it('keeps good prompts and arguments, and says what was wrong with the rest', () => {
		const page = readPromptsPage({
			prompts: [
				{
					name: 'a',
					title: 'A',
					arguments: [
						{ name: 'x', required: true },
						{ name: 'y', description: 'why' },
						{ nope: 1 },
						{ name: 3 },
						{ name: 'x' }
					]
				},
				{ title: 'no name' },
				{ name: 42 },
				{ name: 'b', arguments: 'none' },
				{ name: 'c', arguments: [{ name: 'z', required: 'yes' }] },
				{ name: 'a' }
			],
			nextCursor: 'n'
		});
		expect(page.items.map((p) => p.name)).toEqual(['a', 'b', 'c', 'a']);
		expect(page.items[0].arguments).toEqual([
			{ name: 'x', title: undefined, description: undefined, required: true },
			{ name: 'y', title: undefined, description: 'why', required: false }
		]);
		expect(page.items[0].problems).toEqual([
			'An argument has no name and was left out.',
			'An argument has a name that is not a string (3) and was left out.',
			'The argument "x" is listed twice; the second was left out.'
		]);
		expect(page.items[1].problems).toEqual(['"arguments" is not an array and is ignored.']);
		expect(page.items[2].problems).toEqual(['"required" of argument "z" is not a boolean.']);
		expect(page.items[2].arguments[0].required).toBe(false);
		expect(page.items[3].problems).toEqual(['Another prompt is also named "a".']);
		expect(page.problems).toEqual([
			'A prompts/list entry has no name and was left out.',
			'A prompts/list entry has a name that is not a string (42) and was left out.'
		]);
		expect(page.nextCursor).toBe('n');
		expect(readPromptsPage({}).problems).toEqual([
			'The prompts/list result has no "prompts" array.'
		]);
	});

	it('sends only filled-in arguments and names the missing required ones', () => {
		const prompt = readPromptsPage({
			prompts: [
				{
					name: 'p',
					arguments: [
						{ name: 'a', required: true },
						{ name: 'b', title: 'Bee', required: true },
						{ name: 'c' }
					]
				}
			]
		}).items[0];
		expect(promptArguments(prompt, { a: 'x', c: '' })).toEqual({
			args: { a: 'x' },
			missing: ['Bee']
		});
		expect(promptArguments(prompt, { a: 'x', b: 'y', c: 'z', extra: 'q' })).toEqual({
			args: { a: 'x', b: 'y', c: 'z' },
			missing: []
		});
	});
});

describe('reading prompts/get', () => {
	it('reads messages by role, content through the same checks as tool results', () => {
		const view = readPromptResult({
			description: 'd',
			messages: [
				{ role: 'user', content: { type: 'text', text: '<b>hi</b>' } },
				{
					role: 'assistant',
					content: { type: 'image', mimeType: 'image/svg+xml', data: 'PHN2Zz4=' }
				},
				{ role: 'system', content: { type: 'text', text: 'odd role' } },
				{ role: 'user', content: { type: 'resource_link', uri: 'demo://x', name: 'x' } },
				'junk'
			]
		});
		expect(view.description).toBe('d');
		expect(view.messages.map((m) => [m.role, m.content.type])).toEqual([
			['user', 'text'],
			['assistant', 'unknown'],
			['system', 'text'],
			['user', 'resource_link'],
			['unknown', 'unknown']
		]);
		expect(view.problems).toEqual([
			'Message 3 has the role "system"; the spec allows "user" and "assistant".',
			'Message 5 is not an object.'
		]);
		expect(readPromptResult({ messages: 3 }).problems).toEqual([
			'The prompts/get result has no "messages" array.'
		]);
	});
});

describe('against the demo server', () => {
	const demo = useDemoServer();

	for (const path of ['/mcp', '/mcp-legacy']) {
		it(`lists, completes with context and gets prompts (${path})`, async () => {
			const session = await McpSession.open({
				url: new URL(demo.url + path),
				transport: 'auto',
				recorder: new TrafficRecorder(),
				timeoutMs: 10_000
			});
			try {
				const { items, problems } = await listPrompts(session);
				expect(problems).toEqual([]);
				const greet = items.find((p) => p.name === 'greet')!;
				expect(greet.arguments.map((a) => [a.name, a.required])).toEqual([
					['name', true],
					['style', false]
				]);
				expect(
					(
						await complete(
							session,
							{ type: 'ref/prompt', name: 'greet' },
							{ name: 'style', value: 'f' }
						)
					).values
				).toEqual(['formal']);
				const cities = await complete(
					session,
					{ type: 'ref/prompt', name: 'trip' },
					{ name: 'city', value: '' },
					{ country: 'france', city: 'ignored' }
				);
				expect(cities.values).toEqual(['Paris', 'Lyon', 'Marseille']);

				const got = await getPrompt(session, 'greet', { name: 'Ada' });
				expect(got.view.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
				expect(got.view.messages[0].content).toEqual({
					type: 'text',
					text: 'Greet Ada in a casual style.'
				});

				const media = await getPrompt(session, 'show_media', {});
				expect(media.view.messages.map((m) => m.content.type)).toEqual([
					'text',
					'image',
					'audio',
					'resource',
					'resource_link'
				]);
				expect(media.view.problems).toEqual([]);

				const hostile = await getPrompt(session, 'hostile_prompt', {});
				expect(hostile.view.messages[0].content).toMatchObject({
					type: 'text',
					text: `${HOSTILE_PROMPT_TEXT} `
				});
			} finally {
				await session.close();
			}
		});
	}
});
