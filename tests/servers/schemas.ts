/**
 * Exact JSON Schemas of the demo tools. They are written by hand (not
 * generated from zod) so they carry the keywords an inspector's form
 * generator must cope with: $defs/$ref, oneOf, const, nullable types (as a
 * type list and as anyOf with null), ranges, lengths, patterns, formats,
 * defaults and a property with no type at all.
 */
import type { JsonSchemaType } from '@modelcontextprotocol/server';

export const echoInput: JsonSchemaType = {
	type: 'object',
	properties: {
		message: { type: 'string', description: 'Text to echo back' }
	},
	required: ['message'],
	additionalProperties: false
};

export const addInput: JsonSchemaType = {
	type: 'object',
	properties: {
		a: { type: 'number', description: 'First addend' },
		b: { type: 'number', description: 'Second addend' }
	},
	required: ['a', 'b'],
	additionalProperties: false
};

export const addOutput: JsonSchemaType = {
	type: 'object',
	properties: { sum: { type: 'number' } },
	required: ['sum']
};

export const typesDemoInput: JsonSchemaType = {
	type: 'object',
	properties: {
		name: {
			type: 'string',
			minLength: 2,
			maxLength: 40,
			title: 'Name',
			description: 'A string of 2 to 40 characters'
		},
		age: { type: 'integer', minimum: 0, maximum: 150, description: 'An integer between 0 and 150' },
		ratio: { type: 'number', description: 'Any number, fractions allowed' },
		active: { type: 'boolean', description: 'A checkbox' },
		color: { type: 'string', enum: ['red', 'green', 'blue'], description: 'One of three colours' },
		// enumNames is not JSON Schema (MCP's legacy titled enum), hence the cast.
		pet: {
			type: 'string',
			enum: ['pet-1', 'pet-2'],
			enumNames: ['Cats', 'Dogs'],
			description: 'Legacy enumNames: shows the names, sends the values'
		} as JsonSchemaType,
		schemaVersion: { type: 'string', const: 'v1', description: 'Always "v1" (const)' },
		greeting: { type: 'string', default: 'hello', description: 'Has a default value' },
		nickname: { type: ['string', 'null'], description: 'A string, or null' },
		limit: {
			type: 'integer',
			minimum: 1,
			maximum: 1000,
			default: 200,
			description: 'How many, 200 when left out'
		},
		tag: {
			type: 'string',
			pattern: '^[a-z]+$',
			maxLength: 20,
			description: 'Lower-case letters (a pattern)'
		},
		score: {
			anyOf: [{ type: 'number', exclusiveMinimum: 0, maximum: 1 }, { type: 'null' }],
			description: 'Optional[float] as Python servers write it: above 0 and at most 1, or null'
		},
		period: {
			type: ['object', 'null'],
			title: 'Period',
			properties: {
				from: { type: 'string', format: 'date' },
				to: { type: 'string', format: 'date' }
			},
			description: 'A nullable group'
		},
		email: { type: 'string', format: 'email' },
		birthday: { type: 'string', format: 'date' },
		homepage: { type: 'string', format: 'uri' },
		extra: { description: 'No type: any JSON value' }
	},
	required: ['name']
};

export const createOrderInput: JsonSchemaType = {
	type: 'object',
	$defs: {
		address: {
			type: 'object',
			title: 'Address',
			properties: {
				street: { type: 'string', minLength: 1 },
				city: { type: 'string', minLength: 1 }
			},
			required: ['street', 'city'],
			additionalProperties: false
		}
	},
	properties: {
		customer: {
			type: 'object',
			title: 'Customer',
			properties: {
				name: { type: 'string', minLength: 1 },
				address: { $ref: '#/$defs/address' }
			},
			required: ['name', 'address'],
			additionalProperties: false
		},
		items: {
			type: 'array',
			title: 'Items',
			minItems: 1,
			items: {
				type: 'object',
				properties: {
					sku: { type: 'string', minLength: 1 },
					quantity: { type: 'integer', minimum: 1 }
				},
				required: ['sku', 'quantity'],
				additionalProperties: false
			}
		},
		payment: {
			title: 'Payment',
			oneOf: [
				{
					type: 'object',
					title: 'Card',
					properties: {
						type: { type: 'string', const: 'card' },
						number: { type: 'string', pattern: '^[0-9 ]{12,23}$', description: 'Card number' }
					},
					required: ['type', 'number'],
					additionalProperties: false
				},
				{
					type: 'object',
					title: 'Invoice',
					properties: {
						type: { type: 'string', const: 'invoice' },
						email: { type: 'string', format: 'email', description: 'Where to send the invoice' }
					},
					required: ['type', 'email'],
					additionalProperties: false
				}
			]
		},
		note: { type: 'string', description: 'Optional note' }
	},
	required: ['customer', 'items', 'payment'],
	additionalProperties: false
};

export const createOrderOutput: JsonSchemaType = {
	type: 'object',
	properties: {
		orderId: { type: 'string' },
		customer: { type: 'string' },
		city: { type: 'string' },
		itemCount: { type: 'integer' },
		totalQuantity: { type: 'integer' },
		payment: { type: 'string', enum: ['card', 'invoice'] }
	},
	required: ['orderId', 'customer', 'city', 'itemCount', 'totalQuantity', 'payment']
};

export const noInput: JsonSchemaType = {
	type: 'object',
	properties: {},
	additionalProperties: false
};

export const badStructuredOutput: JsonSchemaType = {
	type: 'object',
	properties: { count: { type: 'integer' } },
	required: ['count']
};

export const failInput: JsonSchemaType = {
	type: 'object',
	properties: {
		reason: { type: 'string', default: 'unspecified', description: 'Put into the error text' }
	}
};

export const slowInput: JsonSchemaType = {
	type: 'object',
	properties: {
		steps: { type: 'integer', minimum: 1, maximum: 1000, default: 5 },
		delayMs: {
			type: 'integer',
			minimum: 0,
			maximum: 60000,
			default: 200,
			description: 'Pause before each step'
		}
	}
};

export const logBurstInput: JsonSchemaType = {
	type: 'object',
	properties: {
		count: { type: 'integer', minimum: 0, maximum: 100000, default: 2000 }
	}
};

/** `x-mcp-header` is an extension keyword (SEP-2243), so this schema is typed loosely. */
export const regionalEchoInput = {
	type: 'object',
	properties: {
		region: {
			type: 'string',
			'x-mcp-header': 'Region',
			description: 'Mirrored into Mcp-Param-Region'
		},
		message: { type: 'string', default: 'hello' }
	},
	required: ['region']
} as JsonSchemaType;

/** Secrets an inspector must not keep: by format, by writeOnly, and by name alone. */
export const serviceLoginInput: JsonSchemaType = {
	type: 'object',
	properties: {
		service: { type: 'string', description: 'A plain value (remembered)' },
		password: { type: 'string', format: 'password', description: 'format: "password"' },
		apiKey: { type: 'string', description: 'A secret by its name alone' },
		options: {
			type: 'object',
			title: 'Options',
			properties: {
				region: { type: 'string' },
				signature: { type: 'string', writeOnly: true, description: 'writeOnly: true' }
			}
		}
	},
	required: ['service']
};

export const leakyLoginInput: JsonSchemaType = {
	type: 'object',
	properties: {
		username: { type: 'string' },
		password: { type: 'string', format: 'password' }
	},
	required: ['username', 'password']
};
