/**
 * The demo prompts: arguments (required and optional) with completions, one whose completion
 * depends on an earlier argument, messages with text, image, audio, embedded resources and
 * resource links, a hostile prompt, and an extra prompt listed only after reading demo://extras/toggle.
 */
import { completable, type McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { gradientPng } from './png';
import { toneWav } from './wav';
import { extrasEnabled, followExtras } from './resources';

export const STYLES = ['casual', 'formal', 'pirate'];
export const CITIES: Record<string, string[]> = {
	france: ['Paris', 'Lyon', 'Marseille'],
	japan: ['Tokyo', 'Kyoto', 'Osaka'],
	peru: ['Lima', 'Cusco', 'Arequipa']
};
export const HOSTILE_PROMPT_TEXT =
	'<img src=x onerror="document.title=\'pwned\'"><script>document.title="pwned"</script> prompt text';

const startsWith = (values: string[], prefix: string | undefined) =>
	values.filter((v) => v.toLowerCase().startsWith((prefix ?? '').toLowerCase()));

export function registerDemoPrompts(server: McpServer): void {
	server.registerPrompt(
		'greet',
		{
			title: 'Greeting',
			description: 'A greeting in a style; both arguments complete',
			argsSchema: z.object({
				name: completable(z.string().describe('Who to greet'), (value) =>
					startsWith(['Ada', 'Alan', 'Grace', 'Linus'], value)
				),
				// completable() inside .optional(): the SDK unwraps the optional before looking for the completer.
				style: completable(z.string().describe('casual, formal or pirate'), (value) =>
					startsWith(STYLES, value)
				).optional()
			})
		},
		({ name, style }) => ({
			description: `Greeting for ${name}`,
			messages: [
				{
					role: 'user',
					content: { type: 'text', text: `Greet ${name} in a ${style ?? 'casual'} style.` }
				},
				{
					role: 'assistant',
					content: { type: 'text', text: style === 'pirate' ? `Ahoy, ${name}!` : `Hello, ${name}!` }
				}
			]
		})
	);

	server.registerPrompt(
		'trip',
		{
			title: 'Trip plan',
			description: 'The city completes from the country chosen before it (context.arguments)',
			argsSchema: z.object({
				country: completable(z.string().describe('france, japan or peru'), (value) =>
					startsWith(Object.keys(CITIES), value)
				),
				city: completable(z.string().describe('A city in that country'), (value, context) => {
					const country = (context?.arguments?.country ?? '').toLowerCase();
					return startsWith(CITIES[country] ?? Object.values(CITIES).flat(), value);
				})
			})
		},
		({ country, city }) => ({
			messages: [
				{ role: 'user', content: { type: 'text', text: `Plan three days in ${city}, ${country}.` } }
			]
		})
	);

	server.registerPrompt(
		'show_media',
		{
			title: 'Media and resources',
			description: 'Messages with an image, audio, an embedded resource and a resource link'
		},
		() => ({
			messages: [
				{ role: 'user', content: { type: 'text', text: 'Describe this picture.' } },
				{
					role: 'user',
					content: {
						type: 'image',
						mimeType: 'image/png',
						data: gradientPng(16, 16).toString('base64')
					}
				},
				{
					role: 'user',
					content: {
						type: 'audio',
						mimeType: 'audio/wav',
						data: toneWav(200, 660).toString('base64')
					}
				},
				{
					role: 'user',
					content: {
						type: 'resource',
						resource: {
							uri: 'demo://docs/guide.md',
							mimeType: 'text/markdown',
							text: 'Embedded guide text.'
						}
					}
				},
				{
					role: 'assistant',
					content: {
						type: 'resource_link',
						uri: 'demo://notes/welcome',
						name: 'welcome',
						title: 'Welcome note',
						mimeType: 'text/plain'
					}
				}
			]
		})
	);

	server.registerPrompt(
		'hostile_prompt',
		{
			title: '<img src=x onerror="document.title=\'pwned\'"> Hostile prompt',
			description: '<script>document.title="pwned"</script><b>bold?</b> shown as text',
			argsSchema: z.object({
				html: z.string().describe('<i>markup</i> in a description').optional()
			})
		},
		({ html }) => ({
			messages: [
				{ role: 'user', content: { type: 'text', text: `${HOSTILE_PROMPT_TEXT} ${html ?? ''}` } }
			]
		})
	);

	const extra = server.registerPrompt(
		'extra_prompt',
		{ title: 'Extra prompt', description: 'Listed only after reading demo://extras/toggle' },
		() => ({ messages: [{ role: 'user', content: { type: 'text', text: 'The extra prompt.' } }] })
	);
	if (!extrasEnabled()) extra.disable();
	followExtras(server, (on) => (on ? extra.enable() : extra.disable()));
}
