/**
 * The composition root of one server: builds its traffic log, connection, sign-in and every store
 * that hears its session, each given what it depends on as constructor arguments. Pages render
 * what this builds; nothing else wires stores together.
 */
import { TrafficLog } from '../traffic/traffic-log.svelte.js';
import { ConnectionState } from '../connection/connection.svelte.js';
import { AuthState } from '../auth/auth.svelte.js';
import { ToolsState } from '../tools/tools.svelte.js';
import { ClientRequestsState } from '../requests/client-requests.svelte.js';
import { LogsState } from '../logs/logs.svelte.js';
import { TasksState } from '../tasks/tasks.svelte.js';
import { ServerChecksState } from '../connection/server-checks.svelte.js';
import { ResourcesState } from '../resources/resources.svelte.js';
import { PromptsState } from '../prompts/prompts.svelte.js';
import { CorsDoctorState } from '../cors-doctor/cors-doctor.svelte.js';
import { readyAfter } from '../../ui/session-events.js';
import { afterNextPaint } from '../../ui/next-frame.js';

export class ServerStores {
	readonly log = new TrafficLog();
	readonly auth: AuthState;
	readonly connection: ConnectionState;
	readonly requests: ClientRequestsState;
	readonly tools: ToolsState;
	readonly logs: LogsState;
	readonly tasks: TasksState;
	readonly checks: ServerChecksState;
	readonly resources: ResourcesState;
	readonly prompts: PromptsState;
	/** The CORS doctor for this server ("Check server"). */
	readonly doctor: CorsDoctorState;

	constructor(
		options: {
			onConnect?: () => void;
			/** URLs of the other servers connected in this tab (the workspace knows them). */
			connectedElsewhere?: () => string[];
		} = {}
	) {
		// Signing in (re)connects; signing out drops the session the token opened.
		this.auth = new AuthState({
			signedIn: () => void this.connection.connect(),
			signedOut: () => this.connection.signedOut()
		});
		this.connection = new ConnectionState(this.log, {
			auth: this.auth,
			setupClient: (client) => this.requests.setupClient(client),
			onConnect: options.onConnect,
			connectedElsewhere: options.connectedElsewhere
		});
		const events = this.connection;
		events.listen({ ready: () => this.auth.sessionReady(), ended: () => this.auth.sessionEnded() });
		this.requests = new ClientRequestsState(events);
		// A tool error that asks the person for something (-32042: open a link) becomes a pending request.
		this.tools = new ToolsState(events, {
			onCallError: (error, retry, name) => this.requests.fromToolError(error, retry, name)
		});
		this.logs = new LogsState(events);
		this.tasks = new TasksState(events);
		this.checks = new ServerChecksState(events);
		// Resources and prompts are asked for once the tool list has arrived and is drawn (a second at
		// most): the list the page opens on comes first, not sharing the server and the page with others.
		const afterTools = readyAfter(
			events,
			() => this.tools.listing.fetched.then(afterNextPaint),
			1000
		);
		// 2026-07-28 era: resource subscriptions ride on the Server panel's subscriptions/listen stream.
		this.resources = new ResourcesState(afterTools, this.checks);
		this.prompts = new PromptsState(afterTools);
		this.doctor = new CorsDoctorState(this.connection, this.auth, this.log);
	}
}
