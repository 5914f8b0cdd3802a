/**
 * Resources as the UI sees them: the server's resources and templates, the filter and the
 * selection, what each read returned, subscriptions and the updates the server announced, and
 * the values typed into each template's form (with completions).
 */
import type { Notification } from '@modelcontextprotocol/client';
import type { McpSession } from './core/session.js';
import type { Problem } from './core/errors.js';
import { maskUrl } from './core/secrets.js';
import {
	listResources,
	listResourceTemplates,
	readResource,
	subscribeResource,
	subscribeSupport,
	unsubscribeResource,
	updatedUri,
	type ResourceInfo,
	type ResourceReadOutcome,
	type ResourceTemplateInfo
} from './core/resources.js';
import { Completer } from './completions.svelte.js';
import { filterByText } from './core/text-filter.js';
import type { ConnectionState } from './connection.svelte.js';
import type { ResourceListenOutcome } from './core/server-checks.js';

/**
 * 2026-07-28 era: what carries resource subscriptions, the subscriptions/listen stream
 * (ServerChecksState). Reopens it for exactly these URIs.
 */
export interface ResourceUpdatesSource {
	setResourceSubscriptions(uris: string[]): Promise<ResourceListenOutcome>;
}

type UriTemplateModule = typeof import('./core/uri-template.js');

export type ResourceSelection = { kind: 'resource'; uri: string } | { kind: 'template'; uriTemplate: string };

export interface ReadRecord {
	uri: string;
	reading: boolean;
	outcome?: ResourceReadOutcome;
	problem?: Problem;
}

export class ResourcesState {
	list = $state.raw<ResourceInfo[]>([]);
	templates = $state.raw<ResourceTemplateInfo[]>([]);
	problems = $state.raw<string[]>([]);
	loading = $state(false);
	filter = $state('');
	selection = $state.raw<ResourceSelection | undefined>(undefined);
	/** The last read of each URI. */
	reads = $state.raw<Record<string, ReadRecord>>({});
	subscribed = $state.raw<string[]>([]);
	/** 2026-07-28 era: the resource URIs the listen stream's acknowledged filter honours. */
	listenHonored = $state.raw<string[]>([]);
	/** 2026-07-28 era: why subscriptions stopped (the listen stream ended), if they did. */
	listenEnded = $state<string | undefined>(undefined);
	/** A subscribe or unsubscribe is under way. */
	subscribing = $state(false);
	/** When the server last said a URI changed (notifications/resources/updated), as a time of day. */
	updated = $state.raw<Record<string, string>>({});
	/** A failed subscribe or unsubscribe, by URI. */
	subscribeProblems = $state.raw<Record<string, Problem>>({});
	/** Values typed into each template's form, by uriTemplate. */
	templateValues = $state<Record<string, Record<string, string>>>({});
	/** The URI each template's form last read. */
	templateReads = $state.raw<Record<string, string>>({});
	uriTemplates = $state.raw<UriTemplateModule | undefined>(undefined);
	session = $state.raw<McpSession | undefined>(undefined);
	readonly completer = new Completer(() => this.session);

	#server = '';
	#updates: ResourceUpdatesSource | undefined;
	/** 2026-07-28 era subscription changes, one at a time (each reopens the listen stream). */
	#listenQueue: Promise<unknown> = Promise.resolve();

	/** 2026-07-28 era: subscriptions go through this listen stream (wired up by the page). */
	useUpdatesSource(source: ResourceUpdatesSource): void {
		this.#updates = source;
	}

	constructor(connection: ConnectionState) {
		connection.listen({
			ready: (session) => {
				const server = maskUrl(session.url.href);
				if (server !== this.#server) {
					this.reads = {};
					this.templateReads = {};
					this.selection = undefined;
				}
				this.#server = server;
				this.session = session;
				// A new session on the server holds no subscriptions.
				this.#forgetSubscriptions();
				this.subscribeProblems = {};
				this.completer.clear();
				import('./core/uri-template.js').then(
					(m) => (this.uriTemplates = m),
					() => (this.problems = [...this.problems, 'Loupe could not load its URI template support; reload the page to use templates.'])
				);
				void this.refresh();
			},
			ended: () => {
				this.session = undefined;
				this.list = [];
				this.templates = [];
				this.problems = [];
				this.#forgetSubscriptions();
				this.completer.clear();
			},
			notification: (n: Notification) => {
				if (n.method === 'notifications/resources/list_changed') void this.refresh();
				else if (n.method === 'notifications/resources/updated') {
					const uri = updatedUri(n.params);
					if (uri) this.updated = { ...this.updated, [uri]: new Date().toLocaleTimeString() };
				}
			}
		});
	}

	/** Subscriptions and the updates they announced belong to one session. */
	#forgetSubscriptions(): void {
		this.subscribed = [];
		this.listenHonored = [];
		this.listenEnded = undefined;
		this.updated = {};
	}

	visible = $derived.by(() => filterByText(this.list, this.filter, (r) => [r.uri, r.name, r.title, r.description]));
	visibleTemplates = $derived.by(() => filterByText(this.templates, this.filter, (t) => [t.uriTemplate, t.name, t.title, t.description]));

	selectedResource = $derived.by(() => {
		const s = this.selection;
		return s?.kind === 'resource' ? this.list.find((r) => r.uri === s.uri) : undefined;
	});
	selectedTemplate = $derived.by(() => {
		const s = this.selection;
		return s?.kind === 'template' ? this.templates.find((t) => t.uriTemplate === s.uriTemplate) : undefined;
	});
	subscribeSupport = $derived.by(() => (this.session ? subscribeSupport(this.session.details) : undefined));

	async refresh(): Promise<void> {
		const session = this.session;
		if (!session) return;
		if (!session.details.capabilities.resources) {
			this.list = [];
			this.templates = [];
			this.problems = ['This server does not offer resources.'];
			return;
		}
		this.loading = true;
		const [resources, templates] = await Promise.allSettled([listResources(session), listResourceTemplates(session)]);
		if (session !== this.session) return;
		const problems: string[] = [];
		if (resources.status === 'fulfilled') {
			this.list = resources.value.items;
			problems.push(...resources.value.problems);
		} else {
			const p = session.explain(resources.reason, 'resources/list');
			problems.push(p.message, ...p.hints);
		}
		if (templates.status === 'fulfilled') {
			this.templates = templates.value.items;
			problems.push(...templates.value.problems);
		} else {
			this.templates = [];
			problems.push(`Resource templates: ${session.explain(templates.reason, 'resources/templates/list').message}`);
		}
		this.problems = problems;
		this.loading = false;
	}

	select(selection: ResourceSelection | undefined): void {
		if (selection?.kind === 'template') this.templateValues[selection.uriTemplate] ??= {};
		this.selection = selection;
	}

	async read(uri: string): Promise<void> {
		const session = this.session;
		if (!session || this.reads[uri]?.reading) return;
		this.reads = { ...this.reads, [uri]: { ...this.reads[uri], uri, reading: true } };
		let record: ReadRecord;
		try {
			record = { uri, reading: false, outcome: await readResource(session, uri) };
		} catch (error) {
			record = { uri, reading: false, problem: session.explain(error, `resources/read ${uri}`) };
		}
		if (session !== this.session) {
			// The session ended or changed meanwhile: the read is over, whatever it returned.
			if (this.reads[uri]?.reading) this.reads = { ...this.reads, [uri]: { ...this.reads[uri], reading: false } };
			return;
		}
		this.reads = { ...this.reads, [uri]: record };
		if (this.updated[uri]) {
			const { [uri]: _, ...rest } = this.updated;
			this.updated = rest;
		}
	}

	/** Opens a resource (say, from a resource_link in a tool result) and reads it. */
	open(uri: string): void {
		this.selection = { kind: 'resource', uri };
		void this.read(uri);
	}

	async setSubscribed(uri: string, on: boolean): Promise<void> {
		const session = this.session;
		if (!session) return;
		const { [uri]: _, ...others } = this.subscribeProblems;
		this.subscribeProblems = others;
		if (this.subscribeSupport?.ok && this.subscribeSupport.via === 'listen') return this.#setListened(session, uri, on);
		try {
			if (on) await subscribeResource(session, uri);
			else await unsubscribeResource(session, uri);
			if (session !== this.session) return;
			this.subscribed = on ? [...new Set([...this.subscribed, uri])] : this.subscribed.filter((u) => u !== uri);
		} catch (error) {
			if (session !== this.session) return;
			this.subscribeProblems = { ...this.subscribeProblems, [uri]: session.explain(error, `resources/${on ? 'subscribe' : 'unsubscribe'} ${uri}`) };
		}
	}

	/** 2026-07-28 era: reopens the listen stream with this URI added to or removed from its filter. */
	#setListened(session: McpSession, uri: string, on: boolean): Promise<void> {
		const run = async () => {
			if (session !== this.session) return;
			const source = this.#updates;
			const problem = (message: string) => (this.subscribeProblems = { ...this.subscribeProblems, [uri]: { kind: 'protocol', message, hints: [] } });
			if (!source) return void problem('Loupe has no subscriptions/listen stream to carry resource subscriptions.');
			const next = on ? [...new Set([...this.subscribed, uri])] : this.subscribed.filter((u) => u !== uri);
			this.subscribing = true;
			const outcome = await source.setResourceSubscriptions(next).finally(() => (this.subscribing = false));
			if (session !== this.session) return;
			if (!outcome.ok) {
				// No stream, so no subscription is live any more.
				this.subscribed = [];
				this.listenHonored = [];
				return void problem(outcome.message);
			}
			this.subscribed = next;
			this.listenHonored = outcome.honored;
			this.listenEnded = undefined;
			void outcome.ended.then((message) => {
				if (session !== this.session || !this.subscribed.length) return;
				this.listenEnded = `${message} Resource subscriptions are off until you subscribe again.`;
				this.subscribed = [];
				this.listenHonored = [];
			});
		};
		const queued = this.#listenQueue.then(run, run);
		this.#listenQueue = queued.catch(() => {});
		return queued;
	}

	/** The values typed into a template's form (created when the template is selected). */
	valuesFor(uriTemplate: string): Record<string, string> {
		return this.templateValues[uriTemplate] ?? {};
	}

	/** A variable changed: ask for completions of it, with the other variables as context. */
	typed(uriTemplate: string, variable: string): void {
		const values = this.valuesFor(uriTemplate);
		this.completer.request(`${uriTemplate}\n${variable}`, { type: 'ref/resource', uri: uriTemplate }, { name: variable, value: values[variable] ?? '' }, { ...values });
	}

	/** Expands a template with its form's values and reads the result. */
	readTemplate(uriTemplate: string): { error: string } | undefined {
		const expanded = this.uriTemplates?.expandTemplate(uriTemplate, this.valuesFor(uriTemplate));
		if (!expanded) return { error: 'Loupe is still loading its URI template support; try again.' };
		if ('error' in expanded) return expanded;
		this.templateReads = { ...this.templateReads, [uriTemplate]: expanded.uri };
		void this.read(expanded.uri);
		return undefined;
	}
}

