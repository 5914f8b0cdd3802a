import { describe, expect, it } from 'vitest';
import {
	isSecretField,
	isSecretName,
	isSecretSchema,
	secretTexts,
	withoutSecrets
} from '../../src/lib/core/secret-arguments';
import { TrafficRecorder } from '../../src/lib/core/traffic';

describe('isSecretName', () => {
	it.each([
		'password',
		'db_password',
		'passwordConfirmation',
		'passwd',
		'secret',
		'clientSecret',
		'CLIENT_SECRET',
		'token',
		'githubToken',
		'access_token',
		'id_token',
		'x-auth-token',
		'api_key',
		'apiKey',
		'APIKey',
		'apikey',
		'x-api-key',
		'AWS_ACCESS_KEY',
		'privateKey',
		'authorization',
		'Authorization',
		'credentials',
		'cookie'
	])('%s names a secret', (name) => expect(isSecretName(name)).toBe(true));

	it.each([
		'max_tokens',
		'maxTokens',
		'tokens',
		'tokenizer',
		'token_count',
		'token_type',
		'pageToken',
		'nextPageToken',
		'continuation_token',
		'cursor',
		'key',
		'sort_key',
		'primaryKey',
		'keyboard',
		'author',
		'authority',
		'message',
		'username',
		'passage'
	])('%s does not', (name) => expect(isSecretName(name)).toBe(false));
});

describe('isSecretSchema', () => {
	it('is format password or writeOnly', () => {
		expect(isSecretSchema({ type: 'string', format: 'password' })).toBe(true);
		expect(isSecretSchema({ type: 'object', writeOnly: true })).toBe(true);
		expect(isSecretSchema({ type: 'string', writeOnly: false })).toBe(false);
		expect(isSecretSchema({ type: 'string', format: 'email' })).toBe(false);
		expect(isSecretSchema(true)).toBe(false);
		expect(isSecretSchema(null)).toBe(false);
	});
});

describe('withoutSecrets', () => {
	const schema = {
		type: 'object',
		$defs: {
			login: {
				type: 'object',
				properties: { user: { type: 'string' }, pin: { type: 'string', writeOnly: true } }
			}
		},
		properties: {
			service: { type: 'string' },
			pass: { type: 'string', format: 'password' },
			apiKey: { type: 'string' },
			max_tokens: { type: 'integer' },
			password_length: { type: 'integer' },
			login: { $ref: '#/$defs/login' },
			accounts: {
				type: 'array',
				items: {
					type: 'object',
					properties: { name: { type: 'string' }, code: { type: 'string', format: 'password' } }
				}
			},
			keys: { type: 'array', items: { type: 'string', writeOnly: true } },
			pair: {
				type: 'array',
				prefixItems: [{ type: 'string' }, { type: 'string', format: 'password' }]
			},
			headers: { type: 'object', additionalProperties: { type: 'string' } },
			vault: { type: 'object', writeOnly: true },
			auth: {
				oneOf: [
					{ type: 'object', properties: { kind: { const: 'none' } } },
					{
						type: 'object',
						properties: { kind: { const: 'basic' }, phrase: { type: 'string', format: 'password' } }
					}
				]
			},
			extra: {}
		}
	};
	const args = {
		service: 'github',
		pass: 'hunter2',
		apiKey: 'sk-123',
		max_tokens: 500,
		password_length: 12,
		login: { user: 'ann', pin: '1234' },
		accounts: [
			{ name: 'a', code: 'c1' },
			{ name: 'b', code: 'c2' }
		],
		keys: ['k1', 'k2'],
		pair: ['visible', 'hidden'],
		headers: { 'X-Trace': 't', Authorization: 'Bearer abc' },
		vault: { anything: 'x' },
		auth: { kind: 'basic', phrase: 'open sesame' },
		extra: { nested: { client_secret: 's', note: 'kept' } },
		undeclared_token: 'tok'
	};

	it('leaves out every value the schema or its name calls secret, at any depth', () => {
		expect(withoutSecrets(args, schema)).toEqual({
			service: 'github',
			max_tokens: 500,
			password_length: 12,
			login: { user: 'ann' },
			accounts: [{ name: 'a' }, { name: 'b' }],
			keys: [],
			pair: ['visible'],
			headers: { 'X-Trace': 't' },
			auth: { kind: 'basic' },
			extra: { nested: { note: 'kept' } }
		});
	});

	it('keeps no secret text anywhere in what would be stored', () => {
		const stored = JSON.stringify(withoutSecrets(args, schema));
		const secrets = ['hunter2', 'sk-123', '1234', '"c1"', '"c2"', '"k1"', '"k2"', '"hidden"'];
		secrets.push('Bearer abc', 'anything', 'open sesame', '"tok"', '"s"');
		for (const secret of secrets) expect(stored).not.toContain(secret);
	});

	it('does not change the arguments it was given', () => {
		const copy = structuredClone(args);
		withoutSecrets(args, schema);
		expect(args).toEqual(copy);
	});

	it('decides by names alone without a schema, and copes with hostile schemas', () => {
		expect(withoutSecrets({ password: 'p', q: 'x' })).toEqual({ q: 'x' });
		expect(withoutSecrets({ password: 'p', q: 'x' }, 'not a schema')).toEqual({ q: 'x' });
		const cyclic = { $ref: '#', properties: { a: { $ref: '#/properties/a' } } };
		expect(withoutSecrets({ a: { b: 1 }, token: 't' }, cyclic)).toEqual({ a: { b: 1 } });
		const badPattern = { patternProperties: { '[': { format: 'password' } } };
		expect(withoutSecrets({ '[': 'v' }, badPattern)).toEqual({ '[': 'v' });
		expect(withoutSecrets({ a: 1 }, { writeOnly: true })).toEqual({});
	});

	it('follows patternProperties and 2019 tuples', () => {
		expect(
			withoutSecrets(
				{ pw_main: 'a', other: 'b', list: ['x', 'y', 'z'] },
				{
					patternProperties: { '^pw_': { format: 'password' } },
					properties: {
						list: { items: [{}], additionalItems: { writeOnly: true } }
					}
				}
			)
		).toEqual({ other: 'b', list: ['x'] });
	});
});

describe('isSecretField', () => {
	it('is a secret schema, or a secret name on a text field', () => {
		expect(isSecretField({ type: 'string', format: 'password' }, 'x')).toBe(true);
		expect(isSecretField({ type: 'string' }, 'apiKey')).toBe(true);
		expect(isSecretField({ type: ['string', 'null'] }, 'token')).toBe(true);
		expect(isSecretField({}, 'password')).toBe(true);
		expect(isSecretField({ type: 'integer' }, 'password_length')).toBe(false);
		expect(isSecretField({ type: 'string' }, 0)).toBe(false);
		expect(isSecretField({ type: 'string' }, 'max_tokens')).toBe(false);
	});
});

describe('secretTexts and the traffic log', () => {
	const schema = {
		type: 'object',
		properties: {
			user: { type: 'string' },
			pin: { type: 'string', format: 'password' },
			nested: { type: 'object', properties: { api_key: { type: 'string' } } }
		}
	};
	const args = { user: 'ada', pin: '1234', nested: { api_key: 'sk-"quoted"' } };

	it('lists the texts of every secret value, and no other', () => {
		expect(secretTexts(args, schema).sort()).toEqual(['1234', 'sk-"quoted"']);
		expect(secretTexts({ user: 'ada', pin: '' }, schema)).toEqual([]);
	});

	it('masks them in what is recorded as sent (message and HTTP exchange), not in what was received', () => {
		const recorder = new TrafficRecorder();
		recorder.keepSecret(secretTexts(args, schema));
		const message = { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { arguments: args } };
		const sent = recorder.message('sent', message);
		expect(sent.raw).toContain('"user":"ada"');
		expect(sent.raw).not.toContain('1234');
		expect(sent.raw).not.toContain('quoted');
		expect(sent.raw.match(/••••••/g)).toHaveLength(2);
		const http = recorder.http({
			method: 'POST',
			url: 'http://x/mcp',
			status: undefined,
			durationMs: undefined,
			requestHeaders: { 'mcp-param-pin': '1234', 'mcp-param-user': 'ada' },
			responseHeaders: {},
			requestBody: JSON.stringify(message)
		});
		expect(http.requestBody).not.toContain('1234');
		expect(http.requestHeaders).toEqual({ 'mcp-param-pin': '••••••', 'mcp-param-user': 'ada' });
		// A server that echoes the secret: what it sent stays exactly as it came.
		const echo = recorder.message('received', { jsonrpc: '2.0', id: 1, result: { pin: '1234' } });
		expect(echo.raw).toContain('1234');
	});
});
