/**
 * The @sjsf/form configuration behind ArgumentsEditor: basic theme with a few accessible
 * templates swapped in, a field resolver that sends shapeless values to a JSON textarea, and a
 * @cfworker/json-schema validator (no eval, so it works under the app's CSP) with readable messages.
 */
import { Validator as CfValidator, type Schema as CfSchema } from '@cfworker/json-schema';
import { createSchemaValidatorFactory } from '@sjsf/cfworker-validator';
import { theme as basicTheme } from '@sjsf/basic-theme';
import '@sjsf/basic-theme/extra-widgets/checkboxes-include';
import {
	decodePseudoElement,
	isCycleRef,
	isMultiSelect,
	isSelect,
	type Config,
	type ExtraUiOptions,
	type FormIdBuilder,
	type FormState,
	type FormValidator,
	type ResolveFieldType,
	type Schema,
	type ValidatorFactoryOptions
} from '@sjsf/form';
import { getSimpleSchemaType, isFixedItems, pathFromLocation } from '@sjsf/form/core';
import '@sjsf/form/fields/extra/enum-include';
import '@sjsf/form/fields/extra/multi-enum-include';
import { overrideByRecord } from '@sjsf/form/lib/resolver';
import { translation as english } from '@sjsf/form/translations/en';
import { FREE_JSON } from '$lib/core/form-schema.js';
import { cloneJson } from '$lib/core/json-value.js';
import { canSendNull } from '$lib/core/schema-hints.js';
import { readableErrors } from '$lib/core/schema-validation.js';
import { isSecretField } from '$lib/core/secret-arguments.js';
import Button from './Button.svelte';
import FieldTemplate from './FieldTemplate.svelte';
import GroupTemplate from './GroupTemplate.svelte';
import JsonValueField from './JsonValueField.svelte';
import { nullAction } from './NullToggle.svelte';
import VariantTemplate from './VariantTemplate.svelte';

export type Args = Record<string, unknown>;

export const theme = overrideByRecord(basicTheme, {
	unknownField: JsonValueField,
	fieldTemplate: FieldTemplate,
	objectTemplate: GroupTemplate,
	arrayTemplate: GroupTemplate,
	multiFieldTemplate: VariantTemplate,
	button: Button
});

export const translation = overrideByRecord(english, {
	'add-array-item': 'Add item',
	'remove-array-item': 'Remove',
	'copy-array-item': 'Copy',
	'move-array-item-up': 'Up',
	'move-array-item-down': 'Down',
	'add-object-property': 'Add property',
	'remove-object-property': 'Remove',
	'additional-property': 'newKey',
	'key-input-title': 'Key',
	'multi-schema-option-label': ({ index }: { index: number }) => `Variant ${index + 1}`,
	'multi-schema-option-label-with-title': ({ title, index }: { title: string; index: number }) =>
		`${title} ${index + 1}`
});

/** Like @sjsf's compat resolver, minus file fields, plus free JSON values for shapeless schemas. */
export function resolver(ctx: FormState<Args>): ResolveFieldType {
	return (config) => {
		const { schema } = config;
		if ((schema as Record<string, unknown>)[FREE_JSON]) return 'unknownField';
		if (isCycleRef(ctx, config)) return 'expandField';
		if (isSelect(ctx, schema)) return 'enumField';
		if (schema.oneOf !== undefined) return 'oneOfField';
		if (schema.anyOf !== undefined) return 'anyOfField';
		const type = getSimpleSchemaType(schema);
		if (type === 'array') {
			// An array of choices is a set of checkboxes, as elicitation's multi-select (2025-11-25)
			// is without saying uniqueItems; only uniqueItems: false keeps a list of repeatable items.
			const asSet = schema.uniqueItems === undefined ? { ...schema, uniqueItems: true } : schema;
			if (isMultiSelect(ctx, asSet)) return 'multiEnumField';
			return isFixedItems(schema) ? 'tupleField' : 'arrayField';
		}
		return type === 'unknown' ? 'unknownField' : `${type}Field`;
	};
}

/** Ids that stay valid and unique whatever the property names are. */
export function createIdBuilder({ idPrefix }: { idPrefix: string }): FormIdBuilder {
	const enc = (s: string | number) =>
		String(s).replace(/[^A-Za-z0-9]/g, (c) => `-${c.codePointAt(0)!.toString(16)}-`);
	return {
		fromPath: (path) =>
			idPrefix +
			path
				.map((p) => {
					const pseudo = decodePseudoElement(p);
					return pseudo === undefined ? `_${enc(p)}` : `__${enc(pseudo)}`;
				})
				.join('')
	};
}

const PLACEHOLDERS: Record<string, string> = {
	'date-time': '2025-01-31T09:30:00Z',
	time: '09:30:00Z',
	uri: 'https://',
	email: 'name@example.com',
	uuid: '00000000-0000-0000-0000-000000000000'
};

export const extraUiOptions = ((option: string, config: Config) => {
	if (option === 'action') return canSendNull(config.schema) ? nullAction : undefined;
	if (option === 'text' || option === 'number') {
		const attributes: Record<string, unknown> = {};
		const format = config.schema.format;
		if (option === 'text' && format) {
			// <input type="datetime-local"> can't produce the seconds and time zone JSON Schema requires.
			if (format === 'date-time' || format === 'time') attributes.type = 'text';
			if (PLACEHOLDERS[format]) attributes.placeholder = PLACEHOLDERS[format];
		}
		if (config.schema.const !== undefined) attributes.readonly = true;
		// A secret (format password, writeOnly, or a name like api_key) is typed unseen, and is
		// never kept in storage (secret-arguments.ts).
		if (option === 'text' && isSecretField(config.schema, config.path.at(-1))) {
			attributes.type = 'password';
			attributes.autocomplete = 'off';
		}
		// A nullable field sending null says so in its (empty) control.
		if (config.value?.() === null) attributes.placeholder = 'null';
		return Object.keys(attributes).length > 0 ? attributes : undefined;
	}
	if (option === 'itemTitle') {
		return (title: string, index: number, fixed: number) =>
			index < fixed ? title : `${title || 'item'} ${index - fixed + 1}`;
	}
	if (option === 'orderable') return false;
	return undefined;
}) as ExtraUiOptions;

/**
 * The JSON a form value stands for. Unset fields are `undefined`; a tuple the person never
 * touched can be an array of nothing but `undefined`s, which means "not set" rather than [null, null].
 */
export function formJson(value: unknown): unknown {
	const strip = (v: unknown, depth: number): unknown => {
		if (depth > 64 || v === null || typeof v !== 'object') return v;
		if (Array.isArray(v))
			return v.length > 0 && v.every((x) => x === undefined)
				? undefined
				: v.map((x) => strip(x, depth + 1) ?? null);
		const out: Record<string, unknown> = {};
		for (const [k, x] of Object.entries(v)) {
			const c = strip(x, depth + 1);
			if (c !== undefined) out[k] = c;
		}
		return out;
	};
	return cloneJson(strip(value, 0));
}

const toJson = (v: unknown) => formJson(v) ?? null;

/**
 * A FormValidator (factory) built on @sjsf/cfworker-validator's ref-aware validator cache. The form
 * uses it to pick oneOf/anyOf variants; the messages at fields come from the editor (field-messages.ts).
 */
export function createValidator({ schema: root }: ValidatorFactoryOptions): FormValidator<Args> {
	const make = createSchemaValidatorFactory(
		(s: Schema) => new CfValidator(s as CfSchema, '2020-12', false)
	);
	const run = (schema: Schema, value: unknown) => {
		try {
			return make(schema, root).validate(toJson(value));
		} catch {
			return undefined; // a schema cfworker can't use; the editor's own validation still reports
		}
	};
	return {
		isValid(schemaDef, rootSchema, value) {
			if (typeof schemaDef === 'boolean') return schemaDef;
			try {
				return make(schemaDef, rootSchema).validate(toJson(value)).valid;
			} catch {
				return false;
			}
		},
		validateFormValue(rootSchema, value) {
			const result = run(rootSchema, value);
			if (!result || result.valid) return { value: value as Args };
			const json = toJson(value);
			return {
				value,
				errors: readableErrors(result.errors, rootSchema).map((e) => ({
					path: pathFromLocation(e.path, json),
					message: e.message
				}))
			};
		}
	};
}
