/** The CORS doctor's code, loaded when a person first selects "Check server". */
export { checkServer, type DoctorOptions } from './doctor.js';
export { headerLines, snippets, type Snippet } from './snippets.js';
export {
	HOPS,
	STATUS_LABEL,
	hopTitle,
	type HopVerdict,
	type HopId,
	type HopStatus,
	type CorsFix
} from './verdicts.js';
