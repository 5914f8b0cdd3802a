import { describe, expect, it } from 'vitest';
import { FREE_JSON, prepareFormSchema } from '../../src/lib/core/form-schema.js';
import { briefValue, canSendNull, describeConstraints } from '../../src/lib/core/schema-hints.js';
import type { JsonObject } from '../../src/lib/core/json-value.js';

const prop = (schema: unknown, name: string) =>
	(prepareFormSchema(schema).schema.properties as Record<string, JsonObject>)[name];

describe('describeConstraints', () => {
	it('says nothing for a schema without constraints', () => {
		expect(describeConstraints({ type: 'string' })).toEqual([]);
		expect(describeConstraints({})).toEqual([]);
		expect(describeConstraints(null)).toEqual([]);
		expect(describeConstraints('x', { required: true })).toEqual(['required']);
	});

	it('reads number ranges as a person does', () => {
		expect(describeConstraints({ type: 'integer', minimum: 1, maximum: 1000 })).toEqual(['1–1000']);
		expect(describeConstraints({ type: 'number', minimum: 0 })).toEqual(['≥ 0']);
		expect(describeConstraints({ type: 'number', maximum: 10 })).toEqual(['≤ 10']);
		expect(describeConstraints({ type: 'number', exclusiveMinimum: 0 })).toEqual(['> 0']);
		expect(describeConstraints({ type: 'number', exclusiveMaximum: 1 })).toEqual(['< 1']);
		expect(describeConstraints({ type: 'number', exclusiveMinimum: 0, maximum: 1 })).toEqual([
			'> 0 and ≤ 1'
		]);
		expect(describeConstraints({ type: 'number', minimum: -5, maximum: 5 })).toEqual(['-5 to 5']);
		expect(describeConstraints({ type: 'number', minimum: 3, maximum: 3 })).toEqual(['exactly 3']);
		expect(describeConstraints({ type: 'number', multipleOf: 0.5 })).toEqual(['multiple of 0.5']);
		expect(describeConstraints({ type: 'integer', multipleOf: 1 })).toEqual([]);
	});

	it('keeps the tighter bound when both an inclusive and an exclusive one are given', () => {
		expect(describeConstraints({ minimum: 0, exclusiveMinimum: 0 })).toEqual(['> 0']);
		expect(describeConstraints({ minimum: 5, exclusiveMinimum: 0 })).toEqual(['≥ 5']);
		expect(describeConstraints({ maximum: 10, exclusiveMaximum: 20 })).toEqual(['≤ 10']);
	});

	it('reads draft-4 boolean exclusive bounds once the schema is prepared', () => {
		const schema = {
			type: 'object',
			properties: { x: { type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 1 } }
		};
		expect(describeConstraints(prop(schema, 'x'))).toEqual(['> 0 and ≤ 1']);
	});

	it('reads lengths, item and property counts', () => {
		expect(describeConstraints({ type: 'string', minLength: 2, maxLength: 40 })).toEqual([
			'2–40 characters'
		]);
		expect(describeConstraints({ type: 'string', minLength: 1 })).toEqual(['at least 1 character']);
		expect(describeConstraints({ type: 'string', maxLength: 8 })).toEqual(['at most 8 characters']);
		expect(describeConstraints({ type: 'string', minLength: 4, maxLength: 4 })).toEqual([
			'exactly 4 characters'
		]);
		expect(describeConstraints({ type: 'string', minLength: 0 })).toEqual([]);
		expect(
			describeConstraints({ type: 'array', minItems: 1, maxItems: 5, uniqueItems: true })
		).toEqual(['1–5 items', 'unique items']);
		expect(describeConstraints({ type: 'array', minItems: 1 })).toEqual(['at least 1 item']);
		expect(describeConstraints({ type: 'object', maxProperties: 3 })).toEqual([
			'at most 3 properties'
		]);
	});

	it('names the pattern and format, cut when long', () => {
		expect(describeConstraints({ type: 'string', pattern: '^[a-z]+$', format: 'email' })).toEqual([
			'pattern ^[a-z]+$',
			'format email'
		]);
		const long = 'a'.repeat(200);
		const [text] = describeConstraints({ type: 'string', pattern: long });
		expect(text.length).toBeLessThanOrEqual(90);
		expect(text.endsWith('…')).toBe(true);
	});

	it('counts the choices of a long enum only', () => {
		expect(describeConstraints({ enum: ['a', 'b', 'c'] })).toEqual([]);
		expect(describeConstraints({ enum: Array.from({ length: 12 }, (_, i) => i) })).toEqual([
			'12 choices'
		]);
	});

	it('shows defaults as JSON and leaves out a const field’s default', () => {
		expect(describeConstraints({ type: 'integer', default: 200 })).toEqual(['default 200']);
		expect(describeConstraints({ type: 'string', default: 'hello' })).toEqual(['default "hello"']);
		expect(describeConstraints({ type: 'boolean', default: false })).toEqual(['default false']);
		expect(describeConstraints({ default: null })).toEqual(['default null']);
		expect(describeConstraints({ type: 'object', default: { a: [1, 2] } })).toEqual([
			'default {"a":[1,2]}'
		]);
		expect(describeConstraints({ const: 'v1', default: 'v1' })).toEqual([]);
	});

	it('puts required first and read-only last', () => {
		expect(
			describeConstraints(
				{ type: 'integer', minimum: 0, default: 5, readOnly: true },
				{ required: true }
			)
		).toEqual(['required', '≥ 0', 'default 5', 'read-only']);
	});

	it('ignores malformed keyword values', () => {
		expect(
			describeConstraints({ minimum: '1', maxLength: -2, minItems: 1.5, pattern: 7, format: {} })
		).toEqual([]);
	});
});

describe('briefValue', () => {
	it('keeps markup as text and cuts long values', () => {
		expect(briefValue('<img src=x onerror=alert(1)>')).toBe('"<img src=x onerror=alert(1)>"');
		expect(briefValue('x'.repeat(500)).length).toBe(80);
	});
});

describe('canSendNull', () => {
	it('offers null for a nullable type, in each way a server writes it', () => {
		const schema = {
			type: 'object',
			properties: {
				list: { type: ['string', 'null'] },
				optional: { anyOf: [{ type: 'integer', minimum: 1 }, { type: 'null' }] },
				openapi: { type: 'string', nullable: true },
				obj: { type: ['object', 'null'], properties: { a: { type: 'string' } } }
			}
		};
		for (const name of ['list', 'optional', 'openapi', 'obj'])
			expect(canSendNull(prop(schema, name)), name).toBe(true);
		expect(prop(schema, 'optional')).toMatchObject({ type: ['integer', 'null'], minimum: 1 });
	});

	it('does not offer null where the form already can pick it, or null is not allowed', () => {
		expect(canSendNull({ type: 'string' })).toBe(false);
		expect(canSendNull({ type: 'null' })).toBe(false);
		expect(canSendNull({ type: ['string', 'null'], enum: ['a', null] })).toBe(false);
		expect(canSendNull({ type: ['string', 'null'], [FREE_JSON]: true })).toBe(false);
		expect(canSendNull({ type: ['string', 'null'], oneOf: [{ const: 'a' }] })).toBe(false);
		expect(canSendNull(undefined)).toBe(false);
	});
});
