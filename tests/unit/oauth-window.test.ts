/** The sign-in window's checks: which URLs it may open, which messages count as the callback. */
import { describe, expect, it } from 'vitest';
import {
	CALLBACK_MESSAGE,
	checkOpenableUrl,
	isCallbackMessage,
	SignInWindowError
} from '../../src/lib/features/auth/oauth-window';

describe('checkOpenableUrl', () => {
	it('opens https anywhere and http only on loopback hosts', () => {
		for (const ok of [
			'https://as.example/auth',
			'http://localhost:3000/auth',
			'http://127.0.0.1:3412/auth',
			'http://[::1]:8080/a',
			'http://app.localhost/a'
		]) {
			expect(checkOpenableUrl(new URL(ok)).href).toBe(new URL(ok).href);
		}
	});
	it('refuses other schemes and plain http elsewhere', () => {
		for (const bad of [
			'javascript:alert(1)',
			'data:text/html,<b>x</b>',
			'file:///etc/passwd',
			'http://as.example/auth',
			'http://127.0.0.1.evil.example/a'
		]) {
			expect(() => checkOpenableUrl(new URL(bad))).toThrow(SignInWindowError);
		}
	});
});

describe('isCallbackMessage', () => {
	const origin = 'http://127.0.0.1:4411';
	it('accepts only Loupe callback messages whose URL is on Loupe’s own origin', () => {
		expect(
			isCallbackMessage(
				{ type: CALLBACK_MESSAGE, url: `${origin}/oauth/callback/?code=c&state=s` },
				origin
			)
		).toBe(true);
		expect(
			isCallbackMessage(
				{ type: CALLBACK_MESSAGE, url: 'https://evil.example/oauth/callback/?code=c' },
				origin
			)
		).toBe(false);
		expect(isCallbackMessage({ type: 'other', url: `${origin}/oauth/callback/` }, origin)).toBe(
			false
		);
		expect(isCallbackMessage({ type: CALLBACK_MESSAGE, url: 42 }, origin)).toBe(false);
		expect(isCallbackMessage('loupe:oauth-callback', origin)).toBe(false);
		expect(isCallbackMessage(null, origin)).toBe(false);
	});
});
