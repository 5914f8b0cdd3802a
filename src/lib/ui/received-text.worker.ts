/**
 * The module worker that reads big received messages for the traffic log (core/received-text.ts),
 * so a 10 MB result is parsed on the page's main thread only once, by the SDK.
 */
import { readReceivedText, type ReceivedText } from '../core/received-text.js';
import { messageSubject } from '../core/traffic-subject.js';
import { serveCalls, type WorkerScope } from '../core/worker-calls.js';

serveCalls(self as unknown as WorkerScope<null, ReceivedText>, (_request, text) =>
	readReceivedText(text, messageSubject)
);
