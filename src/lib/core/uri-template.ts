/**
 * Resource templates (RFC 6570) through the SDK's UriTemplate. Loaded lazily, with the SDK,
 * once a session exists. A malformed template from the server gives an error, not a crash.
 */
import { UriTemplate } from '@modelcontextprotocol/client';

export interface TemplateShape {
	variables: string[];
	/** Variables with the explode modifier (`{/path*}`): a typed value is split into a list. */
	exploded: Record<string, string>;
}

/** The variables of a template, or why it cannot be used. */
export function templateShape(template: string): TemplateShape | { error: string } {
	try {
		const variables = new UriTemplate(template).variableNames;
		const exploded: Record<string, string> = {};
		for (const match of template.matchAll(/\{([+#./;?&]?)([^}]*)\}/g)) {
			const op = match[1];
			for (const spec of match[2].split(',')) {
				// `/` and `.` explode into segments; the others into comma-separated values.
				if (spec.endsWith('*'))
					exploded[spec.slice(0, -1).replace(/:\d+$/, '')] =
						op === '/' ? '/' : op === '.' ? '.' : ',';
			}
		}
		return { variables, exploded };
	} catch (error) {
		return {
			error: `The URI template cannot be used: ${error instanceof Error ? error.message : String(error)}`
		};
	}
}

/** Expands a template with the values typed in; an exploded variable's value is split into a list. */
export function expandTemplate(
	template: string,
	values: Record<string, string>
): { uri: string } | { error: string } {
	try {
		const shape = templateShape(template);
		if ('error' in shape) return shape;
		const vars: Record<string, string | string[]> = {};
		for (const name of shape.variables) {
			const value = values[name] ?? '';
			if (value === '') continue;
			const sep = shape.exploded[name];
			vars[name] = sep ? value.split(sep).filter((s) => s !== '') : value;
		}
		return { uri: new UriTemplate(template).expand(vars) };
	} catch (error) {
		return {
			error: `The URI template cannot be expanded: ${error instanceof Error ? error.message : String(error)}`
		};
	}
}
