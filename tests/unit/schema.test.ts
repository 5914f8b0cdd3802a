import { describe, expect, it } from 'vitest';
import { FREE_JSON, defaultArguments, prepareFormSchema } from '../../src/lib/core/form-schema.js';
import { describePath, validateArguments } from '../../src/lib/core/schema-validation.js';
import type { JsonObject } from '../../src/lib/core/json-value.js';

const props = (s: JsonObject) => s.properties as Record<string, JsonObject>;

/** Resolve a `#/...` ref inside a prepared schema the way the form library does. */
function deref(root: JsonObject, ref: string): unknown {
	const tokens = decodeURIComponent(ref.slice(1)).split('/').slice(1);
	return tokens.reduce<unknown>(
		(cur, t) => (cur as JsonObject | undefined)?.[t.replace(/~1/g, '/').replace(/~0/g, '~')],
		root
	);
}

describe('prepareFormSchema', () => {
	it('returns an empty object schema and a problem for non-object input', () => {
		for (const input of [undefined, null, 'x', 42, [], true]) {
			const p = prepareFormSchema(input);
			expect(p.schema).toEqual({ type: 'object', properties: {} });
			expect(p.problems).toHaveLength(1);
			expect(p.unusable).toBe(true);
		}
	});

	it('turns legacy enumNames into titled consts, only when they pair up with distinct values', () => {
		const p = prepareFormSchema({
			type: 'object',
			properties: {
				pet: {
					type: 'string',
					enum: ['pet-1', 'pet-2'],
					enumNames: ['Cats', 'Dogs'],
					default: 'pet-1'
				},
				short: { type: 'string', enum: ['a', 'b'], enumNames: ['A'] },
				dup: { type: 'string', enum: ['a', 'a'], enumNames: ['A', 'B'] }
			}
		});
		expect(props(p.schema).pet).toEqual({
			type: 'string',
			default: 'pet-1',
			oneOf: [
				{ const: 'pet-1', title: 'Cats' },
				{ const: 'pet-2', title: 'Dogs' }
			]
		});
		expect(props(p.schema).short).toEqual({ type: 'string', enum: ['a', 'b'] });
		expect((props(p.schema).dup as JsonObject).enum).toEqual(['a', 'a']);
	});

	it('makes a defensive deep copy', () => {
		const input = { type: 'object', properties: { a: { type: 'string', default: 'x' } } };
		const p = prepareFormSchema(input);
		(props(p.schema).a as JsonObject).default = 'changed';
		expect(input.properties.a.default).toBe('x');
		expect(p.problems).toEqual([]);
		expect(p.unusable).toBe(false);
	});

	it('drops $schema, $id, anchors and unknown keywords', () => {
		const p = prepareFormSchema({
			$schema: 'https://json-schema.org/draft/2020-12/schema',
			$id: 'https://example.com/tool.json',
			$comment: 'hi',
			'x-vendor': 1,
			type: 'object',
			properties: { a: { $anchor: 'a', type: 'string' } }
		});
		expect(p.schema).toEqual({ type: 'object', properties: { a: { type: 'string' } } });
	});

	it('keeps 2020-12 $defs and rewrites refs (relative to $id, anchors) to local pointers', () => {
		const p = prepareFormSchema({
			$id: 'https://example.com/schemas/order',
			type: 'object',
			$defs: {
				address: { $anchor: 'addr', type: 'object', properties: { street: { type: 'string' } } }
			},
			properties: {
				billing: { $ref: '#/$defs/address' },
				shipping: { $ref: 'https://example.com/schemas/order#/$defs/address' },
				home: { $ref: '#addr' },
				legacy: { $ref: '#/definitions/code' }
			},
			definitions: { code: { type: 'string' } }
		});
		const ps = props(p.schema);
		expect(ps.billing.$ref).toBe('#/$defs/address');
		expect(ps.shipping.$ref).toBe('#/$defs/address');
		expect(ps.home.$ref).toBe('#/$defs/address');
		expect(ps.legacy.$ref).toBe('#/definitions/code');
		expect(deref(p.schema, ps.billing.$ref as string)).toMatchObject({ type: 'object' });
		expect(p.problems).toEqual([]);
	});

	it('copies refs into parts of the document outside schema keywords into $defs', () => {
		const p = prepareFormSchema({
			type: 'object',
			properties: { pet: { $ref: '#/components/schemas/Pet' } },
			components: { schemas: { Pet: { type: 'object', properties: { name: { type: 'string' } } } } }
		});
		const ref = props(p.schema).pet.$ref as string;
		expect(deref(p.schema, ref)).toEqual({
			type: 'object',
			properties: { name: { type: 'string' } }
		});
	});

	it('turns unresolvable refs into free JSON values', () => {
		const p = prepareFormSchema({
			type: 'object',
			properties: {
				remote: { $ref: 'https://elsewhere.example/x.json' },
				missing: { $ref: '#/$defs/nope' }
			}
		});
		expect(props(p.schema).remote).toEqual({ [FREE_JSON]: true });
		expect(props(p.schema).missing).toEqual({ [FREE_JSON]: true });
		expect(p.problems.join(' ')).toMatch(/Could not resolve \$ref/);
		expect(p.unusable).toBe(false);
	});

	it('handles cyclic $ref: keeps recursion, breaks pure ref loops', () => {
		const tree = prepareFormSchema({
			type: 'object',
			$defs: {
				node: {
					type: 'object',
					properties: {
						name: { type: 'string' },
						children: { type: 'array', items: { $ref: '#/$defs/node' } }
					}
				}
			},
			properties: { root: { $ref: '#/$defs/node' } }
		});
		expect(tree.problems).toEqual([]);
		const node = (tree.schema.$defs as JsonObject).node as JsonObject;
		expect(((props(node).children as JsonObject).items as JsonObject).$ref).toBe('#/$defs/node');

		const loop = prepareFormSchema({
			type: 'object',
			$defs: { a: { $ref: '#/$defs/b' }, b: { $ref: '#/$defs/a' } },
			properties: { x: { $ref: '#/$defs/a' }, self: { $ref: '#/properties/self' } }
		});
		expect(loop.problems.join(' ')).toMatch(/circular/);
		const json = JSON.stringify(loop.schema); // still plain, finite data
		expect(json.length).toBeLessThan(1000);
		// nothing left that would make the form library chase refs forever
		for (const name of ['x', 'self']) {
			let cur: unknown = props(loop.schema)[name];
			for (let i = 0; i < 5 && (cur as JsonObject)?.$ref; i++)
				cur = deref(loop.schema, (cur as JsonObject).$ref as string);
			expect((cur as JsonObject).$ref).toBeUndefined();
		}
	});

	it('survives cyclic JavaScript objects and huge schemas', () => {
		const a: JsonObject = { type: 'object', properties: {} };
		(a.properties as JsonObject).self = a;
		expect(() => prepareFormSchema(a)).not.toThrow();

		let deep: JsonObject = { type: 'string' };
		for (let i = 0; i < 500; i++) deep = { type: 'object', properties: { n: deep } };
		const p = prepareFormSchema(deep);
		expect(p.unusable).toBe(true);
		expect(p.problems.join(' ')).toMatch(/too large or too deeply nested/);
	});

	it('converts prefixItems to tuple items, with items as additionalItems', () => {
		const p = prepareFormSchema({
			type: 'object',
			properties: {
				point: {
					type: 'array',
					prefixItems: [{ type: 'number' }, { type: 'number' }],
					items: false
				}
			}
		});
		expect(props(p.schema).point).toEqual({
			type: 'array',
			items: [{ type: 'number' }, { type: 'number' }],
			additionalItems: false
		});
	});

	it('converts dependentRequired and dependentSchemas to dependencies', () => {
		const p = prepareFormSchema({
			type: 'object',
			properties: { card: { type: 'string' }, cvc: { type: 'string' }, name: { type: 'string' } },
			dependentRequired: { card: ['cvc'] },
			dependentSchemas: { name: { properties: { nick: { type: 'string' } } } }
		});
		expect(p.schema.dependencies).toEqual({
			card: ['cvc'],
			name: { properties: { nick: { type: 'string' } } }
		});
	});

	it('marks untyped and free-form values (at any depth) as JSON fields', () => {
		const p = prepareFormSchema({
			type: 'object',
			properties: {
				anything: { description: 'Any JSON' },
				open: true,
				meta: { type: 'object' },
				list: { type: 'array' },
				multi: { type: ['string', 'number'] },
				nested: { type: 'object', properties: { inner: {} } },
				typed: { type: 'string' }
			}
		});
		const ps = props(p.schema);
		for (const k of ['anything', 'open', 'meta', 'list', 'multi'])
			expect(ps[k][FREE_JSON], k).toBe(true);
		expect(ps.anything.description).toBe('Any JSON');
		expect(props(ps.nested).inner[FREE_JSON]).toBe(true);
		expect(ps.nested[FREE_JSON]).toBeUndefined();
		expect(ps.typed[FREE_JSON]).toBeUndefined();
		expect(p.problems).toEqual([]);
	});

	it('keeps nullable type arrays renderable and collapses Optional-style anyOf', () => {
		const p = prepareFormSchema({
			type: 'object',
			properties: {
				note: { type: ['string', 'null'] },
				count: {
					anyOf: [{ type: 'integer', minimum: 0 }, { type: 'null' }],
					default: null,
					title: 'Count'
				},
				color: { anyOf: [{ enum: ['red', 'blue'], type: 'string' }, { type: 'null' }] },
				legacy: { type: 'string', nullable: true }
			}
		});
		const ps = props(p.schema);
		expect(ps.note).toEqual({ type: ['string', 'null'] });
		expect(ps.count).toEqual({
			title: 'Count',
			default: null,
			type: ['integer', 'null'],
			minimum: 0
		});
		expect(ps.color.enum).toEqual(['red', 'blue', null]);
		expect(ps.legacy.type).toEqual(['string', 'null']);
	});

	it('titles untitled oneOf variants from a const property', () => {
		const p = prepareFormSchema({
			type: 'object',
			properties: {
				payment: {
					oneOf: [
						{
							type: 'object',
							properties: { method: { const: 'card' }, number: { type: 'string' } }
						},
						{ type: 'object', properties: { method: { const: 'invoice' } } }
					]
				}
			}
		});
		expect((props(p.schema).payment.oneOf as JsonObject[]).map((v) => v.title)).toEqual([
			'card',
			'invoice'
		]);
	});

	it('names untitled object variants by their properties and puts a null variant first', () => {
		const p = prepareFormSchema({
			type: 'object',
			$defs: { Box: { type: 'object', properties: { w: { type: 'number' } } } },
			properties: {
				shape: {
					anyOf: [
						{ type: 'object', properties: { r: {} } },
						{ type: 'object', properties: { w: {}, h: {} } }
					]
				},
				box: { anyOf: [{ $ref: '#/$defs/Box' }, { type: 'null' }], default: null },
				same: {
					oneOf: [
						{ type: 'string', format: 'email' },
						{ type: 'string', format: 'uri' }
					]
				}
			}
		});
		const ps = props(p.schema);
		expect((ps.shape.anyOf as JsonObject[]).map((v) => v.title)).toEqual(['r', 'w, h']);
		expect(ps.box.anyOf).toEqual([
			{ type: 'null', title: 'null' },
			{ $ref: '#/$defs/Box', title: 'Box' }
		]);
		expect((ps.same.oneOf as JsonObject[]).map((v) => v.title)).toEqual([undefined, undefined]);
	});

	it('drops invalid keywords with a problem instead of failing', () => {
		const p = prepareFormSchema({
			type: 'object',
			properties: {
				a: { type: 'string', pattern: '(', minLength: -1, enum: [] },
				b: { type: 'strng' },
				c: 'nonsense'
			}
		});
		expect(props(p.schema).a).toEqual({ type: 'string' });
		expect(p.problems.length).toBeGreaterThanOrEqual(3);
		expect(p.unusable).toBe(false);
	});

	it('reports a non-object root type as unusable', () => {
		expect(prepareFormSchema({ type: 'string' }).unusable).toBe(true);
		expect(prepareFormSchema({}).schema.type).toBe('object');
	});
});

describe('defaultArguments', () => {
	it('takes defaults and consts, and fills required objects recursively', () => {
		const { schema } = prepareFormSchema({
			type: 'object',
			$defs: {
				address: {
					type: 'object',
					properties: { country: { type: 'string', default: 'NL' }, street: { type: 'string' } },
					required: ['street']
				}
			},
			properties: {
				address: { $ref: '#/$defs/address' },
				kind: { const: 'order' },
				limit: { type: 'integer', default: 10 },
				optional: { type: 'object', properties: { x: { type: 'string' } } },
				name: { type: 'string' }
			},
			required: ['address']
		});
		expect(defaultArguments(schema)).toEqual({
			address: { country: 'NL' },
			kind: 'order',
			limit: 10
		});
	});

	it('terminates on cyclic refs and returns {} for junk', () => {
		const { schema } = prepareFormSchema({
			type: 'object',
			$defs: {
				node: {
					type: 'object',
					properties: { child: { $ref: '#/$defs/node' } },
					required: ['child']
				}
			},
			properties: { root: { $ref: '#/$defs/node' } },
			required: ['root']
		});
		expect(defaultArguments(schema)).toEqual({ root: {} }); // stops at the first repeat
		expect(defaultArguments(null)).toEqual({});
		expect(defaultArguments({ type: 'object', default: 'nope' })).toEqual({});
	});

	it('pre-fills required arrays up to minItems when items have defaults', () => {
		const { schema } = prepareFormSchema({
			type: 'object',
			properties: {
				lines: {
					type: 'array',
					minItems: 1,
					items: { type: 'object', properties: { qty: { type: 'integer', default: 1 } } }
				},
				names: { type: 'array', minItems: 2, items: { type: 'string' } }
			},
			required: ['lines', 'names']
		});
		expect(defaultArguments(schema)).toEqual({ lines: [{ qty: 1 }] });
	});

	it('uses the first variant of a required oneOf', () => {
		const { schema } = prepareFormSchema({
			type: 'object',
			properties: {
				pay: {
					oneOf: [
						{ type: 'object', properties: { method: { const: 'card' } } },
						{ type: 'object', properties: { method: { const: 'invoice' } } }
					]
				}
			},
			required: ['pay']
		});
		expect(defaultArguments(schema)).toEqual({ pay: { method: 'card' } });
	});
});

describe('validateArguments', () => {
	const order = {
		$schema: 'https://json-schema.org/draft/2020-12/schema',
		type: 'object',
		$defs: {
			address: {
				type: 'object',
				properties: { street: { type: 'string' }, zip: { type: 'string', pattern: '^\\d{5}$' } },
				required: ['street']
			}
		},
		properties: {
			address: { $ref: '#/$defs/address' },
			items: {
				type: 'array',
				minItems: 1,
				items: {
					type: 'object',
					properties: { sku: { type: 'string' }, quantity: { type: 'integer', minimum: 1 } },
					required: ['sku']
				}
			},
			point: { type: 'array', prefixItems: [{ type: 'number' }, { type: 'number' }], items: false },
			email: { type: 'string', format: 'email' },
			when: { type: 'string', format: 'date-time' },
			size: { enum: ['S', 'M', 'L'] },
			note: { type: ['string', 'null'], maxLength: 5 },
			strict: { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false }
		},
		required: ['address', 'items']
	};

	it('accepts valid arguments', () => {
		const r = validateArguments(order, {
			address: { street: 'Main' },
			items: [{ sku: 'A', quantity: 2 }],
			point: [1, 2],
			note: null
		});
		expect(r).toEqual({ valid: true, errors: [] });
	});

	it('explains problems in words, with JSON Pointer paths', () => {
		const r = validateArguments(order, {
			address: { zip: 'abc' },
			items: [{ quantity: 0 }],
			point: [1, 'two', 3],
			email: 'nope',
			when: '2025-01-31T10:00',
			size: 'XL',
			note: 'too long',
			strict: { b: 1 }
		});
		expect(r.valid).toBe(false);
		const byPath = Object.fromEntries(r.errors.map((e) => [e.path, e.message]));
		expect(byPath).toMatchObject({
			'/address/street': 'Required.',
			'/address/zip': 'Must match the pattern ^\\d{5}$.',
			'/items/0/sku': 'Required.',
			'/items/0/quantity': 'Must be at least 1.',
			'/point/1': 'Must be a number, not a string.',
			'/point/2': 'This item is not allowed (the list is too long).',
			'/email': 'Must be an email address.',
			'/size': 'Must be one of ["S","M","L"].',
			'/note': 'Must be at most 5 characters long.',
			'/strict/b': 'This property is not allowed.'
		});
		expect(byPath['/when']).toMatch(/date and time with a time zone/);
		for (const e of r.errors) expect(e.message).not.toMatch(/Instance|subschema/);
	});

	it('words numeric, array and const constraints', () => {
		const s = {
			type: 'object',
			properties: {
				gt: { type: 'number', exclusiveMinimum: 0 },
				lt: { type: 'number', exclusiveMaximum: 10 },
				max: { type: 'integer', maximum: 3 },
				step: { type: 'number', multipleOf: 0.5 },
				list: { type: 'array', minItems: 2, uniqueItems: true },
				short: { type: 'string', maxLength: 1 },
				kind: { const: 'x' }
			}
		};
		const r = validateArguments(s, {
			gt: 0,
			lt: 10,
			max: 4,
			step: 0.3,
			list: [1, 2],
			short: 'ab',
			kind: 'y'
		});
		expect(Object.fromEntries(r.errors.map((e) => [e.path, e.message]))).toEqual({
			'/gt': 'Must be greater than 0.',
			'/lt': 'Must be less than 10.',
			'/max': 'Must be at most 3.',
			'/step': 'Must be a multiple of 0.5.',
			'/short': 'Must be at most 1 character long.',
			'/kind': 'Must be exactly "x".'
		});
		expect(validateArguments(s, { list: [1] }).errors).toEqual([
			{ path: '/list', message: 'Must have at least 2 item(s).' }
		]);
		expect(validateArguments(s, { list: [1, 2, 1] }).errors).toEqual([
			{ path: '/list', message: 'Items must be unique (1 and 3 are the same).' }
		]);
	});

	it('reports missing required arguments and wrong root types', () => {
		expect(validateArguments(order, {}).errors).toEqual([
			{ path: '/address', message: 'Required.' },
			{ path: '/items', message: 'Required.' }
		]);
		expect(validateArguments({ type: 'object' }, 'x').errors).toEqual([
			{ path: '', message: 'Must be an object, not a string.' }
		]);
	});

	it('supports draft-07 tuples, definitions and dependencies', () => {
		const s = {
			$schema: 'http://json-schema.org/draft-07/schema#',
			type: 'object',
			definitions: { n: { type: 'number' } },
			properties: {
				pair: {
					type: 'array',
					items: [{ $ref: '#/definitions/n' }, { type: 'string' }],
					additionalItems: false
				},
				a: {},
				b: {}
			},
			dependencies: { a: ['b'] }
		};
		expect(validateArguments(s, { pair: [1, 'x'] }).valid).toBe(true);
		const r = validateArguments(s, { pair: ['1', 'x', 3], a: 1 });
		expect(r.errors).toEqual(
			expect.arrayContaining([
				{ path: '/pair/0', message: 'Must be a number, not a string.' },
				{ path: '/pair/2', message: 'This item is not allowed (the list is too long).' },
				{ path: '/b', message: 'Required when "a" is set.' }
			])
		);
	});

	it('narrows oneOf errors to the variant the value is aiming for', () => {
		const s = {
			type: 'object',
			properties: {
				pay: {
					oneOf: [
						{
							type: 'object',
							properties: { method: { const: 'card' }, number: { type: 'string', minLength: 12 } },
							required: ['method', 'number']
						},
						{
							type: 'object',
							properties: { method: { const: 'invoice' }, email: { type: 'string' } },
							required: ['method']
						}
					]
				},
				maybe: { anyOf: [{ type: 'integer' }, { type: 'null' }] }
			}
		};
		expect(validateArguments(s, { pay: { method: 'card', number: '123' } }).errors).toEqual([
			{ path: '/pay/number', message: 'Must be at least 12 characters long.' }
		]);
		expect(validateArguments(s, { pay: { method: 'cash' } }).errors).toEqual([
			{ path: '/pay', message: "Doesn't match any of the allowed variants (card, invoice)." }
		]);
		expect(validateArguments(s, { maybe: 'x' }).errors).toEqual([
			{ path: '/maybe', message: "Doesn't match any of the allowed variants (integer, null)." }
		]);
	});

	it('handles cyclic schemas and falls back when the schema cannot be used as-is', () => {
		const tree = {
			type: 'object',
			$defs: {
				node: {
					type: 'object',
					properties: {
						v: { type: 'integer' },
						kids: { type: 'array', items: { $ref: '#/$defs/node' } }
					}
				}
			},
			properties: { root: { $ref: '#/$defs/node' } }
		};
		expect(validateArguments(tree, { root: { kids: [{ kids: [{ v: 'x' }] }] } }).errors).toEqual([
			{ path: '/root/kids/0/kids/0/v', message: 'Must be an integer, not a string.' }
		]);
		const external = {
			type: 'object',
			properties: { a: { $ref: 'https://elsewhere.example/a.json' }, n: { type: 'number' } }
		};
		expect(validateArguments(external, { a: 1, n: 'x' }).errors).toEqual([
			{ path: '/n', message: 'Must be a number, not a string.' }
		]);
		expect(validateArguments(null, {}).valid).toBe(true);
	});
});

describe('describePath', () => {
	it('formats pointers for people', () => {
		expect(describePath('')).toBe('');
		expect(describePath('/items/0/sku')).toBe('items[0].sku');
		expect(describePath('/a~1b/my key')).toBe('["a/b"]["my key"]');
	});
});
