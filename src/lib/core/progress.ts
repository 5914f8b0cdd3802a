/**
 * A running request's progress as the server reports it (notifications/progress), with a note
 * when the server is off-spec: progress MUST increase with each notification (so neither going
 * back nor repeating a value is allowed), and a value past the total it gave says its total (or
 * its count) is wrong. The value is shown as sent either way. A run of repeats is one note, set at
 * its first repeat and the same for the rest of the run (no count that changes with each message).
 */

export interface Progress {
	progress: number;
	total?: number;
	message?: string;
	/** What is off-spec in the reports so far ("progress went back from 40 to 10"); kept for the rest of the call. */
	note?: string;
}

/** The progress to show after `report`, given what was shown before it (undefined for the first). */
export function nextProgress(
	previous: Progress | undefined,
	report: { progress: number; total?: number; message?: string }
): Progress {
	const { progress, total, message } = report;
	let note = previous?.note;
	if (previous && progress < previous.progress)
		note = `progress went back from ${previous.progress} to ${progress} (it must increase)`;
	else if (previous && progress === previous.progress)
		note = `progress stayed at ${progress} (it must increase with each notification)`;
	else if (total !== undefined && progress > total)
		note = `progress ${progress} is past the total ${total}`;
	return { progress, total, message, ...(note !== undefined && { note }) };
}
