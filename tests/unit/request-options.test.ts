/** The person's timeout settings: cleaned, turned into SDK options, and in force over any caller's. */
import { describe, expect, it } from 'vitest';
import {
	cleanTimeouts,
	connectTimeoutMs,
	describeTimeouts,
	timeoutOptions,
	withTimeouts
} from '../../src/lib/core/request-options';

describe('timeoutOptions', () => {
	it('turns seconds into SDK options; 0 means no ceiling', () => {
		expect(timeoutOptions({ requestTimeoutS: 2, maxTotalTimeoutS: 0 })).toEqual({
			timeout: 2000,
			resetTimeoutOnProgress: true,
			maxTotalTimeout: undefined
		});
		expect(timeoutOptions({ requestTimeoutS: 0.25, maxTotalTimeoutS: 10 })).toEqual({
			timeout: 250,
			resetTimeoutOnProgress: true,
			maxTotalTimeout: 10_000
		});
	});
});

describe('withTimeouts', () => {
	const settings = { requestTimeoutS: 2, maxTotalTimeoutS: 10 };

	it('the settings win over a timeout the caller passed', () => {
		// What prompts/get and resources/read (60 s) and completions and subscribe (15 s) used to pass.
		expect(withTimeouts({ timeout: 60_000 }, settings)).toEqual({
			timeout: 2000,
			resetTimeoutOnProgress: true,
			maxTotalTimeout: 10_000
		});
		expect(
			withTimeouts({ timeout: 15_000, maxTotalTimeout: 1, resetTimeoutOnProgress: false }, settings)
		).toEqual({
			timeout: 2000,
			resetTimeoutOnProgress: true,
			maxTotalTimeout: 10_000
		});
	});

	it('"no ceiling" in the settings removes a ceiling the caller asked for', () => {
		const out = withTimeouts(
			{ maxTotalTimeout: 5000 },
			{ requestTimeoutS: 2, maxTotalTimeoutS: 0 }
		);
		expect(out?.maxTotalTimeout).toBeUndefined();
	});

	it("keeps the caller's signal, progress handler and headers", () => {
		const signal = new AbortController().signal;
		const onprogress = () => {};
		const out = withTimeouts(
			{ signal, onprogress, headers: { 'Mcp-Param-Region': 'eu' }, timeout: 1 },
			settings
		);
		expect(out).toMatchObject({
			signal,
			onprogress,
			headers: { 'Mcp-Param-Region': 'eu' },
			timeout: 2000
		});
	});

	it("without settings, the caller's options stand (the core on its own)", () => {
		expect(withTimeouts({ timeout: 5 }, undefined)).toEqual({ timeout: 5 });
		expect(withTimeouts(undefined, undefined)).toBeUndefined();
		expect(withTimeouts(undefined, settings)).toEqual({
			timeout: 2000,
			resetTimeoutOnProgress: true,
			maxTotalTimeout: 10_000
		});
	});

	it('settings a person typed badly fall back to the defaults', () => {
		expect(
			withTimeouts({ timeout: 5 }, { requestTimeoutS: -1, maxTotalTimeoutS: Number.NaN })
		).toEqual({
			timeout: 60_000,
			resetTimeoutOnProgress: true,
			maxTotalTimeout: 600_000
		});
	});
});

describe('cleanTimeouts and the connection timeout', () => {
	it('keeps positive numbers, caps at a day, fills in the defaults', () => {
		expect(cleanTimeouts({ requestTimeoutS: -1, maxTotalTimeoutS: Number.NaN })).toEqual({
			requestTimeoutS: 60,
			maxTotalTimeoutS: 600,
			connectTimeoutS: 30
		});
		expect(
			cleanTimeouts({ requestTimeoutS: 1e9, maxTotalTimeoutS: 0, connectTimeoutS: 0 })
		).toEqual({ requestTimeoutS: 86_400, maxTotalTimeoutS: 0, connectTimeoutS: 30 });
	});

	it('gives the handshake its own limit', () => {
		expect(
			connectTimeoutMs({ requestTimeoutS: 60, maxTotalTimeoutS: 0, connectTimeoutS: 4.5 })
		).toBe(4500);
		expect(connectTimeoutMs({ requestTimeoutS: 60, maxTotalTimeoutS: 0 })).toBe(30_000);
	});
});

describe('describeTimeouts', () => {
	it('says what Loupe waits for', () => {
		expect(describeTimeouts({ requestTimeoutS: 0.5, maxTotalTimeoutS: 0 })).toBe(
			'Loupe waits 0.5 s for an answer or a progress notification: change it under Settings → Timeouts.'
		);
		expect(describeTimeouts(undefined)).toContain('at most 600 s in all');
	});
});
