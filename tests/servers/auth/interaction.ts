/**
 * The test authorization server's login and consent pages: plain HTML forms, no script.
 *
 *   GET  /interaction/:uid          login page (textbox "Username", button "Sign in")
 *                                   or consent page (button "Approve", button "Deny")
 *   POST /interaction/:uid/login    username=…  (any non-empty name signs in)
 *   POST /interaction/:uid/consent  decision=approve|deny
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { escapeHtml } from './authorization-server';
import { readBody } from '../node-http';

const STYLE =
	'body{font:16px system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}label,input,button{display:block;margin:.5rem 0}code{word-break:break-all}';

function page(res: ServerResponse, title: string, body: string): void {
	res.statusCode = 200;
	res.setHeader('Content-Type', 'text/html; charset=utf-8');
	res.setHeader('Cache-Control', 'no-store');
	res.end(
		`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`
	);
}

function loginPage(
	res: ServerResponse,
	prefix: string,
	uid: string,
	clientName: string,
	error?: string
): void {
	page(
		res,
		'Sign in — Loupe test authorization server',
		`<h1>Sign in</h1>
<p>to continue to <strong>${escapeHtml(clientName)}</strong> (Loupe test authorization server: any username works).</p>
${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="${escapeHtml(prefix)}/interaction/${encodeURIComponent(uid)}/login">
<label for="username">Username</label><input id="username" name="username" autocomplete="username" autofocus>
<button type="submit">Sign in</button>
</form>`
	);
}

function consentPage(
	res: ServerResponse,
	prefix: string,
	uid: string,
	clientName: string,
	account: string,
	scopes: string[],
	resources: string[]
): void {
	const list = scopes.length
		? scopes.map((s) => `<li><code>${escapeHtml(s)}</code></li>`).join('')
		: '<li>no extra scopes</li>';
	page(
		res,
		'Approve access — Loupe test authorization server',
		`<h1>Approve access</h1>
<p><strong>${escapeHtml(clientName)}</strong> asks to act as <strong>${escapeHtml(account)}</strong> with:</p>
<ul aria-label="Requested scopes">${list}</ul>
${resources.length ? `<p>on ${resources.map((r) => `<code>${escapeHtml(r)}</code>`).join(', ')}</p>` : ''}
<form method="post" action="${escapeHtml(prefix)}/interaction/${encodeURIComponent(uid)}/consent">
<button type="submit" name="decision" value="approve">Approve</button>
<button type="submit" name="decision" value="deny">Deny</button>
</form>`
	);
}

/** `prefix`: where the provider is mounted ('' at the root); `req.url` is already without it. */
export async function handleInteraction(
	provider: Provider,
	req: IncomingMessage,
	res: ServerResponse,
	prefix = ''
): Promise<void> {
	const path = new URL(req.url ?? '/', 'http://localhost').pathname;
	const [, , uid, action] = path.split('/');
	const details = await provider.interactionDetails(req, res);
	if (details.uid !== uid)
		throw new Error('this sign-in page is out of date; start again from Loupe');
	const client = await provider.Client.find(String(details.params.client_id));
	const clientName = client?.clientName ?? String(details.params.client_id);

	if (req.method === 'GET' && action === undefined) {
		if (details.prompt.name === 'login') return loginPage(res, prefix, uid, clientName);
		const promptDetails = details.prompt.details as {
			missingOIDCScope?: string[];
			missingResourceScopes?: Record<string, string[]>;
		};
		const resourceScopes = Object.values(promptDetails.missingResourceScopes ?? {}).flat();
		const scopes = [...new Set([...(promptDetails.missingOIDCScope ?? []), ...resourceScopes])];
		return consentPage(
			res,
			prefix,
			uid,
			clientName,
			String(details.session?.accountId ?? ''),
			scopes,
			Object.keys(promptDetails.missingResourceScopes ?? {})
		);
	}
	if (req.method !== 'POST') {
		res.statusCode = 405;
		return void res.end();
	}
	const form = new URLSearchParams((await readBody(req, 64 * 1024)).toString('utf8'));
	if (action === 'login') {
		const username = (form.get('username') ?? '').trim();
		if (!username)
			return loginPage(res, prefix, uid, clientName, 'Type a username (any name works).');
		await provider.interactionFinished(
			req,
			res,
			{ login: { accountId: username } },
			{ mergeWithLastSubmission: false }
		);
		return;
	}
	if (action === 'consent') {
		if (form.get('decision') !== 'approve') {
			await provider.interactionFinished(
				req,
				res,
				{ error: 'access_denied', error_description: 'The person denied access.' },
				{ mergeWithLastSubmission: false }
			);
			return;
		}
		const promptDetails = details.prompt.details as {
			missingOIDCScope?: string[];
			missingResourceScopes?: Record<string, string[]>;
		};
		const grant = details.grantId
			? (await provider.Grant.find(details.grantId))!
			: new provider.Grant({
					accountId: details.session!.accountId,
					clientId: String(details.params.client_id)
				});
		if (promptDetails.missingOIDCScope)
			grant.addOIDCScope(promptDetails.missingOIDCScope.join(' '));
		for (const [indicator, scopes] of Object.entries(promptDetails.missingResourceScopes ?? {})) {
			grant.addResourceScope(indicator, scopes.join(' '));
		}
		const grantId = await grant.save();
		await provider.interactionFinished(
			req,
			res,
			{ consent: { grantId } },
			{ mergeWithLastSubmission: true }
		);
		return;
	}
	res.statusCode = 404;
	res.end();
}
