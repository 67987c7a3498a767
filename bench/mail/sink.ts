// The benchmark's SMTP server, in a process of its own (as a real one would be): accepts every
// message, parses nothing, counts messages per recipient. Talks to its parent over IPC:
//   → { ready: url }   ← 'reset' | { until: n }   → { reached: n, count, duplicates }
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

const seen = new Map<string, number>();
let count = 0;
let waitingFor = Infinity;

const report = () => {
  const duplicates = [...seen.values()].filter((n) => n > 1).length;
  process.send!({ reached: waitingFor, count, duplicates });
  waitingFor = Infinity;
};

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  maxClients: 1000,
  onData(stream, session, callback) {
    stream.resume();
    stream.on('end', () => {
      for (const r of session.envelope.rcptTo) seen.set(r.address, (seen.get(r.address) ?? 0) + 1);
      count++;
      if (count >= waitingFor) report();
      callback();
    });
  },
});
server.listen(0, '127.0.0.1');
await once(server.server, 'listening');
process.on('message', (m: 'reset' | 'stop' | { until: number }) => {
  if (m === 'reset') {
    seen.clear();
    count = 0;
  } else if (m === 'stop') {
    server.close(() => process.exit(0));
  } else {
    waitingFor = m.until;
    if (count >= waitingFor) report();
  }
});
process.send!({ ready: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}` });
