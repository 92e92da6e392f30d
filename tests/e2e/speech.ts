/**
 * A speech engine for chromium in tests: chromium (with --enable-speech-dispatcher) starts
 * Debian's speech-dispatcher, which speaks with espeak-ng. Machines running tests have no sound
 * card, so its audio goes to libao's null driver. All of it is configured in a throwaway home
 * (HOME, XDG_CONFIG_HOME, XDG_RUNTIME_DIR, XDG_CACHE_HOME): the user's own speech settings and
 * a speech-dispatcher they may be running are never touched, and ours listens on a socket of
 * its own. Utterances then fire real start and end events, as they do for a listener.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SYSTEM_CONFIG = '/etc/speech-dispatcher/speechd.conf';
const MODULE = '/usr/lib/speech-dispatcher-modules/sd_espeak-ng';

export function speechHome(): { env: Record<string, string>; cleanUp: () => void } {
	if (!existsSync(SYSTEM_CONFIG) || !existsSync(MODULE)) {
		throw new Error(
			'The read-aloud tests need a speech engine: install Debian’s speech-dispatcher and speech-dispatcher-espeak-ng ' +
				'(apt-get install speech-dispatcher speech-dispatcher-espeak-ng); .ci/install-test-deps does this for you.'
		);
	}
	const home = mkdtempSync(join(tmpdir(), 'speech-home-'));
	const config = join(home, '.config');
	const runtime = join(home, 'run');
	mkdirSync(join(config, 'speech-dispatcher'), { recursive: true });
	mkdirSync(runtime, { mode: 0o700 });
	const conf = readFileSync(SYSTEM_CONFIG, 'utf8');
	const audio = 'AudioOutputMethod "libao"';
	writeFileSync(join(config, 'speech-dispatcher', 'speechd.conf'), /^#?\s*AudioOutputMethod\b.*$/m.test(conf) ? conf.replace(/^#?\s*AudioOutputMethod\b.*$/m, audio) : `${conf}\n${audio}\n`);
	writeFileSync(join(home, '.libao'), 'default_driver=null\n');
	return {
		env: { HOME: home, XDG_CONFIG_HOME: config, XDG_RUNTIME_DIR: runtime, XDG_CACHE_HOME: join(home, '.cache') },
		cleanUp() {
			// the speech-dispatcher chromium started outlives it for a while: ended by its own id
			for (const pid of dispatchersUsing(runtime)) {
				try {
					process.kill(pid);
				} catch {
					// gone already
				}
			}
			rmSync(home, { recursive: true, force: true });
		}
	};
}

/** The ids of speech-dispatcher processes whose socket is under `dir` (so: ours). */
function dispatchersUsing(dir: string): number[] {
	return readdirSync('/proc')
		.filter((d) => /^\d+$/.test(d))
		.filter((d) => {
			try {
				const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0');
				return cmd[0]?.endsWith('speech-dispatcher') && cmd.some((a) => a.startsWith(dir));
			} catch {
				return false;
			}
		})
		.map(Number);
}
