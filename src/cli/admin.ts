/**
 * `npm run admin -- reset-password --email teacher@school.org` (or `--username student`): prints
 * a one-time code for /reset, for whoever runs the server. Teachers have nobody else to ask.
 */
import { parseArgs } from 'node:util';
import { issueCode, CODE_TTL_MS } from '../lib/server/auth/password-reset';
import { configFromEnv, createDb } from '../lib/server/db/client';
import { migrateToLatest } from '../lib/server/db/migrate';
import { findLogin, findLoginByEmail } from '../lib/server/db/users';

const USAGE = `Usage:
  npm run admin -- reset-password --email <teacher's email>
  npm run admin -- reset-password --username <student's username>`;

const { positionals, values } = parseArgs({
	args: process.argv.slice(2),
	allowPositionals: true,
	options: { email: { type: 'string' }, username: { type: 'string' }, help: { type: 'boolean', short: 'h' } }
});

async function main(): Promise<number> {
	if (values.help || positionals[0] !== 'reset-password' || positionals.length !== 1 || !!values.email === !!values.username) {
		console.error(USAGE);
		return values.help ? 0 : 2;
	}
	const handle = createDb(configFromEnv());
	try {
		await migrateToLatest(handle.db);
		const who = values.email ? values.email.trim().toLowerCase() : values.username!.trim().toLowerCase();
		const user = values.email ? await findLoginByEmail(handle.db, who) : await findLogin(handle.db, who);
		if (!user) {
			console.error(`No account has the ${values.email ? 'email address' : 'username'} "${who}" in the ${handle.engine} database at ${handle.where}.`);
			return 1;
		}
		const { code, expiresAt } = await issueCode(handle.db, user.id, 'reset', { id: null, name: 'the administrator of this server' });
		console.log(`One-time code for ${user.display_name} (${who}): ${code}`);
		console.log(`It works once, until ${expiresAt.toISOString()} (${CODE_TTL_MS / 3600_000} hours). Any earlier code stops working.`);
		console.log(`Open /reset on the site, type "${who}" and the code, and choose a new password.`);
		return 0;
	} finally {
		await handle.close();
	}
}

process.exitCode = await main();
