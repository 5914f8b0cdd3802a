/**
 * Tools as Loupe shows them: what a server's tools/list said, checked field by field, so that one
 * malformed tool never hides the others and nothing the server sent is trusted blindly.
 */
import { briefValue, isObject, str, stringFieldProblem } from './json-value.js';
import { findParamHeaders, type ParamHeaderDeclaration } from './param-headers.js';

export interface ToolAnnotationsInfo {
	title?: string;
	readOnlyHint?: boolean;
	destructiveHint?: boolean;
	idempotentHint?: boolean;
	openWorldHint?: boolean;
}

export interface ToolIcon {
	src: string;
	mimeType?: string;
}

export interface ToolInfo {
	name: string;
	title?: string;
	description?: string;
	inputSchema: Record<string, unknown>;
	outputSchema?: Record<string, unknown>;
	annotations: ToolAnnotationsInfo;
	icons: ToolIcon[];
	/** Arguments the 2026 era mirrors into Mcp-Param-* headers (x-mcp-header). */
	paramHeaders: ParamHeaderDeclaration[];
	/** `execution.taskSupport` when present ("forbidden" | "optional" | "required"). */
	taskSupport?: string;
	/** What was wrong with this tool's definition, in plain words. */
	problems: string[];
	/** The definition exactly as the server sent it. */
	raw: unknown;
}

const bool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);

/** Only https: and data:image/ icons are shown; anything else (http:, javascript:, …) is dropped. */
export function isSafeIconUrl(src: string): boolean {
	if (/^data:image\/(png|jpeg|gif|webp|svg\+xml|avif);/i.test(src)) return true;
	try {
		return new URL(src).protocol === 'https:';
	} catch {
		return false;
	}
}

export function toToolInfo(raw: unknown): ToolInfo | { problem: string } {
	if (!isObject(raw)) return { problem: `A tools/list entry is not an object: ${briefValue(raw)}` };
	const nameProblem = stringFieldProblem(raw.name, 'name');
	if (nameProblem) return { problem: `A tools/list entry ${nameProblem} and was left out.` };
	const name = raw.name as string;
	const problems: string[] = [];
	let inputSchema: Record<string, unknown>;
	if (isObject(raw.inputSchema)) {
		inputSchema = raw.inputSchema;
		if (inputSchema.type !== undefined && inputSchema.type !== 'object') {
			problems.push(
				`inputSchema.type is ${JSON.stringify(inputSchema.type)}; the spec requires "object".`
			);
		}
	} else {
		inputSchema = { type: 'object' };
		problems.push('The tool has no inputSchema object; the spec requires one.');
	}
	let outputSchema: Record<string, unknown> | undefined;
	if (raw.outputSchema !== undefined) {
		if (isObject(raw.outputSchema)) outputSchema = raw.outputSchema;
		else problems.push('outputSchema is not an object and is ignored.');
	}
	const a = isObject(raw.annotations) ? raw.annotations : {};
	const annotations: ToolAnnotationsInfo = {
		title: str(a.title),
		readOnlyHint: bool(a.readOnlyHint),
		destructiveHint: bool(a.destructiveHint),
		idempotentHint: bool(a.idempotentHint),
		openWorldHint: bool(a.openWorldHint)
	};
	const icons: ToolIcon[] = [];
	if (Array.isArray(raw.icons)) {
		for (const icon of raw.icons) {
			const src = isObject(icon) ? str(icon.src) : undefined;
			if (src && isSafeIconUrl(src))
				icons.push({ src, mimeType: isObject(icon) ? str(icon.mimeType) : undefined });
			else if (src)
				problems.push('An icon with a URL that is neither https: nor data:image was not shown.');
		}
	}
	const execution = isObject(raw.execution) ? raw.execution : undefined;
	const headers = findParamHeaders(inputSchema);
	problems.push(...headers.problems);
	return {
		name,
		title: str(raw.title) ?? annotations.title,
		description: str(raw.description),
		inputSchema,
		outputSchema,
		annotations,
		icons,
		paramHeaders: headers.declarations,
		taskSupport: execution ? str(execution.taskSupport) : undefined,
		problems,
		raw
	};
}

/** Turns a tools/list page into tools plus the problems with entries that could not be used. */
export function readToolsPage(result: unknown): {
	tools: ToolInfo[];
	problems: string[];
	nextCursor?: string;
} {
	const problems: string[] = [];
	const tools: ToolInfo[] = [];
	if (!isObject(result) || !Array.isArray(result.tools)) {
		return { tools, problems: ['The tools/list result has no "tools" array.'] };
	}
	const seen = new Set<string>();
	for (const entry of result.tools) {
		const tool = toToolInfo(entry);
		if ('problem' in tool) problems.push(tool.problem);
		else {
			if (seen.has(tool.name)) tool.problems.push(`Another tool is also named "${tool.name}".`);
			seen.add(tool.name);
			tools.push(tool);
		}
	}
	return { tools, problems, nextCursor: str(result.nextCursor) || undefined };
}

/** A short list of badges for the tool's annotations, as a person reads them. */
export function annotationBadges(
	a: ToolAnnotationsInfo
): { label: string; tone: 'safe' | 'warn' | 'info' }[] {
	const badges: { label: string; tone: 'safe' | 'warn' | 'info' }[] = [];
	if (a.readOnlyHint) badges.push({ label: 'read-only', tone: 'safe' });
	if (a.destructiveHint) badges.push({ label: 'destructive', tone: 'warn' });
	if (a.idempotentHint) badges.push({ label: 'idempotent', tone: 'info' });
	if (a.openWorldHint) badges.push({ label: 'open-world', tone: 'info' });
	return badges;
}
