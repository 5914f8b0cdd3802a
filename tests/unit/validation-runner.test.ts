import { describe, expect, it } from 'vitest';
import { readToolResult } from '../../src/lib/core/tool-result';
import { answerValidation, inlineValidation } from '../../src/lib/core/validation-request';
import {
	settleVerdict,
	workerValidation,
	type ValidationReply,
	type ValidationRequest
} from '../../src/lib/core/validation-runner';
import {
	serveCalls,
	type CallMessage,
	type CallReply,
	type WorkerLike
} from '../../src/lib/core/worker-calls';

const schema = {
	type: 'object',
	properties: {
		items: {
			type: 'array',
			items: { type: 'object', properties: { price: { type: 'number' } }, required: ['price'] }
		}
	},
	required: ['items']
};
const big = (bad = false) => ({
	items: Array.from({ length: 6000 }, (_, i) => ({ price: bad && i === 5999 ? 'free' : i }))
});

type Listener = (event: any) => void;

/**
 * A stand-in for a module worker running the real serving end (serveCalls + answerValidation):
 * each call is answered in a later task, or held until `answer(i)` when `hold` is set.
 */
class FakeWorker implements WorkerLike<ValidationRequest, ValidationReply> {
	listeners: Record<string, Listener[]> = {};
	/** The calls (not their parts), in the order they arrived. */
	received: { id: number; request: ValidationRequest }[] = [];
	terminated = false;
	#serve: Listener | undefined;
	#replies: CallReply<ValidationReply>[] = [];
	constructor(private readonly hold = false) {
		serveCalls<ValidationRequest, ValidationReply>(
			{
				addEventListener: (_type, listener) => (this.#serve = listener),
				postMessage: (reply) => this.#replies.push(reply)
			},
			(request, json) => answerValidation(request.schema, json)
		);
	}
	postMessage(message: CallMessage<ValidationRequest>) {
		const data = structuredClone(message);
		if ('request' in data) this.received.push(data);
		this.#serve!({ data });
		if ('request' in data && !this.hold) setTimeout(() => this.answer(this.received.length - 1));
	}
	answer(index: number) {
		const data = this.#replies.find((r) => r.id === this.received[index].id);
		for (const l of this.listeners.message ?? []) l({ data });
	}
	emit(type: string) {
		for (const l of this.listeners[type] ?? []) l({});
	}
	addEventListener(type: string, listener: Listener) {
		(this.listeners[type] ??= []).push(listener);
	}
	terminate() {
		this.terminated = true;
	}
}

describe('validation runner', () => {
	it('leaves big structuredContent pending; small is checked at once', () => {
		const pending = readToolResult({ content: [], structuredContent: big() }, schema);
		expect(pending.verdict).toEqual({ status: 'pending', schema });
		expect(
			readToolResult({ content: [], structuredContent: { items: [] } }, schema).verdict.status
		).toBe('valid');
	});

	it('settles a pending verdict with readable errors, inline', async () => {
		const verdict = readToolResult({ content: [], structuredContent: big(true) }, schema).verdict;
		const settled = await settleVerdict(verdict, () => JSON.stringify(big(true)), inlineValidation);
		expect(settled).toEqual({
			status: 'invalid',
			errors: ['items[5999].price: Must be a number, not a string.']
		});
		expect(await settleVerdict(verdict, () => JSON.stringify(big()), inlineValidation)).toEqual({
			status: 'valid'
		});
		expect(await settleVerdict({ status: 'valid' }, () => 'never read', inlineValidation)).toEqual({
			status: 'valid'
		});
		const broken = await settleVerdict(verdict, () => '{"items": [', inlineValidation);
		expect(broken.status).toBe('schema-error');
	});

	it('validates in the worker, matching answers to requests', async () => {
		const worker = new FakeWorker(true);
		const runner = workerValidation(
			() => worker,
			async () => {
				throw new Error('no fallback expected');
			}
		);
		const first = runner.validate(schema, JSON.stringify(big(true)));
		const second = runner.validate(schema, JSON.stringify(big()));
		expect(worker.received.map((r) => r.id)).toEqual([1, 2]);
		worker.answer(1);
		worker.answer(0);
		expect(await second).toEqual({ valid: true, errors: [] });
		expect((await first).errors).toEqual(['items[5999].price: Must be a number, not a string.']);
	});

	it('starts one worker, on first use', async () => {
		let started = 0;
		const runner = workerValidation(
			() => (started++, new FakeWorker()),
			async () => inlineValidation
		);
		expect(started).toBe(0);
		await runner.validate(schema, '{"items": []}');
		await runner.validate(schema, '{"items": []}');
		expect(started).toBe(1);
	});

	it('falls back to inline validation when the worker fails, for waiting and later requests', async () => {
		const worker = new FakeWorker(true);
		let fallbacks = 0;
		const runner = workerValidation(
			() => worker,
			async () => (fallbacks++, inlineValidation)
		);
		const waiting = runner.validate(schema, JSON.stringify(big(true)));
		worker.emit('error');
		expect(worker.terminated).toBe(true);
		expect((await waiting).valid).toBe(false);
		expect(await runner.validate(schema, '{"items": [{"price": 1}]}')).toEqual({
			valid: true,
			errors: []
		});
		expect(worker.received).toHaveLength(1);
		expect(fallbacks).toBe(2);

		const noWorker = workerValidation(
			() => {
				throw new Error('Workers are not allowed here');
			},
			async () => inlineValidation
		);
		expect((await noWorker.validate(schema, '{}')).errors).toEqual(['items: Required.']);
	});

	it('rejects text that is not JSON', async () => {
		const runner = workerValidation(
			() => new FakeWorker(),
			async () => inlineValidation
		);
		await expect(runner.validate(schema, 'not json')).rejects.toThrow(/JSON/);
	});
});
