// Child process: one Gatehouse instance for the events benchmark (relay and webhook worker included).
import { pino } from 'pino';
import { loadConfig } from '../../src/config.ts';
import { startServer } from '../../src/server.ts';

const config = loadConfig(process.env, { port: 0, logLevel: 'silent', databasePoolMax: 16, webhookAllowPrivateAddresses: true, webhookAllowHttp: true });
const server = await startServer(config, pino({ level: 'silent' }));
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
