/**
 * Resources as the UI sees them: the server's resources and templates, the filter and the
 * selection, what each read returned, subscriptions and the updates the server announced, and
 * the values typed into each template's form (with completions).
 */
import type { Notification } from '@modelcontextprotocol/client';
import type { McpSession } from '../../core/session.js';
import type { Problem } from '../../core/errors.js';
import { maskUrl } from '../../core/secrets.js';
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
} from '../../core/resources.js';
import { Completer } from '../../ui/completions.svelte.js';
import { SessionList } from '../../ui/session-list.svelte.js';
import type { SessionEvents } from '../../ui/session-events.js';
import type { ResourceListenOutcome } from '../../core/server-checks.js';

/**
 * 2026-07-28 era: what carries resource subscriptions, the subscriptions/listen stream
 * (ServerChecksState). Reopens it for exactly these URIs.
 */
export interface ResourceUpdatesSource {
	setResourceSubscriptions(uris: string[]): Promise<ResourceListenOutcome>;
}

type UriTemplateModule = typeof import('../../core/uri-template.js');

export type ResourceSelection =
	{ kind: 'resource'; uri: string } | { kind: 'template'; uriTemplate: string };

export interface ReadRecord {
	uri: string;
	reading: boolean;
	outcome?: ResourceReadOutcome;
	problem?: Problem;
}

export class ResourcesState {
	/** The server's resources; the filter here is the pane's (templates follow it). */
	readonly listing: SessionList<ResourceInfo>;
	readonly templateListing: SessionList<ResourceTemplateInfo>;
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
	/** Loupe could not load its URI template code. */
	templateCodeProblem = $state<string | undefined>(undefined);
	readonly completer = new Completer(() => this.session);

	#server = '';
	#updates: ResourceUpdatesSource | undefined;
	/** 2026-07-28 era subscription changes, one at a time (each reopens the listen stream). */
	#listenQueue: Promise<unknown> = Promise.resolve();

	constructor(events: SessionEvents, updates?: ResourceUpdatesSource) {
		this.#updates = updates;
		this.listing = new SessionList(
			{
				capability: 'resources',
				unsupported: 'This server does not offer resources.',
				method: 'resources/list',
				fetch: (session) => listResources(session),
				changed: 'notifications/resources/list_changed',
				fields: (r) => [r.uri, r.name, r.title, r.description],
				key: (r) => r.uri
			},
			events
		);
		this.templateListing = new SessionList(
			{
				capability: 'resources',
				unsupported: '',
				method: 'resources/templates/list',
				fetch: (session) => listResourceTemplates(session),
				changed: 'notifications/resources/list_changed',
				fields: (t) => [t.uriTemplate, t.name, t.title, t.description],
				key: (t) => t.uriTemplate,
				failure: (problem) => [`Resource templates: ${problem.message}`]
			},
			events
		);
		events.listen({
			ready: (session) => {
				const server = maskUrl(session.url.href);
				if (server !== this.#server) {
					this.reads = {};
					this.templateReads = {};
					this.selection = undefined;
				}
				this.#server = server;
				// A new session on the server holds no subscriptions.
				this.#forgetSubscriptions();
				this.subscribeProblems = {};
				this.completer.clear();
				import('../../core/uri-template.js').then(
					(m) => (this.uriTemplates = m),
					() =>
						(this.templateCodeProblem =
							'Loupe could not load its URI template support; reload the page to use templates.')
				);
			},
			ended: () => {
				this.#forgetSubscriptions();
				this.completer.clear();
			},
			notification: (n: Notification) => {
				if (n.method !== 'notifications/resources/updated') return;
				const uri = updatedUri(n.params);
				if (uri) this.updated = { ...this.updated, [uri]: new Date().toLocaleTimeString() };
			}
		});
	}

	get session(): McpSession | undefined {
		return this.listing.session;
	}
	get list(): ResourceInfo[] {
		return this.listing.items;
	}
	get templates(): ResourceTemplateInfo[] {
		return this.templateListing.items;
	}
	get loading(): boolean {
		return this.listing.loading || this.templateListing.loading;
	}
	/** One filter for the pane: resources and templates alike. */
	get filter(): string {
		return this.listing.filter;
	}
	set filter(text: string) {
		this.listing.filter = text;
		this.templateListing.filter = text;
	}
	get visible(): ResourceInfo[] {
		return this.listing.visible;
	}
	get visibleTemplates(): ResourceTemplateInfo[] {
		return this.templateListing.visible;
	}
	problems = $derived.by(() => [
		...this.listing.problems,
		...this.templateListing.problems,
		...(this.templateCodeProblem ? [this.templateCodeProblem] : [])
	]);

	/** Subscriptions and the updates they announced belong to one session. */
	#forgetSubscriptions(): void {
		this.subscribed = [];
		this.listenHonored = [];
		this.listenEnded = undefined;
		this.updated = {};
	}

	selectedResource = $derived.by(() => {
		const s = this.selection;
		return s?.kind === 'resource' ? this.list.find((r) => r.uri === s.uri) : undefined;
	});
	selectedTemplate = $derived.by(() => {
		const s = this.selection;
		return s?.kind === 'template'
			? this.templates.find((t) => t.uriTemplate === s.uriTemplate)
			: undefined;
	});
	subscribeSupport = $derived.by(() =>
		this.session ? subscribeSupport(this.session.details) : undefined
	);

	/** Fetches both lists again. */
	async refresh(): Promise<void> {
		await Promise.all([this.listing.refresh(), this.templateListing.refresh()]);
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
		if (!this.listing.isCurrent(session)) {
			// The session ended or changed meanwhile: the read is over, whatever it returned.
			if (this.reads[uri]?.reading)
				this.reads = { ...this.reads, [uri]: { ...this.reads[uri], reading: false } };
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
		if (this.subscribeSupport?.ok && this.subscribeSupport.via === 'listen')
			return this.#setListened(session, uri, on);
		try {
			if (on) await subscribeResource(session, uri);
			else await unsubscribeResource(session, uri);
			if (!this.listing.isCurrent(session)) return;
			this.subscribed = on
				? [...new Set([...this.subscribed, uri])]
				: this.subscribed.filter((u) => u !== uri);
		} catch (error) {
			if (!this.listing.isCurrent(session)) return;
			this.subscribeProblems = {
				...this.subscribeProblems,
				[uri]: session.explain(error, `resources/${on ? 'subscribe' : 'unsubscribe'} ${uri}`)
			};
		}
	}

	/** 2026-07-28 era: reopens the listen stream with this URI added to or removed from its filter. */
	#setListened(session: McpSession, uri: string, on: boolean): Promise<void> {
		const run = async () => {
			if (!this.listing.isCurrent(session)) return;
			const source = this.#updates;
			const problem = (message: string) =>
				(this.subscribeProblems = {
					...this.subscribeProblems,
					[uri]: { kind: 'protocol', message, hints: [] }
				});
			if (!source)
				return void problem(
					'Loupe has no subscriptions/listen stream to carry resource subscriptions.'
				);
			const next = on
				? [...new Set([...this.subscribed, uri])]
				: this.subscribed.filter((u) => u !== uri);
			this.subscribing = true;
			const outcome = await source
				.setResourceSubscriptions(next)
				.finally(() => (this.subscribing = false));
			if (!this.listing.isCurrent(session)) return;
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
				if (!this.listing.isCurrent(session) || !this.subscribed.length) return;
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
		this.completer.request(
			`${uriTemplate}\n${variable}`,
			{ type: 'ref/resource', uri: uriTemplate },
			{ name: variable, value: values[variable] ?? '' },
			{ ...values }
		);
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
